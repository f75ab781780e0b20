import pytest

from sitrep.coding import deaths, fatalities, figures
from sitrep.coding.fatalities import split_total
from sitrep.coding.resources import default_resources

LEX = default_resources().figures


def find_figures(text: str):
    return figures.find_figures(text, LEX)


def fatalities_from(sentences: list[str]):
    return fatalities.fatalities_from(sentences, LEX)


def sentence_deaths(text: str):
    return deaths.sentence_deaths(text, LEX)


def fat(*sentences: str) -> int:
    return fatalities_from(list(sentences))[0]


# ------------------------------------------------------------------------------------------------ figures table

def test_killed_with_qualifier_and_reporter():
    (f,) = [x for x in find_figures("At least 12 people were killed in the attack, police said.") if x.kind == "killed"]
    assert (f.value, f.qualifier, f.low, f.reported_by) == (12, "at least", 12, "police")


def test_captive_running_total_and_present_civilians():
    figs = find_figures("The army said it had taken 909 enemy soldiers captive during the operation.")
    assert [(f.kind, f.value) for f in figs] == [("captured", 909)]
    figs = find_figures("Around five million people, among them 1.2 million children, live under occupation.")
    assert [(f.kind, f.value, f.qualifier) for f in figs] == [("civilians present", 5_000_000, "about"),
                                                              ("civilians present", 1_200_000, None)]


def test_distances_years_ages_and_money_are_not_counts():
    assert find_figures("The attack came 10 kilometres from the border in 2024.") == []
    assert [f.value for f in find_figures("A 64-year-old woman was killed and a man aged 47 was hurt.")] == []
    assert find_figures("He carried a bounty of Rs. 5 lakh and was killed.") == []


@pytest.mark.parametrize("sentence, kind, value, qualifier", [
    ("Some 300 residents have fled to the town, an official said.", "displaced", 300, "about"),
    ("Over 40 protesters were arrested.", "arrested", 40, "more than"),
    ("Approximately 25 people were wounded.", "injured", 25, "about"),
    ("Nearly 200 villagers remain missing.", "missing", 200, "nearly"),
    ("Fewer than 10 civilians were evacuated.", "evacuated", 10, "fewer than"),
    ("Up to 30 people were abducted by gunmen.", "abducted", 30, "up to"),
])
def test_kinds_and_qualifiers(sentence, kind, value, qualifier):
    assert [(f.kind, f.value, f.qualifier) for f in find_figures(sentence)] == [(kind, value, qualifier)]


def test_nearest_cue_decides_the_kind():
    figs = find_figures("Four people were wounded and one man died.")
    assert [(f.kind, f.value) for f in figs] == [("injured", 4), ("killed", 1)]
    assert [(f.kind, f.value) for f in find_figures("The blast left two civilians injured.")] == [("injured", 2)]


def test_killers_are_not_the_killed():
    assert [f for f in find_figures("A convoy of 80 soldiers killed three farmers.") if f.value == 80] == []


@pytest.mark.parametrize("sentence, who", [
    ("Two people were killed, the regional governor said.", "the regional governor"),
    ("Three soldiers died, according to police.", "police"),
    ("Russia's defence ministry said 40 Ukrainian soldiers were killed.", "Russia's defence ministry"),
])
def test_reported_by(sentence, who):
    assert {f.reported_by for f in find_figures(sentence)} == {who}


def test_offsets_point_at_the_quantity():
    text = "Officials said at least 7 people were killed."
    (f,) = find_figures(text)
    assert text[f.start:f.end] == "at least 7"


# ------------------------------------------------------------------------------------------------ fatalities

@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen killed a farmer near the market.", 1),
    ("A policeman was shot dead at a checkpoint.", 1),
    ("A civilian died of his wounds in hospital.", 1),
    ("The body of a trader was found on the road.", 1),
    ("A young man's body was found near the river.", 1),
    ("He was killed in the attack.", 1),
    ("An officer was shot and killed by suspected militants.", 1),
    ("Militants killed a driver and his assistant.", 2),
    ("The gang killed him and 2 of his relatives.", 3),
    ("Rebels shot dead one soldier and one policeman.", 2),
    ("Two soldiers and a teacher were killed.", 3),
    ("Thirteen villagers were killed.", 13),
    ("A dozen people died in the raid.", 12),
    ("Twenty-one miners were killed.", 21),
])
def test_singular_and_listed_victims(sentence, expected):
    assert fat(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Several soldiers died.", 3),
    ("A few civilians were killed.", 3),
    ("Many fighters were killed.", 10),
    ("Tens of people were killed.", 10),
    ("Dozens of people were killed.", 12),
    ("Hundreds of people were killed.", 100),
    ("Gunmen killed villagers in the night.", 3),
])
def test_vague_quantities_follow_the_codebook(sentence, expected):
    assert fat(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("At least 9 people were killed.", 9),
    ("Between 5 and 7 people were killed.", 5),
    ("Attackers killed between 16 to 25 people.", 16),
    ("During the raids 8 - 14 civilians were killed.", 8),
    ("At least eight people, including four policemen and a soldier, were killed.", 8),
    ("Three gunmen, including their commander, were killed.", 3),
])
def test_qualifiers_ranges_and_parts(sentence, expected):
    assert fat(sentence) == expected


def test_injuries_arrests_and_property_are_not_deaths():
    assert fatalities_from(["Five people were wounded and two were arrested."]) == (0, 0, 0, False)
    assert fat("Rebels killed a dozen of their livestock.") == 0
    assert fat("Troops destroyed more than 80 units of equipment and killed 45 fighters.") == 45


def test_conflicting_figures_take_the_lowest():
    assert fat("Five were killed, officials said.", "Seven were killed, a witness said.") == 5
    assert fat("Four people were killed; the police said two people were killed.") == 2
    assert fat("The rebels claimed killing three policemen.", "A hospital source said one policeman was killed.") == 1


def test_later_victims_add_up():
    assert fat("Troops clashed with rebels, killing 5 rebels.", "Two civilians were also killed in the crossfire.") == 7
    assert fat("Three villagers died in the clash.", "A policeman was wounded and later died in hospital.") == 4


def test_suicide_bomber_counts():
    assert fat("A suicide bomber blew himself up at a checkpoint, killing 4 soldiers.") == 5
    assert fat("A suicide bomber struck a market, killing 6 people including the bomber.") == 6


def test_background_and_other_events_are_not_counted():
    assert fatalities_from(["Since 2014, 14,000 people have been killed in the conflict."])[3] is False
    assert fat("Youths burned tyres after a bus collision killed two people.") == 0
    assert fat("Residents rallied to demand justice for a man killed by police last week.") == 0
    assert fat("Relatives of killed soldiers protested outside the ministry.") == 0
    assert fat("Gunmen attacked a village.", "A farmer died by suicide the next day.") == 0


def test_acled_statements():
    assert fatalities_from(["Troops clashed with rebels.", "Casualties unknown."]) == (0, 0, 0, False)
    assert fat("Rebels attacked a base. 4 fatalities.") == 4
    assert fat("Rebels attacked a base.", "3 civilians were killed.") == 3
    assert fat("Militia attacked three villages.", "Seven people were killed. Fatalities coded as 7.") == 7
    split = "Fatality count unclear, coded as 10 and split between 2 locations."
    assert fat("Troops killed dozens of bandits.", split) == 5
    assert fat("Many died in the raids.", "A total of 14 fatalities split across 7 events coded as 2.") == 2
    assert fat("At least twenty militants were killed.", "Fatalities are split across five events.") == 4
    assert fat("Attackers killed three.", "There were no fatalities among the police.", "Fatalities coded as 0.") == 0
    assert fat("Police fired shots.", "There were no fatalities.") == 0
    assert fat("Gunmen shot dead a trader.", "There were no other casualties.") == 1


def test_deaths_coded_to_another_event():
    first = "Rebels fired mortars at army positions near Alpha."
    assert fat(first, "Two soldiers were killed at several places (fatalities coded to Beta event).") == 0
    assert fat(first, "Two soldiers were killed at several places (fatalities coded to Alpha event).") == 2


def test_split_total_gives_remainders_to_the_first_events():
    assert split_total(13, 2) == [7, 6]
    assert split_total(40, 6) == [7, 7, 7, 7, 6, 6]
    assert split_total(5, 6) == [1, 1, 1, 1, 1, 0]
    assert split_total(9, 1) == [9]


def test_sentence_without_deaths_and_unknown_numbers():
    assert sentence_deaths("Troops clashed with rebels near the town.") is None
    assert sentence_deaths("The clash caused an unknown number of deaths.").value == 3
    assert fatalities_from(["Troops clashed with rebels."]) == (0, 0, 0, False)
