"""What the role rules share: the question (RoleQuery), the answer (Roles), and small tests on actors and text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.finder import find_actors
from sitrep.coding.actors.mention import ARMED_KINDS, STATE, ActorMention, inter_for
from sitrep.coding.actors.role_cues import role_cues
from sitrep.coding.actors.state_forces import state_force_name
from sitrep.coding.countries import country_by_name


class Roles(NamedTuple):
    """Who did what to whom: the sub-event type (the roles may change it) and the two sides."""
    sub_event_type: str
    actor1: str
    inter1: str
    actor2: str
    inter2: str
    assoc1: str
    assoc2: str


@dataclass(frozen=True)
class RoleQuery:
    """An event's roles question: its type so far, the actors in its sentences and the text they are in."""
    sub: str
    event_type: str
    actors: tuple[ActorMention, ...]       # as found (offsets: trigger sentence first)
    trigger_start: int
    trigger_text: str
    country: str                           # the event's country (ACLED name), or the first the text names
    on: date | None
    descriptors: tuple[str, ...]           # descriptive groups for assoc_actor_1
    text: str
    extra: tuple[ActorMention, ...] = ()   # actors of sentences that elaborate the event

    def recast(self, sub: str, event_type: str) -> RoleQuery:
        """The same event asked as another sub-event type."""
        return replace(self, sub=sub, event_type=event_type)

    def inter(self, a: ActorMention | None) -> str:
        return inter_for(a, self.country) if a else ""

    def roles(self, sub: str, a1: ActorMention, a2: ActorMention | None, assoc1: str, assoc2: str) -> Roles:
        return Roles(sub, a1.name, self.inter(a1), a2.name if a2 else "", self.inter(a2), assoc1, assoc2)

    def civilians(self) -> ActorMention:
        return generic(f"Civilians ({self.country})", "Civilians", "civilian", self.country)

    def unidentified_group(self) -> ActorMention:
        return generic(f"Unidentified Armed Group ({self.country})", "Political militia", "armed", self.country)

    def gang(self) -> ActorMention:
        return generic(f"Unidentified Gang ({self.country})", "Political militia", "armed", self.country)


def generic(name: str, inter: str, kind: str, country: str) -> ActorMention:
    """An actor the text does not name at any offset (a default side)."""
    return ActorMention(name, inter, 0, 0, kind, country, False)


def first_of(kinds: set[str] | frozenset[str], pool: list[ActorMention]) -> ActorMention | None:
    return next((a for a in pool if a.kind in kinds), None)


def joined(names: list[str]) -> str:
    return "; ".join(dict.fromkeys(n for n in names if n))


def unnamed_opponent(agent: ActorMention, country: str, on: date | None, text: str) -> ActorMention:
    """The other side of a fight that names only one: a state's own forces fight an unidentified group (a gang
    where ACLED names one so); anyone else, or foreign forces, fight the state's military."""
    if agent.kind == "state" and agent.home == country:
        killers = conventions().faceless_killers.get(country)
        if killers is not None:
            return generic(killers.name, killers.inter, "armed", country)
        if gang_country(country) and role_cues().gang_marks.search(text):
            return generic(f"Unidentified Gang ({country})", "Political militia", "armed", country)
        return generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
    if agent.kind == "armed" and agent.name.startswith("Unidentified"):
        return agent
    return generic(state_force_name(country, "military", on), STATE, "state", country)


def casualties_named(text: str, agent: ActorMention, country: str, on: date | None) -> ActorMention | None:
    """Who was killed or hurt by a strike, from any sentence of its report ("… shelled X. 3 civilians were
    killed."): the other side's forces, else civilians."""
    civ = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not has_casualties(sentence):
            continue
        for a in find_actors(sentence, country, on):
            if a.kind in ("state", "named") and a.name != agent.name and (a.kind == "named" or a.home != agent.home):
                return a
            if a.kind == "civilian" and civ is None and sentence[a.start:a.end].lower() not in role_cues().property_words:
                civ = a
    return civ


def has_casualties(text: str) -> bool:
    cues = role_cues()
    return bool(cues.casualty.search(cues.no_casualty.sub(" ", text)))


def is_unidentified(a: ActorMention | None) -> bool:
    return a is None or (a.kind == "armed" and a.name.startswith("Unidentified Armed Group"))


def gang_country(country: str) -> bool:
    """Where ACLED names the unseen authors of killings with the marks of organised crime a gang."""
    c = country_by_name(country) if country else None
    gangs = conventions()
    return country in gangs.gang_countries or (c is not None and c.region in gangs.gang_regions)


def off_duty(text: str, a: ActorMention) -> bool:
    """An off-duty, former or retired member of a force is a civilian victim (cues: event_lexicon [violence])."""
    from sitrep.coding.event_types import LEXICON  # late: event_types is the coder's, loaded after actors
    rx, held = LEXICON.civilian_status, LEXICON.unarmed_victim
    return bool(rx is not None and rx.search(text[max(0, a.start - 30):a.start])) or \
        bool(held is not None and held.search(text[a.start:a.end + 40]))  # "a police officer (assumed off duty)"


def defends(text: str, agent: ActorMention, acts: list[ActorMention]) -> bool:
    """Whether the agent is the subject of an active verb of defence in its sentence ("its troops foiled an
    offensive launched by Ukraine"): the nearest armed actor before the verb, in the same sentence, is the agent."""
    cues = role_cues()
    for m in cues.repel_active.finditer(text):
        if cues.passive_aux_before.search(text[max(0, m.start() - 30):m.start()]):
            continue
        before = [a for a in acts if a.kind in ARMED_KINDS and a.end <= m.start() and not a.by_agent
                  and not re.search(r"[.!?;]\s", text[a.end:m.start()]) and m.start() - a.end <= 120]
        if before:
            return max(before, key=lambda a: a.end).name == agent.name
    return False
