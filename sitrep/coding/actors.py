"""Actors named the ACLED way: state forces with their regime year, named groups, generic actors by country.

Data files (sitrep/resources/), all plain phrases ("|"-separated), no regular expressions:
  state_forces.csv       country, since, regime_year, named_as → "Military Forces of Ukraine (2019-)";
                         a regime followed by a later one is named with both years ("(2016-2022)")
  state_force_words.csv  words for a state's forces (military/police), the unit they name ("Air Force") and,
                         for national acronyms ("FARDC", "IDF"), whose forces they are
  actors.csv             named organisations: ACLED name, inter, home country, where the aliases apply, aliases,
                         an associated actor, valid from/until
  generic_actors.csv     unnamed actors: gunmen → "Unidentified Armed Group ({country})", protesters, civilians …
  descriptors.csv        descriptive groups for assoc_actor: Women ({country}), Students ({country}) …

All phrases are matched by one pass over a sentence's word tokens against phrase tables (longest match
first), so that the cost does not grow with the size of the dictionaries.
Inter depends on where the event happened: a state's forces outside their country are External/Other forces.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterator

from sitrep.coding.countries import Country, all_countries, country_by_name
from sitrep.settings import RESOURCES_DIR

RESOURCES = RESOURCES_DIR
EXTERNAL = "External/Other forces"
STATE = "State forces"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
# ACLED renames a regime "(2016-2022)" once it has ended; data are usually exported some months after the
# events, so a regime that ended within this many days after the event already carries its end year.
EXPORT_LAG_DAYS = 150

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class ActorMention:
    name: str          # ACLED actor name
    inter: str         # inter code text, before the where-it-happened rule for state forces
    start: int         # offsets within the sentence
    end: int
    kind: str          # state | named | crowd | mob | armed | civilian | unidentified_military
    home: str          # home country of a state force or named group ("" when unknown)
    by_agent: bool     # introduced by "by" (the agent of a passive verb)
    assoc: str = ""    # associated actor that comes with this name ("Donbass People's Militia")
    role: str = ""     # party (its supporters riot as Rioters) | umbrella (an operation its members act under)


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(RESOURCES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


# ------------------------------------------------------------------------------------------ state forces

@dataclass(frozen=True)
class _Regime:
    since: date
    year: str
    named_as: str
    until: date | None = None
    end_year: str = ""


@lru_cache(maxsize=1)
def _regimes() -> dict[str, list[_Regime]]:
    rows: dict[str, list[_Regime]] = {}
    for row in _read_csv("state_forces.csv"):
        rows.setdefault(row["country"], []).append(
            _Regime(date.fromisoformat(row["since"]), row["regime_year"], row.get("named_as") or row["country"]))
    out: dict[str, list[_Regime]] = {}
    for country, regimes in rows.items():
        regimes.sort(key=lambda r: r.since)
        out[country] = [_Regime(r.since, r.year, r.named_as, nxt.since, nxt.year) if nxt else r
                        for r, nxt in zip(regimes, regimes[1:] + [None])]  # type: ignore[list-item]
    return out


def state_force_name(country: str, kind: str = "military", on: date | None = None, unit: str = "") -> str:
    """"Military Forces of Russia (2000-)", "Police Forces of the Philippines (2016-2022)" for the regime in
    power on `on` (the latest when `on` is None).

    Countries missing from state_forces.csv get the name without a year rather than a guessed one."""
    regimes = _regimes().get(country, [])
    current = None
    for r in regimes:
        if on is None or r.since <= on:
            current = r
    if regimes and current is None:
        current = regimes[0]
    base = f"{'Police' if kind == 'police' else 'Military'} Forces of {current.named_as if current else country}"
    if current is None:
        name = base
    elif current.until and on and current.until <= on + timedelta(days=EXPORT_LAG_DAYS):
        name = f"{base} ({current.year}-{current.end_year})"
    else:
        name = f"{base} ({current.year}-)"
    return f"{name} {unit}" if unit else name


def government_name(country: str, on: date | None = None) -> str:
    """"Government of Kenya (2013-)": a state's government, named with the regime of its forces."""
    return "Government of" + state_force_name(country, "military", on)[len("Military Forces of"):]


# ------------------------------------------------------------------------------------------ phrase tables

@dataclass(frozen=True)
class _Entry:
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
    role: str = ""                 # actors.csv role: party | umbrella


_PRIORITY = {"named": 0, "state": 1, "generic": 2, "country": 3}


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and len(letters) <= 8


class _PhraseTable:
    """Phrases as lower-cased token tuples → entries; longest match wins at each token."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], list[_Entry]] = {}
        self.first: set[str] = set()
        self.longest = 1

    def add(self, phrase: str, entry: _Entry) -> None:
        toks = _tokens(phrase)
        if not toks:
            return
        key = tuple(t.lower() for t in toks)
        if _is_acronym(phrase):
            entry = _Entry(**{**entry.__dict__, "exact": tuple(toks)})
        self.table.setdefault(key, []).append(entry)
        self.first.add(key[0])
        self.longest = max(self.longest, len(key))

    def finish(self) -> None:
        for entries in self.table.values():
            entries.sort(key=lambda e: (_PRIORITY[e.category], not e.where))  # country-specific first


def _add_named(table: _PhraseTable) -> None:
    for row in _read_csv("actors.csv"):
        where = frozenset(_split(row.get("where")))
        for alias in _split(row["aliases"]):
            # Lower-case aliases ("separatists", "settlers") are common words: they name the group only
            # in its home country (or where the row says).
            alias_where = where or (frozenset({row["country"]}) if row["country"] and alias[:1].islower()
                                    else frozenset())
            table.add(alias, _Entry("named", row["name"], row["inter"], "named", row["country"], alias_where, None,
                                    assoc=row.get("assoc") or "", since=_date(row["since"]),
                                    until=_date(row["until"]), role=row.get("role") or ""))


def _add_state_words(table: _PhraseTable) -> None:
    for row in _read_csv("state_force_words.csv"):
        home = row.get("home") or ""
        for phrase in _split(row["phrases"]):
            table.add(phrase, _Entry("state", "", STATE, row["kind"], home,
                                     frozenset({home}) if home and not _is_acronym(phrase) else frozenset(), None,
                                     unit=row["unit"], needs_country=row.get("needs") == "country",
                                     unit_for=frozenset(_split(row.get("unit_for")))))


def _add_generic(table: _PhraseTable) -> None:
    for row in _read_csv("generic_actors.csv"):
        where = frozenset(_split(row.get("where")))
        for phrase in _split(row["phrases"]):
            table.add(phrase, _Entry("generic", row["name"], row["inter"], row["kind"], "", where, None))


_EXTRA_COUNTRY_FORMS = (("US", "United States"), ("U.S.", "United States"), ("American", "United States"),
                        ("Americans", "United States"), ("Kiev", "Ukraine"), ("Kyiv", "Ukraine"),
                        ("Moscow", "Russia"), ("Kremlin", "Russia"), ("Congolese", "Democratic Republic of Congo"),
                        ("Israeli", "Israel"), ("Palestinian", "Palestine"), ("British", "United Kingdom"),
                        ("UK", "United Kingdom"), ("Damascus", "Syria"), ("Tehran", "Iran"),
                        ("Ankara", "Turkey"), ("Riyadh", "Saudi Arabia"), ("Sanaa government", "Yemen"),
                        ("Pyongyang", "North Korea"), ("Beijing", "China"))


def _add_countries(table: _PhraseTable) -> None:
    seen: set[tuple[str, ...]] = set()

    def add(form: str, c: Country) -> None:
        key = tuple(t.lower() for t in _tokens(form))
        if key and key not in seen:
            seen.add(key)
            table.add(form, _Entry("country", c.name, STATE, "country", c.name, frozenset(), None))

    for c in all_countries():
        for form in (c.name, *c.demonyms, *c.aliases):
            if form and not (len(form) <= 3 and form.isupper() and form not in ("UAE", "DRC", "UK", "US")):
                add(form, c)
    for form, name in _EXTRA_COUNTRY_FORMS:
        c = country_by_name(name)
        if c:
            add(form, c)


@lru_cache(maxsize=1)
def _actor_table() -> _PhraseTable:
    table = _PhraseTable()
    _add_named(table)
    _add_state_words(table)
    _add_generic(table)
    _add_countries(table)
    table.finish()
    return table


@lru_cache(maxsize=1)
def _descriptor_table() -> _PhraseTable:
    table = _PhraseTable()
    for row in _read_csv("descriptors.csv"):
        for phrase in _split(row["phrases"]):
            table.add(phrase, _Entry("generic", row["name"], "", "descriptor", "", frozenset(), None))
    table.finish()
    return table


def _usable(e: _Entry, toks: list[str], country: str, on: date | None) -> bool:
    if e.exact is not None and tuple(toks) != e.exact:
        return False
    if e.where and country not in e.where:
        return False
    if on is not None and ((e.since and on < e.since) or (e.until and on >= e.until)):
        return False
    return True


def _scan(text: str, table: _PhraseTable, country: str, on: date | None) -> Iterator[tuple[_Entry, int, int]]:
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
                yield entry, spans[i][0], spans[i + size - 1][1]
                i += size
                break
        else:
            i += 1


def countries_named(text: str) -> list[tuple[Country, int, int]]:
    """Country names, demonyms and capitals-as-governments in text, with offsets."""
    out = []
    for e, s, end in _scan(text, _actor_table(), "", None):
        if e.category == "country" and not text[end:end + 12].startswith(("-controlled", "-held", "-occupied",
                                                                           "-backed")):
            c = country_by_name(e.name)
            if c:
                out.append((c, s, end))
    return out


# ------------------------------------------------------------------------------------------ finding actors

POSSESSIVE_FORCES = re.compile(r"\b(?:its|their|our|his)\s+$", re.I)
BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|some\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+|"
                       r"unidentified\s+|armed\s+)*(?:[\w'-]+\s+){0,2}$", re.I)
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
# "attacked …, but were repelled by X": X defended; the one repelled began the fighting.
_DEFENDED_BY = re.compile(r"\b(?:repell?ed|repulsed|pushed\s+back|beaten\s+back|thwarted|foiled|resisted|halted|"
                          r"stopped|countered|contained)\s+by\s+", re.I)
# An active verb of defence: its subject held off an attack, so the side it names after it (or the other side of the
# fight) began the fighting — ACLED puts the initiator first ("Y repelled an attack by X", "Y thwarted and clashed
# with X", "Y repulsed X's offensive"). Passive forms ("X were repelled", "repelled by Y") already name X first.
_REPEL_ACTIVE = re.compile(r"\b(?:repell?(?:ed|ing)?|repuls(?:e|ed|ing)|foil(?:ed|ing)?|thwart(?:ed|ing)?|"
                           r"beat(?:ing)?\s+back|beaten\s+back|push(?:ed|ing)?\s+back|fend(?:ed|ing)?\s+off|"
                           r"fought\s+off|ward(?:ed|ing)?\s+off|rebuff(?:ed|ing)?|held\s+off|repel)\b(?!\s+by\b)", re.I)
_PASSIVE_AUX_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\s+(?:\w+\s+)?$", re.I)
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


def _NOT_PEOPLE(sentence: str, s: int, end: int) -> bool:
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


def find_actors(sentence: str, event_country: str, on: date | None = None,
                armed_context: bool = False, admin1: str = "") -> list[ActorMention]:
    """Actor mentions in one sentence, in text order, named for an event in event_country on `on`.

    armed_context: the sentence reports fighting or a strike, so a bare country name that acts
    ("launched by Ukraine", "Russia shelled") stands for that country's military.
    admin1: the event's first-level unit, for actors ACLED names after it ("Kaduna Communal Militia (Nigeria)")."""
    country = event_country or ""
    found: list[ActorMention] = []
    hits = list(_scan(sentence, _actor_table(), country, on))
    label = _LABEL.match(sentence)
    if label:  # "Movement of forces: …" is a category label, not a party
        hits = [h for h in hits if h[1] >= label.end()]
    countries = [(e, s, end) for e, s, end in hits if e.category == "country"]

    def add(name: str, inter: str, s: int, e: int, kind: str, home: str, assoc: str = "", role: str = "") -> None:
        before = sentence[max(0, s - 40):s]
        found.append(ActorMention(name, inter, s, e, kind, home,
                                  bool(BY_BEFORE.search(before)) and not _DEFENDED_BY.search(before), assoc, role))

    used_countries: set[int] = set()
    pending: list[tuple[str, int, int, str]] = []  # forces of a country coordinated with another's

    def ce_start(ci: int) -> int:
        return countries[ci][1]

    for e, s, end in hits:
        if e.category == "named":
            if "{country}" in e.name and not country:
                continue
            name = e.name.format(country=country)
            if name.startswith(_CONTINGENT_NAMED):
                # "Ugandan ATMIS troops": ACLED names the mission's national contingents
                prev = next((c for c, cs, cend in countries if 0 <= s - cend <= 2), None)
                name = f"{name} ({prev.home})" if prev is not None else name
            add(name, e.inter, s, end, "named", e.home or country, e.assoc, e.role)
        elif e.category == "generic":
            if not country or ("{admin1}" in e.name and not admin1):
                continue
            if e.kind == "unidentified_military":
                add(e.name, e.inter, s, end, e.kind, "")
            elif (country, admin1) in _REGIONAL_REBELS and e.name.startswith("Unidentified Armed Group") \
                    and _MILITANT_WORDS.search(sentence[s:end]):
                add(*_REGIONAL_REBELS[(country, admin1)], s, end, "armed", country)
            elif e.kind == "civilian" and _NOT_PEOPLE(sentence, s, end):
                continue
            else:
                add(e.name.format(country=country, admin1=admin1), e.inter, s, end, e.kind, country)
        elif e.category == "state":
            if e.home and e.home != country and not e.exact:
                continue
            home = e.home
            named_home = False
            if not home:
                for ci, (ce, cs, cend) in enumerate(countries):
                    if cend <= s and s - cend <= 40 and _COUNTRY_THEN_FORCES.fullmatch(sentence[cend:s]):
                        home = ce.home
                        named_home = True
                        used_countries.add(ci)
                        # "Russian and Ukrainian forces": both countries' forces
                        if ci > 0 and _COORDINATED.fullmatch(sentence[countries[ci - 1][2]:ce_start(ci)]) \
                                and countries[ci - 1][0].home != home and ci - 1 not in used_countries:
                            pe, ps, pend = countries[ci - 1]
                            used_countries.add(ci - 1)
                            pending.append((pe.home, ps, pend, e.kind))
                    elif cs >= end and _FORCES_OF.fullmatch(sentence[end:cs]):
                        home = ce.home
                        named_home = True
                        used_countries.add(ci)
                        break
            if e.needs_country and not named_home:
                continue  # "launched an air strike": the weapon of whoever acts, not a party of its own
            before = sentence[max(0, s - 30):s]
            if _NOT_FORCES_AFTER.match(sentence[end:end + 20]):
                continue
            if not home and _NOT_STATE_BEFORE.search(before):
                continue
            if not home and POSSESSIVE_FORCES.search(sentence[max(0, s - 8):s]):
                earlier = [ce.home for ce, cs, _ in countries if cs < s]
                home = earlier[0] if earlier else ""
            home = home or country
            if not home:
                continue
            unit = e.unit if not e.unit_for or home in e.unit_for else ""
            add(state_force_name(home, e.kind, on, unit), STATE, s, end, "state", home)

    for home_c, ps, pend, kind in pending:
        add(state_force_name(home_c, kind, on), STATE, ps, pend, "state", home_c)
    if country:
        found = _group_militias(sentence, country, admin1, found, hits, add)
        found = _factions(sentence, country, found, add)
    for ci, (ce, s, e) in enumerate(countries):
        if ci in used_countries:
            continue
        word = sentence[s:e]
        before = sentence[max(0, s - 30):s]
        if word.lower() != ce.home.lower() and not sentence[e:e + 2] in ("'s", "’s") \
                and not word.isupper() and len(_tokens(word)) == 1 and word not in ("Kremlin", "Moscow", "Kyiv",
                                                                                   "Kiev"):
            if (armed_context and _DEMONYM_AS_FORCE.match(sentence[e:e + 30])) \
                    or _DEMONYM_MACHINE.match(sentence[e:e + 40]):
                add(state_force_name(ce.home, "military", on), STATE, s, e, "state", ce.home)
            continue  # a demonym on its own ("Russian civilians") is not an actor
        if armed_context:
            if PLACE_CONTEXT_BEFORE.search(before) and not COUNTRY_AFTER_BY.search(before):
                continue
            if COUNTRY_AS_AGENT.match(sentence[e:e + 40]) or COUNTRY_AFTER_BY.search(before):
                add(state_force_name(ce.home, "military", on), STATE, s, e, "state", ce.home)
    found.sort(key=lambda a: a.start)
    return _resolve_coded_as(sentence, found)


# "riders (assumed Darfur communal militia)", "militants (coded as Kashmir Rebels)", "raiders presumed to be
# Tiv militiamen": the second name is who they were.
_CODED_AS = re.compile(r"\s*of\s+(?:the\s+)?|\s*(?:\w+\s+){0,2}?[(\[,]?\s*(?:coded\s+as|assumed|presumed|believed|suspected|thought|"
                       r"identified|said|reported|claimed|(?:comprised|composed|made\s+up|consisting)\s+of)(?:\s+to\s+(?:be|have\s+been))?(?:\s+as)?(?:\s+to\s+be)?\s+"
                       r"(?:the\s+|an?\s+)?(?:members?\s+of\s+(?:the\s+)?)?(?:\w+\s+)?", re.I)


def _resolve_coded_as(sentence: str, found: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    skip: set[int] = set()
    for i, a in enumerate(found):
        if i in skip:
            continue
        b = found[i + 1] if i + 1 < len(found) else None
        gap = sentence[a.end:b.start] if b is not None else ""
        # "joint forces of X and Y", "a band made up of Fulani herders": X is who acted
        of_named = bool(re.fullmatch(r"\s*of\s+(?:the\s+)?", gap)) and b is not None and b.kind == "named" \
            and a.kind in ("state", "armed") and b.inter != STATE
        if b is not None and a.kind in ARMED_KINDS and b.kind in ARMED_KINDS and b.start - a.end <= 60 \
                and (of_named or (_CODED_AS.fullmatch(gap) and not re.fullmatch(r"\s*of\s+(?:the\s+)?", gap))):
            out.append(ActorMention(b.name, b.inter, a.start, b.end, b.kind, b.home, a.by_agent or b.by_agent,
                                    b.assoc, b.role))
            skip.add(i + 1)
            continue
        out.append(a)
    return out


# Factions ACLED names one by one: "Mai-Mai Yakutumba" → "Mayi Mayi Militia (Yakutumba)"; Myanmar's local
# resistance forces by their township ("Monywa PDF", "PDF-Kalay" → "People's Defense Force - Monywa").
_FACTION_WORD = r"[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+){0,2}"
_MAYI_MAYI = re.compile(r"\b(?:Ma[iy]i?[- ]?Ma[iy]i?)\s+(?:militia(?:men)?\s+|group\s+|fighters\s+|faction\s+)?"
                        r"(?:of\s+)?(?:the\s+)?(?P<name>" + _FACTION_WORD + r")")
_LOCAL_PDF = re.compile(r"\b(?:[Tt]he\s+)?(?P<name>" + _FACTION_WORD + r")\s+(?:People's\s+Defen[cs]e\s+Forces?|PDFs?)\b|"
                        r"\b(?:People's\s+Defen[cs]e\s+Force|PDF)\s*-\s*(?P<after>" + _FACTION_WORD + r")")
_NOT_A_FACTION = frozenset({"militia", "militiamen", "group", "faction", "fighters", "the", "a", "local", "unidentified",
                            "anti", "township", "myanmar", "burma", "the local", "suspected", "alleged", "some", "several",
                            "on", "in", "at", "and", "coalition", "allied", "joint", "armed", "rebels", "nug", "combined",
                            "battalion", "people's", "peoples", "chinland", "karenni", "kachin"})


def _factions(sentence: str, country: str, found: list[ActorMention], add) -> list[ActorMention]:  # type: ignore[no-untyped-def]
    rx, template = {"Democratic Republic of Congo": (_MAYI_MAYI, "Mayi Mayi Militia ({})"),
                    "Myanmar": (_LOCAL_PDF, "People's Defense Force - {}")}.get(country, (None, ""))
    if rx is None:
        return found
    for m in rx.finditer(sentence):
        name = m.group("name") or (m.groupdict().get("after") or "")
        if not name or name.split()[0].lower() in _NOT_A_FACTION or name.lower() in _NOT_A_FACTION:
            continue
        start, end = m.start(), m.end()
        found[:] = [a for a in found if not (a.start < end and start < a.end)]
        add(template.format(name), "Political militia", start, end, "named", country)
    return found


# "Katsina militiamen", "Batwa ethnic militiamen", "armed Fulani pastoralists", "a Dinka clan militia": ACLED
# names identity militias after the community or the state they come from.
_GROUP_MILITIA = re.compile(r"(?P<armed>\b[Aa]rmed\s+)?\b(?P<name>[A-Z][a-z'-]{2,}(?:[ -][A-Z][a-z'-]{2,})?)\s+"
                            r"(?P<kind>ethnic\s+|communal\s+|tribal\s+|clan\s+)?"
                            r"(?P<head>militiamen|militia\s+men|militias?|militants|fighters|gunmen|pastoralists|"
                            r"herders|herdsmen|(?:cattle\s+)?raiders|youths?|men)\b")
# What ACLED calls a community's militia where it names them by tribe or clan rather than by ethnic group.
_COMMUNITY_WORD = {"Afghanistan": "Tribal", "Pakistan": "Tribal", "Yemen": "Tribal", "Iraq": "Tribal", "Libya": "Tribal",
                   "Syria": "Tribal", "Jordan": "Tribal", "Saudi Arabia": "Tribal", "Somalia": "Clan"}
_MILITIA_HEADS = frozenset({"militiamen", "militia men", "militia", "militias"})
_NOT_A_COMMUNITY = frozenset({"the", "local", "armed", "unknown", "unidentified", "suspected", "presumed", "islamist",
                              "jihadist", "rebel", "rival", "allied", "pro", "government", "opposition", "state",
                              "christian", "muslim", "self", "village", "community", "youth", "some", "several",
                              "two", "three", "many", "other", "these", "those", "their", "its", "his", "one"})


def _group_militias(sentence: str, country: str, admin1: str, found: list[ActorMention],
                    hits: list[tuple[_Entry, int, int]], add) -> list[ActorMention]:  # type: ignore[no-untyped-def]
    taken = [(s, e, entry.category) for entry, s, e in hits if entry.category in ("named", "state", "country")]
    for m in _GROUP_MILITIA.finditer(sentence):
        name, kind, head = m.group("name"), (m.group("kind") or "").strip().lower(), m.group("head").lower()
        own_state = bool(admin1) and name.lower() in admin1.lower()
        # a state named like a country ("Niger militiamen" in Niger State, Nigeria) is still the state
        if name.split()[0].lower() in _NOT_A_COMMUNITY or \
                any(s < m.end("name") and m.start("name") < e and not (own_state and cat == "country")
                    for s, e, cat in taken):
            continue
        if kind == "communal" or (own_state and head in _MILITIA_HEADS and not kind):
            acled = f"{name} Communal Militia ({country})"
        elif kind in ("ethnic", "tribal", "clan"):
            acled = f"{name} {kind.title()} Militia ({country})"
        elif (head in ("pastoralists", "herders", "herdsmen", "militants", "youths", "youth", "men")
              and m.group("armed")) or head.endswith("raiders"):
            # "armed Fulani pastoralists", "armed Dinka youths", "Murle cattle raiders"
            acled = f"{name} {_COMMUNITY_WORD.get(country, 'Ethnic')} Militia ({country})"
        else:
            continue
        found[:] = [a for a in found if not (a.kind in ("armed", "state") and a.start < m.end() and m.start() < a.end)]
        add(acled, "Identity militia", m.start("name"), m.end(), "armed", country)
    return found


def inter_for(actor: ActorMention, event_country: str) -> str:
    """Inter code where the event happened: a state's forces abroad are External/Other forces; a foreign
    named group keeps its own code."""
    if (actor.kind == "state" or actor.inter == STATE) and actor.home and event_country \
            and actor.home != event_country:
        return EXTERNAL
    return actor.inter


def descriptors_in(sentence: str, event_country: str) -> list[str]:
    """Descriptive groups named in a sentence, for assoc_actor ("Women (Kenya)"), without repeats."""
    out: list[str] = []
    if not event_country:
        return out
    for e, _, _ in _scan(sentence, _descriptor_table(), event_country, None):
        name = e.name.format(country=event_country)
        if name not in out:
            out.append(name)
    return out


# ------------------------------------------------------------------------------------------ roles

ARMED_KINDS = frozenset({"state", "named", "armed", "unidentified_military"})
_GLUE = re.compile(r"[\s-]{0,2}")
# Country-specific name for the unseen perpetrators of killings (ACLED's Brazil convention).
_FACELESS_KILLERS = {"Brazil": ("Unidentified Gang and/or Police Militia", "Political militia")}
# Named groups whose violence is mob violence, and the country whose rioters they are.
_MOB_LIKE_NAMED = {"Settlers (Israel)": "Israel"}
_VIGILANTE_TARGETS = {"Armed Drug Suspects (Philippines)": "Anti-Drug Vigilantes (Philippines)"}
# Weapons whose user is never the one named after them ("a landmine killed soldiers").
_PLANTED_WEAPONS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
# Non-violent acts of a state that ACLED gives to its government, and the words that name the government itself.
_GOVERNMENT_ACTS = frozenset({"Other", "Change to group/activity"})
_GOVERNMENT_WORD = re.compile(r"(?:the\s+)?(?:authorities|government|administration|cabinet|ministry|ministries)", re.I)
# Who laid a device ("planted by", "laid by") and who ran into it ("struck", "stepped on" a mine).
_PLANTED_BY = re.compile(r"\b(?:planted|laid|placed|buried|installed|emplaced|left|hidden|set\s+up|rigged)\b[^.;]{0,30}$",
                         re.I)
_RAN_INTO = re.compile(r"\b(?:struck|strikes|hit|hits|ran\s+(?:over|into|onto)|drove\s+(?:over|into|onto)|"
                       r"stepped\s+on|triggered|detonated\s+(?:an?\s+)?(?:landmine|mine)|was\s+hit\s+by|"
                       r"were\s+hit\s+by)\b", re.I)
# A victim said to be one of a gang ("The victim was a drug dealer"): ACLED codes the killing as a fight between
# armed groups where organised crime is at war (the Americas).
_GANG_VICTIM = re.compile(r"\b(?:victims?|(?:the|a|young)\s+(?:man|men|woman))\b[^.]{0,30}?\b(?:is|was|were|are)\s+"
                          r"(?:(?:allegedly|reportedly|presumably|identified\s+as|recogni[sz]ed\s+as|known\s+as|"
                          r"said\s+to\s+be|believed\s+to\s+be)\s+)*(?:an?\s+|the\s+)?(?:alleged\s+|suspected\s+|"
                          r"known\s+|local\s+)?(?P<what>drug\s+dealers?|drug\s+traffickers?|gang\s+members?|gang\s+leaders?|"
                          r"hitm[ae]n|sicarios?|extortionists?|members?\s+of\s+(?:an?\s+|the\s+)?(?:local\s+)?(?:\w+\s+)?"
                          r"(?:gangs?|cartels?|criminal\s+(?:group|gang|organi[sz]ation)s?|organi[sz]ed\s+crime(?:\s+group)?|"
                          r"armed\s+groups?))\b", re.I)
# Where ACLED names the unidentified militants of a region's insurgency after it.
_REGIONAL_REBELS = {("India", "Jammu and Kashmir"): ("Kashmir Rebels (India)", "Rebel group")}
_MILITANT_WORDS = re.compile(r"\b(?:militants?|terrorists?|insurgents?|ultras|jihadists?|rebels?)\b", re.I)
# Killings with the marks of organised crime; ACLED names their unseen authors "Unidentified Gang" in the
# Americas, and in Brazil a drive-by or execution may as well be the work of a police militia.
_GANG_MARKS = re.compile(r"\b(?:drive[- ]?by|tiro\s+de\s+gracia|execution[- ]style|executed|handcuffed|hands\s+tied|"
                         r"dismember\w*|narco\w*|cartels?|gangs?|drug[- ](?:traffick\w*|deal\w*|related|gangs?|"
                         r"cartels?|war)|drug\s+(?:trade|trafficking|dealing|dealer|dealers|market))\b", re.I)
_FACELESS_MARKS = re.compile(r"\b(?:drive[- ]?by|execution[- ]style|executed|execution)\b", re.I)
_DRUGS = re.compile(r"\b(?:drugs?|narcotics?|cocaine|marijuana|cannabis|heroin|methamphetamine|meth|fentanyl|"
                    r"crack|laborator(?:y|ies)|narco\w*|plantations?\s+of\s+\w+)\b", re.I)
# (Not Colombia and its neighbours: ACLED names their unseen killers armed groups, the country having several.)
_GANG_REGIONS = frozenset({"Central America", "Caribbean"})
_GANG_COUNTRIES = frozenset({"Mexico", "Brazil", "Ecuador", "Venezuela"})
# Deaths or injuries: only then are civilians the target of a strike rather than the owners of what it hit.
_CASUALTY = re.compile(r"\b(?:kill\w*|dead|died|dies|death|deaths|injur\w*|wound\w*|maim\w*|hurt|casualt\w*|"
                       r"lives|bodies)\b", re.I)
_NO_CASUALTY = re.compile(r"\b(?:no|without|not\s+any)\s+(?:\w+\s+){0,2}(?:casualt\w*|injur\w*|fatalit\w*|deaths|"
                          r"one\s+(?:was\s+)?(?:hurt|injured|killed|wounded))\b|\bcasualties\s+unknown\b", re.I)
_BRAWL = re.compile(r"\b(?:clash\w*|fought|fight\w*|brawl\w*|scuffl\w*|skirmish\w*|beat\w*|assault\w*|"
                    r"attack\w*|stabb\w*|stoned|pelted|hacked|chased|thrash\w*|lynch\w*|whipp\w*|tortur\w*)", re.I)
_RIOT_HARM = re.compile(r"\b(?:attack\w*|assault\w*|beat\w*|stabb\w*|stoned|pelt\w*|hurl\w*\s+stones\s+at|"
                        r"burn\w*|torch\w*|set\s+(?:fire|ablaze)|vandali[sz]\w*|damag\w*|injur\w*|lynch\w*|"
                        r"looted|targeted)\b(?:\s+\w+){0,5}\s+$", re.I)
_CLASH = re.compile(r"\b(?:clash\w*|fought|fight\w*|brawl\w*|scuffl\w*|skirmish\w*)", re.I)
# Shooting makes people an armed group, whoever they are.
_FIREARMS = re.compile(r"\b(?:shot|shoot\w*|gun\w*|firearms?|fired|opened\s+fire|rifles?|pistols?|bullets?)\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|got|is|are)\b", re.I)
# An unseen group of people with no weapon that marks an armed group (no firearm, blade, bomb, abduction or killing):
# ACLED's mob violence ("unknown persons beat a journalist", "a group of men assaulted a driver").
_FACELESS_GROUP = re.compile(r"\b(?:group\s+of\s+(?:\w+\s+)?(?:people|persons|individuals|men|assailants|attackers)|"
                            r"(?:unidentified|unknown)\s+(?:persons|people|individuals|assailants|attackers)|"
                            r"(?<!\d\s)(?<!two\s)(?<!three\s)(?<!\bthe\s)assailants)\b", re.I)
_ARMED_MEANS = re.compile(r"\b(?:armed|gunmen|knife|knives|machetes?|blades?|sharp|daggers?|swords?|axes?|stabb\w*|"
                          r"hack\w*|slash\w*|explosives?|bombs?|grenades?|IEDs?|kill\w*|dead|died|death|murder\w*|"
                          r"abduct\w*|kidnap\w*|ambush\w*|raid\w*|militants?|insurgents?|bandits|gangs?|"
                          r"extort\w*|rob\w*|looted|cult\w*)\b", re.I)
_UNARMED_HARM = re.compile(r"\b(?:beat\w*|assault\w*|physical\w*|punch\w*|kick\w*|slapp\w*|thrash\w*|"
                           r"vandali[sz]\w*|ransack\w*|stones?|sticks|rods|lynch\w*|manhandl\w*|"
                           r"(?:attacked|injured|hurt)\b)", re.I)
# A group named only as what its victims were linked to ("arrested for financing the PDF", "relatives of a
# PDF leader") is no party to the event.
_MENTIONED_AS_LINK = re.compile(r"\b(?:support(?:ing|ers?|\s+(?:to|for))?|financ\w+|funding|fund|aid(?:ing)?|helping|"
                                r"links?\s+(?:to|with)|linked\s+(?:to|with)|ties\s+(?:to|with)|affiliat\w+\s+(?:to|with)|"
                                r"collaborat\w+\s+with|relatives?\s+of|famil(?:y|ies)\s+(?:members\s+)?of|"
                                r"sympathi[sz]\w+|suspicion\s+of|accused\s+of|informants?\s+(?:for|of)|joining|"
                                r"recruit\w*\s+(?:for|by|into))\s+(?:\w+\s+){0,3}$", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+\s+){0,2}$", re.I)
_ARMED_SIDES_FOUGHT = re.compile(r"\b(?:between|among)\s+(?:two|three|rival|unknown|unidentified|several)\s+(?:\w+\s+){0,2}"
                                 r"(?:armed\s+groups|gangs|cartels|militias|armed\s+factions|groups\s+of\s+gunmen)\b", re.I)
_COUNTER_PROTEST = re.compile(r"\bcounter[- ]?(?:protest|demonstrat|rall|march|picket)\w*", re.I)
# Both sides unnamed and alike: "a shoot-out between unknown gunmen", "rival gangs clashed".
_MUTUAL_FIGHT = re.compile(r"\b(?:between|among|amongst)\s+(?:themselves|(?:two|three|several|rival|unidentified|"
                           r"unknown|armed|members\s+of|the\s+two)\b)|\b(?:rival|two|three|several)\s+(?:\w+\s+){0,2}"
                           r"(?:groups|gangs|factions|cartels|militias|clans|bands)\b|\beach\s+other\b|"
                           r"\bone\s+another\b", re.I)


def _unnamed_opponent(agent: ActorMention, country: str, on: date | None, text: str) -> ActorMention:
    """The other side of a fight that names only one: a state's own forces fight an unidentified group (a gang
    where ACLED names one so); anyone else, or foreign forces, fight the state's military."""
    if agent.kind == "state" and agent.home == country:
        if country in _FACELESS_KILLERS:
            return _generic(_FACELESS_KILLERS[country][0], _FACELESS_KILLERS[country][1], "armed", country)
        if _gang_country(country) and _GANG_MARKS.search(text):
            return _generic(f"Unidentified Gang ({country})", "Political militia", "armed", country)
        return _generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
    if agent.kind == "armed" and agent.name.startswith("Unidentified"):
        return agent
    return _generic(state_force_name(country, "military", on), STATE, "state", country)


_PROPERTY = frozenset({"homes", "houses", "village", "body", "bodies", "corpse", "corpses", "dead body"})


def _casualties_named(text: str, agent: ActorMention, country: str, on: date | None) -> ActorMention | None:
    """Who was killed or hurt by a strike, from any sentence of its report ("… shelled X. 3 civilians were
    killed."): the other side's forces, else civilians."""
    civ = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _has_casualties(sentence):
            continue
        for a in find_actors(sentence, country, on):
            if a.kind in ("state", "named") and a.name != agent.name and (a.kind == "named" or a.home != agent.home):
                return a
            if a.kind == "civilian" and civ is None and sentence[a.start:a.end].lower() not in _PROPERTY:
                civ = a
    return civ


def _has_casualties(text: str) -> bool:
    return bool(_CASUALTY.search(_NO_CASUALTY.sub(" ", text)))


@lru_cache(maxsize=1)
def _air_unit_for() -> frozenset[str]:
    """Countries whose forces ACLED names with their Air Force when they strike from the air."""
    out: set[str] = set()
    for row in _read_csv("state_force_words.csv"):
        if row["unit"] == "Air Force":
            out.update(_split(row.get("unit_for")))
    return frozenset(out)


def _is_unidentified(a: ActorMention | None) -> bool:
    return a is None or (a.kind == "armed" and a.name.startswith("Unidentified Armed Group"))


def _gang_country(country: str) -> bool:
    c = country_by_name(country) if country else None
    return country in _GANG_COUNTRIES or (c is not None and c.region in _GANG_REGIONS)
_DISPLACED = re.compile(r"\b(?:displac\w*|refugees|evacuat\w*|fled|flee\w*|IDPs)\b", re.I)
_MOB_TRIGGER = re.compile(r"\b(?:beat|beaten|beating|lynch|lynched|lynching|stoned|stoning|thrash|thrashed|"
                          r"mob|assault|assaulted|torched|set\s+ablaze|set\s+on\s+fire|burnt|burned|vigilante)",
                          re.I)


def _off_duty(text: str, a: ActorMention) -> bool:
    """An off-duty, former or retired member of a force is a civilian victim (cues: event_lexicon [violence])."""
    from sitrep.coding.event_types import LEXICON  # late: event_types is the coder's, loaded after actors
    rx, held = LEXICON.civilian_status, LEXICON.unarmed_victim
    return bool(rx is not None and rx.search(text[max(0, a.start - 30):a.start])) or \
        bool(held is not None and held.search(text[a.start:a.end + 40]))  # "a police officer (assumed off duty)"


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


def _defends(text: str, agent: ActorMention, acts: list[ActorMention]) -> bool:
    """Whether the agent is the subject of an active verb of defence in its sentence ("its troops foiled an
    offensive launched by Ukraine"): the nearest armed actor before the verb, in the same sentence, is the agent."""
    for m in _REPEL_ACTIVE.finditer(text):
        if _PASSIVE_AUX_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        before = [a for a in acts if a.kind in ARMED_KINDS and a.end <= m.start() and not a.by_agent
                  and not re.search(r"[.!?;]\s", text[a.end:m.start()]) and m.start() - a.end <= 120]
        if before:
            return max(before, key=lambda a: a.end).name == agent.name
    return False


def _generic(name: str, inter: str, kind: str, country: str) -> ActorMention:
    return ActorMention(name, inter, 0, 0, kind, country, False)


def assign_roles(sub: str, event_type: str, actors: list[ActorMention], trigger_start: int, trigger_text: str,
                 country: str, on: date | None, descriptors: list[str], text: str,
                 extra: list[ActorMention] | tuple[ActorMention, ...] = ()) -> tuple[str, str, str, str, str, str, str]:
    """(sub_event_type, actor1, inter1, actor2, inter2, assoc1, assoc2) of an event from the actors in its
    sentences (offsets: trigger sentence first). Attacker first; in Violence against civilians the victim is
    actor2; protesters act alone unless someone intervened. extra: actors of sentences that elaborate the
    event, used when its own sentence names no armed actor ("The attackers, ISWAP fighters, …")."""
    acts = merge_adjacent(actors)
    assoc1: list[str] = list(descriptors)
    if not country:  # no place found: the country the text names is still the best guess for the names
        named = countries_named(text)
        country = named[0][0].name if named else ""

    def inter(a: ActorMention | None) -> str:
        return inter_for(a, country) if a else ""

    def first(kinds: set[str] | frozenset[str], pool: list[ActorMention] | None = None) -> ActorMention | None:
        return next((a for a in (acts if pool is None else pool) if a.kind in kinds), None)

    def joined(names: list[str]) -> str:
        return "; ".join(dict.fromkeys(n for n in names if n))

    police = first({"state"})
    parties = [a.name for a in acts if a.kind == "named" and a.inter == "Political militia"]
    if event_type == "Protests":
        a1 = f"Protesters ({country})" if country else "Protesters"
        assoc = joined(assoc1 + parties)
        if sub == "Peaceful protest":
            if _COUNTER_PROTEST.search(text):
                return sub, a1, "Protesters", a1, "Protesters", assoc, ""
            return sub, a1, "Protesters", "", "", assoc, ""
        a2 = police or _generic(state_force_name(country, "police", on), STATE, "state", country)
        return sub, a1, "Protesters", a2.name, inter(a2), assoc, ""
    if sub == "Violent demonstration":
        a1 = f"Rioters ({country})"
        if police is None and country:  # the police may come in a later sentence ("Police fired tear gas.")
            police = next((a for a in find_actors(text, country, on) if a.kind == "state"), None)
        a2 = police if police and re.search(r"\bpolice|security\s+forces|officers|soldiers|troops", text, re.I) \
            else None
        if a2 is None:
            # Rioters who turned on people or their homes and cars: those people are the other side.
            hit = next((a for a in acts if a.kind == "civilian" and a.start > trigger_start
                        and _RIOT_HARM.search(text[max(0, a.start - 50):a.start])), None)
            if hit is not None:
                return sub, a1, "Rioters", f"Civilians ({country})", "Civilians", joined(assoc1 + parties), ""
        return sub, a1, "Rioters", a2.name if a2 else "", inter(a2), joined(assoc1 + parties), ""
    if sub == "Mob violence" and not any(a.kind == "mob" for a in acts):
        # "villagers were attacked by gunmen": the people named first were the victims of an armed side
        by_armed = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.role != "party"
                    and a.name not in _MOB_LIKE_NAMED and a.start > trigger_start]
        if by_armed and _PASSIVE.search(trigger_text or ""):
            return assign_roles("Attack", "Violence against civilians", actors, trigger_start, trigger_text, country,
                                on, descriptors, text, extra)
    if sub == "Mob violence":
        settlers = next((a for a in acts if a.name in _MOB_LIKE_NAMED and a.start < trigger_start), None)
        if settlers is not None:
            assoc1.append(settlers.name)
        mob_home = next((_MOB_LIKE_NAMED[n] for n in assoc1 if n in _MOB_LIKE_NAMED), country)
        a1 = f"Rioters ({mob_home})"
        if any(a.kind == "mob" and "vigilant" in text[a.start:a.end].lower() for a in acts):
            assoc1.append(f"Vigilante Group ({country})")
        # Party supporters riot as Rioters with their party as associate (ACLED names no party as a rioter).
        party_by = [a for a in acts if a.role == "party" and a.by_agent]
        rioting = party_by[:1] or [a for a in acts if a.role == "party" and a.start < trigger_start][:1]
        assoc1 += [a.name for a in rioting]
        pool = [a for a in acts if a not in rioting and a.name not in assoc1]
        a1_local = f"Rioters ({country})"  # the other crowd is local (settlers fight Palestinian rioters)
        victim = first({"civilian", "state", "named"}, [a for a in pool if a.start > trigger_start] or pool)
        assoc2 = victim.name if victim is not None and victim.role == "party" else ""
        if victim is not None and victim.role == "party":
            victim = None
        if (victim is None or victim.kind == "civilian") and (_CLASH.search(trigger_text or "")
                                                               or _MUTUAL_FIGHT.search(text)):
            return sub, a1, "Rioters", a1_local, "Rioters", joined(assoc1), assoc2  # two crowds fought each other
        if victim is None or victim.kind == "civilian":
            return sub, a1, "Rioters", f"Civilians ({country})", "Civilians", joined(assoc1), assoc2
        return sub, a1, "Rioters", victim.name, inter(victim), joined(assoc1), ""

    before = [a for a in acts if a.kind in ARMED_KINDS and a.start < trigger_start and not a.by_agent]
    # "by X" names the agent of a passive act ("were killed by X"), or of one with no subject ("an attack by X");
    # after an active verb with its subject ("PKK attacked Turkish soldiers, … carried out by Turkish forces")
    # it belongs to another clause.
    by = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS
          and (a.start < trigger_start or not before or 0 <= a.start - trigger_start - len(trigger_text) <= 12
               or _PASSIVE_BEFORE.search(text[max(0, trigger_start - 40):trigger_start]))]
    if sub in _PLANTED_WEAPONS:
        # "an IED planted by JNIM": who planted it set it off, whoever the sentence opens with
        planter = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.start > trigger_start
                   and _PLANTED_BY.search(text[max(trigger_start, a.start - 40):a.start])]
        by = planter[:1] or by
        # "a military convoy struck an IED": the subject ran into the device; it did not plant it
        before = [a for a in before if not _RAN_INTO.search(text[a.end:trigger_start])]
    agent = by[0] if by else before[0] if before else first(ARMED_KINDS)
    if agent is not None and not by and not before and sub in _PLANTED_WEAPONS:
        agent = None  # "an IED killed two soldiers": the soldiers were hit; whoever planted it is unknown
    if agent is None and extra:
        more = merge_adjacent(list(extra))
        agent = first(ARMED_KINDS, more)
        acts = acts + [a for a in more if a is not agent]
    if agent is not None and sub in ("Government regains territory", "Non-state actor overtakes territory"):
        # Who took the ground decides (codebook): a state's own forces regain it, rebels and militias overtake it.
        # The taker is the subject: the first armed actor before the verb, after any reporting verb, that is no
        # object of a preposition ("the army said rebels took over …", "the army clashed with rebels and regained …").
        # A foreign state's forces, or no named taker: the trigger's words decide ("recaptured" vs "seized").
        subjects = [a for a in before if not re.search(r"\b(?:with|against|on|from|at|to|of|by)\s+(?:the\s+)?"
                                                         r"(?:[\w'-]+\s+){0,2}$", text[max(0, a.start - 40):a.start], re.I)]
        said = [m.end() for m in re.finditer(r"\b(?:said|says|told|reported|stated|announced|claimed|according\s+to)\b",
                                             text[:trigger_start], re.I)]
        subjects = [a for a in subjects if a.start >= said[-1]] or subjects if said else subjects
        taker = by[0] if by else subjects[0] if subjects else before[0] if before else agent
        if inter(taker) == STATE:
            sub = "Government regains territory"
        elif taker.kind != "state" and inter(taker) != EXTERNAL:
            sub = "Non-state actor overtakes territory"
    if sub == "Agreement" and agent is None:
        # "Russia and Ukraine exchanged prisoners": the states named are the parties.
        homes = list(dict.fromkeys(c.name for c, _, _ in countries_named(text.split(". ")[0])))
        if homes:
            parties = [_generic(state_force_name(h, "military", on), STATE, "state", h) for h in homes[:2]]
            second_party = parties[1] if len(parties) > 1 else None
            return sub, parties[0].name, inter(parties[0]), second_party.name if second_party else "", \
                inter(second_party), "", ""
    if sub == "Other" and agent is None and _DISPLACED.search(text):
        return sub, f"Civilians ({country})", "Civilians", "", "", joined(assoc1), ""
    if agent is not None and agent.name in _MOB_LIKE_NAMED and sub in ("Attack", "Armed clash"):
        # Settlers' attacks are mob violence, with the settlers as the rioters' associates.
        return assign_roles("Mob violence", "Riots", [a for a in actors if a.name != agent.name], trigger_start,
                            trigger_text, country, on, descriptors + [agent.name], text, extra)
    if agent is not None and agent.role == "party" and sub in ("Attack", "Armed clash", "Sexual violence"):
        if not _FIREARMS.search(text):  # party supporters with sticks and stones: a mob
            return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                                descriptors, text, extra)
        # armed party men: an unidentified armed group, the party its associate
        agent = ActorMention(f"Unidentified Armed Group ({country})", "Political militia", agent.start, agent.end,
                             "armed", country, agent.by_agent, agent.name)
    if agent is not None and sub in _GOVERNMENT_ACTS and agent.kind == "state" and agent.home \
            and _GOVERNMENT_WORD.fullmatch(text[agent.start:agent.end]):
        # "the authorities declared a state of emergency": the government, not its police
        agent = ActorMention(government_name(agent.home, on), STATE, agent.start, agent.end, "state", agent.home,
                             agent.by_agent)
    if agent is not None and agent.kind in ARMED_KINDS and agent.role != "umbrella":
        # Forces "operating under OPS": ACLED names the operation.
        umbrella = next((a for a in acts if a.role == "umbrella"), None)
        if umbrella is not None:
            agent = umbrella
    if agent is None and sub in ("Attack", "Armed clash", "Sexual violence"):
        mob = first({"mob"})
        crowd_agent = next((a for a in acts if a.kind == "civilian" and (a.by_agent or a.start < trigger_start)),
                           None)
        # People who are not armed groups acting themselves ("villagers beat", "youths of two clans fought"),
        # not people something was done to ("a farmer was shot").
        acting_crowd = crowd_agent is not None and (crowd_agent.by_agent or not _PASSIVE.search(
            text[crowd_agent.end:trigger_start])) and (sub == "Armed clash" or _BRAWL.search(trigger_text or "")) \
            and not _FIREARMS.search(text)
        if mob is not None or acting_crowd or (crowd_agent is not None and _MOB_TRIGGER.search(trigger_text or "")):
            return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                                descriptors, text, extra)
    if sub == "Attack" and event_type == "Violence against civilians" and _is_unidentified(agent) \
            and (agent is None or agent.kind == "armed") and _FACELESS_GROUP.search(text) \
            and not _FIREARMS.search(text) and not _ARMED_MEANS.search(text) and _UNARMED_HARM.search(text):
        return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                            descriptors, text, extra)
    if _is_unidentified(agent) and country not in _FACELESS_KILLERS and _gang_country(country) \
            and sub not in ("Air/drone strike", "Shelling/artillery/missile attack") and _GANG_MARKS.search(text):
        agent = ActorMention(f"Unidentified Gang ({country})", "Political militia", agent.start if agent else 0,
                             agent.end if agent else 0, "armed", country, agent.by_agent if agent else False)
    if agent is None:
        if event_type == "Explosions/Remote violence" and sub in ("Air/drone strike",
                                                                  "Shelling/artillery/missile attack"):
            agent = _generic(UNIDENTIFIED_MILITARY, EXTERNAL, "unidentified_military", "")
        elif sub == "Arrests":
            agent = _generic(state_force_name(country, "police", on), STATE, "state", country)
        elif sub in _GOVERNMENT_ACTS and country:
            # Curfews, bans, elections, decrees with no armed actor: the government acted (ACLED's "Government of").
            agent = _generic(government_name(country, on), STATE, "state", country)
        elif country in _FACELESS_KILLERS and sub == "Attack":
            agent = _generic(*_FACELESS_KILLERS[country], "armed", country)
        else:
            agent = _generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
    elif agent.kind == "armed" and agent.name.startswith("Unidentified Armed Group") and sub == "Attack" \
            and country in _FACELESS_KILLERS and _FACELESS_MARKS.search(text):
        agent = ActorMention(*_FACELESS_KILLERS[country], agent.start, agent.end, "armed", country, agent.by_agent)
    if sub == "Air/drone strike" and agent.kind == "state" and agent.home in _air_unit_for() \
            and agent.name.startswith("Military Forces of") and agent.name.endswith(")"):
        agent = ActorMention(agent.name + " Air Force", agent.inter, agent.start, agent.end, agent.kind, agent.home,
                             agent.by_agent, agent.assoc)
    others = [a for a in acts if a.start != agent.start and (a.name != agent.name or a.kind == "armed")
              and not (a.kind in ARMED_KINDS and a in acts and _MENTIONED_AS_LINK.search(text[max(0, a.start - 45):a.start]))
              # former or off-duty members of a force are civilians
              and not (a.kind == "state" and a in acts and _off_duty(text, a))
              # a state's forces do not arrest or loot their own: "soldiers from the police station", units
              and not (event_type == "Strategic developments" and a.kind == "state" and agent.kind == "state"
                       and a.home == agent.home)]
    # Armed actors named with the agent before the act ("the military and police arrested …") act with it;
    # the other side is named after the act. Only in a battle may both sides come first ("X and Y clashed").
    co_agents = [a for a in others if a.kind in ARMED_KINDS and a.start < trigger_start and
                 agent.start < trigger_start and a in acts and agent in acts]
    if co_agents:
        others = [a for a in others if a not in co_agents] + (co_agents if event_type == "Battles" else [])
    target_armed = next((a for a in others if a.kind in ARMED_KINDS and a.name != agent.name), None) \
        or next((a for a in others if a.kind in ARMED_KINDS), None)
    if target_armed is None and sub in ("Attack", "Abduction/forced disappearance") and _gang_country(country):
        victim = _GANG_VICTIM.search(text)
        if victim is not None:
            what = victim.group("what").lower()
            target_armed = _generic(f"Unidentified Armed Group ({country})" if "armed group" in what or "extort" in what
                                    else f"Unidentified Gang ({country})", "Political militia", "armed", country)
            sub = "Attack"  # becomes an Armed clash below: the one attacked was armed
    # the civilians acted on, after the verb ("near X village, gunmen attacked soldiers": no victim)
    target_civ = next((a for a in others if a.kind == "civilian" and a.start > trigger_start), None) \
        or next((a for a in others if a.kind == "civilian"), None)
    etype = event_type
    if target_armed is not None and target_armed.name in _VIGILANTE_TARGETS and agent.kind == "armed" \
            and agent.name.startswith("Unidentified") and sub in ("Attack", "Armed clash"):
        # Unseen killers of drug suspects: ACLED's anti-drug vigilantes, the suspect a civilian victim.
        agent = ActorMention(_VIGILANTE_TARGETS[target_armed.name], "Political militia", agent.start, agent.end,
                             "armed", country, agent.by_agent)
        target_civ = _generic(f"Civilians ({country})", "Civilians", "civilian", country)
        return "Attack", agent.name, inter(agent), target_civ.name, "Civilians", "", ""
    if sub == "Attack" and target_armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
            and _ARMED_SIDES_FOUGHT.search(text):
        target_armed = agent  # "people were hurt in a fight between two unknown armed groups": both sides armed
        sub, etype = "Armed clash", "Battles"
    if sub == "Attack" and target_armed is not None and (target_civ is None or target_armed.start < target_civ.start) \
            and not _off_duty(text, target_armed):
        sub, etype = "Armed clash", "Battles"
    if etype == "Battles":
        if target_armed is not None and target_armed.name != agent.name and _defends(text, agent, acts):
            agent, target_armed = target_armed, agent  # the side that was held off attacked first
        if target_armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
                and _MUTUAL_FIGHT.search(text):
            target_armed = agent
        if target_armed is None and country and sub == "Armed clash":
            target_armed = _unnamed_opponent(agent, country, on, text)
        if target_armed is None:
            return sub, agent.name, inter(agent), "", "", agent.assoc, ""
        return sub, agent.name, inter(agent), target_armed.name, inter(target_armed), agent.assoc, target_armed.assoc
    if etype == "Violence against civilians":
        return sub, agent.name, inter(agent), f"Civilians ({country})", "Civilians", agent.assoc, joined(assoc1)
    if etype == "Explosions/Remote violence":
        if target_civ is not None and not _has_casualties(text):
            target_civ = None  # damage to homes or "civilian infrastructure" only: no victim actor
        target = target_armed if target_armed is not None and (target_civ is None or
                                                               target_armed.start < target_civ.start) else target_civ
        if target is None:
            target = _casualties_named(text, agent, country, on)
        if target is None:
            return sub, agent.name, inter(agent), "", "", agent.assoc, ""
        return sub, agent.name, inter(agent), target.name, inter(target), agent.assoc, target.assoc
    # Strategic developments
    if target_armed is None and country and sub == "Disrupted weapons use":
        # What was shot down or defused belongs to someone: the forces named with the weapon ("a Russian
        # drone"), else an unidentified group.
        target_armed = next((a for a in find_actors(text, country, on, armed_context=True)
                             if a.kind == "state" and a.home != agent.home), None) \
            or (_generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
                if agent.kind == "state" else None)
    if target_armed is None and country and sub == "Looting/property destruction" and agent.kind == "state" \
            and _gang_country(country) and _DRUGS.search(text):
        target_armed = _generic(f"Unidentified Gang ({country})", "Political militia", "armed", country)
    second = target_armed or (target_civ if sub in ("Arrests", "Looting/property destruction") else None)
    if second is None and sub == "Other" and target_civ is not None and target_civ.start > trigger_start \
            and agent.kind in ARMED_KINDS:
        second = target_civ  # armed men who stopped, threatened or drove out residents
    if second is None and country and sub in ("Arrests", "Looting/property destruction"):
        # Someone is always arrested, and what is looted or destroyed belongs to someone: civilians by default.
        second = _generic(f"Civilians ({country})", "Civilians", "civilian", country)
    return sub, agent.name, inter(agent), second.name if second else "", inter(second), agent.assoc, \
        second.assoc if second else ""
