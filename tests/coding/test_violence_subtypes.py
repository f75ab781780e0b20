"""Sub-event types among protests, riots, clashes and attacks: what was done decides, not the topic words."""

from dataclasses import dataclass

import pytest

from sitrep.coding import event_types, violence
from sitrep.coding.coder import code_article
from sitrep.coding.lexicon import Trigger
from sitrep.coding.resources import default_resources


def classify_sentence(sentence: str):
    return event_types.classify_sentence(sentence, default_resources().events)


def refine_violence(sub: str, trigger: Trigger, sentence: str, actors: list) -> str:
    return violence.refine_violence(sub, trigger, sentence, actors, default_resources().events)


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
    ("Fishermen blocked the coastal highway and burned tyres, denouncing fuel prices.",
     "Violent demonstration"),
    ("Neighbours blocked a main street by setting debris on fire to demand street lighting.", "Violent demonstration"),
    # symbolic burning and damage named only as the protest's topic are no violence
    ("Activists set party flags on fire outside the office to protest the nomination.", "Peaceful protest"),
    ("Nurses rallied to denounce the clinic's staff shortages and its damaged roof.", "Peaceful protest"),
    ("A flash mob was staged in front of the petrol station to denounce the oil company.", "Peaceful protest"),
])
def test_what_was_done_decides_the_type(sentence, sub):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == sub


def test_an_armed_target_named_in_the_clash_trigger_keeps_it_a_clash():
    s = "Resistance fighters launched an attack against some forty soldiers close to the village."
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


def _subs(text: str) -> list[str]:
    return [e["sub_event_type"] for e in code_article({"id": "t", "published": "2024-05-10", "text": text}).events]


@pytest.mark.parametrize("text, sub", [
    # a crowd that strikes is a mob, whoever its victim (a suspected robber is no armed side) …
    ("On 8 May 2024, motorists cornered and beat up two suspected robbers in Nairobi, Kenya.", "Mob violence"),
    # … but one or two men who shoot are assailants, not a crowd
    ("On 8 May 2024, two men shot dead four patrons of a tavern in Nairobi, Kenya.", "Attack"),
    # a member of a force who is off duty or held in custody cannot fight back: an attack on a civilian
    ("On 8 May 2024, gunmen shot and killed a police officer (assumed off duty) in Nairobi, Kenya.", "Attack"),
    ("On 8 May 2024, police officers beat a detainee in custody at a police station in Nairobi, Kenya.", "Attack"),
    # rioting while demonstrating is a violent demonstration, not mob violence
    ("On 8 May 2024, locals burned tyres and a truck during a demonstration in Nairobi, Kenya.",
     "Violent demonstration"),
    # a riot the protest is about is its topic …
    ("On 8 May 2024, party members staged a protest in Nairobi, Kenya, against the stone pelting at their office.",
     "Peaceful protest"),
    # … unless the protest itself turned violent
    ("On 8 May 2024, protests against rising prices in Nairobi, Kenya, have turned violent.", "Violent demonstration"),
])
def test_who_struck_and_why_decides_the_sub_type(text, sub):
    assert _subs(text) == [sub]


def test_the_attacker_named_in_the_sentence_before_the_deaths_is_actor1():
    events = code_article({"id": "t", "published": "2024-05-10", "text":
                           "On 8 May 2024, Boko Haram militants came to the village of Bokkos in Plateau state, "
                           "Nigeria, at night. Two villagers were killed."}).events
    (e,) = events
    assert e["sub_event_type"] == "Attack" and "Boko Haram" in e["actor1"] and e["actor2"] == "Civilians (Nigeria)"


@pytest.mark.parametrize("note, sub", [
    ("Elections/referendum: On 8 May 2024, voters in Abuja (FCT) cast their ballots in a local election.", "Other"),
    ("Explosive remnants of war: On 8 May 2024, an old mine exploded near Mosul (Ninewa).", "Other"),
    ("Detonation: On 8 May 2024, two soldiers accidentally detonated a landmine near Mosul (Ninewa).",
     "Disrupted weapons use"),
])
def test_acled_labels_for_other_and_accidental_blasts(note, sub):
    assert _subs(note) == [sub]


# Round 6: who fought whom decides (codebook).
@pytest.mark.parametrize("text, sub", [
    # long-range fire in both directions is a fight between the two sides
    ("On 3 May 2024, border guards of the two countries exchanged mortar fire near Sotk.", "Armed clash"),
    ("On 3 May 2024, government troops shelled rebel positions near Kalehe and the rebels returned fire.",
     "Armed clash"),
    ("On 3 May 2024, Russian forces shelled Kharkiv.", "Shelling/artillery/missile attack"),
    # an unorganised group's violence, with no demonstration, is Mob violence
    ("On 3 May 2024, supporters of the ruling party attacked opposition activists with sticks in Mutare.",
     "Mob violence"),
    ("On 3 May 2024, a group of market traders attacked council inspectors with stones in Arequipa.",
     "Mob violence"),
    ("On 3 May 2024, minibus drivers assaulted a ride-hailing driver in Pretoria.", "Mob violence"),
    # a soldier on duty is an armed side; a retired one is a civilian
    ("On 3 May 2024, militants killed a soldier in Bannu.", "Armed clash"),
    ("On 3 May 2024, gunmen shot dead a retired soldier in Mosul.", "Attack"),
    ("On 3 May 2024, gunmen shot dead a soldier on leave at his home in Mosul.", "Attack"),
    ("On 3 May 2024, snipers shot and wounded two Wagner fighters near Bakhmut.", "Armed clash"),
    # a family quarrel that comes to blows has no organised side
    ("On 3 May 2024, a quarrel over land between neighbouring families turned violent in Ghazni, hurting three.",
     "Mob violence"),
    # vigilantes killed by an armed group fought it; vigilantes beating a suspect are a mob
    ("On 3 May 2024, ISWAP fighters killed four members of a vigilante group in Bama, Borno.", "Armed clash"),
    ("On 3 May 2024, vigilantes beat a suspected thief to death in Gulu.", "Mob violence"),
    # armed men burning vehicles are no demonstration, whoever their victims
    ("On 3 May 2024, bandits abducted travellers and students and burned four vehicles on the Zaria road.",
     "Abduction/forced disappearance"),
])
def test_who_fought_whom(text, sub):
    coded = code_article({"id": "r6", "published": "2024-05-05", "text": text})
    assert [e["sub_event_type"] for e in coded.events][:1] == [sub]


@pytest.mark.parametrize("sentence", [
    "Residents held the municipal president hostage for six hours to demand the paving of the road.",
    "Climate protesters threw red paint at the facade of the energy ministry.",
])
def test_crowd_holding_officials_or_defacing_is_violent(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("sentence", [
    "A group of villagers tied up a man accused of stealing a cow and beat him until he fainted.",
    "Residents caught a suspected burglar near the market and burned him.",
    "A group of four to five members of the ruling party assaulted a rival candidate with clubs for an unknown reason.",
])
def test_crowds_taking_the_law_into_their_own_hands_are_mob_violence(sentence):
    t = classify_sentence(sentence)
    assert t is not None and t.sub_event_type == "Mob violence"


def test_suspect_seized_by_the_police_is_no_mob():
    t = classify_sentence("Police officers caught a suspected thief and beat him at the station.")
    assert t is None or t.sub_event_type != "Mob violence"


@pytest.mark.parametrize("text, sub, actor1", [
    # an unseen group with no weapon and nobody killed: ACLED's mob violence
    ("On 9 August 2024, a group of unknown people beat up a shop owner near the bus stand in Kolkata, West Bengal, "
     "India.", "Mob violence", "Rioters (India)"),
    ("On 9 August 2024, unidentified persons attacked and injured a ward councillor outside his office in Leipzig, "
     "Germany.", "Mob violence", "Rioters (Germany)"),
    # a weapon or a death marks an armed attacker
    ("On 9 August 2024, unidentified persons stabbed a ward councillor outside his office in Leipzig, Germany.",
     "Attack", "Unidentified Armed Group (Germany)"),
    ("On 9 August 2024, unknown assailants killed a ward councillor outside his office in Leipzig, Germany.",
     "Attack", "Unidentified Armed Group (Germany)"),
    # people named first who were attacked by an armed side are its victims, not a mob
    ("On 9 August 2024, villagers were attacked by gunmen on their farms near Kajuru, Kaduna, Nigeria.",
     "Attack", "Unidentified Armed Group (Nigeria)"),
    # a single militant killed by troops fought back: a clash
    ("On 9 August 2024, the army killed a suspected militant during a search operation near Ain Defla, Algeria.",
     "Armed clash", "Military Forces of Algeria (2019-)"),
    # the fight was between two armed groups, whoever was hurt
    ("On 9 August 2024, three people were wounded in a feud between two unknown armed groups in Lashkar Gah, "
     "Helmand, Afghanistan.", "Armed clash", "Unidentified Armed Group (Afghanistan)"),
])
def test_who_the_attackers_were_decides_attack_clash_or_mob(text, sub, actor1):
    coded = code_article({"id": "r8", "published": "2024-08-10", "text": text})
    assert [(e["sub_event_type"], e["actor1"]) for e in coded.events][:1] == [(sub, actor1)]


@pytest.mark.parametrize("text", [
    # "village" and a word of an unknown group's name are no crowd taking part
    "On 9 August 2024, near Nyaung Pin village in Sagaing region, Myanmar, the troops clashed with local fighters.",
    "On 9 August 2024, the Northern Hills People Defense Force attacked a military column in Sagaing region, "
    "Myanmar.",
])
def test_soldiers_fighting_an_unknown_group_is_no_mob(text):
    coded = code_article({"id": "r8", "published": "2024-08-10", "text": text})
    assert [e["sub_event_type"] for e in coded.events][:1] == ["Armed clash"]
