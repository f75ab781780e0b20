"""Strategic developments, territory, disrupted weapons and the event / no-event decision (sentences written
for these tests)."""

import pytest

from sitrep.coding import event_types
from sitrep.coding.coder import code_article
from sitrep.coding.resources import default_resources


def classify_sentence(sentence: str):
    return event_types.classify_sentence(sentence, default_resources().events)


@pytest.mark.parametrize("sentence, sub", [
    # weapons seized, found, defused or intercepted: the weapon nouns do not make an explosion
    ("Police said a cache of rifles and ammunition was seized in the raid.", "Disrupted weapons use"),
    ("Soldiers found three grenades and a rocket launcher hidden in a farmhouse.", "Disrupted weapons use"),
    ("Grenades and ammunition were discovered near the school on Monday.", "Disrupted weapons use"),
    ("Deminers cleared more than 300 landmines from farmland near the border.", "Disrupted weapons use"),
    ("Air defences intercepted five cruise missiles over the capital.", "Disrupted weapons use"),
    ("Militants fired rockets at the base.", "Shelling/artillery/missile attack"),
    ("Authorities intercepted 12 suspected members of the cell at the airport.", "Arrests"),
    # territory
    ("Rebels took control peacefully of two villages after the army left the area.",
     "Non-violent transfer of territory"),
    ("The militia entered the town without a fight after the garrison withdrew.", "Non-violent transfer of territory"),
    ("Government troops drove the insurgents out of three villages in the valley.", "Government regains territory"),
    ("Security forces wrested control of the camp from the militia.", "Government regains territory"),
    ("The rebels have taken over four localities in the district.", "Non-state actor overtakes territory"),
    ("Rebel fighters seized the provincial capital despite a months-long bombing campaign.",
     "Non-state actor overtakes territory"),
    # strategic developments
    ("The two armies agreed a three-day truce after the heaviest fighting in years.", "Agreement"),
    ("The rebel leader announced today a two-month ceasefire with the government.", "Agreement"),
    ("Some 200 soldiers have defected from the regional army.", "Change to group/activity"),
    ("The army is moving troops and tanks to the northern border.", "Change to group/activity"),
    ("Foreign forces have withdrawn from a key air base in the north.", "Change to group/activity"),
    ("The army has set up a new observation post on the hill.", "Headquarters or base established"),
    # explosions and chemical weapons
    ("Two soldiers died after their truck hit a landmine on the road.", "Remote explosive/landmine/IED"),
    ("A policeman was reportedly killed in a limpet mine blast.", "Remote explosive/landmine/IED"),
    ("Two gunmen detonated explosives, killing themselves, as police closed in.", "Suicide bomb"),
    ("The militants fired mortar rounds containing poisonous gas at the front line.", "Chemical weapon"),
    ("At least 20 civilians died in bombing raids by warplanes on the town.", "Air/drone strike"),
    ("Jets destroyed an arms depot of the group.", "Air/drone strike"),
    ("Soldiers have taken at least four men from their homes in the district.", "Abduction/forced disappearance"),
    # an explosion with no weapon named that killed or wounded people is a remote explosive
    ("Three traders have died in an explosion at the cattle market.", "Remote explosive/landmine/IED"),
    ("An explosion near the mayor's office wounded four passers-by.", "Remote explosive/landmine/IED"),
    ("A powerful blast at a wedding hall killed 11 guests late on Saturday.", "Remote explosive/landmine/IED"),
    # ground taken in a fight that is only a position is an Armed clash, not a change of territory
    ("The rebels clashed with the army and took control of three positions near the ridge.", "Armed clash"),
    ("Militia fighters captured two army positions after heavy fighting.", "Armed clash"),
    # Other: expulsions, tunnels
    ("Border guards expelled some 2,000 migrants from the province on Monday.", "Other"),
    ("Authorities began a mass expulsion of foreign nationals from the border towns.", "Other"),
    ("Soldiers discovered a network of tunnels used by the rebels under the old town.", "Other"),
])
def test_sub_event_types(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub, t


@pytest.mark.parametrize("sentence", [
    # attribution and claims name an event reported elsewhere
    "The militant group claimed responsibility for a car bomb on Friday that killed eight people.",
    "The group took credit for the suicide bombing that killed dozens of worshippers.",
    "The ministry rejected allegations that its aircraft bombed an aid convoy.",
    # diplomacy
    "Several countries expelled diplomats after the nerve agent attack on a defector.",
    "The bloc agreed new sanctions after the recent missile tests.",
    # disasters and accidents are outside ACLED
    "A landslide set off by an earthquake killed more than 60 villagers on Sunday.",
    "Nine labourers were killed when a factory boiler exploded near the port.",
    "Floods killed at least 30 people and destroyed hundreds of homes.",
    # a past event named in passing
    "The city was the site of a notorious 2013 chemical weapons attack.",
    # an unverified claim
    "Rebels said toxic gas was fired at their trenches, which has not been independently confirmed.",
])
def test_claims_diplomacy_disasters_and_background_are_not_events(sentence):
    assert classify_sentence(sentence) is None


def test_violence_next_to_a_disaster_word_is_still_an_event():
    t = classify_sentence("Militants stormed the base in the flood-hit district, killing five soldiers.")
    assert t is not None


def _subs(text: str, published: str = "2022-05-01") -> list[str]:
    return [e["sub_event_type"] for e in code_article({"id": "t", "text": text, "published": published}).events]


def test_who_takes_the_ground_decides_the_territory_type():
    assert _subs("Afghan security forces recaptured Kohistanat district in Sar-e Pol province on Friday.") == \
        ["Government regains territory"]
    assert _subs("Islamic State militants recaptured the hamlet of Testqarya near Mayadin on Tuesday.") == \
        ["Non-state actor overtakes territory"]
    # a foreign state's forces overtake ground
    assert _subs("Russian forces captured the village of Bilohorivka in Luhansk on Tuesday.") == \
        ["Non-state actor overtakes territory"]
    # the subject takes the ground, not the party it fought
    assert _subs("On 14 February 2022, FARDC soldiers clashed with Mai-Mai militiamen, and regained control over "
                 "a hill in Uvira, Sud-Kivu.") == ["Government regains territory"]


def test_a_battle_in_which_ground_changed_hands_is_one_territory_event():
    subs = _subs("Al Shabaab militants killed 20 soldiers in an attack on a military base in Bari on Thursday. "
                 "The killings took place when the militants attacked and took over the town of Qandala.")
    assert subs[0] == "Non-state actor overtakes territory"


def test_a_capture_the_next_sentence_says_met_no_resistance_is_a_non_violent_transfer():
    subs = _subs("Rebel fighters seized control of the town of Menaka on Thursday, a local official said. "
                 "They moved in following the withdrawal of the army garrison from the town.")
    assert subs[:1] == ["Non-violent transfer of territory"]


def test_violence_named_as_the_cause_does_not_raise_a_strategic_development():
    subs = _subs("The army sent more troops and armoured vehicles to Menaka on Thursday. "
                 "The move came after gunmen attacked an army patrol north of the town.")
    assert subs[:1] == ["Change to group/activity"]


def test_detentions_before_someone_else_s_rally_are_arrests():
    assert classify_sentence("Police detained six opposition activists before the president's rally in the "
                             "city.").sub_event_type == "Arrests"
    assert classify_sentence("Police arrested five party members ahead of the planned march on "
                             "Saturday.").sub_event_type == "Arrests"
    assert classify_sentence("Police detained 12 protesters during the rally in the capital.").sub_event_type == \
        "Protest with intervention"


def test_a_quotation_opening_the_sentence_is_someone_s_words():
    text = ("The foreign minister said on Saturday that Iran was behind the strikes. \u201cWe are certain the "
            "missiles that hit the refinery in Abqaiq came from the north,\u201d he told reporters.")
    assert _subs(text) == []
    # a straight mark right after a full stop closes the sentence before it
    assert _subs('The commander said "we will not retreat." Troops shelled the village of Kamianske in '
                 'Zaporizhia on Monday, killing two people.') == ["Shelling/artillery/missile attack"]


def test_a_day_stated_with_a_year_after_a_placeholder_publication_date_stands():
    coded = code_article({"id": "t", "published": "2020-01-01",
                          "text": "2020-09-01: Police have arrested a student leader in Dhaka over a social media "
                                  "post."})
    assert [(e["event_date"], e["sub_event_type"]) for e in coded.events] == [("2020-09-01", "Arrests")]
    # a day without a year is never taken to lie after publication
    assert _subs("Police arrested a student leader in Dhaka on 3 September.", published="2020-01-01") == \
        ["Arrests"]


# ------------------------------------------------------------------ round 8: weapons used, not disrupted
@pytest.mark.parametrize("sentence, sub", [
    ("Rebel gunners shot down an air force Mi-17 helicopter over the hills.", "Shelling/artillery/missile attack"),
    ("A fighter jet was shot down near the frontier town.", "Shelling/artillery/missile attack"),
    ("Air defence units shot down four drones over the port.", "Disrupted weapons use"),
    ("Militia fighters blew apart a phone mast with explosives near the camp.", "Remote explosive/landmine/IED"),
    ("Troops defused a roadside bomb near the market.", "Disrupted weapons use"),
])
def test_weapons_used_or_disrupted(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


@pytest.mark.parametrize("sentence, sub", [
    ("Two explosions occurred outside the tax office in the early hours.", "Remote explosive/landmine/IED"),
    ("There were blasts at the court building and a bank branch.", "Remote explosive/landmine/IED"),
    ("A lorry drove onto an anti-tank mine on the farm track.", "Remote explosive/landmine/IED"),
    ("Insurgents fired heavy machine guns at army posts across the valley.", "Shelling/artillery/missile attack"),
    ("Insurgents and soldiers clashed with heavy machine guns across the valley.", "Armed clash"),
])
def test_unattributed_blasts_and_heavy_weapons(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_people_intercepted_are_no_disrupted_weapons_use():
    t = classify_sentence("Armed men intercepted five women walking to the market and robbed them.")
    assert t is None or t.event_type != "Strategic developments" or t.sub_event_type != "Disrupted weapons use"


@pytest.mark.parametrize("sentence, sub", [
    ("Soldiers fired heavy weapons at the hamlet, killing a farmer.", "Shelling/artillery/missile attack"),
    ("Two 81 mm rounds landed near the clinic and wounded a nurse.", "Shelling/artillery/missile attack"),
    ("Four bombs went off near the bus depot, injuring a guard.", "Remote explosive/landmine/IED"),
    ("A shepherd was wounded by a bomb near the well.", "Remote explosive/landmine/IED"),
    ("A boy was hurt when an unexploded mortar round went off in a field.", "Remote explosive/landmine/IED"),
    ("Army and rebel gunners exchanged artillery shelling across the river.", "Armed clash"),
])
def test_more_remote_violence_wordings(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_bomb_makers_are_people_not_a_blast():
    t = classify_sentence("Troops killed three bomb makers in a raid on a farmhouse.")
    assert t is not None and t.event_type != "Explosions/Remote violence"


@pytest.mark.parametrize("sentence, sub", [
    ("A device made of two gas cylinders exploded outside a party office in the city.",
     "Remote explosive/landmine/IED"),
    ("The ministry said enemy forces fired from their trenches towards the positions of the army near the village.",
     "Armed clash"),
    ("Militants carried out an attack with armed drones on army posts.", "Air/drone strike"),
    ("Occupying forces forcibly deported 300 residents to the neighbouring country.", "Abduction/forced disappearance"),
])
def test_round8_wordings(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_gas_blast_without_a_device_is_an_accident():
    assert classify_sentence("A gas cylinder exploded in a restaurant, killing five people.") is None
