"""Assigning roles to an event's actors (assign_roles): who is actor1 and actor2, their inter codes and associates,
and whether the event is an Armed clash, an Attack or Mob violence by who took part.

The steps: crowds (roles_crowds.py) — protesters, rioters, mobs; otherwise the agent (roles_agent.py) — the armed
actor the text names, a reading of the event as mob violence, ACLED's names for it or the default agent; then the
other side by event type (roles_targets.py)."""

from __future__ import annotations

from datetime import date

from sitrep.coding.actors.finder import merge_adjacent
from sitrep.coding.actors.mention import ActorMention
from sitrep.coding.actors.phrases import countries_named
from sitrep.coding.actors.roles_agent import (
    agentless_roles,
    faceless_mob_recast,
    final_agent,
    mob_recast,
    named_agent,
    pick_agent,
    territory_sub,
)
from sitrep.coding.actors.roles_common import RoleQuery, Roles
from sitrep.coding.actors.roles_crowds import mob_roles, protest_roles, riot_roles, victims_of_armed
from sitrep.coding.actors.roles_targets import roles_by_event_type


def assign_roles(sub: str, event_type: str, actors: list[ActorMention], trigger_start: int, trigger_text: str,
                 country: str, on: date | None, descriptors: list[str], text: str,
                 extra: list[ActorMention] | tuple[ActorMention, ...] = ()) -> Roles:
    """(sub_event_type, actor1, inter1, actor2, inter2, assoc1, assoc2) of an event from the actors in its
    sentences (offsets: trigger sentence first). Attacker first; in Violence against civilians the victim is
    actor2; protesters act alone unless someone intervened. extra: actors of sentences that elaborate the
    event, used when its own sentence names no armed actor ("The attackers, ISWAP fighters, …")."""
    if not country:  # no place found: the country the text names is still the best guess for the names
        named = countries_named(text)
        country = named[0].country.name if named else ""
    return roles_for(RoleQuery(sub, event_type, tuple(actors), trigger_start, trigger_text, country, on,
                               tuple(descriptors), text, tuple(extra)))


def roles_for(q: RoleQuery) -> Roles:
    acts = merge_adjacent(list(q.actors))
    if q.event_type == "Protests":
        return protest_roles(q, acts)
    if q.sub == "Violent demonstration":
        return riot_roles(q, acts)
    if q.sub == "Mob violence":
        if victims_of_armed(q, acts):
            return roles_for(q.recast("Attack", "Violence against civilians"))
        return mob_roles(q, acts)
    return armed_roles(q, acts)


def armed_roles(q: RoleQuery, acts: list[ActorMention]) -> Roles:
    """Roles of an event with an armed or state agent (named, or the event type's default)."""
    pick = pick_agent(q, acts)
    sub = territory_sub(q, q.sub, pick)
    acts = pick.acts
    roles = agentless_roles(q, sub, pick.agent)
    if roles is not None:
        return roles
    recast = mob_recast(q, sub, pick.agent, acts)
    if recast is not None:
        return roles_for(recast)
    agent = named_agent(q, sub, pick.agent, acts)
    recast = faceless_mob_recast(q, sub, agent)
    if recast is not None:
        return roles_for(recast)
    return roles_by_event_type(q, sub, final_agent(q, sub, agent), acts)
