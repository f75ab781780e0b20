"""Roles in events of crowds: protests, violent demonstrations and mob violence."""

from __future__ import annotations

import re
from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.finder import find_actors
from sitrep.coding.actors.mention import ARMED_KINDS, STATE, ActorMention
from sitrep.coding.actors.role_cues import role_cues
from sitrep.coding.actors.roles_common import RoleQuery, Roles, first_of, generic, joined
from sitrep.coding.actors.state_forces import state_force_name

# Words that make the state actor of a riot report the side the rioters faced.
_FORCES_PRESENT = re.compile(r"\bpolice|security\s+forces|officers|soldiers|troops", re.I)


def _parties(acts: list[ActorMention]) -> list[str]:
    """Political parties and militias named in a crowd's event: its associates."""
    return [a.name for a in acts if a.kind == "named" and a.inter == "Political militia"]


def protest_roles(q: RoleQuery, acts: list[ActorMention]) -> Roles:
    """Protesters act alone unless someone intervened (the police by default, or a counter-protest)."""
    a1 = f"Protesters ({q.country})" if q.country else "Protesters"
    assoc = joined(list(q.descriptors) + _parties(acts))
    if q.sub == "Peaceful protest":
        if role_cues().counter_protest.search(q.text):
            return Roles(q.sub, a1, "Protesters", a1, "Protesters", assoc, "")
        return Roles(q.sub, a1, "Protesters", "", "", assoc, "")
    a2 = first_of({"state"}, acts) or generic(state_force_name(q.country, "police", q.on), STATE, "state", q.country)
    return Roles(q.sub, a1, "Protesters", a2.name, q.inter(a2), assoc, "")


def riot_roles(q: RoleQuery, acts: list[ActorMention]) -> Roles:
    """Rioters against the forces that faced them, or against the people they turned on."""
    a1 = f"Rioters ({q.country})"
    assoc = joined(list(q.descriptors) + _parties(acts))
    police = first_of({"state"}, acts)
    if police is None and q.country:  # the police may come in a later sentence ("Police fired tear gas.")
        police = next((a for a in find_actors(q.text, q.country, q.on) if a.kind == "state"), None)
    a2 = police if police and _FORCES_PRESENT.search(q.text) else None
    if a2 is None:
        # Rioters who turned on people or their homes and cars: those people are the other side.
        hit = next((a for a in acts if a.kind == "civilian" and a.start > q.trigger_start
                    and role_cues().riot_harm.search(q.text[max(0, a.start - 50):a.start])), None)
        if hit is not None:
            return Roles(q.sub, a1, "Rioters", f"Civilians ({q.country})", "Civilians", assoc, "")
    return Roles(q.sub, a1, "Rioters", a2.name if a2 else "", q.inter(a2), assoc, "")


def victims_of_armed(q: RoleQuery, acts: list[ActorMention]) -> bool:
    """"villagers were attacked by gunmen": the people named first were the victims of an armed side, which
    makes a mob-violence reading an attack on civilians."""
    if any(a.kind == "mob" for a in acts):
        return False
    mob_like = conventions().mob_like_named
    by_armed = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.role != "party"
                and a.name not in mob_like and a.start > q.trigger_start]
    return bool(by_armed) and bool(role_cues().passive.search(q.trigger_text or ""))


class MobSide(NamedTuple):
    assoc: list[str]                 # the rioters' associates
    rioting: list[ActorMention]      # the party mentions that are the rioters
    home: str                        # whose rioters they are


def _mob_side(q: RoleQuery, acts: list[ActorMention]) -> MobSide:
    """The rioters: their associates (descriptors, settlers, vigilantes, the party whose supporters rioted), the
    party mentions that are them, and their country (the settlers' for settlers)."""
    assoc1 = list(q.descriptors)
    mob_like = conventions().mob_like_named
    settlers = next((a for a in acts if a.name in mob_like and a.start < q.trigger_start), None)
    if settlers is not None:
        assoc1.append(settlers.name)
    home = next((mob_like[n] for n in assoc1 if n in mob_like), q.country)
    if any(a.kind == "mob" and "vigilant" in q.text[a.start:a.end].lower() for a in acts):
        assoc1.append(f"Vigilante Group ({q.country})")
    # Party supporters riot as Rioters with their party as associate (ACLED names no party as a rioter).
    party_by = [a for a in acts if a.role == "party" and a.by_agent]
    rioting = party_by[:1] or [a for a in acts if a.role == "party" and a.start < q.trigger_start][:1]
    return MobSide(assoc1 + [a.name for a in rioting], rioting, home)


def mob_roles(q: RoleQuery, acts: list[ActorMention]) -> Roles:
    """Rioters (of the settlers' country for settlers) against their victim, civilians, or another crowd."""
    assoc1, rioting, home = _mob_side(q, acts)
    a1 = f"Rioters ({home})"
    pool = [a for a in acts if a not in rioting and a.name not in assoc1]
    a1_local = f"Rioters ({q.country})"  # the other crowd is local (settlers fight Palestinian rioters)
    victim = first_of({"civilian", "state", "named"}, [a for a in pool if a.start > q.trigger_start] or pool)
    assoc2 = victim.name if victim is not None and victim.role == "party" else ""
    if victim is not None and victim.role == "party":
        victim = None
    cues = role_cues()
    if (victim is None or victim.kind == "civilian") and (cues.clash.search(q.trigger_text or "")
                                                           or cues.mutual_fight.search(q.text)):
        return Roles(q.sub, a1, "Rioters", a1_local, "Rioters", joined(assoc1), assoc2)  # two crowds fought
    if victim is None or victim.kind == "civilian":
        return Roles(q.sub, a1, "Rioters", f"Civilians ({q.country})", "Civilians", joined(assoc1), assoc2)
    return Roles(q.sub, a1, "Rioters", victim.name, q.inter(victim), joined(assoc1), "")
