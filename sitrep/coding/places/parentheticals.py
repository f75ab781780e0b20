"""ACLED-style parentheticals and appositions: "X (Admin2, Admin1)", "coded to …", "X, a town in Y", "(District)"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from sitrep.coding.places.gazetteer import KIND_ADMIN1, KIND_PLACE, Gazetteer
from sitrep.coding.places.gazetteer_cache import get_gazetteer
from sitrep.coding.places.mentions import Mention
from sitrep.coding.places.names import loose_key
from sitrep.coding.places.record import Place, place_from_entry
from sitrep.coding.places.scoring import (
    DISTRICT_CITY_POPULATION,
    MAJOR_CITY_POPULATION,
    STRAY_POPULATION,
    is_own_name,
    score_entry,
)
from sitrep.coding.places.tables import (
    TYPE_WORDS,
    admin1_by_key,
    admin1_units_like,
    admin2_by_key,
    admin_key,
    country_forms,
    name_key,
    place_words,
    same_admin,
)

# What may stand between a place and the unit that locates it: "Nejapa, San Salvador", "Bara town in Idleb".
_APPOSITION = re.compile(r"^'?(?:\s+(?:town|village|city|area|district|camp|neighbou?rhood|locality))?"
                         r"(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?)$")
_CLAUSE_GOES_ON = re.compile(r",\s+(?!and\b|or\b)[a-z]")
_LIST_GOES_ON = re.compile(r",\s*(?:and\s+)?[A-Z]|\s+and\s+[A-Z]")
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+)$")
_PAREN = re.compile(r"\(([^()]{1,120})\)")
# ACLED's own note of the point it coded: "X village (coded as Y)", "Kharkiv [coded to Y]", ", coded at Y (…)".
_CODED_INSIDE = re.compile(r"(?:^|[;,]\s*|\b(?:event|fatalities|arbitrarily)\s+)coded\s+(?:to|as|at)\s+(?:the\s+)?"
                           r"([A-Z][^;,]*?)(?:\s+(?:as|because|since|event)\b.*|,\s*([A-Z][^;,]*)|[;,].*)?$")
_CODED_OUTSIDE = re.compile(r"(?:\[|[,;]\s*)(?:\w+\s+)?coded\s+(?:to|as|at)\s+(?:the\s+)?"
                            r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|-|al|el|de|of))*)")
_CODED_WITHIN = re.compile(r"^([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*?)(?:\s+(?:locality|village|town|area|city))?\s+in\s+"
                           r"(?:the\s+)?([A-Z].*)$")


class PairReading(Enum):
    """What the second name of "A, B" / "A in B" does to the first."""
    NOTHING = 0       # both stand (a list of towns, an unknown unit)
    LOCATES = 1       # B is the unit (or country) A is in, and no place itself
    STANDS_IN = 2     # A is a village the gazetteer lacks: B's unit is coded under A's name


def _located_by_name(g: Gazetteer, a: Mention, b: Mention, a1: str) -> bool:
    """Whether one of A's namesakes (no admin1 unit) lies in a unit named B."""
    # "San Juan, San Juan-Laventille": a unit's exact full name is not loosely Puerto Rico's "San Juan".
    exact = {g.country[u] for u in admin1_by_key().get(b.key, ())}
    # "Bridgetown, Bridgetown": a town repeated as its own municipality, which the gazetteer may not list; a
    # namesake's longer unit ("Bridgetown-Greenbushes") does not locate it.
    repeated = a.key == b.key and not any(a1 in (name_key(g.admin1[e]), name_key(g.admin2[e])) for e in a.candidates[:200])
    return not repeated and any((same_admin(name_key(g.admin1[e]), a1) or same_admin(name_key(g.admin2[e]), a1))
                                and g.kind[e] != KIND_ADMIN1 and (not exact or g.country[e] in exact)
                                for e in a.candidates[:200])


def _unit_locates(g: Gazetteer, text: str, a: Mention, b: Mention, units: tuple[int, ...]) -> bool:
    """Whether the admin1 unit B names is where A is, rather than a second place of a list."""
    # "Sokolivka, Kharkiv": the town lies in that admin1, so its namesakes elsewhere are not it. A list of
    # towns ("Nicosia, Larnaca, Limassol") goes on after the second name, and a big city is not a namesake.
    village = not _LIST_GOES_ON.match(text, b.end) and \
        all(g.population[e] < STRAY_POPULATION for e in a.candidates[:200] if is_own_name(g, e, a.key))
    # "Guanyin, Taoyuan City": a unit in one country after a name none of whose namesakes lies in that
    # country names the unit the place is in, not a second place (a list would go on, a world city is itself).
    unit_countries = {g.country[u] for u in units}
    foreign = len(unit_countries) == 1 and not _LIST_GOES_ON.match(text, b.end) \
        and not any(g.country[e] in unit_countries or g.population[e] >= MAJOR_CITY_POPULATION
                    for e in a.candidates[:200])
    return bool(village or foreign or _CLAUSE_GOES_ON.match(text, b.end) or b.admin_unit == "admin1" or a.loose)


def _read_pair(text: str, g: Gazetteer, a: Mention, b: Mention) -> PairReading:
    """Read "A, B": B's country or unit is written into A (LOCATES), or B stands in for A (STANDS_IN)."""
    if b.country is not None:
        a.in_country = b.country.iso2
        return PairReading.NOTHING
    a1 = admin_key(b.key)
    if _located_by_name(g, a, b, a1):
        a.admin1_hint = a1
        return PairReading.LOCATES
    units = admin1_units_like(a1)
    if not units and a1 != b.key and admin1_by_key().get(b.key):
        # "Dajia, Taichung City": the unit's full name, whose short form ("Taichung") is a city as well.
        a1, units = b.key, admin1_by_key()[b.key]
    if not units or not _unit_locates(g, text, a, b, units):
        return PairReading.NOTHING
    inside = _loose_inside(g, text[a.start:a.end], units)
    if inside:
        a.candidates, a.admin1_hint, a.loose = inside, a1, False
        # The unit's own spelling too: "Crimea" is the gazetteer's "Autonomous Republic of Crimea".
        a.admin1_spellings = tuple(dict.fromkeys([a1, *(name_key(g.admin1[u]) for u in units)]))
        return PairReading.LOCATES
    # ACLED's "in Town, Admin1, a man was …" with a town the gazetteer lacks: code the admin1 instead,
    # under the town's own name (ACLED's location is the village even when its point is not known here).
    if text.startswith("(", b.end + 1) or text.startswith("(", b.end):
        return PairReading.NOTHING  # "Saint Nicholas in Bari (Bari, Puglia)": B is a town with units of its own
    b.admin_unit, b.cue, b.named = "admin1", a.cue or "in", text[a.start:a.end]
    # ACLED finds most villages a note names: the village's own wording sets the precision, not our fallback.
    b.named_precision = a.precision
    return PairReading.STANDS_IN


def read_appositions(text: str, g: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """"Nejapa, San Salvador" / "Kharkiv, Ukraine": the second name locates the first and is not a place itself."""
    kept: list[Mention] = []
    skip = False
    for a, b in zip(mentions, [*mentions[1:], None], strict=False):
        if skip:
            skip = False
            continue
        kept.append(a)
        if b is None or a.country is not None or not _APPOSITION.match(text[a.end:b.start]):
            continue
        reading = _read_pair(text, g, a, b)
        skip = reading is PairReading.LOCATES
        if reading is PairReading.STANDS_IN:
            kept.pop()
    return kept


def _loose_inside(g: Gazetteer, name: str, units: tuple[int, ...]) -> tuple[int, ...]:
    """Populated places in one of these admin1 units whose name matches name under loose_key (Serednie/Serednye)."""
    if not g.loose:
        return ()
    wanted = {(g.country[u], name_key(g.admin1[u])) for u in units}
    return tuple(e for e in g.loose.get(loose_key(name), ())
                 if (g.country[e], name_key(g.admin1[e])) in wanted)


@dataclass
class Paren:
    start: int
    end: int
    admin1: str
    admin2: str
    coded_as: str
    parts: tuple[str, ...] = ()   # every named unit, narrowest first
    district: bool = False        # a lone "(X district)": an admin2 in most countries ACLED codes districts in


def _coded_places(text: str) -> list[Paren]:
    """ACLED's "(coded to X)", "[coded to X]", ", coded to X (…)" that are not inside a parenthetical."""
    found = []
    for m in _CODED_OUTSIDE.finditer(text):
        if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):
            found.append(Paren(m.start(), m.end(1), "", "", m.group(1).strip()))
    return found


_DISTRICT_WORD = re.compile(r"\sdistrict$", re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    """One word written mostly in capitals ("ENP", "FAMa", "JUI-F"), unlike names with inner capitals ("McAllen")."""
    if " " in word:
        return False
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and 2 * upper >= len(letters)


def find_parentheticals(text: str) -> list[Paren]:
    """ACLED-style "(Admin2, Admin1)", "(Admin1)" and "(coded to X)" notes that follow a place."""
    connectors = place_words().connectors
    found = _coded_places(text)
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        coded = _CODED_INSIDE.search(inner)
        if coded:
            # "(coded to Y)", "(event coded to Y)", "(Jonglei state; coded to Y)": ACLED's point is Y.
            point, admin1 = coded.group(1).strip(), admin_key(coded.group(2)) if coded.group(2) else ""
            within = _CODED_WITHIN.match(point)
            if within and not admin1:
                # "(coded to Kutum locality in North Darfur state)": the point, then the unit it lies in.
                point, admin1 = within.group(1), admin_key(within.group(2))
            found.append(Paren(m.start(), m.end(), admin1, "", point))
            continue
        # "(Masisi, North Kivu; coded to the territory's seat)": the units before a note that names no point.
        inner = inner.split(";")[0].strip()
        if not inner or not inner[0].isupper():
            continue
        if _is_acronym(inner) and name_key(inner) not in admin1_by_key():
            continue  # "(LIBRE)", "(ENP)", "(FAMa)": an organisation's acronym, not an admin unit
        parts = [p.strip() for p in inner.split(",") if p.strip()]
        # Digits start counts and dates ("(2 killed)", "(12 June)"), not unit names ("South 24 Parganas").
        if len(parts) > 3 or any(len(p.split()) > 5 and name_key(p) not in admin1_by_key() for p in parts) \
                or any(p[0].isdigit() for p in parts):
            continue
        if any(len(words) > 1 and name_key(p) not in admin1_by_key() and any(w[0].islower() and w not in connectors and w not in ("and", "wa", "in")
                                      for w in words)
               for p, words in ((p, TYPE_WORDS.sub(" ", p).split()) for p in parts)):
            continue  # "(Kurdish name)", "(as reported)": words of a remark, not a unit's name
        # A unit's full name is kept whole ("Bangsamoro Autonomous Region in Muslim Mindanao" has a type word).
        admin1 = name_key(parts[-1]) if name_key(parts[-1]) in admin1_by_key() else admin_key(parts[-1])
        admin2 = admin_key(parts[-2]) if len(parts) >= 2 else ""
        found.append(Paren(m.start(), m.end(), admin1, admin2, "", tuple(admin_key(p) for p in parts),
                            len(parts) == 1 and bool(_DISTRICT_WORD.search(parts[0]))))
    return found


def attach_parentheticals(text: str, mentions: list[Mention], parens: list[Paren]) -> list[Paren]:
    """Give each parenthetical's admin names to the mentions of its clause; returns those no mention fits."""
    orphans = []
    previous_end = 0
    for paren in parens:
        if paren.coded_as:
            previous_end = paren.end
            continue
        clause_start = max(previous_end, text.rfind(". ", 0, paren.start) + 1)
        country = country_forms().names.get(paren.admin1) if len(paren.parts) == 1 else None
        if country is not None and not admin1_units_like(paren.admin1):  # "(Niger)" is Nigeria's Niger state
            # "Montreal (Canada)": the country of the place before it, not a unit.
            for m in mentions:
                if clause_start <= m.start < paren.start and m.country is None:
                    m.in_country = country.iso2
            paren.admin1 = ""
            previous_end = paren.end
            continue
        if not admin1_units_like(paren.admin1):
            broadest = paren.admin1
            if broadest not in admin2_by_key() and broadest not in get_gazetteer().index:
                continue  # names no unit or place ("(as reported)"): no constraint to apply
            # "(Djugu, Ituri)" with an admin1 the gazetteer spells otherwise: read the broadest known part as admin2.
            paren.admin1, paren.admin2 = "", broadest
        owners = [m for m in mentions if clause_start <= m.start < paren.start and m.country is None]
        # A mention is the parenthetical itself when it sits inside it.
        units = admin1_units_like(paren.admin1) if paren.admin1 else ()
        spellings = tuple(dict.fromkeys([paren.admin1, *(name_key(get_gazetteer().admin1[u]) for u in units)]))
        for m in owners:
            m.admin1_hint, m.admin2_hint, m.admin1_spellings = paren.admin1, paren.admin2, spellings
        # The parenthetical introduces the name right before it and a list that runs into it ("A, B and C (X)"),
        # not a name earlier in its clause ("workers at the Tecumseh plant rallied in Toronto (Ontario)").
        for k in range(len(owners) - 2, -1, -1):
            if _LIST_JOIN.match(text[owners[k].end:owners[k + 1].start]) and owners[k + 1].next_to_units:
                continue
            owners[k].next_to_units = False
        if not owners:
            orphans.append(paren)
        previous_end = paren.end
    return orphans


# "outside a ministry (Seoul City - Mapo)", "(Osaka - Kita)": ACLED's "City - District" location of
# a site, written after it. The city part may carry "City" / "Metropolitan City".
_DISTRICT_PAREN = re.compile(
    r"\((?:[^()]*,\s*)?(?P<loc>(?P<city>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3}?)(?:\s+(?:Metropolitan\s+)?City)?"
    r"\s+-\s+[A-Z][\w'’]*(?:\s+(?:[A-Z][\w'’]*|\d+)){0,2})\)")


@dataclass(frozen=True)
class DistrictSite:
    """The place of a "(City - District)" parenthetical, and the clause whose mentions of that city it stands for."""
    place: Place
    clause_start: int
    end: int

    def replaces(self, other: Place) -> bool:
        """Whether other is the city's mention in this clause (the city in a site's name before "(Seoul City -
        Mapo)"): the same site, which gives way to this place."""
        return (self.clause_start <= other.start < self.end and other.country == self.place.country
                and other.admin1 == self.place.admin1 and other.kind != "country")


def district_sites(g: Gazetteer, text: str, weights: dict[str, float], hint_cc: str | None) -> list[DistrictSite]:
    """The place of each "(City - District)" parenthetical of a big city, in text order."""
    sites = []
    for d in _DISTRICT_PAREN.finditer(text):
        key = name_key(d.group("city"))
        candidates = [e for e in g.index.get(key, ()) if g.kind[e] == KIND_PLACE
                      and g.population[e] >= DISTRICT_CITY_POPULATION]
        if not candidates:
            continue
        entry = max(candidates, key=lambda e: score_entry(g, e, key, weights, hint_cc))
        start, end = d.span("loc")
        place = replace(place_from_entry(g, entry, text, start, end, 1, "paren"), location=d.group("loc"))
        sites.append(DistrictSite(place, text.rfind(". ", 0, d.start()) + 1, d.end()))
    return sites
