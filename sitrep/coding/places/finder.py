"""The whole pass over an article (_analyse) and the public calls: find_places, article_countries, resolve_place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from sitrep.coding.countries import countries_in_text, country_by_name
from sitrep.coding.places.gazetteer import KIND_ADMIN1
from sitrep.coding.places.gazetteer_cache import get_gazetteer
from sitrep.coding.places.country_evidence import country_votes, evidence_place
from sitrep.coding.places.mentions import Mention, read_context, read_districts, scan_mentions, with_loose_mentions
from sitrep.coding.places.parentheticals import (attach_parentheticals, find_parentheticals, read_appositions,
                                                with_district_parens)
from sitrep.coding.places.record import Place, country_place, place_from_entry
from sitrep.coding.places.resolution import NAME_WORDS, district_place, orphan_place, resolve_mention
from sitrep.coding.places.scoring import (DEMONYM_WEIGHT, DISTRICT_CITY_POPULATION, EXONYM_POPULATION, STRAY_POPULATION,
                                         is_own_name, score_entry)
from sitrep.coding.places.tables import admin1_units_like, admin_key, name_key, same_admin

# The scene of the event named outright ("demonstrated in Volkach"), not a building or area within it.
_SCENE_BEFORE = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$")
_NAME_GOES_ON = re.compile(r"\s+(?:[a-z]+\s+)?[A-Z]")


def _analyse(text: str, country_hint: str | None, prior_country: str | None = None) -> tuple[list[Place], list[str]]:
    g = get_gazetteer()
    prior = country_by_name(prior_country) if prior_country else None
    hint = country_by_name(country_hint) if country_hint else None
    hint_cc = hint.iso2 if hint else None
    mentions = read_context(text, with_loose_mentions(text, g, scan_mentions(text, g)))
    parens = find_parentheticals(text)
    # Names inside an admin parenthetical are the admin units of the place before it, not places of their own.
    # The names a "(coded as …)" note gives are read on their own below ("Kashmir Rebels" is no place either).
    mentions = [m for m in mentions if not any((text.find(p.coded_as, p.start) if p.coded_as else p.start) <= m.start
                                               < p.end and p.start < m.start for p in parens) and not m.partial]
    if any(m.facility for m in mentions) and any(not m.facility and (m.country is None or m.cue) for m in mentions):
        mentions = [m for m in mentions if not m.facility]
    coded_as = [p for p in parens if p.coded_as]
    if coded_as:
        # "X village (coded as Y)": ACLED codes Y, so drop the mentions of that clause and read Y in its place.
        for p in coded_as:
            clause_start = max(text.rfind(". ", 0, p.start) + 1, 0)
            coded = [m for m in read_context(p.coded_as, scan_mentions(p.coded_as, g)) if not m.partial]
            if not coded and p.admin1 and admin1_units_like(p.admin1) and NAME_WORDS.match(p.coded_as):
                # "(coded as Dantewada, Chhattisgarh)" with a place the gazetteer lacks: its admin1, under its name.
                key = name_key(g.admin1[admin1_units_like(p.admin1)[0]])
                coded = [Mention(0, len(p.coded_as), key, (), admin_unit="admin1", named=p.coded_as)]
            if not coded or coded[0].start > 0 or coded[0].end < len(p.coded_as):
                continue  # "coded to territory capital", "(coded as Kashmir Rebels)": no named place to take
            dropped = [m for m in mentions if clause_start <= m.start < p.start]
            mentions = [m for m in mentions if not (clause_start <= m.start < p.end)]
            # The point stands for a region when a region or country was named, else for a place near it.
            wide = bool(dropped) and (dropped[-1].country is not None or dropped[-1].admin_unit == "admin1")
            inner = text.index(p.coded_as, p.start)
            m = coded[0]
            # The coded point lies in the country of the names it replaces ("Yinchuan city (coded to Jinfeng)").
            near = {g.country[e] for d in dropped for e in d.candidates[:20]} | \
                {d.country.iso2 for d in dropped if d.country is not None}
            m.candidates = tuple(e for e in m.candidates if g.country[e] in near) or m.candidates
            if p.admin1 and admin1_units_like(p.admin1):
                units = admin1_units_like(p.admin1)
                m.admin1_hint = p.admin1
                m.admin1_spellings = tuple(dict.fromkeys([p.admin1, *(name_key(g.admin1[u]) for u in units)]))
            m.start, m.end, m.cue, m.precision = m.start + inner, m.end + inner, "in", 3 if wide else 2
            mentions.append(m)
        mentions.sort(key=lambda m: m.start)
    mentions = read_districts(text, mentions)
    mentions = read_appositions(text, g, mentions)
    orphans = attach_parentheticals(text, mentions, [p for p in parens if not p.coded_as])
    named_countries = countries_in_text(text)
    votes = country_votes(g, text, mentions, parens, hint_cc, named_countries, prior.iso2 if prior else None)
    total = sum(votes.values()) or 1.0
    weights = {cc: v / total for cc, v in votes.items()}
    ranked = [cc for cc, _ in votes.most_common()]
    if hint_cc is None and ranked and weights[ranked[0]] >= 0.4:
        tied = [cc for cc in ranked if votes[cc] == votes[ranked[0]]]
        # A clear main country counts like a caller's hint; of tied ones, the outlet's, else the first named.
        hint_cc = prior.iso2 if prior is not None and prior.iso2 in tied else ranked[0]
    places: list[Place] = []
    by_other_name: list[tuple[Place, str]] = []  # places matched by one of their other names, not their own
    small_by_other_name: list[tuple[Place, str]] = []  # of those, towns too small to be meant by a foreign name
    unresolved_parens = set()
    # Countries the text places something in: named outright, or where its (exactly matched) places are.
    placed = frozenset({c.iso2 for c, start, end in named_countries if text[start:end] in (c.name, *c.aliases)}
                       | {g.country[m.candidates[0]] for m in mentions if m.candidates and not m.loose}
                       | ({hint.iso2} if hint else set()))
    # Mentions that their own words locate (an admin parenthetical or apposition, ", Country", "X region") are
    # resolved first: the country they fix is where the text's bare namesakes are looked for.
    resolved: dict[int, int | None] = {}
    anchored: set[str] = set()
    for i, m in enumerate(mentions):
        if m.country is None and (m.admin1_hint or m.admin2_hint or m.in_country or m.admin_unit == "admin1"):
            resolved[i] = resolve_mention(g, m, weights, hint_cc, ranked, placed, hint is not None)
            if resolved[i] is not None:
                anchored.add(g.country[resolved[i]])
    for i, m in enumerate(mentions):
        if m.country is not None:
            places.append(country_place(g, m.country, text, m.start, m.end, m.cue))
            continue
        if i in resolved:
            entry = resolved[i]
        else:
            # Countries the text's other town names point at (a village beside "Zhytomyr" is in Ukraine).
            towns_elsewhere = frozenset(g.country[o.candidates[0]] for o in mentions
                                        if o is not m and o.candidates and not o.loose and o.country is None)
            entry = resolve_mention(g, m, weights, hint_cc, ranked, placed, hint is not None, towns_elsewhere)
            alias = entry is not None and not is_own_name(g, entry, m.key)
            if entry is not None and len(anchored) == 1 and g.country[entry] not in anchored \
                    and (g.population[entry] < EXONYM_POPULATION or alias):
                # "outside Cruz Grande, Izalco, Sonsonate": the namesake in the country the located places are in.
                (cc,) = anchored
                same = [e for e in m.candidates[:200] if g.country[e] == cc and g.kind[e] != KIND_ADMIN1]
                if same:
                    entry = max(same, key=lambda e: score_entry(g, e, m.key, weights, hint_cc))
                elif g.population[entry] < STRAY_POPULATION or alias:
                    # "Khaneh village" in Aleppo is no city abroad that has "Khaneh" among its other names.
                    continue  # a village abroad with the name of one the gazetteer lacks there: no place
        if entry is None:
            if m.admin1_hint or m.admin2_hint:
                unresolved_parens.add((m.admin1_hint, m.admin2_hint))
            continue
        # A town introduced as the scene ("in X", "near X") stands unless the caller said where the text is.
        scene = (hint is None and is_own_name(g, entry, m.key) and bool(_SCENE_BEFORE.search(text, 0, m.start))
                 and not _NAME_GOES_ON.match(text, m.end))
        if (hint_cc and g.country[entry] != hint_cc and votes[g.country[entry]] <= 0.5 and not m.in_country
                and not (m.admin1_hint or m.admin2_hint) and not scene
                and (g.population[entry] < STRAY_POPULATION
                     or (not is_own_name(g, entry, m.key) and g.population[entry] < EXONYM_POPULATION))):
            continue  # a small town abroad that nothing else in a text about one country points at: a homonym
        cue = "unit" if g.kind[entry] == KIND_ADMIN1 and m.admin_unit else m.cue
        if (m.admin1_hint or m.admin2_hint) and cue == "" and m.next_to_units:
            cue = "paren"
        place = place_from_entry(g, entry, text, m.start, m.end, m.precision, cue)
        if m.district and g.population[entry] >= DISTRICT_CITY_POPULATION:
            place = district_place(g, place, entry, m, text)
        if m.named:
            # A village whose point is not known here: its name, at the precision its wording gives ("in"/"near").
            place = replace(place, location=m.named, geo_precision=m.named_precision)
        if not (is_own_name(g, entry, m.key) or m.in_country or m.admin1_hint or m.admin2_hint or m.admin_unit):
            by_other_name.append((place, g.country[entry]))
            if g.population[entry] < EXONYM_POPULATION:
                small_by_other_name.append((place, g.country[entry]))
        places.append(place)
    for paren in parens:
        if paren.coded_as:
            continue
        owned = [p for p in places if p.start < paren.start and p.kind != "country"
                 and text.rfind(". ", 0, paren.start) < p.start]
        if paren in orphans or (not owned and (paren.admin1, paren.admin2) in unresolved_parens):
            place = orphan_place(g, text, paren, votes, hint_cc)
            if place is not None:
                places.append(place)
    if not places and votes:
        # No place is named, but the actors point at a country ("the OSCE SMM observed …", "Nepalese traders"):
        # the country, at the first words that point at it.
        evidence = evidence_place(g, text, named_countries, votes)
        if evidence is not None:
            places.append(evidence)
    places = with_district_parens(g, text, places, weights, hint_cc)
    located = {p.country for p in places if p.cue in ("paren", "unit") and p.kind != "country"}
    if len(located) == 1 and by_other_name:
        # "in Casaracra (Junin) … at the Quilla toll": with the scene fixed by its admin units in one country, a
        # place elsewhere that only one of its other names matched ("Quilla" for Barranquilla) is a false friend.
        places = [p for p in places if not (p.country not in located and any(p is q for q, cc in by_other_name
                                                                             if votes[cc] <= 0.5))]
    own_named = {p.country for p in places if p.kind != "country" and not any(p is q for q, _ in by_other_name)}
    if len(own_named) == 1 and small_by_other_name:
        # "the Dur al Naft area of Basrah city": beside places named by their own names in one country, a small
        # town abroad that only one of its other names matched ("Dur" for Dour) is a false friend too.
        places = [p for p in places if not (p.country not in own_named
                                            and any(p is q for q, cc in small_by_other_name if votes[cc] <= 0.5))]
    places.sort(key=lambda p: p.start)
    # The article's countries: where its places resolved (cued ones count double) and the countries it names.
    about: Counter[str] = Counter()
    for country, start, end in named_countries:
        about[country.name] += 1.0 if text[start:end] in (country.name, *country.aliases) else DEMONYM_WEIGHT
    for place in places:
        if place.kind != "country":
            about[place.country] += 2.0 if place.cue else 1.0
    return places, [name for name, _ in about.most_common()]


def find_places(text: str, country_hint: str | None = None, prior_country: str | None = None) -> list[Place]:
    """Place mentions in text order, offsets relative to text; country_hint (a name or code) is preferred;
    prior_country (the outlet's) only decides between namesakes the text gives no country for."""
    return _analyse(text, country_hint, prior_country)[0]


def article_countries(text: str) -> list[str]:
    """Countries (ACLED names) the text is about, most mentioned first: names, demonyms and places."""
    return _analyse(text, None)[1]


def resolve_place(name: str, country: str | None = None, admin1: str | None = None) -> Place | None:
    """One place by name, optionally inside a country (name or code) and an admin1 unit."""
    g = get_gazetteer()
    key = name_key(name)
    wanted = country_by_name(country) if country else None
    candidates = [e for e in g.index.get(key, ()) if wanted is None or g.country[e] == wanted.iso2]
    if admin1:
        a1 = admin_key(admin1)
        fitting = [e for e in candidates if same_admin(name_key(g.admin1[e]), a1)]
        if not fitting and wanted is not None:
            unit = g.admin1_units.get((wanted.iso2, a1))
            return place_from_entry(g, unit, name, 0, len(name), 3, "") if unit is not None else None
        candidates = fitting
    if not candidates:
        return None
    best = max(candidates, key=lambda e: score_entry(g, e, key, {}, wanted.iso2 if wanted else None))
    return place_from_entry(g, best, name, 0, len(name), 1, "")
