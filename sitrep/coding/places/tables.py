"""Tables the place coder reads once: the stoplist, country names and cues, admin units by name, largest cities.

Also the name keys (name_key, admin_key) that every lookup in them goes through.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import defaultdict
from typing import NamedTuple

from sitrep.coding.countries import Country, all_countries, country_by_name
from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.gazetteer_cache import get_gazetteer
from sitrep.coding.places.names import loose_key, normalise
from sitrep.coding.resource_tables import TABLES
from sitrep.settings import RESOURCES_DIR

STOPLIST_TXT = RESOURCES_DIR / "place_stoplist.txt"
PLACE_WORDS_TOML = RESOURCES_DIR / "place_words.toml"
COUNTRY_CUES_CSV = RESOURCES_DIR / "country_cues.csv"
TYPE_WORDS = re.compile(
    r"\b(?:region|province|oblast|state|governorate|department|prefecture|district|county|raion|rayon|regency|"
    r"municipality|township|sub-county|division|city|town|village|krai|kray|zone|woreda|commune|"
    r"territory|lga|ward|sector|cercle|prov|dept|locality|upazila|parish|tehsil|taluka?|kebele)\b\.?", re.IGNORECASE)


class Territory(NamedTuple):
    country: str          # ISO2 of the country ACLED codes it in
    admin1: str           # …as this admin1 unit


class PlaceWords(NamedTuple):
    connectors: frozenset[str]         # words allowed inside a place name
    titles: frozenset[str]             # words after which a name is a person's
    abbreviated: frozenset[str]        # abbreviations after which a name goes on past the dot
    territories: dict[str, Territory]  # ISO2 → the country and admin1 ACLED codes it as


def place_words() -> PlaceWords:
    return TABLES.get(_load_place_words)


def _load_place_words() -> PlaceWords:
    data = tomllib.loads(PLACE_WORDS_TOML.read_text(encoding="utf-8"))
    return PlaceWords(frozenset(data["connectors"]), frozenset(data["titles"]), frozenset(data["abbreviated"]),
                      {cc: Territory(t["country"], t["admin1"]) for cc, t in data["territories"].items()})


def stoplist() -> frozenset[str]:
    return TABLES.get(_load_stoplist)


def _load_stoplist() -> frozenset[str]:
    lines = STOPLIST_TXT.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip() and not line.startswith("#"))


class CountryForms(NamedTuple):
    names: dict[str, Country]     # normalised country names and aliases → country
    demonyms: frozenset[str]      # normalised demonyms (never places)


def country_forms() -> CountryForms:
    return TABLES.get(_load_country_forms)


def _load_country_forms() -> CountryForms:
    """Normalised country names/aliases → country, and normalised demonyms (never places)."""
    names: dict[str, Country] = {}
    demonyms: set[str] = set()
    for country in all_countries():
        for form in (country.name, *country.aliases):
            names.setdefault(normalise(form), country)
        demonyms.update(normalise(d) for d in country.demonyms)
    return CountryForms(names, frozenset(demonyms - set(names)))


class CountryCue(NamedTuple):
    iso2: str
    weight: float                 # about one mention of the country


class CountryCues(NamedTuple):
    pattern: re.Pattern[str] | None   # every cue, longest first (None when there are none)
    cues: dict[str, CountryCue]


def country_cues() -> CountryCues:
    return TABLES.get(_load_country_cues)


def _load_country_cues() -> CountryCues:
    """Words that point at a country (armed groups, parties), from resources/country_cues.csv."""
    table: dict[str, CountryCue] = {}
    with open(COUNTRY_CUES_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            country = country_by_name(row["country"])
            if country is not None:
                table[row["cue"]] = CountryCue(country.iso2, float(row["weight"]))
    if not table:
        return CountryCues(None, table)
    forms = sorted(table, key=len, reverse=True)
    return CountryCues(re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"), table)


def admin1_by_key() -> dict[str, tuple[int, ...]]:
    return TABLES.get(_load_admin1_by_key)


def _load_admin1_by_key() -> dict[str, tuple[int, ...]]:
    """Normalised admin1 name (either spelling) → admin1 units in every country."""
    g = get_gazetteer()
    table: dict[str, list[int]] = defaultdict(list)
    for (_, key), unit in g.admin1_units.items():
        if unit not in table[key]:
            table[key].append(unit)
    return {key: tuple(units) for key, units in table.items()}


def admin2_by_key() -> dict[str, tuple[int, ...]]:
    return TABLES.get(_load_admin2_by_key)


def _load_admin2_by_key() -> dict[str, tuple[int, ...]]:
    """Normalised admin2 name → admin2 units in every country."""
    table: dict[str, list[int]] = defaultdict(list)
    for (_, key), unit in get_gazetteer().admin2_units.items():
        if unit not in table[key]:
            table[key].append(unit)
    return {key: tuple(units) for key, units in table.items()}


def _admin2_by_loose_key() -> dict[tuple[str, str], int]:
    return TABLES.get(_load_admin2_by_loose_key)


def _load_admin2_by_loose_key() -> dict[tuple[str, str], int]:
    """(ISO2, loose_key of an admin2 name) → unit: "Khabb wa Ash Shaaf" is GeoNames' "Khabb wa ash Sha'af"."""
    table: dict[tuple[str, str], int] = {}
    for (cc, key), unit in get_gazetteer().admin2_units.items():
        lk = loose_key(key, normalised=True)
        if len(lk) >= 5:
            table.setdefault((cc, lk), unit)
    return table


def admin2_unit(g: Gazetteer, cc: str, key: str) -> int | None:
    """The admin2 unit of that name in that country, by exact name or, failing that, by loose spelling."""
    unit = g.admin2_units.get((cc, key))
    if unit is None and len(key) >= 8:
        unit = _admin2_by_loose_key().get((cc, loose_key(key, normalised=True)))
    return unit


def _admin1_prefixes() -> dict[str, tuple[str, ...]]:
    return TABLES.get(_load_admin1_prefixes)


def _load_admin1_prefixes() -> dict[str, tuple[str, ...]]:
    """First five letters → admin1 keys, so a loose admin1 match needs no scan of every key."""
    table: dict[str, list[str]] = defaultdict(list)
    for key in admin1_by_key():
        table[key[:5]].append(key)
    return {prefix: tuple(keys) for prefix, keys in table.items()}


def admin1_units_like(key: str) -> tuple[int, ...]:
    """Admin1 units (any country) whose name equals or loosely matches key."""
    exact = admin1_by_key().get(key)
    if exact:
        return exact
    if key in admin2_by_key() or key in get_gazetteer().index:
        return ()  # a known place or admin2 by its exact name ("Changwon") is no misspelt admin1 ("Changhua")
    return tuple(u for other in _admin1_prefixes().get(key[:5], ()) if same_admin(other, key)
                 for u in admin1_by_key()[other])


def name_key(text: str) -> str:
    if text.isascii():
        key = " ".join(text.lower().replace("-", " ").replace("`", "'").split())
    else:
        key = normalise(text)
    return key[:-2] if key.endswith("'s") else key


def admin_key(text: str) -> str:
    """A parenthetical admin name without its type word ("Sagaing region" → "sagaing")."""
    return name_key(TYPE_WORDS.sub(" ", text).strip(" ,.-")) or name_key(text)


def same_admin(a: str, b: str) -> bool:
    """Loose equality of admin names across spellings (Sagaing/Sagain, Kyiv Oblast/Kyiv)."""
    if not a or not b:
        return False
    if a == b or a.startswith(b + " ") or b.startswith(a + " "):
        return True
    if len(a) < 5 or len(b) < 5 or a[:5] != b[:5] or abs(len(a) - len(b)) > 3:
        return False
    # Spellings differ at the end (Sagain/Sagaing), not halfway through (Lakshmipur/Lakshadweep).
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= min(len(a), len(b)) - 3


def largest_city() -> dict[str, int]:
    return TABLES.get(_load_largest_city)


def _load_largest_city() -> dict[str, int]:
    """ISO2 → the entry of the country's largest admin1 seat."""
    g = get_gazetteer()
    best: dict[str, int] = {}
    for (cc, _), unit in g.admin1_units.items():
        seat = g.seat[unit]
        if cc not in best or g.population[seat] > g.population[best[cc]]:
            best[cc] = seat
    return best
