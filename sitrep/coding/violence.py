"""Armed clash, Attack or Mob violence (and Arrests or Abduction) once the actors of a violent event are known.

ACLED decides between these by who fought whom, not by the verb: an Armed clash needs two organised armed
sides, an Attack is an armed actor against people who are not (civilians, including off-duty or former
members of a force), and violence by an unorganised group (party supporters, villagers, youths, a crowd)
is Mob violence. The actor module says who is armed (its ActorMention kinds); this module only reads
them, with the [violence] cues of the lexicon for what the actor module cannot see.
"""

from __future__ import annotations

import re

from sitrep.coding.lexicon import Lexicon, Trigger
from sitrep.coding.lexicon import matches as _matches

NON_STATE_ARMED_KINDS = frozenset({"named", "armed", "unidentified_military"})
ARMED_ACTOR_KINDS = NON_STATE_ARMED_KINDS | {"state"}
VIOLENCE_SUBS = frozenset({"Armed clash", "Attack"})


def refine_violence(sub: str, trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon) -> str:
    """The sub-event type of a violent event once its actors are known (actors: the actor module's mentions
    in the trigger sentence, offsets in it, with .kind, .start, .end and .by_agent).

    * A clash or attack with no organised armed actor, fought by an unorganised group (civilians or
      state forces against a crowd, party supporters, two groups with sticks and stones) is Mob violence.
    * A one-sided armed act ("ambushed", "opened fire", "attacked") whose only named target is civilians
      is an Attack."""
    if sub == "Arrests":
        return _detention(trigger, sentence, actors)
    if sub not in VIOLENCE_SUBS:
        return sub
    kinds = {a.kind for a in actors}
    if not kinds & NON_STATE_ARMED_KINDS and not _matches(lexicon.armed, sentence):
        crowd = [a for a in actors if a.kind in ("civilian", "mob", "crowd")]
        unorganised = _matches(lexicon.unorganised, sentence) or "mob" in kinds
        agents = [a for a in crowd if a.start < trigger.start and not a.by_agent  # taking part, not a target
                  and not re.fullmatch(r"(?:the\s+)?(?:villages?|homes|houses|bod(?:y|ies)|corpses?)",
                                       sentence[a.start:a.end], re.I)]
        if any(a.kind == "state" and a.start < trigger.start for a in actors):  # "the troops clashed with …":
            # no "village"
            agents = [a for a in agents if a.kind == "mob" or CROWD_NOUN.search(sentence, a.start, a.end)]
        # "two groups of police clashed" is a fight among state forces, not a mob
        if sub == "Armed clash" and ((unorganised and (crowd or "state" not in kinds)) or agents):
            return "Mob violence"
        if sub == "Attack" and "state" not in kinds and unorganised and (agents or "mob" in kinds):
            return "Mob violence"
    if _crowd_assails(trigger, sentence, actors, lexicon):
        return "Mob violence"
    if sub == "Attack" and _armed_victim(trigger, sentence, actors, lexicon):
        return "Armed clash"
    if sub == "Armed clash" and not _matches(lexicon.mutual, trigger.text):
        if ARMED_TARGET.search(trigger.text):
            return sub  # "attacked an army post", "attack against the troops": the target is armed
        if _matches(lexicon.unarmed_victim, sentence):
            return "Attack"  # "shot a police officer (off duty)", "beat a detainee": the victim could not fight
        after = [a for a in actors if a.start >= trigger.end and not a.by_agent]
        if after and after[0].kind == "civilian" and not any(a.kind in ARMED_ACTOR_KINDS for a in after):
            return "Attack"
    return sub


# Words for people acting as a crowd (not "a man", "4 men": individual assailants are no mob).
CROWD_NOUN = re.compile(r"\b(?:residents|villagers|locals|motorists|people|youths|mobs?|crowds?|vendors|hawkers|"
                        r"traders|merchants|passers-?by|onlookers|neighbou?rs|community|communities|farmers|"
                        r"students|workers|supporters|drivers|passengers|relatives|families|fishermen|miners)\b", re.I)
REPORTED_BY = re.compile(r"\b(?:said|says|told|reported|according|claimed|alleged|accused)\b", re.I)


def _crowd_assails(trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon) -> bool:
    """Whether the ones who struck are an unorganised crowd ("residents caught a suspected robber and beat him",
    "motorists beat up two suspected thieves"): every actor named before an active verb is civilians or a mob,
    with no weapon or armed group among them, whoever the victim was (a robber or an officer is no armed side)."""
    if _matches(lexicon.mutual, trigger.text):
        return False
    head = sentence[:trigger.start]
    if PASSIVE_BEFORE.search(head[-40:]) or REPORTED_BY.search(head) or _matches(lexicon.armed, head):
        return False
    before = [a for a in actors if a.start < trigger.start and not a.by_agent]
    if not before or any(a.kind not in ("civilian", "mob", "crowd") or not (a.kind == "mob" or CROWD_NOUN.search(
            sentence, a.start, a.end)) for a in before):
        return False  # "two men shot …", a named force the actor module took for civilians: no crowd
    return not any(a.by_agent and a.kind in ARMED_ACTOR_KINDS for a in actors)


def _detention(trigger: Trigger, sentence: str, actors: list) -> str:
    """Arrests are made by a state's forces; people seized by a non-state armed group ("QSD detained three
    people", "detained by the militants") are abducted."""
    agent = next((a for a in actors if a.by_agent and a.kind in ARMED_ACTOR_KINDS), None)
    passive = bool(PASSIVE_BEFORE.search(sentence[max(0, trigger.start - 40):trigger.start]))
    if agent is None and not passive:
        # the subject of the verb: an actor named before it, unless the verb is passive ("suspects were arrested")
        before = [a for a in actors if a.start < trigger.start and a.kind in ARMED_ACTOR_KINDS and not a.by_agent]
        agent = before[0] if before else None
    if agent is not None and agent.kind in NON_STATE_ARMED_KINDS and agent.kind != "unidentified_military":
        return "Abduction/forced disappearance"
    return "Arrests"


# The target words of a clash trigger that name an armed side ("attacked the army post").
ARMED_TARGET = re.compile(r"\b(?:positions?|posts?|bases?|checkpoints?|patrols?|convoys?|troops|soldiers|police|"
                          r"policemen|officers|forces|army|military|stations?|barracks|outposts?|militants|rebels|"
                          r"fighters|helicopters?)\b", re.I)


PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got)\s+(?:(?!an?\b|the\b)\w+\s+){0,2}$", re.I)
PARTICIPLE = re.compile(r"(?:ed|en|t)\b", re.I)  # "killed", "beaten", "shot": not "a massacre"


# The object of a violent verb named as a member of a force, right after it ("killed a soldier", "shot two
# policemen"), whether or not the actor module knows which force.
ARMED_VICTIM_NOUN = re.compile(r"\s*(?:and\s+(?:\w+\s+)?(?:killed|injured|wounded)\s+)?"
                               r"(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|many)?\s*"
                               r"(?:(?:government|army|military|police|state|security|rebel|militia|border)\s+)?"
                               r"(?:soldiers?|troops|policem[ae]n|police\s+officers?|gendarmes?|servicem[ae]n|"
                               r"militiam[ae]n|fighters|combatants|militants|rebels|bandits|gangsters|gang\s+members|"
                               r"cartel\s+members|kidnappers|insurgents|jihadists)\b"
                               # a named force's man: "two Wagner fighters", "a Hamas commander" (not a party member)
                               r"|\s*(?:and\s+(?:\w+\s+)?(?:killed|injured|wounded)\s+)?(?:an?|the|two|three|four|five|\d+)\s+(?-i:(?:[A-Z][\w'-]*\s+){1,4})"
                               r"(?:fighters?|commanders?|militants?|combatants?|soldiers?)\b", re.I)


def _armed_victim(trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon) -> bool:
    """Whether the one attacked is an armed actor on duty (which makes the attack an Armed clash): the first
    actor on the victim's side of the verb (after it; before it in the passive), or, when that is no actor
    the actor module knows, the victim words ("a member of the 4th Division")."""
    passive = bool(PASSIVE_BEFORE.search(sentence[max(0, trigger.start - 40):trigger.start])) and \
        bool(PARTICIPLE.search(trigger.text))
    if passive:
        side = [a for a in actors if a.start < trigger.start and not a.by_agent]
        region = sentence[:trigger.start]
    else:
        # the object of the verb, close after it (not a place or unit named later in the sentence)
        side = [a for a in actors if trigger.end <= a.start <= trigger.end + 60 and not a.by_agent]
        region = sentence[trigger.end:]
    region = re.split(r"[.;]|\bby\b", region)[-1 if passive else 0]
    if _matches(lexicon.unarmed_victim, sentence):
        return False  # someone held, or a member off duty: a civilian whatever the force's name
    if side:
        victim = side[-1] if passive else side[0]
        if _matches(lexicon.civilian_status, sentence[max(0, victim.start - 30):victim.start]) or \
                _matches(lexicon.civilian_status, sentence[victim.end:victim.end + 30]):
            return False
        if victim.kind in ARMED_ACTOR_KINDS:
            return True
        if victim.kind == "civilian":
            return False
    if not passive and ARMED_VICTIM_NOUN.match(region) and not _matches(lexicon.civilian_status, region[:40]):
        return True  # "militants killed a soldier": the object is a member of a force on duty
    return _matches(lexicon.armed_victim, region) and not _matches(lexicon.civilian_status, region)

