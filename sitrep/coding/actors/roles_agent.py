"""Who acted in an armed or state event (actor1): the agent the sentence names, refined by ACLED's conventions,
or the default agent of the event type; and the readings that make the event another sub-event type."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.finder import merge_adjacent
from sitrep.coding.actors.mention import ARMED_KINDS, EXTERNAL, STATE, UNIDENTIFIED_MILITARY, ActorMention
from sitrep.coding.actors.phrases import countries_named
from sitrep.coding.actors.role_cues import GOVERNMENT_ACTS, PLANTED_WEAPONS, role_cues
from sitrep.coding.actors.roles_common import RoleQuery, Roles, first_of, gang_country, generic, is_unidentified, joined
from sitrep.coding.actors.state_forces import air_force_countries, government_name, state_force_name

REGAINS, OVERTAKES = "Government regains territory", "Non-state actor overtakes territory"
FIGHTS = ("Attack", "Armed clash", "Sexual violence")
REMOTE = ("Air/drone strike", "Shelling/artillery/missile attack")
_OBJECT_BEFORE = re.compile(r"\b(?:with|against|on|from|at|to|of|by)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|reported|stated|announced|claimed|according\s+to)\b", re.I)


class AgentPick(NamedTuple):
    agent: ActorMention | None
    acts: list[ActorMention]          # the event's actors, with those of elaborating sentences when they gave the agent
    before: list[ActorMention]        # armed actors before the trigger that are no "by" agents
    by: list[ActorMention]            # armed "by" agents of the act


def pick_agent(q: RoleQuery, acts: list[ActorMention]) -> AgentPick:
    """The armed actor the sentence names as the one who acted, if any."""
    cues, text, ts = role_cues(), q.text, q.trigger_start
    before = [a for a in acts if a.kind in ARMED_KINDS and a.start < ts and not a.by_agent]
    # "by X" names the agent of a passive act ("were killed by X"), or of one with no subject ("an attack by X");
    # after an active verb with its subject ("PKK attacked Turkish soldiers, … carried out by Turkish forces")
    # it belongs to another clause.
    by = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS
          and (a.start < ts or not before or 0 <= a.start - ts - len(q.trigger_text) <= 12
               or cues.passive_before.search(text[max(0, ts - 40):ts]))]
    if q.sub in PLANTED_WEAPONS:
        # "an IED planted by JNIM": who planted it set it off, whoever the sentence opens with
        planter = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.start > ts
                   and cues.planted_by.search(text[max(ts, a.start - 40):a.start])]
        by = planter[:1] or by
        # "a military convoy struck an IED": the subject ran into the device; it did not plant it
        before = [a for a in before if not cues.ran_into.search(text[a.end:ts])]
    agent = by[0] if by else before[0] if before else first_of(ARMED_KINDS, acts)
    if agent is not None and not by and not before and q.sub in PLANTED_WEAPONS:
        agent = None  # "an IED killed two soldiers": the soldiers were hit; whoever planted it is unknown
    if agent is None and q.extra:
        more = merge_adjacent(list(q.extra))
        at = next((i for i, a in enumerate(more) if a.kind in ARMED_KINDS), None)
        agent = more[at] if at is not None else None
        acts = acts + [a for i, a in enumerate(more) if i != at]
    return AgentPick(agent, acts, before, by)


def territory_sub(q: RoleQuery, sub: str, pick: AgentPick) -> str:
    """Who took the ground decides (codebook): a state's own forces regain it, rebels and militias overtake it.
    The taker is the subject: the first armed actor before the verb, after any reporting verb, that is no object
    of a preposition ("the army said rebels took over …", "the army clashed with rebels and regained …"). A foreign
    state's forces, or no named taker: the trigger's words decide ("recaptured" vs "seized")."""
    if pick.agent is None or sub not in (REGAINS, OVERTAKES):
        return sub
    text = q.text
    subjects = [a for a in pick.before if not _OBJECT_BEFORE.search(text[max(0, a.start - 40):a.start])]
    said = [m.end() for m in _REPORTING_VERB.finditer(text[:q.trigger_start])]
    subjects = [a for a in subjects if a.start >= said[-1]] or subjects if said else subjects
    taker = pick.by[0] if pick.by else subjects[0] if subjects else pick.before[0] if pick.before else pick.agent
    if q.inter(taker) == STATE:
        return REGAINS
    if taker.kind != "state" and q.inter(taker) != EXTERNAL:
        return OVERTAKES
    return sub


def agentless_roles(q: RoleQuery, sub: str, agent: ActorMention | None) -> Roles | None:
    """Events with no armed agent whose sides the text still gives: the states of an agreement, the displaced."""
    if agent is not None:
        return None
    if sub == "Agreement":
        # "Russia and Ukraine exchanged prisoners": the states named are the parties.
        homes = list(dict.fromkeys(c.country.name for c in countries_named(q.text.split(". ")[0])))
        if homes:
            parties = [generic(state_force_name(h, "military", q.on), STATE, "state", h) for h in homes[:2]]
            return q.roles(sub, parties[0], parties[1] if len(parties) > 1 else None, "", "")
    if sub == "Other" and role_cues().displaced.search(q.text):
        return Roles(sub, f"Civilians ({q.country})", "Civilians", "", "", joined(list(q.descriptors)), "")
    return None


def mob_recast(q: RoleQuery, sub: str, agent: ActorMention | None, acts: list[ActorMention]) -> RoleQuery | None:
    """The event as mob violence when its agent is a crowd: settlers, a party's unarmed supporters, people who are
    no armed group acting themselves ("villagers beat", "youths of two clans fought")."""
    cues, text, ts = role_cues(), q.text, q.trigger_start
    as_mob = q.recast("Mob violence", "Riots")
    if agent is not None and agent.name in conventions().mob_like_named and sub in ("Attack", "Armed clash"):
        # Settlers' attacks are mob violence, with the settlers as the rioters' associates.
        return replace(as_mob, actors=tuple(a for a in q.actors if a.name != agent.name),
                       descriptors=q.descriptors + (agent.name,))
    if agent is not None and agent.role == "party" and sub in FIGHTS and not cues.firearms.search(text):
        return as_mob  # party supporters with sticks and stones: a mob
    if agent is None and sub in FIGHTS:
        crowd_agent = next((a for a in acts if a.kind == "civilian" and (a.by_agent or a.start < ts)), None)
        # Not people something was done to ("a farmer was shot").
        acting_crowd = crowd_agent is not None and (crowd_agent.by_agent or not cues.passive.search(
            text[crowd_agent.end:ts])) and (sub == "Armed clash" or cues.brawl.search(q.trigger_text or "")) \
            and not cues.firearms.search(text)
        if first_of({"mob"}, acts) is not None or acting_crowd \
                or (crowd_agent is not None and cues.mob_trigger.search(q.trigger_text or "")):
            return as_mob
    return None


def faceless_mob_recast(q: RoleQuery, sub: str, agent: ActorMention | None) -> RoleQuery | None:
    """An unseen group without weapons ("unknown persons beat a journalist"): mob violence (agent as ACLED names
    it)."""
    cues, text = role_cues(), q.text
    if sub == "Attack" and q.event_type == "Violence against civilians" and is_unidentified(agent) \
            and (agent is None or agent.kind == "armed") and cues.faceless_group.search(text) \
            and not cues.firearms.search(text) and not cues.armed_means.search(text) \
            and cues.unarmed_harm.search(text):
        return q.recast("Mob violence", "Riots")
    return None


def named_agent(q: RoleQuery, sub: str, agent: ActorMention | None, acts: list[ActorMention]) -> ActorMention | None:
    """The agent as ACLED names it: armed party men as an unidentified armed group (the party its associate),
    "the authorities" as the government, forces operating under an umbrella operation as that operation."""
    if agent is None:
        return None
    if agent.role == "party" and sub in FIGHTS:
        agent = ActorMention(f"Unidentified Armed Group ({q.country})", "Political militia", agent.start, agent.end,
                             "armed", q.country, agent.by_agent, agent.name)
    if sub in GOVERNMENT_ACTS and agent.kind == "state" and agent.home \
            and role_cues().government_word.fullmatch(q.text[agent.start:agent.end]):
        # "the authorities declared a state of emergency": the government, not its police
        agent = ActorMention(government_name(agent.home, q.on), STATE, agent.start, agent.end, "state", agent.home,
                             agent.by_agent)
    if agent.kind in ARMED_KINDS and agent.role != "umbrella":
        # Forces "operating under OPS": ACLED names the operation.
        umbrella = next((a for a in acts if a.role == "umbrella"), None)
        if umbrella is not None:
            agent = umbrella
    return agent


def default_agent(q: RoleQuery, sub: str) -> ActorMention:
    """The agent of an event whose text names none."""
    killers = conventions().faceless_killers.get(q.country)
    if q.event_type == "Explosions/Remote violence" and sub in REMOTE:
        return generic(UNIDENTIFIED_MILITARY, EXTERNAL, "unidentified_military", "")
    if sub == "Arrests":
        return generic(state_force_name(q.country, "police", q.on), STATE, "state", q.country)
    if sub in GOVERNMENT_ACTS and q.country:
        # Curfews, bans, elections, decrees with no armed actor: the government acted (ACLED's "Government of").
        return generic(government_name(q.country, q.on), STATE, "state", q.country)
    if killers is not None and sub == "Attack":
        return generic(killers.name, killers.inter, "armed", q.country)
    return q.unidentified_group()


def final_agent(q: RoleQuery, sub: str, agent: ActorMention | None) -> ActorMention:
    """The agent after the conventions for unseen killers (a gang, Brazil's police militias) and air forces."""
    killers = conventions().faceless_killers.get(q.country)
    cues, country = role_cues(), q.country
    if is_unidentified(agent) and killers is None and gang_country(country) and sub not in REMOTE \
            and cues.gang_marks.search(q.text):
        agent = ActorMention(f"Unidentified Gang ({country})", "Political militia", agent.start if agent else 0,
                             agent.end if agent else 0, "armed", country, agent.by_agent if agent else False)
    if agent is None:
        agent = default_agent(q, sub)
    elif agent.kind == "armed" and agent.name.startswith("Unidentified Armed Group") and sub == "Attack" \
            and killers is not None and cues.faceless_marks.search(q.text):
        agent = ActorMention(killers.name, killers.inter, agent.start, agent.end, "armed", country, agent.by_agent)
    if sub == "Air/drone strike" and agent.kind == "state" and agent.home in air_force_countries() \
            and agent.name.startswith("Military Forces of") and agent.name.endswith(")"):
        agent = ActorMention(agent.name + " Air Force", agent.inter, agent.start, agent.end, agent.kind, agent.home,
                             agent.by_agent, agent.assoc)
    return agent
