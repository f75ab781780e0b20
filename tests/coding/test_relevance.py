"""Relevance: a sentence with an event trigger reports political violence, a demonstration or a strategic
development (CODEBOOK.md) only when news of that kind is what it says; sport, markets, courts, accidents, crime
for gain, plans and tallies borrow the same words. Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from sitrep.coding.event_types import classify_sentence
from sitrep.coding.relevance import (
    ArticleContext,
    TriggerView,
    assess_article,
    load_relevance_rules,
    names_conflict,
    sentence_relevance,
)
from sitrep.coding.resources import default_resources
from sitrep.coding.sentences import is_hard_wrapped, split_sentences

RULES = load_relevance_rules()
LEXICON = default_resources().events
# An article that names conflict and politics somewhere: the sentence alone decides.
NEWS = ArticleContext("", True, True)
TYPES = {"Attack": "Violence against civilians", "Armed clash": "Battles", "Peaceful protest": "Protests",
         "Arrests": "Strategic developments", "Mob violence": "Riots"}


def _trigger_at(sentence: str, word: str, sub_event_type: str) -> TriggerView:
    start = sentence.index(word)
    return TriggerView(sub_event_type, TYPES[sub_event_type], start, start + len(word), word)


def _verdict(sentence: str, word: str, sub_event_type: str, article: ArticleContext = NEWS):
    """The verdict on a trigger placed by hand: relevance judges whatever trigger the classifier found."""
    return sentence_relevance(sentence, _trigger_at(sentence, word, sub_event_type), article, RULES)


def _classified_verdict(sentence: str, article: ArticleContext = NEWS):
    """The verdict on the trigger the classifier itself finds, as the coder uses it."""
    trigger = classify_sentence(sentence, LEXICON)
    assert trigger is not None, "the sentence must carry a trigger for relevance to judge"
    return sentence_relevance(sentence, trigger, article, RULES)


# ------------------------------------------------------------------------------------------- borrowed words

def test_a_late_attack_in_a_match_report_is_sport() -> None:
    """Football reports attack, defend and strike: in a match, with a minute and a cup, 'attack' is play."""
    v = _verdict("United struck with a late attack in the 89th minute to win the cup match against City.",
                 "attack", "Attack")
    assert not v.relevant and "sport" in v.reason


def test_a_clash_of_the_titans_is_sport() -> None:
    v = _classified_verdict("It was a clash of the titans as the two unbeaten sides met in the league "
                            "semi-final on Saturday.")
    assert not v.relevant and "sport" in v.reason


def test_a_late_rally_vouches_not_for_itself() -> None:
    """'rally' is both the trigger and a word of protest: the trigger's own words may not count as the political
    cue that would override the sport frame around it."""
    v = _classified_verdict("Detroit fell behind in the third quarter and a late rally came up short.")
    assert not v.relevant and "sport" in v.reason


def test_shares_rallied_is_a_market_report() -> None:
    v = _classified_verdict("Shares rallied on Tuesday as investors welcomed the central bank's decision to "
                            "hold interest rates.")
    assert not v.relevant and "business" in v.reason


def test_a_sports_headline_makes_the_whole_article_sport() -> None:
    """A headline slug names the domain: every borrowed word below it is read in that light."""
    text = ("The visitors attacked from the first whistle. Their captain fired a shot that hit the post, and the "
            "home side's defence held until half-time. ") * 3
    article = assess_article("Soccer: City edge United in derby", text, RULES)
    assert article.domain == "sport"
    assert not _verdict("The visitors attacked from the first whistle.", "attacked", "Attack", article).relevant


def test_an_index_that_rallied_by_a_percentage_is_a_market() -> None:
    v = _classified_verdict("On Wednesday the blue-chip index rallied 1.5 percent on strong economic news.")
    assert not v.relevant and "business" in v.reason


def test_demonstrated_skill_in_a_tournament_is_sport() -> None:
    """'demonstrated' is a word of showing before it is a word of protest."""
    v = _verdict("The striker demonstrated poise beyond her years in the pre-tournament friendly.",
                 "demonstrated", "Peaceful protest")
    assert not v.relevant and "sport" in v.reason


def test_a_states_protest_is_diplomacy() -> None:
    v = _verdict("Western nations, protesting the curbs on the media, demanded reforms on Monday.", "protesting",
                 "Peaceful protest")
    assert not v.relevant and "diplomatic" in v.reason


# ------------------------------------------------------------------------------- courts, accidents, crime

def test_appeared_in_court_charged_with_murder_is_a_court_report() -> None:
    """A court report retells a crime in the words of a charge sheet, often long after it happened."""
    v = _classified_verdict("A 34-year-old man appeared in court on Monday charged with the murder of a taxi "
                            "owner.")
    assert not v.relevant and v.reason == "court report"


def test_a_possessive_court_name_is_still_a_court() -> None:
    v = _verdict("The accused is expected to appear in the Riverside Magistrate's Court on Monday charged with "
                 "the murder of a club owner.", "murder", "Attack")
    assert not v.relevant and v.reason == "court report"


def test_a_bus_that_overturned_is_an_accident() -> None:
    """Accidents kill with no actor who meant it: no political violence."""
    v = _classified_verdict("Three people were killed when a bus overturned on the highway near the town on "
                            "Sunday.")
    assert not v.relevant and v.reason == "accident or disaster"


def test_struck_by_a_train_is_an_accident() -> None:
    v = _classified_verdict("A man was killed when he was struck by a train at the station on Wednesday.")
    assert not v.relevant and v.reason == "accident or disaster"


def test_robbery_for_gain_is_crime() -> None:
    """Crime for gain is not political violence unless a political actor, target or motive is named."""
    v = _classified_verdict("Two men robbed a filling station and shot the cashier before fleeing with the cash "
                            "on Friday.")
    assert not v.relevant and "crime" in v.reason


def test_an_arrest_for_a_family_assault_is_police_work() -> None:
    """ACLED counts arrests of significant people or politically significant arrests, not arrests for crime."""
    v = _classified_verdict("A man was arrested on Thursday in connection with the assault of his daughter.")
    assert not v.relevant and "crime" in v.reason


# ------------------------------------------------------------------------------- plans, policies, tallies

@pytest.mark.parametrize("sentence, word", [
    ("The rebels vowed to attack government positions in the north if the talks failed.", "attack"),
    ("The union threatened to strike if the offer was not improved by Friday.", "strike"),
    ("The opposition is deeply divided about whether to boycott the election or protest.", "protest"),
])
def test_plans_threats_and_open_questions_are_not_events(sentence: str, word: str) -> None:
    """A vow, a threat or an undecided choice says what may happen, not what happened."""
    sub = "Peaceful protest" if word in ("strike", "protest") else "Attack"
    v = _verdict(sentence, word, sub)
    assert not v.relevant and "plan" in v.reason


def test_the_fight_against_terrorism_is_a_policy() -> None:
    v = _verdict("The ministers discussed trade and the fight against terrorism on Monday.", "fight", "Mob violence")
    assert not v.relevant and "policy" in v.reason


@pytest.mark.parametrize("sentence, word", [
    ("More than 300 people were killed in road accidents so far this year, the minister said.", "killed"),
    ("Two construction workers are killed a week on building sites, the minister said.", "killed"),
    ("The town commemorated the massacre of 1960 on Sunday.", "massacre"),
])
def test_tallies_and_remembrance_are_not_events(sentence: str, word: str) -> None:
    v = _verdict(sentence, word, "Attack")
    assert not v.relevant


# ------------------------------------------------------------------------------- real events stay relevant

@pytest.mark.parametrize("sentence", [
    "Gunmen killed five villagers in an attack on a market on Tuesday.",
    "Police fired tear gas at hundreds of protesters who marched on parliament on Monday.",
    "Soldiers clashed with militants near the border town on Sunday, killing four of them.",
    "Hundreds of workers went on strike on Wednesday to demand higher wages.",
    "The prime minister was shot dead by gunmen outside his home on Sunday.",
    "Rebels ambushed an army convoy on the road to the capital, killing six soldiers.",
])
def test_reports_of_violence_and_protest_stay_relevant(sentence: str) -> None:
    assert _classified_verdict(sentence).relevant


def test_a_protest_at_a_stadium_is_no_sport() -> None:
    """A sport word in the sentence does not cancel a protest when the crowd and its grievance are named."""
    v = _verdict("Hundreds of fans protested outside the stadium against the government's new tax on Sunday.",
                 "protested", "Peaceful protest")
    assert v.relevant


def test_anti_government_protesters_are_no_diplomats() -> None:
    """'government protests' inside 'anti-government protests' is a crowd against a state, not a state's note."""
    v = _verdict("Riot police chased demonstrators during anti-government protests in the capital on Tuesday.",
                 "protests", "Peaceful protest")
    assert v.relevant


def test_fans_who_fight_with_sticks_and_leave_one_dead_are_violent() -> None:
    """Nobody dies in a metaphor: harm done to people keeps a sport word a report of violence."""
    assert _classified_verdict("Rival football fans fought with sticks and stones near the stadium on Sunday, "
                               "leaving one dead and 12 injured.").relevant


def test_a_prosecutor_who_reports_an_air_attack_is_no_court() -> None:
    """Prosecutors report attacks too (war-crimes offices): only the words of a trial make a court report."""
    assert _classified_verdict("Guided bombs hit the centre of the town on Monday, killing four civilians, "
                               "prosecutors said.").relevant


def test_a_bomb_that_killed_a_driver_is_no_accident() -> None:
    """Arms make a death in an accident-like sentence a violent one."""
    assert _classified_verdict("A bomb exploded under a bus on the highway, killing the driver.").relevant


# ------------------------------------------------------------------------------- beyond the lede

def test_a_significant_target_names_news_of_its_own() -> None:
    """Below the lede a trigger with no date of its own is background, unless the sentence names a party of a
    conflict or a target whose attack is political by who the target is."""
    assert names_conflict("The judge was shot a few minutes ago in the city centre.", RULES)
    assert names_conflict("Insurgents fired on the convoy.", RULES)
    assert not names_conflict("A man was shot in the leg outside a shop.", RULES)


# ------------------------------------------------------------------------------- hard-wrapped text

WRAPPED = ("THE NATIONAL POLICE REPORTED TODAY THAT A GROUP OF ARMED MEN ATTACKED A\n"
           "BUS ON THE ROAD TO THE NORTHERN PROVINCE, KILLING TWO PASSENGERS AND\n"
           "WOUNDING SEVEN OTHERS.  THE ATTACKERS FLED INTO THE HILLS AFTER SETTING THE\n"
           "VEHICLE ON FIRE.\n\n"
           "   A SPOKESMAN SAID THAT TROOPS HAD BEEN SENT TO THE AREA AND THAT THE\n"
           "ROAD WAS CLOSED UNTIL FURTHER NOTICE.")


def test_a_text_wrapped_at_a_fixed_width_is_recognised() -> None:
    assert is_hard_wrapped(WRAPPED)
    assert not is_hard_wrapped("One paragraph.\nAnother paragraph.\nA third one.\nAnd a fourth.")


def test_wrapped_lines_join_into_whole_sentences() -> None:
    """A line break inside a wrapped paragraph is typesetting: the sentence runs on; a blank line or an
    indented line starts the next paragraph."""
    sentences = split_sentences(WRAPPED)
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert sentences[0].text.endswith("WOUNDING SEVEN OTHERS.")
    assert all(WRAPPED[s.start:s.end] == s.text for s in sentences)


WRAPPED_BOMBING = ("THE NATIONAL POLICE REPORTED THAT NINE PERSONS WERE INJURED LAST NIGHT IN\n"
                   "ATTACKS AGAINST TWO BANK BRANCHES IN DOWNTOWN MEDELLIN, COLOMBIA.  SEVERAL\n"
                   "CHARGES OF DYNAMITE WERE DETONATED IN THE BANKS, CAUSING CONSIDERABLE\n"
                   "DAMAGE TO THE BUILDINGS AND TO NEARBY SHOPS.\n\n"
                   "   THE AUTHORITIES HAVE NOT YET IDENTIFIED THE PERPETRATORS OF THE ATTACKS.")


def test_an_attack_made_with_explosives_is_one_explosion_event() -> None:
    """Unwrapped, the two sentences of the first paragraph are one event: the attack, elaborated by the dynamite
    it was made with, takes the higher type of the codebook's hierarchy (Explosions/Remote violence)."""
    from sitrep.coding import code_article

    coded = code_article({"id": "wrapped-bombing", "published": "1989-09-16", "title": "", "text": WRAPPED_BOMBING,
                          "outlet": "", "url": ""})
    assert [(e["sub_event_type"], e["event_date"]) for e in coded.events] == \
        [("Remote explosive/landmine/IED", "1989-09-15")]


# ---------------------------------------------------------------------- rules of the h-rules round (team-written)

SPORT = ArticleContext("sport", False, False)


@pytest.mark.parametrize(("sentence", "word", "sub"), [
    ("Her putt on the last hole gave her a one-shot lead as the shooting of the final round began.",
     "shooting", "Attack"),
    ("The veteran had to fight for his place in the squad, surviving a battle of the walking wounded in the "
     "quarter-final.", "fight", "Armed clash"),
    ("The striker fired a single-shot volley past the keeper to seal the win.", "fired", "Attack"),
])
def test_sport_idioms_of_arms_and_wounds_stay_sport(sentence: str, word: str, sub: str) -> None:
    """Arms and wounds cancel a sport frame only when named in their own sense, outside the trigger: "a
    one-shot lead", "the walking wounded" are the game's words."""
    v = _verdict(sentence, word, sub, SPORT)
    assert not v.relevant and "sport" in v.reason


@pytest.mark.parametrize(("sentence", "word", "sub"), [
    ("A supporter was shot and killed outside the stadium after the match, police said.", "shot", "Attack"),
    ("Gunshots rang out as rival fans clashed outside the ground, and two men were taken to hospital with "
     "bullet wounds.", "clashed", "Armed clash"),
])
def test_a_real_shooting_in_a_sports_story_stays_violence(sentence: str, word: str, sub: str) -> None:
    assert _verdict(sentence, word, sub, SPORT).relevant


@pytest.mark.parametrize(("sentence", "word"), [
    ("The company signed a memorandum of understanding with the provincial water board on Tuesday.",
     "signed a memorandum"),
    ("The two retailers reached an agreement on the sale of the chain's northern stores.", "reached an agreement"),
    ("The electoral commission signed an agreement with farmers' groups to allow voting on farms.",
     "signed an agreement"),
])
def test_an_agreement_of_no_conflict_party_is_administration(sentence: str, word: str) -> None:
    v = sentence_relevance(sentence, TriggerView("Agreement", "Strategic developments", sentence.index(word),
                                                 sentence.index(word) + len(word), word), NEWS, RULES)
    assert not v.relevant and "agreement" in v.reason


@pytest.mark.parametrize(("sentence", "word"), [
    ("Government and rebel negotiators signed a ceasefire agreement in the capital on Sunday.", "signed a ceasefire"),
    ("The warring sides agreed to exchange prisoners under a deal brokered by elders.", "agreed to exchange"),
    ("The union and the employers signed an agreement ending the three-week strike.", "signed an agreement"),
])
def test_an_agreement_between_parties_to_a_conflict_is_kept(sentence: str, word: str) -> None:
    v = sentence_relevance(sentence, TriggerView("Agreement", "Strategic developments", sentence.index(word),
                                                 sentence.index(word) + len(word), word), NEWS, RULES)
    assert v.relevant


@pytest.mark.parametrize(("sentence", "word", "sub"), [
    ("The country is still recovering from years of civil war in which rebels killed thousands.", "killed",
     "Attack"),
    ("Decades of conflict have left the region with fighting that flares every dry season.", "fighting",
     "Armed clash"),
])
def test_histories_of_a_war_are_no_event(sentence: str, word: str, sub: str) -> None:
    v = _verdict(sentence, word, sub, NEWS)
    assert not v.relevant and "tally" in v.reason


@pytest.mark.parametrize(("sentence", "word", "sub"), [
    ("The minister rejected accusations of torture by the police in the northern camps.", "torture", "Attack"),
    ("The party denied any role in the killing of the councillor.", "killing", "Attack"),
    ("He faces charges of murder over the death of the trader.", "murder", "Attack"),
])
def test_a_charge_or_an_accusation_named_is_no_account(sentence: str, word: str, sub: str) -> None:
    assert not _verdict(sentence, word, sub, NEWS).relevant
