"""Countries with ACLED's spelling, ISO codes and ACLED region, read from resources/countries.csv.

The CSV is the analyst-editable source: one row per country with `demonyms` ("Ukrainian|Ukrainians") and
`aliases` ("DRC|DR Congo") joined by "|"."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.coding.resource_tables import TABLES
from sitrep.settings import RESOURCES_DIR

COUNTRIES_CSV = RESOURCES_DIR / "countries.csv"


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    iso3: str
    iso: int
    region: str
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...] = ()


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def all_countries() -> tuple[Country, ...]:
    return TABLES.get(_load_all_countries)


def _load_all_countries() -> tuple[Country, ...]:
    with open(COUNTRIES_CSV, newline="", encoding="utf-8") as fh:
        return tuple(
            Country(name=row["country"], iso2=row["iso2"], iso3=row["iso3"], iso=int(row["iso"]),
                    region=row["region"], demonyms=_split(row["demonyms"]), aliases=_split(row["aliases"]))
            for row in csv.DictReader(fh)
        )


def _by_key() -> dict[str, Country]:
    return TABLES.get(_load_by_key)


def _load_by_key() -> dict[str, Country]:
    """Lower-cased name, alias, ISO2 and ISO3 → country (names win over aliases on a clash)."""
    table: dict[str, Country] = {}
    for country in all_countries():
        for key in (*country.aliases, country.iso2, country.iso3):
            table.setdefault(key.lower(), country)
    for country in all_countries():
        table[country.name.lower()] = country
    return table


def country_by_name(name: str) -> Country | None:
    """A country by its ACLED name, an alias, ISO2 or ISO3 code, case-insensitive."""
    return _by_key().get(name.strip().lower()) if name else None


def country_by_iso2(iso2: str) -> Country | None:
    return _by_iso2().get((iso2 or "").upper())


def _by_iso2() -> dict[str, Country]:
    return TABLES.get(_load_by_iso2)


def _load_by_iso2() -> dict[str, Country]:
    return {country.iso2: country for country in all_countries()}


class CountryMentionIndex(NamedTuple):
    pattern: re.Pattern[str]       # every form below, longest first
    country: dict[str, Country]    # name, alias or demonym as written → country


def _mention_pattern() -> CountryMentionIndex:
    return TABLES.get(_load_mention_pattern)


def _load_mention_pattern() -> CountryMentionIndex:
    """One regex over every name, alias and demonym; codes such as "US" only in capitals, never lower-case words."""
    table: dict[str, Country] = {}
    for country in all_countries():
        for form in (*country.aliases, *country.demonyms):
            table.setdefault(form, country)
    for country in all_countries():
        table[country.name] = country
    # Longest first so "South Sudan" wins over "Sudan" and "Papua New Guinean" over "Guinean".
    forms = sorted(table, key=len, reverse=True)
    initials = "".join(sorted({re.escape(f[0]) for f in forms}))
    # The lookahead on first letters lets the engine skip most positions before trying the long alternation.
    pattern = re.compile(rf"(?<![\w.])(?=[{initials}])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")
    return CountryMentionIndex(pattern, table)


class CountryMention(NamedTuple):
    """A country named (or meant by a demonym) at text[start:end]."""
    country: Country
    start: int
    end: int


def countries_in_text(text: str) -> list[CountryMention]:
    """Mentions of countries by name, alias or demonym, in text order, with character offsets."""
    pattern, table = _mention_pattern()
    found = []
    for match in pattern.finditer(text):
        country = table.get(match.group(0))
        if country is not None:
            found.append(CountryMention(country, match.start(), match.end()))
    return found
