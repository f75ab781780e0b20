import pytest

from sitrep.coding.event_types import classify_sentence, is_irrealis, load_lexicon, note_prefix_type


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

    from sitrep.coding.event_types import LEXICON, find_triggers

    every_rule = replace(LEXICON, rules_by_prefix={}, always_run=tuple(range(len(LEXICON.rules))))
    for s in ["Rebels re-captured the town of Kidal after heavy fighting with the army.",
              "Police fired tear gas at protesters who threw stones in Lagos; two were shot dead.",
              "A roadside bomb exploded near a convoy, and air defences intercepted three drones.",
              "Residents said a mob lynched a suspected thief and torched his house.",
              "Nothing happened here at all."]:
        assert find_triggers(s) == find_triggers(s, every_rule)


def test_no_arrests_and_scare_quotes():
    from sitrep.coding.event_types import classify_sentence

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
