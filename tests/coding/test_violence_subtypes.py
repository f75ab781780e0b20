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


@pytest.mark.parametrize("sentence, sub", [
    # a mine or grenade in a fight both sides take part in is part of the battle; on its own it is remote violence
    ("Rebels carried out a mine attack against an army convoy and both sides then exchanged fire.", "Armed clash"),
    ("Rebels carried out a mine attack against an army convoy on the highway.", "Remote explosive/landmine/IED"),
    # shelling before a capture: ground changed hands
    ("Government troops shelled rebel positions and recaptured the town of Kuma.", "Government regains territory"),
    # an unarmed clash with the police during a demonstration: the crowd fought, a violent demonstration
    ("A clash broke out between police and doctors during a demonstration in the city centre.",
     "Violent demonstration"),
    ("Students fighting for free education protested outside the ministry.", "Peaceful protest"),
    # road blocks of burning or heaped objects by a crowd stated with its demand are violent demonstrations
    ("A group of farmers blocked the roads and burned tyres, denouncing the price of feed.",
     "Violent demonstration"),
    ("Residents blocked an avenue by setting obstacles on fire to demand paved roads.", "Violent demonstration"),
    # symbolic burning and damage named only as the protest's topic are no violence
    ("Activists set party flags on fire outside the office to protest the nomination.", "Peaceful protest"),
    ("Teachers protested denouncing the school's understaffing and its damaged facilities.", "Peaceful protest"),
    ("A flash mob was staged in front of the petrol station to denounce the oil company.", "Peaceful protest"),
])
def test_what_was_done_decides_the_type(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_an_armed_target_named_in_the_clash_trigger_keeps_it_a_clash():
    s = "Local defence forces launched an attack against about seventy soldiers near the village."
    t = classify_sentence(s)
    assert t is not None and t.sub_event_type == "Armed clash"
    # "village" is a civilian word to the actor module; the soldiers in the trigger are the target
    assert refine_violence("Armed clash", t, s, [_Actor("civilian", s.index("village"), len(s) - 1)]) == "Armed clash"


def test_people_held_by_a_non_state_armed_group_are_abducted():
    s = "The militia detained three people in the market for unknown reasons."
    i = s.index("detained")
    arrest = Trigger("Arrests", "Strategic developments", i, i + 8, 32, "detained")
    assert refine_violence("Arrests", arrest, s, [_Actor("named", 4, 11)]) == "Abduction/forced disappearance"
    assert refine_violence("Arrests", arrest, s, [_Actor("state", 4, 11)]) == "Arrests"
    s = "Three suspects were detained in the market."
    i = s.index("detained")
    arrest = Trigger("Arrests", "Strategic developments", i, i + 8, 32, "detained")
    assert refine_violence("Arrests", arrest, s, [_Actor("armed", 6, 14)]) == "Arrests"  # the held, not the holders


def test_an_off_duty_victim_named_after_the_act_is_a_civilian():
    s = "Gunmen shot and killed a police officer (off duty) in the market."
    t = Trigger("Attack", "Violence against civilians", s.index("shot"), s.index("shot") + 4, 60, "shot")
    assert refine_violence("Attack", t, s, [_Actor("armed", 0, 6), _Actor("state", s.index("police"),
                                                                       s.index("police") + 14)]) == "Attack"
