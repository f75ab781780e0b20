"""Actors named the ACLED way: state forces with their regime year, named groups, generic actors by country.

Data files (sitrep/resources/):
  state_forces.csv       country, since, regime_year → "Military Forces of Ukraine (2019-)"
  state_force_words.csv  words for a state's forces (military/police) and the unit they name ("Air Force")
  actors.csv             named organisations: ACLED name, inter, home country, aliases, valid from/until
  generic_actors.csv     unnamed actors: gunmen → "Unidentified Armed Group ({country})", protesters, civilians …
  descriptors.csv        descriptive groups for assoc_actor: Women ({country}), Students ({country}) …
Inter depends on where the event happened: a state's forces outside their country are External/Other forces.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sitrep.coding.countries import Country, all_countries, country_by_name

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
EXTERNAL = "External/Other forces"
STATE = "State forces"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"


@dataclass(frozen=True)
class ActorMention:
    name: str          # ACLED actor name
    inter: str         # inter code text, before the where-it-happened rule for state forces
    start: int         # offsets within the sentence
    end: int
    kind: str          # state | named | crowd | mob | armed | civilian | unidentified_military
    home: str          # home country of a state force or named group ("" when unknown)
    by_agent: bool     # introduced by "by" (the agent of a passive verb)


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(RESOURCES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _date(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


@lru_cache(maxsize=1)
def _regimes() -> dict[str, list[tuple[date, str]]]:
    out: dict[str, list[tuple[date, str]]] = {}
    for row in _read_csv("state_forces.csv"):
        out.setdefault(row["country"], []).append((date.fromisoformat(row["since"]), row["regime_year"]))
    for v in out.values():
        v.sort()
    return out


def state_force_name(country: str, kind: str = "military", on: date | None = None, unit: str = "") -> str:
    """"Military Forces of Russia (2000-)", "Police Forces of India (2014-) …" for the regime in power on `on`.

    Countries missing from state_forces.csv get the name without a year rather than a guessed one."""
    regimes = _regimes().get(country, [])
    year = ""
    for since, regime_year in regimes:
        if on is None or since <= on:
            year = regime_year
    if regimes and not year:
        year = regimes[0][1]
    base = f"{'Police' if kind == 'police' else 'Military'} Forces of {country}"
    name = f"{base} ({year}-)" if year else base
    return f"{name} {unit}" if unit else name


@dataclass(frozen=True)
class _NamedActor:
    name: str
    inter: str
    country: str
    pattern: re.Pattern[str]
    since: date | None
    until: date | None


@lru_cache(maxsize=1)
def _named_actors() -> tuple[_NamedActor, ...]:
    out = []
    for row in _read_csv("actors.csv"):
        alts = []
        for alias in row["aliases"].split("|"):
            alias = alias.strip()
            if not alias:
                continue
            esc = re.escape(alias).replace(r"\ ", r"\s+")
            # Acronyms match case-sensitively ("AA" must not match "aa"); names do not.
            alts.append(esc if alias.isupper() else f"(?i:{esc})")
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
        out.append(_NamedActor(row["name"], row["inter"], row["country"], pattern, _date(row["since"]),
                               _date(row["until"])))
    return tuple(out)


@lru_cache(maxsize=1)
def _generic_actors() -> tuple[tuple[re.Pattern[str], str, str, str], ...]:
    return tuple((re.compile(r["pattern"], re.I), r["name"], r["inter"], r["kind"]) for r in _read_csv("generic_actors.csv"))


@lru_cache(maxsize=1)
def _descriptors() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"], re.I), r["name"]) for r in _read_csv("descriptors.csv"))


@lru_cache(maxsize=1)
def _state_words() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((r["kind"], re.compile(r["pattern"], re.I), r["unit"]) for r in _read_csv("state_force_words.csv"))


@lru_cache(maxsize=1)
def _country_words() -> tuple[re.Pattern[str], dict[str, Country]]:
    forms: dict[str, Country] = {}
    for c in all_countries():
        for form in (c.name, *c.demonyms, *getattr(c, "aliases", ())):
            if form:
                forms[form.lower()] = c
    # Common short forms the country file may not carry.
    for form, name in (("US", "United States"), ("U.S.", "United States"), ("American", "United States"),
                       ("Kiev", "Ukraine"), ("Kyiv", "Ukraine"), ("Moscow", "Russia"), ("Kremlin", "Russia"),
                       ("Congolese", "Democratic Republic of Congo"), ("Israeli", "Israel"),
                       ("Palestinian", "Palestine"), ("British", "United Kingdom"), ("UK", "United Kingdom")):
        c = country_by_name(name)
        if c and form.lower() not in forms:
            forms[form.lower()] = c
    alt = "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alt})(?:'s|’s|s)?(?![\w-])", re.I), forms


def countries_named(text: str) -> list[tuple[Country, int, int]]:
    """Country names, demonyms and capitals-as-governments in text, with offsets."""
    rx, forms = _country_words()
    out = []
    for m in rx.finditer(text):
        c = forms.get(" ".join(m.group(1).lower().split()))
        if c and not text[m.end():m.end() + 12].startswith(("-controlled", "-held", "-occupied", "-backed")):
            out.append((c, m.start(), m.end()))
    return out


POSSESSIVE_FORCES = re.compile(r"\b(?:its|their|our|his)\s+$", re.I)
BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|some\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+|"
                       r"unidentified\s+|armed\s+)*(?:[\w'-]+\s+){0,2}$", re.I)
COUNTRY_AS_AGENT = re.compile(r"^\s*(?:has|have|had|was|were|is|launched|attacked|shelled|struck|fired|bombed|"
                              r"said\s+(?:its|it)|claimed|carried\s+out|hit|targeted)\b", re.I)
COUNTRY_AFTER_BY = re.compile(r"\b(?:launched|carried\s+out|conducted|attacked|fired|shelled|struck)\s+by\s+$", re.I)
PLACE_CONTEXT_BEFORE = re.compile(r"\b(?:in|into|of|to|from|across|inside|near|with|and|against|between)\s+$", re.I)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


def find_actors(sentence: str, event_country: str, on: date | None = None,
                armed_context: bool = False) -> list[ActorMention]:
    """Actor mentions in one sentence, in text order, named for an event in event_country on `on`.

    armed_context: the sentence reports fighting or a strike, so a bare country name that acts
    ("launched by Ukraine", "Russia shelled") stands for that country's military."""
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    country = event_country or ""

    def add(name: str, inter: str, s: int, e: int, kind: str, home: str) -> None:
        found.append(ActorMention(name, inter, s, e, kind, home, bool(BY_BEFORE.search(sentence[max(0, s - 40):s]))))
        taken.append((s, e))

    for actor in _named_actors():
        if (actor.since and on and on < actor.since) or (actor.until and on and on >= actor.until):
            continue
        for m in actor.pattern.finditer(sentence):
            if not _overlaps(taken, m.start(), m.end()):
                add(actor.name, actor.inter, m.start(), m.end(), "named", actor.country)
    # Islamic State without a province: named after the country it fights in.
    for m in re.finditer(r"(?<![\w-])(?:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?![\w-])", sentence):
        if not _overlaps(taken, m.start(), m.end()) and country:
            add(f"Islamic State ({country})", "Rebel group", m.start(), m.end(), "named", country)

    named_countries = countries_named(sentence)
    for kind, rx, unit in _state_words():
        for m in rx.finditer(sentence):
            if _overlaps(taken, m.start(), m.end()):
                continue
            home = ""
            window_start = max(0, m.start() - 40)
            for c, s, e in named_countries:
                # "Russian forces", "Ukraine's army", "the Nigerian Air Force", "forces of Ukraine"
                if window_start <= s and e <= m.start() and re.fullmatch(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}",
                                                                        sentence[e:m.start()] + " "):
                    home = c.name
                elif s >= m.end() and re.fullmatch(r"\s+of\s+(?:the\s+)?", sentence[m.end():s]):
                    home = c.name
            if not home and POSSESSIVE_FORCES.search(sentence[max(0, m.start() - 8):m.start()]):
                earlier = [c for c, s, _ in named_countries if s < m.start()]
                home = earlier[0].name if earlier else ""
            if not home and re.search(r"\bregime\b", m.group(0), re.I):
                home = country
            home = home or country
            if not home:
                continue
            add(state_force_name(home, kind, on, unit), STATE, m.start(), m.end(), "state", home)

    if armed_context:
        for c, s, e in named_countries:
            if _overlaps(taken, s, e):
                continue
            before, after = sentence[max(0, s - 30):s], sentence[e:e + 40]
            if sentence[s:e].lower().endswith(("n", "i", "ese", "ish")) and not sentence[s:e].endswith(("'s", "’s")) \
                    and c.name.lower() != sentence[s:e].lower():
                continue  # a demonym on its own ("Russian civilians") is not an actor
            if PLACE_CONTEXT_BEFORE.search(before) and not COUNTRY_AFTER_BY.search(before):
                continue
            if COUNTRY_AS_AGENT.match(after) or COUNTRY_AFTER_BY.search(before):
                add(state_force_name(c.name, "military", on), STATE, s, e, "state", c.name)

    if re.search(r"\bunidentified\s+(?:aircraft|warplanes?|drones?|military)|\bunknown\s+(?:aircraft|warplanes?|drones?)",
                 sentence, re.I):
        m = re.search(r"\b(?:unidentified|unknown)\s+\w+", sentence, re.I)
        if m and not _overlaps(taken, m.start(), m.end()):
            add(UNIDENTIFIED_MILITARY, EXTERNAL, m.start(), m.end(), "unidentified_military", "")

    for rx, template, inter, kind in _generic_actors():
        if not country:
            break
        for m in rx.finditer(sentence):
            if not _overlaps(taken, m.start(), m.end()):
                add(template.format(country=country), inter, m.start(), m.end(), kind, country)
    found.sort(key=lambda a: a.start)
    return found


def inter_for(actor: ActorMention, event_country: str) -> str:
    """Inter code where the event happened: a state's forces abroad are External/Other forces; a foreign
    named group keeps its own code."""
    if actor.kind == "state" and actor.home and event_country and actor.home != event_country:
        return EXTERNAL
    return actor.inter


def descriptors_in(sentence: str, event_country: str) -> list[str]:
    """Descriptive groups named in a sentence, for assoc_actor ("Women (Kenya)"), without repeats."""
    out: list[str] = []
    for rx, template in _descriptors():
        if event_country and rx.search(sentence):
            name = template.format(country=event_country)
            if name not in out:
                out.append(name)
    return out
