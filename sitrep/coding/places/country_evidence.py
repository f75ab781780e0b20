"""Which countries the text is about: weights from demonyms, cues, the named groups of the actor dictionary,
parentheticals and places, and the outlet prior."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from typing import NamedTuple

from sitrep.coding.actors.phrases import group_homes
from sitrep.coding.countries import CountryMention, country_by_iso2, country_by_name
from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.mentions import Mention
from sitrep.coding.places.parentheticals import Paren
from sitrep.coding.places.record import Place, country_place
from sitrep.coding.places.scoring import DEMONYM_WEIGHT, admin_fit, score_entry
from sitrep.coding.places.tables import (
    admin1_by_key,
    admin1_units_like,
    admin2_by_key,
    admin2_unit,
    admin_key,
    country_cues,
)

# A country named as the subject of a protest ("against the invasion of Ukraine") is not where it happened.
TOPIC_COUNTRY_WEIGHT = 0.4
# The outlet's country (a weak prior): its namesake wins a place's vote when at most this many log10 population
# points behind the likeliest one, and then votes less than a demonym, so any country evidence in the text wins.
OUTLET_PRIOR_BONUS = 1.5
OUTLET_PRIOR_VOTE = 0.25
# A named group of the actor dictionary (actors/*.csv) votes for where it is at home as a demonym does (shared among
# its countries when it fights in several): enough to place a text that names no place, too little to outvote one.
GROUP_VOTE = DEMONYM_WEIGHT
# …and a place name with a namesake where the text's groups are at home votes for that namesake, unless the one
# abroad is more than this many log10 population points likelier: "Fano militiamen attacked X" is X in Ethiopia.
GROUP_HOME_BONUS = 3.0
_TOPIC_BEFORE = re.compile(r"\b(?:invasion\s+of|war\s+(?:in|on|with|against)|aggression\s+(?:against|on)|solidarity\s+with|"
                           r"support\s+(?:of|for)|against|from|to|with|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_STANCE_BEFORE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)


class Vote(NamedTuple):
    country: str      # ISO2
    weight: float


def _named_votes(text: str, named: list[CountryMention]) -> Iterator[Vote]:
    """Countries named (a full vote, less as a protest's topic) or meant by a demonym or a stance (a weak one)."""
    for country, start, end in named:
        by_name = text[start:end] in (country.name, *country.aliases)
        weight = 1.0 if by_name else DEMONYM_WEIGHT
        if _STANCE_BEFORE.search(text, max(0, start - 5), start):
            weight = DEMONYM_WEIGHT  # "pro-Russia demonstrators": a stance, not where they stood
        if by_name and _TOPIC_BEFORE.search(text, max(0, start - 40), start):
            weight = TOPIC_COUNTRY_WEIGHT
        yield Vote(country.iso2, weight)


def _cue_votes(text: str) -> Iterator[Vote]:
    """Words that point at a country (armed groups, parties)."""
    cue_pattern, cues = country_cues()
    if cue_pattern is not None:
        for match in cue_pattern.finditer(text):
            yield Vote(*cues[match.group(0)])


def group_countries(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """The named groups a text mentions, each once: (start, end, ISO2 codes of the countries it is at home in)."""
    seen: set[str] = set()
    out = []
    for hit in group_homes(text):
        isos = frozenset(c.iso2 for name in hit.countries if (c := country_by_name(name)) is not None)
        if isos and hit.name not in seen:
            seen.add(hit.name)
            out.append((hit.start, hit.end, isos))
    return out


def _group_votes(text: str, groups: list[tuple[int, int, frozenset[str]]]) -> Iterator[Vote]:
    """Named groups, for the countries they are at home in (a cue of country_cues.csv on the same words speaks
    instead, with its own weight)."""
    cue_pattern, _ = country_cues()
    cued = [m.span() for m in cue_pattern.finditer(text)] if cue_pattern is not None else []
    for start, end, isos in groups:
        if not any(s < end and start < e for s, e in cued):
            for iso in sorted(isos):
                yield Vote(iso, GROUP_VOTE / len(isos))


def _mention_vote(g: Gazetteer, m: Mention, prior: str | None, homes: frozenset[str] = frozenset()) -> Vote | None:
    """The vote of a place name: the country of its unit or fitting town, else of its likeliest namesake (the
    outlet's namesake in a close call)."""
    if m.country is not None or not m.candidates or m.loose:
        return None
    if m.admin_unit == "admin1" and m.named:
        # "in Clark's Town, Saint Ann": the unit a town the gazetteer lacks was coded to, not its namesake town.
        unit_countries = {g.country[u] for u in admin1_by_key().get(admin_key(m.key), ())}
        if len(unit_countries) == 1:
            return Vote(unit_countries.pop(), 1.0)
    if m.admin1_hint:
        # "Jalalabad, Nangarhar": the town of that name inside that unit says the country outright.
        fitting = [e for e in m.candidates[:200] if admin_fit(g, e, m.admin1_hint, m.admin2_hint)]
        if fitting and len({g.country[e] for e in fitting}) == 1:
            return Vote(g.country[fitting[0]], 1.0)
    best = max(m.candidates[:40], key=lambda e: score_entry(g, e, m.key, {}, None))
    if homes and g.country[best] not in homes:
        # "Fano militiamen attacked X": the X where the text's named groups are at home, over a larger X abroad.
        home = max((e for e in m.candidates[:40] if g.country[e] in homes),
                   key=lambda e: score_entry(g, e, m.key, {}, None), default=None)
        if home is not None and (score_entry(g, home, m.key, {}, None) + GROUP_HOME_BONUS
                                 >= score_entry(g, best, m.key, {}, None)):
            return Vote(g.country[home], 0.5)
    if prior and g.country[best] != prior:
        # "Tripoli" in a Lebanese paper: the outlet's namesake takes a close call, with a weak vote.
        rival = max((e for e in m.candidates[:40] if g.country[e] == prior),
                    key=lambda e: score_entry(g, e, m.key, {}, None), default=None)
        if rival is not None and (score_entry(g, rival, m.key, {}, None) + OUTLET_PRIOR_BONUS
                                  >= score_entry(g, best, m.key, {}, None)):
            return Vote(prior, OUTLET_PRIOR_VOTE)
    return Vote(g.country[best], 0.5)


def _paren_votes(g: Gazetteer, paren: Paren, prior: str | None) -> Iterator[Vote]:
    """An admin parenthetical votes for the countries that have such a unit, shared among them."""
    units = admin1_units_like(paren.admin1) if paren.admin1 else admin2_by_key().get(paren.admin2, ())
    if paren.district:
        # "(Ilam district)" may name Nepal's district as well as Iran's province of that name.
        units = tuple(dict.fromkeys((*units, *admin2_by_key().get(paren.admin1, ()))))
    # An (admin2, admin1) pair that exists in only some of those countries points at them.
    paired = [u for u in units if paren.admin2 and admin2_unit(g, g.country[u], paren.admin2) is not None]
    voters = paired or units
    for unit in voters:
        yield Vote(g.country[unit], 1.5 / len(voters))
    if prior and len({g.country[u] for u in voters}) > 1 and any(g.country[u] == prior for u in voters):
        yield Vote(prior, OUTLET_PRIOR_VOTE)  # "(Bolivar)" in a Colombian paper: Colombia's, not Venezuela's


def country_votes(g: Gazetteer, text: str, mentions: list[Mention], parens: list[Paren],
                  hint: str | None, named: list[CountryMention],
                  prior: str | None = None) -> Counter[str]:
    """Votes for the countries a text is about: named countries and demonyms, cues, named groups, places, admin
    parentheticals, and the caller's hint; added up in that order."""
    votes: Counter[str] = Counter()
    groups = group_countries(text)
    homes = frozenset().union(*(isos for _, _, isos in groups)) if groups else frozenset()
    mention_votes = (vote for m in mentions if (vote := _mention_vote(g, m, prior, homes)) is not None)
    paren_votes = (vote for paren in parens for vote in _paren_votes(g, paren, prior))
    for vote in chain(_named_votes(text, named), _cue_votes(text), _group_votes(text, groups), mention_votes,
                      paren_votes):
        votes[vote.country] += vote.weight
    if hint:
        votes[hint] += 5.0
    return votes


def evidence_place(g: Gazetteer, text: str, named: list[CountryMention],
                    votes: Counter[str]) -> Place | None:
    """The country most of a text's cues and demonyms point at, as a place at the first of them."""
    cc, weight = votes.most_common(1)[0]
    country = country_by_iso2(cc)
    if country is None or weight < DEMONYM_WEIGHT or sum(votes.values()) > 1.5 * weight:
        return None  # evidence split between countries: better no place than a guess
    spans = [(start, end) for c, start, end in named if c.iso2 == cc]
    cue_pattern, cues = country_cues()
    if cue_pattern is not None:
        spans += [m.span() for m in cue_pattern.finditer(text) if cues[m.group(0)].iso2 == cc]
    spans += [(start, end) for start, end, isos in group_countries(text) if cc in isos]
    if not spans:
        return None
    start, end = min(spans)
    return country_place(g, country, text, start, end, "")
