"""Resolving a mention to one gazetteer entry, and places for parentheticals whose unit no mention names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import NamedTuple

from sitrep.coding.places.gazetteer import KIND_ADMIN2, KIND_PLACE, Gazetteer
from sitrep.coding.places.geometry import DEGREE_KM, squared_degrees
from sitrep.coding.places.mentions import AREA_WORD, NEAR_CUE, Mention
from sitrep.coding.places.parentheticals import Paren
from sitrep.coding.places.record import Place, place_from_entry
from sitrep.coding.places.scoring import (
    EXONYM_POPULATION,
    MAJOR_CITY_POPULATION,
    MAJOR_CITY_RATIO,
    STRAY_POPULATION,
    admin_fit,
    is_own_name,
    score_entry,
)
from sitrep.coding.places.tables import (
    admin1_by_key,
    admin1_units_like,
    admin2_by_key,
    admin2_unit,
    admin_key,
    country_forms,
    name_key,
    same_admin,
)

DISTRICT_KM = 30  # below this, a place in a country the text is otherwise not about is taken for a homonym


def district_place(g: Gazetteer, city: Place, entry: int, m: Mention, text: str) -> Place:
    """The city's place named "City - District", at the district when the gazetteer knows it close by."""
    lat, lon = city.latitude, city.longitude
    for e in m.district_candidates:
        if g.country[e] == g.country[entry] and \
                squared_degrees(city.latitude, city.longitude, g.latitude[e], g.longitude[e]) ** 0.5 * DEGREE_KM \
                <= DISTRICT_KM:
            lat, lon = g.latitude[e], g.longitude[e]
            break
    # ACLED's district locations keep the city as its notes write it ("Ciudad de Mexico - Cuauhtemoc").
    written = text[m.start:m.end]
    name = written if NAME_WORDS.match(written) and not written.endswith(("'s", "’s")) else city.location
    return Place(**{**city.__dict__, "location": f"{name} - {m.district}", "latitude": lat,
                    "longitude": lon, "text": text[m.start:m.district_end], "end": m.district_end})


def _unit_in(g: Gazetteer, key: str, countries: list[str], table: dict[tuple[str, str], int]) -> int | None:
    for cc in countries:
        unit = table.get((cc, key))
        if unit is not None:
            return unit
    return None


def resolve_mention(g: Gazetteer, m: Mention, weights: dict[str, float], hint_cc: str | None,
                     ranked: list[str], placed: frozenset[str] = frozenset(), caller_hint: bool = False,
                     towns_elsewhere: frozenset[str] = frozenset()) -> int | None:
    """The best gazetteer entry for a mention (None: drop it)."""
    if m.loose and not (m.admin1_hint or m.admin2_hint):
        # A loosely matched name stands only inside the country the text is clearly about (or the admin units
        # written after it, which the fit below requires).
        # …and only where the text names a place or the country itself: "Turkish drones struck PKK positions
        # in X" is as often in Iraq, so actors alone do not make X a Turkish village.
        wanted = m.in_country or (hint_cc if hint_cc in placed else None)
        m.candidates = tuple(e for e in m.candidates if g.country[e] == wanted)
        if not m.candidates:
            return None
    if m.admin_unit == "admin1":
        unit = _unit_in(g, admin_key(m.key), ranked, g.admin1_units)
        if unit is None:
            units = admin1_by_key().get(admin_key(m.key), ())
            unit = max(units, key=lambda u: score_entry(g, u, m.key, weights, hint_cc)) if units else None
        if unit is not None:
            return unit
    if m.admin_unit == "admin2":
        unit = _unit_in(g, admin_key(m.key), ranked, g.admin2_units)
        if unit is not None and not m.admin1_hint:
            return unit
    candidates = m.candidates
    if m.admin1_hint or m.admin2_hint:
        spellings = m.admin1_spellings or (m.admin1_hint,)
        fitting = [(fit, e) for e in candidates
                   if (fit := max(admin_fit(g, e, a1, m.admin2_hint) for a1 in spellings))]
        if not fitting:
            return None
        best_fit = max(fit for fit, _ in fitting)
        candidates = tuple(e for fit, e in fitting if fit == best_fit)
    if m.in_country:
        candidates = tuple(e for e in candidates if g.country[e] == m.in_country) or candidates
    best = max(candidates[:200], key=lambda e: score_entry(g, e, m.key, weights, hint_cc))
    if not (m.admin1_hint or m.admin2_hint or m.in_country or caller_hint):
        # A world city named by its own name ("in Berlin", "in Paris") is not outvoted by a village of that name in
        # the country the text's demonyms and topics point at: those say whose people, not where.
        # So is a big city by its own name over a hamlet that only one of its other names matches ("Kaluga").
        floor = MAJOR_CITY_POPULATION if is_own_name(g, best, m.key) else EXONYM_POPULATION
        major = next((e for e in candidates[:200] if g.population[e] >= floor
                      and g.kind[e] == KIND_PLACE and is_own_name(g, e, m.key)), None)
        if major is not None and g.country[best] != g.country[major] \
                and g.population[best] * MAJOR_CITY_RATIO < g.population[major] \
                and g.country[best] not in towns_elsewhere:
            return major
    return best


def orphan_place(g: Gazetteer, text: str, paren: Paren, votes: Counter[str], main_cc: str | None) -> Place | None:
    """A parenthetical no known place fits: code the admin2 (precision 2) or admin1 unit (precision 3)."""
    # Countries by the text's evidence; among equals (a bare "(Western)" votes for every country that has
    # one) the most populous unit wins.
    order = {cc: -v for cc, v in votes.items()}
    # The unknown place's own words: from the last cue word ("in", "near") up to the parenthetical.
    clause_start = max(text.rfind(". ", 0, paren.start) + 1, 0)
    cue = re.search(r"(?:\b(?:in|at|near|of|from)\s+)([^()]{2,60}?)\s*$", text[clause_start:paren.start])
    start, end = (clause_start + cue.start(1), clause_start + cue.end(1)) if cue else (paren.start + 1, paren.end - 1)
    # A named village the gazetteer lacks keeps its name, at the precision its wording gives whatever unit it is
    # coded to: ACLED locates most villages its notes name ("in X village" 1; "near X", "X township" 2).
    named, precision = _unknown_place(text[start:end]) if cue else ("", 2)
    if named and (NEAR_CUE.search(text, max(0, start - 45), start) or AREA_WORD.match(text, end)):
        precision = 2
    place = _orphan_unit_place(g, text, paren, order, main_cc, start, end)
    return replace(place, location=named, geo_precision=precision) if place is not None and named else place


_SETTLEMENT_WORD = re.compile(r"\s+(?:village|town|township|city|ward|kebele|locality|sub-county|municipality|"
                              r"rural\s+municipality|commune|settlement|hamlet)$", re.IGNORECASE)
NAME_WORDS = re.compile(r"^(?:[A-Z][\w'’-]*|al|el|de|ad|as|ash|an|ar)(?:\s+(?:[A-Z][\w'’-]*|al|el|de|ad|as|ash|an|ar|"
                         r"\(?(?:East|West|North|South)\)?))*$")

# Settlement words that name an area (an admin3 unit or a town's surroundings), not one point: precision 2.
_AREA_SETTLEMENT = re.compile(r"\s+(?:township|ward|sub-county|municipality|rural\s+municipality|commune|locality)$",
                              re.IGNORECASE)


class UnknownPlace(NamedTuple):
    location: str     # "" when the words name no settlement
    precision: int


def _unknown_place(words: str) -> UnknownPlace:
    """ACLED's location for a village the gazetteer lacks ("X village, Y township" → the first part that is a
    settlement, "X", else a first part that is only a name) and its precision: 1 for a village, town or a bare
    name, 2 for an area unit ("X township", "Y sub-county")."""
    parts = [p.strip() for p in words.split(",") if p.strip()]
    for part in parts:
        settlement = _SETTLEMENT_WORD.search(part)
        if settlement and NAME_WORDS.match(part[:settlement.start()]):
            return UnknownPlace(part[:settlement.start()], 2 if _AREA_SETTLEMENT.match(part, settlement.start()) else 1)
    if parts and NAME_WORDS.match(parts[0]) and len(parts[0].split()) <= 4:
        return UnknownPlace(parts[0], 1)
    return UnknownPlace("", 2)


def _orphan_unit_place(g: Gazetteer, text: str, paren: Paren, order: dict[str, float], main_cc: str | None,
                       start: int, end: int) -> Place | None:
    """The admin2 (precision 2) or admin1 unit (precision 3) a parenthetical names."""
    if not paren.admin1:
        # Only an admin2 (or a town) is known: the unit if there is one, else the town, both at precision 2.
        units = admin2_by_key().get(paren.admin2, ())
        towns = tuple(e for e in g.index.get(paren.admin2, ()) if g.kind[e] != KIND_ADMIN2)
        pool = units or towns
        if not pool:
            return None
        if order and not units and not any(g.country[e] in order or g.population[e] >= STRAY_POPULATION
                                           or is_own_name(g, e, paren.admin2) for e in pool[:200]):
            return None  # "Edine (Edin) village" in a text about Iraq: a hamlet abroad is no reading of it
        best = min(pool[:200], key=lambda e: (order.get(g.country[e], 0.0), -g.population[e]))
        return place_from_entry(g, best, text, start, end, 2, "paren")
    admin1_units = admin1_units_like(paren.admin1)
    if not admin1_units:
        return None

    def admin2_of(unit: int) -> int | None:
        """The admin2 unit — or, failing that, the town of that name — inside this admin1 unit."""
        cc, a1 = g.country[unit], name_key(g.admin1[unit])
        for part in paren.parts[:-1] or ((paren.admin2,) if paren.admin2 else ()):
            found = admin2_unit(g, cc, part)
            if found is not None and same_admin(name_key(g.admin1[found]), a1):
                return found
            towns = [e for e in g.index.get(part, ()) if g.country[e] == cc and g.kind[e] != KIND_ADMIN2
                     and same_admin(name_key(g.admin1[e]), a1)]
            if towns:
                return towns[0]
        return None

    # An admin2 that exists inside the admin1 outweighs everything else (many countries have a "Northern").
    named_country = country_forms().names.get(paren.admin1)
    if main_cc and len(paren.parts) == 1 and all(g.country[u] != main_cc for u in admin1_units) \
            and not (named_country is not None and named_country.iso2 == main_cc):  # "(Niger)": Nigeria's state
        return None  # "(East)" in a text about a country without such a unit: part of a name, not a unit
    unit = min(admin1_units, key=lambda u: (admin2_of(u) is None, order.get(g.country[u], 0.0),
                                            -g.population[u]))
    if paren.admin2 or len(paren.parts) > 1:
        a2 = admin2_of(unit)
        if a2 is not None:
            return place_from_entry(g, a2, text, start, end, 2, "paren")
    return place_from_entry(g, unit, text, start, end, 3, "paren")
