"""Sub-event types among protests, riots, clashes and attacks: what was done decides, not the topic words."""

from dataclasses import dataclass

import pytest

from sitrep.coding.coder import code_article
from sitrep.coding.event_types import Trigger, classify_sentence, refine_violence


@pytest.mark.parametrize("sentence, sub", [
    # arrests, detentions and deaths the crowd protests ABOUT are its topic, not what happened to it
    ("Relatives of three men who were detained last week protested outside the prosecutor's office.",
     "Peaceful protest"),
    ("Activists rallied outside the embassy against the administrative detention of journalists.", "Peaceful protest"),
    ("Students marched through the city to demand justice for a classmate who died in a car crash.",
     "Peaceful protest"),
    ("Teachers protested in front of the ministry while riot police stood by.", "Peaceful protest"),
    # what was done to the crowd
    ("Police arrested twelve protesters during a march in the capital.", "Protest with intervention"),
    ("Four demonstrators were detained after the rally.", "Protest with intervention"),
    ("Soldiers opened fire on demonstrators at the rally, killing two.", "Excessive force against protesters"),
    # the crowd's own violence
    ("Residents blocked the main road with burning tyres to protest power cuts.", "Violent demonstration"),
    ("Striking workers erected barricades and clashed with police near the port.", "Violent demonstration"),
    # a protest named by what the crowd did and why
    ("Farmers blocked the Lagos-Ibadan highway to demand better prices.", "Peaceful protest"),
    ("Parents occupied the school building demanding repairs.", "Peaceful protest"),
])
def test_protest_sub_types(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_police_barricades_do_not_make_a_protest_violent():
    t = classify_sentence("Hundreds demonstrated in the square; police erected barricades to stop the march.")
    assert t is not None and t.event_type == "Protests"


def test_ground_fighting_absorbs_supporting_strikes():
    t = classify_sentence("Rebels attacked army positions near the town, supported by artillery shelling.")
    assert t is not None and t.sub_event_type == "Armed clash"
    t = classify_sentence("Warplanes conducted an air raid against rebel positions near the town.")
    assert t is not None and t.sub_event_type == "Air/drone strike"


@dataclass
class _Actor:  # the fields refine_violence reads from the actor module's mentions
    kind: str
    start: int
    end: int
    by_agent: bool = False


def _trigger(sentence: str, word: str, sub: str) -> Trigger:
    i = sentence.index(word)
    return Trigger(sub, "Battles" if sub == "Armed clash" else "Violence against civilians", i, i + len(word), 70, word)


def test_refine_violence_from_actor_kinds():
    s = "Supporters of two rival parties clashed with sticks after the vote."
    assert refine_violence("Armed clash", _trigger(s, "clashed", "Armed clash"), s, []) == "Mob violence"
    s = "Two groups of police officers clashed inside the station."
    assert refine_violence("Armed clash", _trigger(s, "clashed", "Armed clash"), s,
                           [_Actor("state", 14, 29)]) == "Armed clash"
    s = "Gunmen ambushed a trader on the road."
    assert refine_violence("Armed clash", _trigger(s, "ambushed", "Armed clash"), s,
                           [_Actor("armed", 0, 6), _Actor("civilian", 18, 24)]) == "Attack"
    s = "Gunmen shot dead a commander of the border brigade."
    assert refine_violence("Attack", _trigger(s, "shot", "Attack"), s, [_Actor("armed", 0, 6)]) == "Armed clash"
    s = "Two soldiers were shot dead by gunmen."
    assert refine_violence("Attack", _trigger(s, "shot", "Attack"), s,
                           [_Actor("state", 4, 12), _Actor("armed", 31, 37, True)]) == "Armed clash"
    assert refine_violence("Shelling/artillery/missile attack", _trigger(s, "shot", "Attack"), s, []) == \
        "Shelling/artillery/missile attack"


def _code(text: str) -> dict:
    events = code_article({"id": "t", "text": text, "published": "2024-03-10"}).events
    assert events, text
    return events[0]


def test_off_duty_members_of_a_force_are_civilian_victims():
    e = _code("On 8 March 2024, gunmen shot dead an off-duty police officer in Kaduna, Nigeria.")
    assert (e["sub_event_type"], e["actor2"]) == ("Attack", "Civilians (Nigeria)")
    e = _code("On 8 March 2024, gunmen shot dead a police officer at a checkpoint in Kaduna, Nigeria.")
    assert e["sub_event_type"] == "Armed clash"
