import pytest

from sitrep.coding import event_types
from sitrep.coding.lexicon import load_lexicon
from sitrep.coding.resources import default_resources

LEXICON = default_resources().events


def classify_sentence(sentence: str):
    return event_types.classify_sentence(sentence, LEXICON)


def is_irrealis(sentence: str, start: int) -> bool:
    return event_types.is_irrealis(sentence, start, LEXICON)


def note_prefix_type(text: str):
    return event_types.note_prefix_type(text, LEXICON)


@pytest.mark.parametrize("sentence, sub", [
    ("Hundreds of teachers protested outside the ministry on Monday.", "Peaceful protest"),
    ("Police fired tear gas to disperse protesters in the capital.", "Protest with intervention"),
    ("Security forces shot dead three protesters during the march.", "Excessive force against protesters"),
    ("Protesters threw stones at police and torched a car.", "Violent demonstration"),
    ("A mob lynched a suspected thief in the village.", "Mob violence"),
    ("Warplanes struck a market in the town.", "Air/drone strike"),
    ("The army shelled the village overnight.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near a patrol.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
    ("Troops clashed with rebels near the bridge.", "Armed clash"),
    ("Gunmen abducted five farmers on Sunday.", "Abduction/forced disappearance"),
    ("Air defences shot down three missiles over the city.", "Disrupted weapons use"),
    ("The two sides signed a ceasefire agreement on Tuesday.", "Agreement"),
    ("The army regained control of the town.", "Government regains territory"),
])
def test_sub_event_types(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


@pytest.mark.parametrize("sentence", [
    "The group threatened to attack the capital.",
    "The minister called for protests next week.",
    "Ukraine said it was ready to open a corridor.",
    "Monday marked one year since the war began in the east.",
    "He was sentenced for the killing of two soldiers.",
])
def test_statements_threats_and_anniversaries_are_not_events(sentence):
    assert classify_sentence(sentence) is None


def test_irrealis_window_and_note_prefix():
    s = "Rebels could attack the base."
    assert is_irrealis(s, s.index("attack"))
    assert note_prefix_type("Interception: On 7 April forces shot down a drone.") == "Disrupted weapons use"


def test_lexicon_rejects_unknown_types():
    with pytest.raises(ValueError):
        load_lexicon("[irrealis]\nbefore='x'\nsentence='y'\n[background]\npattern='z'\n"
                     "[[trigger]]\nsub='Picnic'\npattern='a'\npriority=1\n")


def test_prefix_index_gives_the_same_triggers_as_running_every_rule():
    from dataclasses import replace

    from sitrep.coding.event_types import find_triggers

    every_rule = replace(LEXICON, rules_by_prefix={}, always_run=tuple(range(len(LEXICON.rules))), index=None)
    for s in ["Rebels re-captured the town of Kidal after heavy fighting with the army.",
              "Police fired tear gas at protesters who threw stones in Lagos; two were shot dead.",
              "A roadside bomb exploded near a convoy, and air defences intercepted three drones.",
              "Residents said a mob lynched a suspected thief and torched his house.",
              "Nothing happened here at all."]:
        assert find_triggers(s, LEXICON) == find_triggers(s, every_rule)


def test_no_arrests_and_scare_quotes():
    assert classify_sentence("Officers lined the route, and no arrests were reported.") is None
    assert classify_sentence("The minister does not usually comment on strikes inside the country.") is None


@pytest.mark.parametrize("sentence, sub", [
    # the months March and May are no march and no modal "may"
    ("On 15 March in Athens, police detained 40 migrants without papers.", "Arrests"),
    ("Retired teachers as part of the May Day events protested outside the ministry.", "Peaceful protest"),
    # words the lexicon knew only in other forms
    ("Turkish forces conducted shellings targeting militants near Amadiya.", "Shelling/artillery/missile attack"),
    ("Local fighters carried out a mine attack against two army trucks.", "Remote explosive/landmine/IED"),
    ("A soldier on patrol was hit by an anti-personnel mine near the village.", "Remote explosive/landmine/IED"),
    ("Insurgents launched a hit and run attack against an army base.", "Armed clash"),
    ("Two men set fire to a woman in the market.", "Attack"),
    ("Settlers hurled stones at passing cars near the village.", "Mob violence"),
])
def test_trigger_words(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


@pytest.mark.parametrize("sentence", [
    "The union demanded that the managers be arrested for fraud.",  # a demand, not an arrest
    "An old landmine left over from previous clashes lay in the field.",
])
def test_irrealis_and_past_fighting_are_no_events(sentence):
    t = classify_sentence(sentence)
    assert t is None or t.event_type not in ("Battles", "Strategic developments")


def test_a_protest_named_as_the_reason_for_an_arrest_is_its_topic():
    t = classify_sentence("Police arrested a shop owner for posting calls to join the silent protest.")
    assert t is not None and t.sub_event_type == "Arrests"


# Protests reported by what the crowd did, with no protest noun or verb (round 6).
@pytest.mark.parametrize("sentence", [
    "About forty nurses held a sit in outside the health directorate in Gabes to claim their arrears.",
    "Protestors walked to the press club in Hyderabad carrying placards.",
    "Villagers closed the state highway for four hours to demand a new bridge.",
    "Commuters took over the toll booths on the coastal highway and waved cars through without charge.",
    "Opposition workers burnt an effigy of the governor outside the secretariat.",
    "College students raised slogans against the fee hike at the main gate.",
    "Transporters staged a chakka jam on the bypass road.",
    "Junior doctors held a strike at the provincial hospital over unpaid stipends.",
    "Around 150 vendors concentrated in front of the municipal palace to reject their eviction.",
    "Relatives of the missing men held up pictures of them outside the governorate.",
    "Lecturers suspended their classes at the state university to press for promotion arrears.",
    "Shopkeepers shut their shops in the old town against the property tax.",
    "Environmental activists held a solidarity action at the port gate.",
    "Teachers went on a three-day strike in the northern province.",
    "Several hundred people joined the march despite the rain.",
    "Families commemorated the victims of the mine disaster outside the company offices.",
])
def test_protests_without_a_protest_word(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.event_type == "Protests"


@pytest.mark.parametrize("sentence", [
    "Army reservists concentrated at the border crossing.",
    "The army launched fresh strikes on the rebel-held town.",
    "The government announced a general mobilization.",
    "The march of the troops toward the capital continued.",
])
def test_crowd_acts_need_a_crowd(sentence):
    t = classify_sentence(sentence)
    assert t is None or t.event_type != "Protests"


@pytest.mark.parametrize("sentence, is_event", [
    # a negation or ban reaches only the protest word right after it ...
    ("The union did not protest.", False),
    ("Authorities banned the rally.", False),
    ("Police said there were no reports of protests in the city.", False),
    # ... not a crowd described on the way to it, nor a ban the crowd defied
    ("Cleaners who have not been paid for five months protested outside the town hall.", True),
    ("Members of the banned student union rallied near the campus.", True),
    ("Defying a ban on gatherings hundreds of people marched to the main square.", True),
])
def test_negation_before_a_protest_word(sentence, is_event):
    assert (classify_sentence(sentence) is not None) == is_event


@pytest.mark.parametrize("sentence, is_event", [
    # a modal inside a clause describing the crowd does not make the protest a plan
    ("Bakers who fear the flour levy will close their ovens rallied at the trade ministry in Mzuzu.", True),
    ("Tenants saying the new rent law would evict them marched to the housing office.", True),
    # a modal that is the protest verb's own auxiliary still does
    ("The nurses' union said its members will hold a nationwide strike from Monday.", False),
    ("Opposition leaders said they would stage more rallies in the coming weeks.", False),
])
def test_modal_before_a_protest_word(sentence, is_event):
    assert (classify_sentence(sentence) is not None) is is_event


@pytest.mark.parametrize("sentence", [
    "Lecturers at the polytechnic downed their chalks over unpaid allowances.",
    "Court clerks in Gulu began a work abstention over months of salary arrears.",
    "Sugarcane growers continued their agitation against the low cane price.",
    "Tenants expressed their anger over the evictions outside the housing office in Blantyre.",
])
def test_protests_named_by_the_crowds_action(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("sentence", [
    "The ministry said nurses demanded better pay in a letter sent to parliament.",
    "Militants continued their agitation campaign along the border.",
])
def test_demands_without_a_crowd_at_a_place_are_no_protest(sentence):
    t = classify_sentence(sentence)
    assert t is None or t.sub_event_type != "Peaceful protest"


def test_troops_on_the_march_are_no_protest():
    t = classify_sentence("Heavy fighting broke out between soldiers marching towards the ridge and a rebel unit.")
    assert t is not None and t.event_type == "Battles"


@pytest.mark.parametrize("sentence, sub", [
    ("Debris from a downed drone damaged two apartment blocks in the city centre.", "Air/drone strike"),
    ("Fragments of an intercepted missile injured a woman in the suburb.", "Shelling/artillery/missile attack"),
    ("Air defences shot down six drones over the region overnight.", "Disrupted weapons use"),
])
def test_interception_debris_that_hits_the_ground_is_the_strike(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


# ------------------------------------------------------------------ round 8: violence as a protest's topic, names
@pytest.mark.parametrize("sentence", [
    "Shopkeepers held a protest outside the governor's office, calling for justice for a trader killed by a mob.",
    "Nurses held a vigil outside the ward following two nights of clashes between rival unions.",
    "Teachers staged a sit-in protest against the conduct of police during the clash between the two parties.",
    "Dozens of families gathered in the square to commemorate the anniversary of the 1998 riots in the port.",
    "Farmers rallied in the capital to demand compensation over the death of a herder killed after a clash.",
])
def test_violence_named_as_a_protests_topic_leaves_a_peaceful_protest(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("sentence", [
    "Protesters against the new fuel levy clashed with police near the bus station.",
    "Demonstrations against price rises turned violent after rioters looted several shops.",
])
def test_the_crowds_own_violence_is_no_topic(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.event_type == "Riots"


def test_event_word_inside_a_name_is_no_trigger():
    t = classify_sentence("Members of the Northern Combat Sports Federation marched through the town "
                          "against the closure.")
    assert t is not None and t.sub_event_type == "Peaceful protest"
    assert classify_sentence("Fighting broke out near the town on Monday.").event_type == "Battles"


def test_violence_someone_is_accused_of_is_no_event():
    t = classify_sentence("Relatives of a farmer accused of beating a tax collector staged a protest "
                          "in the market town.")
    assert t is not None and t.sub_event_type == "Peaceful protest"


def test_arrest_of_someone_who_once_protested_is_an_arrest():
    t = classify_sentence("Soldiers arrested a former union secretary who took part in last year's strike rallies.")
    assert t is not None and t.sub_event_type == "Arrests"


@pytest.mark.parametrize("sentence", [
    "Villagers cut the road to the district town to denounce months of power cuts.",
    "Parents block the streets around the school to demand a new teacher.",
    "About thirty activists occupied a luxury villa on the lake shore to denounce holiday rentals.",
    "Students displayed Palestinian flag placards outside the library.",
])
def test_more_protest_forms(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("sentence", [
    "Party workers rallied outside the tally hall and assaulted a reporter.",
    "Police arrested members of the union who were demonstrating violently in the town.",
    "Farmers staged a sit-in on the highway and detained two bank officials.",
])
def test_a_crowd_that_protests_and_assaults_is_a_violent_demonstration(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("sentence", [
    "Students protested and police detained ten of them.",
    "Many demonstrators were injured and one died when soldiers fired on the march.",
])
def test_protesters_hurt_or_held_by_others_are_no_violent_demonstration(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type != "Violent demonstration"


def test_title_case_headline_words_still_trigger():
    t = classify_sentence("Gunmen Shot Dead Two Farmers Near Northern Town")
    assert t is not None and t.event_type in ("Battles", "Violence against civilians")


def test_blockade_with_a_demand_in_a_second_clause():
    t = classify_sentence("About forty dockers blocked the ferry terminal for a third day and called for a pay deal.")
    assert t is not None and t.sub_event_type == "Peaceful protest"


def test_overturning_barricades_is_a_violent_demonstration():
    t = classify_sentence("Youth wing members tried to overturn the barricades while demonstrating "
                          "outside the council.")
    assert t is not None and t.sub_event_type == "Violent demonstration"
