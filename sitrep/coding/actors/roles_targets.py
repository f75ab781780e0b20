"""Who the agent acted on (actor2), and the roles by event type once the agent is known: Battles, Violence
against civilians, Explosions/Remote violence, Strategic developments."""

from __future__ import annotations

from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.finder import find_actors
from sitrep.coding.actors.mention import ARMED_KINDS, ActorMention
from sitrep.coding.actors.role_cues import role_cues
from sitrep.coding.actors.roles_common import (
    RoleQuery,
    Roles,
    casualties_named,
    defends,
    gang_country,
    has_casualties,
    joined,
    off_duty,
    unnamed_opponent,
)


class Targets(NamedTuple):
    sub: str                          # Attack when the one attacked turned out to be a gang
    armed: ActorMention | None        # the armed side acted on
    civilian: ActorMention | None     # the civilians acted on


def other_sides(q: RoleQuery, agent: ActorMention, acts: list[ActorMention]) -> list[ActorMention]:
    """The actors who may be the other side: not the agent, not groups named only as what victims were linked to,
    not off-duty members of a force, not a state's own forces in its strategic acts."""
    cues, text = role_cues(), q.text
    others = [a for a in acts if a.start != agent.start and (a.name != agent.name or a.kind == "armed")
              and not (a.kind in ARMED_KINDS and cues.mentioned_as_link.search(text[max(0, a.start - 45):a.start]))
              # former or off-duty members of a force are civilians
              and not (a.kind == "state" and off_duty(text, a))
              # a state's forces do not arrest or loot their own: "soldiers from the police station", units
              and not (q.event_type == "Strategic developments" and a.kind == "state" and agent.kind == "state"
                       and a.home == agent.home)]
    # Armed actors named with the agent before the act ("the military and police arrested …") act with it;
    # the other side is named after the act. Only in a battle may both sides come first ("X and Y clashed").
    ts = q.trigger_start
    co_agents = [a for a in others if a.kind in ARMED_KINDS and a.start < ts and agent.start < ts and agent in acts]
    if co_agents:
        others = [a for a in others if a not in co_agents] + (co_agents if q.event_type == "Battles" else [])
    return others


def pick_targets(q: RoleQuery, sub: str, agent: ActorMention, others: list[ActorMention]) -> Targets:
    target_armed = next((a for a in others if a.kind in ARMED_KINDS and a.name != agent.name), None) \
        or next((a for a in others if a.kind in ARMED_KINDS), None)
    if target_armed is None and sub in ("Attack", "Abduction/forced disappearance") and gang_country(q.country):
        victim = role_cues().gang_victim.search(q.text)
        if victim is not None:
            what = victim.group("what").lower()
            target_armed = q.unidentified_group() if "armed group" in what or "extort" in what else q.gang()
            sub = "Attack"  # becomes an Armed clash below: the one attacked was armed
    # the civilians acted on, after the verb ("near X village, gunmen attacked soldiers": no victim)
    target_civ = next((a for a in others if a.kind == "civilian" and a.start > q.trigger_start), None) \
        or next((a for a in others if a.kind == "civilian"), None)
    return Targets(sub, target_armed, target_civ)


def battle_roles(q: RoleQuery, sub: str, agent: ActorMention, armed: ActorMention | None,
                 acts: list[ActorMention]) -> Roles:
    if armed is not None and armed.name != agent.name and defends(q.text, agent, acts):
        agent, armed = armed, agent  # the side that was held off attacked first
    if armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
            and role_cues().mutual_fight.search(q.text):
        armed = agent
    if armed is None and q.country and sub == "Armed clash":
        armed = unnamed_opponent(agent, q.country, q.on, q.text)
    return q.roles(sub, agent, armed, agent.assoc, armed.assoc if armed else "")


def remote_roles(q: RoleQuery, sub: str, agent: ActorMention, armed: ActorMention | None,
                 civilian: ActorMention | None) -> Roles:
    if civilian is not None and not has_casualties(q.text):
        civilian = None  # damage to homes or "civilian infrastructure" only: no victim actor
    target = armed if armed is not None and (civilian is None or armed.start < civilian.start) else civilian
    if target is None:
        target = casualties_named(q.text, agent, q.country, q.on)
    return q.roles(sub, agent, target, agent.assoc, target.assoc if target else "")


def strategic_roles(q: RoleQuery, sub: str, agent: ActorMention, armed: ActorMention | None,
                    civilian: ActorMention | None) -> Roles:
    country = q.country
    if armed is None and country and sub == "Disrupted weapons use":
        # What was shot down or defused belongs to someone: the forces named with the weapon ("a Russian
        # drone"), else an unidentified group.
        armed = next((a for a in find_actors(q.text, country, q.on, armed_context=True)
                      if a.kind == "state" and a.home != agent.home), None) \
            or (q.unidentified_group() if agent.kind == "state" else None)
    if armed is None and country and sub == "Looting/property destruction" and agent.kind == "state" \
            and gang_country(country) and role_cues().drugs.search(q.text):
        armed = q.gang()
    second = armed or (civilian if sub in ("Arrests", "Looting/property destruction") else None)
    if second is None and sub == "Other" and civilian is not None and civilian.start > q.trigger_start \
            and agent.kind in ARMED_KINDS:
        second = civilian  # armed men who stopped, threatened or drove out residents
    if second is None and country and sub in ("Arrests", "Looting/property destruction"):
        # Someone is always arrested, and what is looted or destroyed belongs to someone: civilians by default.
        second = q.civilians()
    return q.roles(sub, agent, second, agent.assoc, second.assoc if second else "")


def roles_by_event_type(q: RoleQuery, sub: str, agent: ActorMention, acts: list[ActorMention]) -> Roles:
    """The roles once the agent is known; an attack on an armed side is an armed clash."""
    t = pick_targets(q, sub, agent, other_sides(q, agent, acts))
    sub, armed, etype = t.sub, t.armed, q.event_type
    vigilantes = conventions().vigilante_targets.get(armed.name) if armed is not None else None
    if vigilantes is not None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
            and sub in ("Attack", "Armed clash"):
        # Unseen killers of drug suspects: ACLED's anti-drug vigilantes, the suspect a civilian victim.
        agent = ActorMention(vigilantes, "Political militia", agent.start, agent.end, "armed", q.country,
                             agent.by_agent)
        return Roles("Attack", agent.name, q.inter(agent), f"Civilians ({q.country})", "Civilians", "", "")
    if sub == "Attack" and armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
            and role_cues().armed_sides_fought.search(q.text):
        armed = agent  # "people were hurt in a fight between two unknown armed groups": both sides armed
        sub, etype = "Armed clash", "Battles"
    if sub == "Attack" and armed is not None and (t.civilian is None or armed.start < t.civilian.start) \
            and not off_duty(q.text, armed):
        sub, etype = "Armed clash", "Battles"
    if etype == "Battles":
        return battle_roles(q, sub, agent, armed, acts)
    if etype == "Violence against civilians":
        return Roles(sub, agent.name, q.inter(agent), f"Civilians ({q.country})", "Civilians", agent.assoc,
                     joined(list(q.descriptors)))
    if etype == "Explosions/Remote violence":
        return remote_roles(q, sub, agent, armed, t.civilian)
    return strategic_roles(q, sub, agent, armed, t.civilian)
