"""Phrase tables of actor names (actors/*.csv, state_force_words.csv, generic_actors.csv, country names) and of
descriptive groups (descriptors.csv), and the one-pass longest-match scan of a sentence's tokens against them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.data import parse_date, read_csv, read_named_actors, split_cell
from sitrep.coding.actors.mention import EXTERNAL, STATE
from sitrep.coding.countries import Country, CountryMention, all_countries, country_by_name
from sitrep.coding.resource_tables import TABLES

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PhraseEntry:
    category: str        # named | state | generic | country
    name: str            # ACLED name or template
    inter: str
    kind: str            # ActorMention.kind, or military/police for state words
    home: str            # home country ("" = the event's country)
    where: frozenset[str]  # countries where the phrase stands for this actor (empty = anywhere)
    exact: tuple[str, ...] | None  # tokens that must match case-sensitively (acronyms)
    unit: str = ""
    assoc: str = ""
    since: date | None = None
    until: date | None = None
    needs_country: bool = False    # a weapon or act ("air strikes") names forces only after a country word
    unit_for: frozenset[str] = frozenset()  # whose forces ACLED names with this unit (empty = anyone's)
    role: str = ""                 # actors/*.csv role: party | umbrella


class PhraseHit(NamedTuple):
    """A phrase of a table found at text[start:end]."""
    entry: PhraseEntry
    start: int
    end: int


_PRIORITY = {"named": 0, "state": 1, "generic": 2, "country": 3}


def word_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and len(letters) <= 8


class PhraseTable:
    """Phrases as lower-cased token tuples → entries; longest match wins at each token."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], list[PhraseEntry]] = {}
        self.first: set[str] = set()
        self.longest = 1

    def add(self, phrase: str, entry: PhraseEntry) -> None:
        toks = word_tokens(phrase)
        if not toks:
            return
        key = tuple(t.lower() for t in toks)
        if _is_acronym(phrase):
            entry = PhraseEntry(**{**entry.__dict__, "exact": tuple(toks)})
        self.table.setdefault(key, []).append(entry)
        self.first.add(key[0])
        self.longest = max(self.longest, len(key))

    def finish(self) -> None:
        for entries in self.table.values():
            entries.sort(key=lambda e: (_PRIORITY[e.category], not e.where))  # country-specific first


def _add_named(table: PhraseTable) -> None:
    for row in read_named_actors():
        where = frozenset(split_cell(row.get("where")))
        for alias in split_cell(row["aliases"]):
            # Lower-case aliases ("separatists", "settlers") are common words: they name the group only
            # in its home country (or where the row says).
            alias_where = where or (frozenset({row["country"]}) if row["country"] and alias[:1].islower()
                                    else frozenset())
            table.add(alias, PhraseEntry("named", row["name"], row["inter"], "named", row["country"], alias_where, None,
                                    assoc=row.get("assoc") or "", since=parse_date(row["since"]),
                                    until=parse_date(row["until"]), role=row.get("role") or ""))


def _add_state_words(table: PhraseTable) -> None:
    for row in read_csv("state_force_words.csv"):
        home = row.get("home") or ""
        for phrase in split_cell(row["phrases"]):
            table.add(phrase, PhraseEntry("state", "", STATE, row["kind"], home,
                                     frozenset({home}) if home and not _is_acronym(phrase) else frozenset(), None,
                                     unit=row["unit"], needs_country=row.get("needs") == "country",
                                     unit_for=frozenset(split_cell(row.get("unit_for")))))


def _add_generic(table: PhraseTable) -> None:
    for row in read_csv("generic_actors.csv"):
        where = frozenset(split_cell(row.get("where")))
        for phrase in split_cell(row["phrases"]):
            table.add(phrase, PhraseEntry("generic", row["name"], row["inter"], row["kind"], "", where, None))


def _add_countries(table: PhraseTable) -> None:
    seen: set[tuple[str, ...]] = set()

    def add(form: str, c: Country) -> None:
        key = tuple(t.lower() for t in word_tokens(form))
        if key and key not in seen:
            seen.add(key)
            table.add(form, PhraseEntry("country", c.name, STATE, "country", c.name, frozenset(), None))

    for c in all_countries():
        for form in (c.name, *c.demonyms, *c.aliases):
            if form and not (len(form) <= 3 and form.isupper() and form not in ("UAE", "DRC", "UK", "US")):
                add(form, c)
    for form, name in conventions().country_words.items():
        c = country_by_name(name)
        if c:
            add(form, c)


def actor_table() -> PhraseTable:
    return TABLES.get(_load_actor_table)


def _load_actor_table() -> PhraseTable:
    table = PhraseTable()
    _add_named(table)
    _add_state_words(table)
    _add_generic(table)
    _add_countries(table)
    table.finish()
    return table


def _descriptor_table() -> PhraseTable:
    return TABLES.get(_load_descriptor_table)


def _load_descriptor_table() -> PhraseTable:
    table = PhraseTable()
    for row in read_csv("descriptors.csv"):
        for phrase in split_cell(row["phrases"]):
            table.add(phrase, PhraseEntry("generic", row["name"], "", "descriptor", "", frozenset(), None))
    table.finish()
    return table


def _usable(e: PhraseEntry, toks: list[str], country: str, on: date | None) -> bool:
    if e.exact is not None and tuple(toks) != e.exact:
        return False
    if e.where and country not in e.where:
        return False
    if on is not None and ((e.since and on < e.since) or (e.until and on >= e.until)):
        return False
    return True


def scan_phrases(text: str, table: PhraseTable, country: str, on: date | None) -> Iterator[PhraseHit]:
    """(entry, start, end) for the longest usable phrase at each place, left to right, without overlaps."""
    spans = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    lower = [s[2].lower() for s in spans]
    i, n = 0, len(spans)
    while i < n:
        if lower[i] not in table.first:
            i += 1
            continue
        for size in range(min(table.longest, n - i), 0, -1):
            entries = table.table.get(tuple(lower[i:i + size]))
            if not entries:
                continue
            orig = [s[2] for s in spans[i:i + size]]
            entry = next((e for e in entries if _usable(e, orig, country, on)), None)
            if entry is not None:
                yield PhraseHit(entry, spans[i][0], spans[i + size - 1][1])
                i += size
                break
        else:
            i += 1


def countries_named(text: str) -> list[CountryMention]:
    """Country names, demonyms and capitals-as-governments in text, with offsets."""
    out = []
    for e, s, end in scan_phrases(text, actor_table(), "", None):
        if e.category == "country" and not text[end:end + 12].startswith(("-controlled", "-held", "-occupied",
                                                                           "-backed")):
            c = country_by_name(e.name)
            if c:
                out.append(CountryMention(c, s, end))
    return out


def descriptors_in(sentence: str, event_country: str) -> list[str]:
    """Descriptive groups named in a sentence, for assoc_actor ("Women (Kenya)"), without repeats."""
    out: list[str] = []
    if not event_country:
        return out
    for e, _, _ in scan_phrases(sentence, _descriptor_table(), event_country, None):
        name = e.name.format(country=event_country)
        if name not in out:
            out.append(name)
    return out


class HomeHit(NamedTuple):
    """A named group of the dictionary found in a text, and the countries it is at home in."""
    start: int
    end: int
    name: str
    countries: tuple[str, ...]


def _home_countries(row: dict[str, str]) -> tuple[str, ...]:
    """Where a row's group is at home: the countries its names stand for it in, else its home country, and the
    countries beyond it that it fights in (actor_conventions.toml [acts_in]); none for foreign forces, for the
    groups of no one country, and for parties and movements (their supporters march abroad too)."""
    if row["inter"] == EXTERNAL or "{country}" in row["name"] or row.get("role") == "party":
        return ()
    home = tuple(split_cell(row.get("where"))) or ((row["country"],) if row["country"] else ())
    return tuple(dict.fromkeys(home + conventions().acts_in.get(row["name"], ()))) if home else ()


def _load_home_table() -> PhraseTable:
    """The dictionary's written names (not its lower-case words: "settlers", "colectivos"), each with the countries
    of every group that name stands for."""
    homes: dict[tuple[str, ...], dict[str, None]] = {}
    names: dict[tuple[str, ...], str] = {}
    spelled: dict[tuple[str, ...], str] = {}
    for row in read_named_actors():
        countries = _home_countries(row)
        for alias in split_cell(row["aliases"]):
            key = tuple(t.lower() for t in word_tokens(alias))
            if not countries or not key or not alias[:1].isupper() and not alias[:1].isdigit():
                continue
            homes.setdefault(key, {}).update(dict.fromkeys(countries))
            names.setdefault(key, row["name"])
            spelled.setdefault(key, alias)
    table = PhraseTable()
    for key, countries in homes.items():
        table.add(spelled[key], PhraseEntry("named", names[key], "", "named", "|".join(countries), frozenset(), None))
    table.finish()
    return table


def group_homes(text: str) -> list[HomeHit]:
    """The named groups a text mentions (acronyms in their own case), with the countries they are at home in."""
    return [HomeHit(s, e, entry.name, tuple(entry.home.split("|")))
            for entry, s, e in scan_phrases(text, TABLES.get(_load_home_table), "", None)]
