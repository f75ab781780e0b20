"""Finding the actors a sentence mentions (find_actors): phrase hits turned into ACLED names, a country's forces,
identity militias and factions, "coded as" names; and merging a name with its head word (merge_adjacent)."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.groups import resolve_coded_as, with_factions, with_group_militias
from sitrep.coding.actors.mention import EXTERNAL, STATE, ActorMention, mention_in
from sitrep.coding.actors.phrases import PhraseHit, actor_table, scan_phrases, word_tokens
from sitrep.coding.actors.state_forces import redated_unit_name, state_force_name

POSSESSIVE_FORCES = re.compile(r"\b(?:its|their|our|his)\s+$", re.I)
COUNTRY_AS_AGENT = re.compile(r"^\s*(?:has|have|had|was|were|is|launched|attacked|shelled|struck|fired|bombed|"
                              r"said\s+(?:its|it)|claimed|carried\s+out|hit|targeted)\b", re.I)
COUNTRY_AFTER_BY = re.compile(r"\b(?:launched|carried\s+out|conducted|attacked|fired|shelled|struck)\s+by\s+$", re.I)
# "Russian assaults", "Ukrainian drones": a demonym before a military act or weapon stands for the forces.
_DEMONYM_AS_FORCE = re.compile(r"\s+(?:(?:guided|aerial|glide|heavy|ballistic|cruise|kamikaze|attack|combat|"
                               r"long-range|massive|overnight|air|artillery|tank|mortar|rocket|missile)\s+){0,2}"
                               r"(?:assaults?|attacks?|offensives?|advances?|positions?|strikes?|shelling|"
                               r"drones?|missiles?|artillery|rockets?|bombardments?|fire|raids?|incursions?|bombs?|"
                               r"shells?|mortars?|airstrikes?|warplanes?|jets?|helicopters?)\b", re.I)
# A demonym before a military machine, whatever words name its model ("a Russian Ka-52 helicopter", "Israeli
# gunboats"): that country's forces, in any sentence.
_DEMONYM_MACHINE = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:drones?|UAVs?|missiles?|helicopters?|aircraft|warplanes?|"
                              r"fighter\s+jets?|jets?|gunboats?|warships?|naval\s+vessels?|navy\s+boats?|tanks?|"
                              r"armou?red\s+vehicles?|military\s+vehicles?|sea\s+mines?|bulldozers?)\b", re.I)
# After a force word, words that make it an office or its spokesmen rather than troops in the field.
_NOT_FORCES_AFTER = re.compile(r"\s*(?:administrations?|analysts?|officials?|spokes\w+|experts?|courts?|"
                               r"prosecutors?|observers?|sources?|bloggers?|academy|hospital|commissariat|"
                               r"coups?|rule|takeover|leaders(?:hip)?|service|conscription|mobili[sz]ation|"
                               r"spending|aid|exercises?|parade)\b", re.I)
# A short label before a colon opening a text ("Movement of forces: On 3 May, …").
_LABEL = re.compile(r"^\s*[A-Z][\w/-]*(?:\s+[\w/-]+){0,3}:\s")
PLACE_CONTEXT_BEFORE = re.compile(r"\b(?:in|into|of|to|from|across|inside|near|with|and|against|between)\s+$", re.I)
# Between a country word and its forces: "Russian forces", "Ukraine's army", "the Nigerian Air Force".
_COUNTRY_THEN_FORCES = re.compile(r"(?:'s|’s|s)?(?:\s+|-)(?:(?!of\b|and\b|by\b|in\b|with\b)[\w-]+\s+){0,2}", re.I)
_FORCES_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_CONTINGENT_NAMED = ("ATMIS:", "AMISOM:")
_COORDINATED = re.compile(r"\s*(?:,|and|or|&)\s*(?:the\s+)?", re.I)
# Words that, in front of "forces"/"troops", make them somebody else's than the state's.
_NOT_STATE_BEFORE = re.compile(r"\b(?:rebel|opposition|militia|separatist|insurgent|jihadist|resistance|tribal|"
                               r"clan|Kurdish-led|Tigrayan|Tigray|Houthi|Taliban|enemy|foreign|coalition|"
                               r"allied|pro-government|peacekeeping)\s+$", re.I)


_CAPITALISED_WORD = re.compile(r"[A-Z][\w'-]*")
# Capitals standing for their country ("Moscow said"): a government, never forces before a military word.
_CAPITALS_AS_COUNTRY = ("Kremlin", "Moscow", "Kyiv", "Kiev")
_MILITANT_WORDS = re.compile(r"\b(?:militants?|terrorists?|insurgents?|ultras|jihadists?|rebels?)\b", re.I)


def _names_no_people(sentence: str, s: int, end: int) -> bool:
    """A people word that names no people: a word of a capitalised name ("Ta Man Thar village", "Regional People
    Defense Force") or an adjective before its noun ("a local defense militia")."""
    word = sentence[s:end]
    if word[:1].isupper() and s > 0 and not re.search(r"[.!?:;\"(]\s*$", sentence[max(0, s - 3):s]):
        prev = re.search(r"([\w'-]+)\s+$", sentence[max(0, s - 30):s])
        nxt = re.match(r"\s+([\w'-]+)", sentence[end:end + 30])
        if (prev and _CAPITALISED_WORD.fullmatch(prev.group(1))) or (nxt and _CAPITALISED_WORD.fullmatch(nxt.group(1))):
            return True
    return word.lower().endswith("local") and bool(re.match(r"\s+(?!and\b|or\b|in\b|of\b|at\b|on\b|who\b|was\b)"
                                                             r"[a-z]", sentence[end:end + 12]))


class PendingForces(NamedTuple):
    """The forces of a country named with another's ("Russian and Ukrainian forces"), added after the phrase hits."""
    home: str
    start: int
    end: int
    kind: str


class ForcesHome(NamedTuple):
    home: str                              # whose forces a force word names ("" when the sentence does not say)
    named: bool                            # a country word next to it said so
    used: frozenset[int]                   # the country hits spent on force words so far
    coordinated: list[PendingForces]


class StateForcesHit(NamedTuple):
    actor: ActorMention | None
    used: frozenset[int]
    coordinated: list[PendingForces]


def _named_actor(sentence: str, hit: PhraseHit, country: str, countries: list[PhraseHit],
                 on: date | None) -> ActorMention | None:
    e, s, end = hit
    if "{country}" in e.name and not country:
        return None
    name = e.name.format(country=country)
    if e.inter == STATE and e.home:
        name = redated_unit_name(name, e.home, on)
    if name.startswith(_CONTINGENT_NAMED):
        # "Ugandan ATMIS troops": ACLED names the mission's national contingents
        prev = next((c.entry for c in countries if 0 <= s - c.end <= 2), None)
        name = f"{name} ({prev.home})" if prev is not None else name
    return mention_in(sentence, name, e.inter, s, end, "named", e.home or country, e.assoc, e.role)


def _generic_actor(sentence: str, hit: PhraseHit, country: str, admin1: str) -> ActorMention | None:
    e, s, end = hit
    if not country or ("{admin1}" in e.name and not admin1):
        return None
    if e.kind == "unidentified_military":
        return mention_in(sentence, e.name, e.inter, s, end, e.kind, "")
    # Where ACLED names the unidentified militants of a region's insurgency after it.
    rebels = conventions().regional_rebels.get((country, admin1))
    if rebels is not None and e.name.startswith("Unidentified Armed Group") and _MILITANT_WORDS.search(sentence[s:end]):
        return mention_in(sentence, rebels.name, rebels.inter, s, end, "armed", country)
    if e.kind == "civilian" and _names_no_people(sentence, s, end):
        return None
    return mention_in(sentence, e.name.format(country=country, admin1=admin1), e.inter, s, end, e.kind, country)


def _forces_home(sentence: str, hit: PhraseHit, countries: list[PhraseHit], used: frozenset[int]) -> ForcesHome:
    """Whose forces a force word names: its own home, else a country word before it ("Russian forces", "Russian
    and Ukrainian forces": both) or after it ("forces of Ukraine")."""
    e, s, end = hit
    if e.home:
        return ForcesHome(e.home, False, used, [])
    home, named, spent, coordinated = "", False, set(used), []
    for ci, (ce, cs, cend) in enumerate(countries):
        if cend <= s and s - cend <= 40 and _COUNTRY_THEN_FORCES.fullmatch(sentence[cend:s]):
            home, named = ce.home, True
            spent.add(ci)
            if ci > 0 and _COORDINATED.fullmatch(sentence[countries[ci - 1].end:cs]) \
                    and countries[ci - 1].entry.home != home and ci - 1 not in spent:
                pe, ps, pend = countries[ci - 1]
                spent.add(ci - 1)
                coordinated.append(PendingForces(pe.home, ps, pend, e.kind))
        elif cs >= end and _FORCES_OF.fullmatch(sentence[end:cs]):
            home, named = ce.home, True
            spent.add(ci)
            break
    return ForcesHome(home, named, frozenset(spent), coordinated)


def _state_forces(sentence: str, hit: PhraseHit, country: str, on: date | None, countries: list[PhraseHit],
                  used: frozenset[int]) -> StateForcesHit:
    """A force word as the forces of a state (no actor when it names no troops of a state here)."""
    e, s, end = hit
    if e.home and e.home != country and not e.exact:
        return StateForcesHit(None, used, [])
    found = _forces_home(sentence, hit, countries, used)
    nothing = StateForcesHit(None, found.used, found.coordinated)
    if e.needs_country and not found.named:
        return nothing  # "launched an air strike": the weapon of whoever acts, not a party of its own
    before = sentence[max(0, s - 30):s]
    home = found.home
    if _NOT_FORCES_AFTER.match(sentence[end:end + 20]) or (not home and _NOT_STATE_BEFORE.search(before)):
        return nothing
    if not home and POSSESSIVE_FORCES.search(sentence[max(0, s - 8):s]):
        earlier = [c.entry.home for c in countries if c.start < s]
        home = earlier[0] if earlier else ""
    home = home or country
    if not home:
        return nothing
    unit = e.unit if not e.unit_for or home in e.unit_for else ""
    actor = mention_in(sentence, state_force_name(home, e.kind, on, unit), STATE, s, end, "state", home)
    return StateForcesHit(actor, found.used, found.coordinated)


def _country_word_actor(sentence: str, hit: PhraseHit, on: date | None, armed_context: bool) -> ActorMention | None:
    """A country word no force word took: its military when it acts in a fight ("Russia shelled", "launched by
    Ukraine") or stands before a military act or machine ("Russian drones"); else no actor."""
    ce, s, e = hit
    word = sentence[s:e]
    before = sentence[max(0, s - 30):s]
    if word.lower() != ce.home.lower() and sentence[e:e + 2] not in ("'s", "’s") \
            and not word.isupper() and len(word_tokens(word)) == 1 and word not in _CAPITALS_AS_COUNTRY:
        if not ((armed_context and _DEMONYM_AS_FORCE.match(sentence[e:e + 30]))
                or _DEMONYM_MACHINE.match(sentence[e:e + 40])):
            return None  # a demonym on its own ("Russian civilians") is not an actor
    elif not armed_context or (PLACE_CONTEXT_BEFORE.search(before) and not COUNTRY_AFTER_BY.search(before)) \
            or not (COUNTRY_AS_AGENT.match(sentence[e:e + 40]) or COUNTRY_AFTER_BY.search(before)):
        return None
    return mention_in(sentence, state_force_name(ce.home, "military", on), STATE, s, e, "state", ce.home)


def find_actors(sentence: str, event_country: str, on: date | None = None,
                armed_context: bool = False, admin1: str = "") -> list[ActorMention]:
    """Actor mentions in one sentence, in text order, named for an event in event_country on `on`.

    armed_context: the sentence reports fighting or a strike, so a bare country name that acts
    ("launched by Ukraine", "Russia shelled") stands for that country's military.
    admin1: the event's first-level unit, for actors ACLED names after it ("Kaduna Communal Militia (Nigeria)")."""
    country = event_country or ""
    hits = list(scan_phrases(sentence, actor_table(), country, on))
    label = _LABEL.match(sentence)
    if label:  # "Movement of forces: …" is a category label, not a party
        hits = [h for h in hits if h.start >= label.end()]
    countries = [h for h in hits if h.entry.category == "country"]
    found: list[ActorMention] = []
    used: frozenset[int] = frozenset()
    pending: list[PendingForces] = []
    for hit in hits:
        actor = None
        if hit.entry.category == "named":
            actor = _named_actor(sentence, hit, country, countries, on)
        elif hit.entry.category == "generic":
            actor = _generic_actor(sentence, hit, country, admin1)
        elif hit.entry.category == "state":
            actor, used, coordinated = _state_forces(sentence, hit, country, on, countries, used)
            pending += coordinated
        if actor is not None:
            found.append(actor)
    found += [mention_in(sentence, state_force_name(p.home, p.kind, on), STATE, p.start, p.end, "state", p.home)
              for p in pending]
    if country:
        found = with_factions(sentence, country, with_group_militias(sentence, country, admin1, found, hits))
    for ci, hit in enumerate(countries):
        actor = None if ci in used else _country_word_actor(sentence, hit, on, armed_context)
        if actor is not None:
            found.append(actor)
    found.sort(key=lambda a: a.start)
    return resolve_coded_as(sentence, found)


def merge_adjacent(actors: list[ActorMention]) -> list[ActorMention]:
    """One mention for a name and its head word: "M23 rebels", "FARDC soldiers", "ISWAP fighters"."""
    out: list[ActorMention] = []
    for a in actors:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("named", "state") and a.kind in ("armed", "state") \
                and 0 <= a.start - prev.end <= 2 and (a.kind == "armed" or prev.kind == "state"
                                                      or prev.inter in (STATE, EXTERNAL)):
            out[-1] = ActorMention(prev.name, prev.inter, prev.start, a.end, prev.kind, prev.home,
                                   prev.by_agent, prev.assoc, prev.role)
            continue
        out.append(a)
    return out
