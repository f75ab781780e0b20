"""The pass over an article (read_places) and the public calls: find_places, article_countries, resolve_place.

The pass: mentions and parentheticals are read from the text; the text's country evidence is weighed; mentions
that their own words locate are resolved first, then the rest; parentheticals no mention fits become unit places;
false friends (places abroad matched by another of their names) give way to the scene the text fixes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import NamedTuple

from sitrep.coding.countries import Country, CountryMention, countries_in_text, country_by_name
from sitrep.coding.places.coded_as import read_coded_as
from sitrep.coding.places.country_evidence import country_votes, evidence_place
from sitrep.coding.places.gazetteer import KIND_ADMIN1, KIND_PLACE, Gazetteer
from sitrep.coding.places.gazetteer_cache import get_gazetteer
from sitrep.coding.places.gazetteer_villages import is_village
from sitrep.coding.places.mentions import Mention, read_context, read_districts, scan_mentions, with_loose_mentions
from sitrep.coding.places.parentheticals import (
    Paren,
    attach_parentheticals,
    district_sites,
    find_parentheticals,
    read_appositions,
)
from sitrep.coding.places.record import Place, country_place, place_from_entry
from sitrep.coding.places.resolution import district_place, orphan_place, resolve_mention
from sitrep.coding.places.scoring import (
    DEMONYM_WEIGHT,
    DISTRICT_CITY_POPULATION,
    EXONYM_POPULATION,
    STRAY_POPULATION,
    is_own_name,
    score_entry,
)
from sitrep.coding.places.tables import admin_key, name_key, same_admin
from sitrep.coding.places.village_tier import (
    NEARBY_KM,
    VillageMentions,
    add_village_mentions,
    better_fitting_villages,
    far_from_the_scene,
    is_village_tier,
    nearest_to,
    plausible,
    plausible_villages,
    points_to_village,
    text_admin_keys,
    text_countries,
    unit_hint_keys,
    village_over_city,
    with_rivals,
)

# The scene of the event named outright ("demonstrated in Volkach"), not a building or area within it.
_SCENE_BEFORE = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$")
_NAME_GOES_ON = re.compile(r"\s+(?:[a-z]+\s+)?[A-Z]")
MAIN_COUNTRY_SHARE = 0.4   # a country with this share of the votes counts like a caller's hint
WEAK_VOTE = 0.5            # a country with at most this many votes is one nothing else in the text points at


class PlaceReading(NamedTuple):
    places: list[Place]      # in text order
    countries: list[str]     # ACLED names of the countries the text is about, most mentioned first


@dataclass(frozen=True)
class ArticleEvidence:
    """What the whole text says about where it is."""
    hint: Country | None             # the caller's country
    prior: Country | None            # the outlet's country
    named: list[CountryMention]      # countries named or meant by a demonym
    votes: Counter[str]              # ISO2 → votes
    weights: dict[str, float]        # ISO2 → share of the votes
    ranked: list[str]                # ISO2, most votes first
    main_cc: str | None              # the caller's country, else a clear main country of the text
    placed: frozenset[str]           # countries the text places something in


@dataclass(frozen=True)
class FoundPlace:
    place: Place
    entry_country: str = ""          # ISO2 of the gazetteer entry
    by_other_name: bool = False      # matched by one of its other names, not its own
    small: bool = False              # …and too small to be meant by a foreign name


def _candidate_mentions(g: Gazetteer, text: str, parens: list[Paren]) -> VillageMentions:
    """The name mentions of the text with the wording around them, but for names inside an admin parenthetical
    (the units of the place before it) and fragments of longer names; facilities' names go when a real place is
    named too. The village tier's names are merged in (village_tier.py), with the village namesakes of cities."""
    merged = add_village_mentions(g, text, with_loose_mentions(text, g, scan_mentions(text, g)))
    mentions = read_context(text, merged.mentions)
    # The names a "(coded as …)" note gives are read on their own later ("Kashmir Rebels" is no place either).
    mentions = [m for m in mentions if not any((text.find(p.coded_as, p.start) if p.coded_as else p.start) <= m.start
                                               < p.end and p.start < m.start for p in parens) and not m.partial]
    if any(m.facility for m in mentions) and any(not m.facility and (m.country is None or m.cue) for m in mentions):
        mentions = [m for m in mentions if not m.facility]
    return VillageMentions(mentions, merged.rivals)


def _weigh_countries(g: Gazetteer, text: str, mentions: list[Mention], parens: list[Paren], hint: Country | None,
                     prior: Country | None) -> ArticleEvidence:
    named = countries_in_text(text)
    hint_cc = hint.iso2 if hint else None
    votes = country_votes(g, text, mentions, parens, hint_cc, named, prior.iso2 if prior else None)
    total = sum(votes.values()) or 1.0
    weights = {cc: v / total for cc, v in votes.items()}
    ranked = [cc for cc, _ in votes.most_common()]
    main_cc = hint_cc
    if main_cc is None and ranked and weights[ranked[0]] >= MAIN_COUNTRY_SHARE:
        tied = [cc for cc in ranked if votes[cc] == votes[ranked[0]]]
        # Of tied main countries, the outlet's, else the first named.
        main_cc = prior.iso2 if prior is not None and prior.iso2 in tied else ranked[0]
    # Countries the text places something in: named outright, or where its (exactly matched) places are.
    placed = frozenset({c.country.iso2 for c in named if text[c.start:c.end] in (c.country.name, *c.country.aliases)}
                       | {g.country[m.candidates[0]] for m in mentions if m.candidates and not m.loose}
                       | ({hint.iso2} if hint else set()))
    return ArticleEvidence(hint, prior, named, votes, weights, ranked, main_cc, placed)


def _resolve(g: Gazetteer, ev: ArticleEvidence, m: Mention,
             towns_elsewhere: frozenset[str] = frozenset()) -> int | None:
    return resolve_mention(g, m, ev.weights, ev.main_cc, ev.ranked, ev.placed, ev.hint is not None, towns_elsewhere)


def _self_located(m: Mention) -> bool:
    """Whether the mention's own words locate it: an admin parenthetical or apposition, ", Country", "X region"."""
    return m.country is None and bool(m.admin1_hint or m.admin2_hint or m.in_country or m.admin_unit == "admin1")


def _entry_for(g: Gazetteer, ev: ArticleEvidence, m: Mention, mentions: list[Mention],
               anchored: set[str]) -> int | None:
    """The entry of a mention its own words do not locate: the text's other towns and the country the located
    mentions are in decide between namesakes (None: no place)."""
    # Countries the text's other town names point at (a village beside "Zhytomyr" is in Ukraine).
    towns_elsewhere = frozenset(g.country[o.candidates[0]] for o in mentions
                                if o is not m and o.candidates and not o.loose and o.country is None)
    entry = _resolve(g, ev, m, towns_elsewhere)
    alias = entry is not None and not is_own_name(g, entry, m.key)
    if entry is not None and len(anchored) == 1 and g.country[entry] not in anchored \
            and (g.population[entry] < EXONYM_POPULATION or alias):
        # "outside Cruz Grande, Izalco, Sonsonate": the namesake in the country the located places are in.
        (cc,) = anchored
        same = [e for e in m.candidates[:200] if g.country[e] == cc and g.kind[e] != KIND_ADMIN1]
        if same:
            return max(same, key=lambda e: score_entry(g, e, m.key, ev.weights, ev.main_cc))
        if g.population[entry] < STRAY_POPULATION or alias:
            # "Khaneh village" in Aleppo is no city abroad that has "Khaneh" among its other names.
            return None  # a village abroad with the name of one the gazetteer lacks there: no place
    return entry


def _is_stray_homonym(g: Gazetteer, ev: ArticleEvidence, text: str, m: Mention, entry: int) -> bool:
    """A small town abroad that nothing else in a text about one country points at. A town introduced as the
    scene ("in X", "near X") stands unless the caller said where the text is."""
    scene = (ev.hint is None and is_own_name(g, entry, m.key) and bool(_SCENE_BEFORE.search(text, 0, m.start))
             and not _NAME_GOES_ON.match(text, m.end))
    return bool(ev.main_cc and g.country[entry] != ev.main_cc and ev.votes[g.country[entry]] <= WEAK_VOTE
                and not m.in_country and not (m.admin1_hint or m.admin2_hint) and not scene
                and (g.population[entry] < STRAY_POPULATION
                     or (not is_own_name(g, entry, m.key) and g.population[entry] < EXONYM_POPULATION)))


def _mention_place(g: Gazetteer, text: str, m: Mention, entry: int) -> FoundPlace:
    cue = "unit" if g.kind[entry] == KIND_ADMIN1 and m.admin_unit else m.cue
    if (m.admin1_hint or m.admin2_hint) and cue == "" and m.next_to_units:
        cue = "paren"
    place = place_from_entry(g, entry, text, m.start, m.end, m.precision, cue)
    if m.district and g.population[entry] >= DISTRICT_CITY_POPULATION:
        place = district_place(g, place, entry, m, text)
    if m.named:
        # A village whose point is not known here: its name, at the precision its wording gives ("in"/"near").
        place = replace(place, location=m.named, geo_precision=m.named_precision)
    other_name = not (is_own_name(g, entry, m.key) or m.in_country or m.admin1_hint or m.admin2_hint or m.admin_unit)
    return FoundPlace(place, g.country[entry], other_name, other_name and g.population[entry] < EXONYM_POPULATION)


class MentionPlaces(NamedTuple):
    found: list[FoundPlace]
    unresolved: set[tuple[str, str]]   # the (admin1, admin2) hints of mentions that resolved to nothing


def _mention_places(g: Gazetteer, ev: ArticleEvidence, text: str, all_mentions: list[Mention],
                    rivals: dict[tuple[int, int], tuple[int, ...]]) -> MentionPlaces:
    """The places of the mentions, and the (admin1, admin2) hints of those that resolved to nothing. The city
    index's mentions first; then the village tier's, which the text's other places help place."""
    mentions = [m for m in all_mentions if not is_village_tier(g, m)]
    village_tier = [m for m in all_mentions if is_village_tier(g, m)]
    for m in mentions:
        if (m.start, m.end) in rivals and (m.admin1_hint or m.admin2_hint):
            # Its admin units decide between a city and its village namesakes: a village only by a better fit.
            m.candidates = better_fitting_villages(g, m, text_countries(ev.weights, ev.main_cc, ev.placed, m))
    # Mentions that their own words locate are resolved first: the country they fix is where the text's bare
    # namesakes are looked for.
    located = {i: _resolve(g, ev, m) for i, m in enumerate(mentions) if _self_located(m)}
    anchored = {g.country[entry] for entry in located.values() if entry is not None}
    found: list[FoundPlace] = []
    unresolved: set[tuple[str, str]] = set()
    resolved: list[tuple[Mention, int, int]] = []    # (mention, entry, its index in found)
    for i, m in enumerate(mentions):
        if m.country is not None:
            found.append(FoundPlace(country_place(g, m.country, text, m.start, m.end, m.cue)))
            continue
        entry = located[i] if i in located else _entry_for(g, ev, m, mentions, anchored)
        if entry is not None and not _is_stray_homonym(g, ev, text, m, entry):
            resolved.append((m, entry, len(found)))
            found.append(_mention_place(g, text, m, entry))
        elif (m.start, m.end) in rivals:
            # No city stands for the name (none fits, or only a stray one abroad): its village namesakes may.
            m.candidates = rivals[(m.start, m.end)]
            village_tier.append(m)
        elif entry is None and (m.admin1_hint or m.admin2_hint):
            unresolved.add((m.admin1_hint, m.admin2_hint))
    _villages_over_cities(g, ev, text, all_mentions, rivals, resolved, found)
    unit_keys = unit_hint_keys(all_mentions)
    for m in village_tier:
        _village_place(g, ev, text, m, found, unresolved, unit_keys)
    return MentionPlaces(found, unresolved)


def _points(found: list[FoundPlace], but: int = -1) -> list[tuple[float, float]]:
    """The points of the places found so far (not countries), but the one at index but."""
    return [(f.place.latitude, f.place.longitude) for i, f in enumerate(found)
            if i != but and f.place.kind != "country" and f.place.latitude]


def _villages_over_cities(g: Gazetteer, ev: ArticleEvidence, text: str, mentions: list[Mention],
                          rivals: dict[tuple[int, int], tuple[int, ...]], resolved: list[tuple[Mention, int, int]],
                          found: list[FoundPlace]) -> None:
    """A city mention whose village namesake the text points to (its admin units named, "village of X", a
    place named near it and none near the city) becomes that village."""
    admin_keys = text_admin_keys(mentions)
    for m, entry, at in resolved:
        villages = rivals.get((m.start, m.end), ())
        if not villages or is_village(g, entry) or g.kind[entry] != KIND_PLACE:
            continue
        pool = plausible(g, villages, text_countries(ev.weights, ev.main_cc, ev.placed, m))
        village = village_over_city(g, text, m, entry, pool, admin_keys - {m.key}, _points(found, at))
        if village is not None:
            found[at] = _mention_place(g, text, m, village)


def _village_place(g: Gazetteer, ev: ArticleEvidence, text: str, m: Mention, found: list[FoundPlace],
                   unresolved: set[tuple[str, str]], unit_keys: frozenset[str]) -> None:
    """The place of a name only the village tier knows: the namesake nearest the text's other places (within
    NEARBY_KM), else, where the wording points to a place, the best one as any mention is resolved."""
    if m.admin_unit == "admin1":
        return  # "Bukidnon province": a unit the text names, never a village that happens to share its name
    m.candidates = plausible_villages(g, m, text_countries(ev.weights, ev.main_cc, ev.placed, m))
    if not m.candidates:
        if m.admin1_hint or m.admin2_hint:
            unresolved.add((m.admin1_hint, m.admin2_hint))
        return
    entry: int | None = None
    if not (m.admin1_hint or m.admin2_hint or m.in_country):
        near, km = nearest_to(g, m.candidates[:200], _points(found))
        entry = near if km <= NEARBY_KM else None
    if entry is None and points_to_village(text, m):
        entry = _resolve(g, ev, m)
        if entry is not None and far_from_the_scene(g, text, m, entry, _points(found), unit_keys):
            entry = None
    if entry is None:
        if m.admin1_hint or m.admin2_hint:
            unresolved.add((m.admin1_hint, m.admin2_hint))
    elif not _is_stray_homonym(g, ev, text, m, entry):
        found.append(_mention_place(g, text, m, entry))


def _orphan_places(g: Gazetteer, ev: ArticleEvidence, text: str, found: list[FoundPlace], parens: list[Paren],
                   orphans: list[Paren], unresolved: set[tuple[str, str]]) -> None:
    """Unit places for the parentheticals no mention fits, or whose mentions all resolved to nothing."""
    for paren in parens:
        if paren.coded_as:
            continue
        owned = [f for f in found if f.place.start < paren.start and f.place.kind != "country"
                 and text.rfind(". ", 0, paren.start) < f.place.start]
        if paren in orphans or (not owned and (paren.admin1, paren.admin2) in unresolved):
            place = orphan_place(g, text, paren, ev.votes, ev.main_cc)
            if place is not None:
                found.append(FoundPlace(place))


def _without_false_friends(found: list[FoundPlace], votes: Counter[str]) -> list[FoundPlace]:
    """Places abroad that only another of their names matched give way to a scene fixed in one country."""
    def weak(f: FoundPlace) -> bool:
        return votes[f.entry_country] <= WEAK_VOTE

    located = {f.place.country for f in found if f.place.cue in ("paren", "unit") and f.place.kind != "country"}
    if len(located) == 1 and any(f.by_other_name for f in found):
        # "in Casaracra (Junin) … at the Quilla toll": with the scene fixed by its admin units in one country, a
        # place elsewhere that only one of its other names matched ("Quilla" for Barranquilla) is a false friend.
        found = [f for f in found if not (f.place.country not in located and f.by_other_name and weak(f))]
    own_named = {f.place.country for f in found if f.place.kind != "country" and not f.by_other_name}
    if len(own_named) == 1 and any(f.small for f in found):
        # "the Dur al Naft area of Basrah city": beside places named by their own names in one country, a small
        # town abroad that only one of its other names matched ("Dur" for Dour) is a false friend too.
        found = [f for f in found if not (f.place.country not in own_named and f.small and weak(f))]
    return found


def _countries_about(text: str, named: list[CountryMention], places: list[Place]) -> list[str]:
    """Where the places resolved (cued ones count double) and the countries the text names."""
    about: Counter[str] = Counter()
    for c in named:
        about[c.country.name] += 1.0 if text[c.start:c.end] in (c.country.name, *c.country.aliases) else DEMONYM_WEIGHT
    for place in places:
        if place.kind != "country":
            about[place.country] += 2.0 if place.cue else 1.0
    return [name for name, _ in about.most_common()]


def read_places(text: str, country_hint: str | None, prior_country: str | None = None) -> PlaceReading:
    """The places of a text and the countries it is about."""
    g = get_gazetteer()
    prior = country_by_name(prior_country) if prior_country else None
    hint = country_by_name(country_hint) if country_hint else None
    parens = find_parentheticals(text)
    candidates = _candidate_mentions(g, text, parens)
    # A city's village namesakes take part in reading its admin units ("Tudun Wada, Zamfara": the village in
    # Zamfara locates the name); where none are written they are set apart again, for the tie rule alone.
    with_rivals(g, candidates.mentions, candidates.rivals, merge=True)
    mentions = read_coded_as(g, text, candidates.mentions, parens)
    mentions = read_appositions(text, g, read_districts(text, mentions))
    orphans = attach_parentheticals(text, mentions, [p for p in parens if not p.coded_as])
    with_rivals(g, mentions, candidates.rivals, merge=False)
    # A bare village-tier name does not vote for a country (one in its admin units does, as any located name).
    voters = [m for m in mentions if not is_village_tier(g, m)
              or ((m.admin1_hint or m.admin2_hint) and plausible_villages(g, m, frozenset()))]
    ev = _weigh_countries(g, text, voters, parens, hint, prior)
    found, unresolved = _mention_places(g, ev, text, mentions, candidates.rivals)
    _orphan_places(g, ev, text, found, parens, orphans, unresolved)
    if not found and ev.votes:
        # No place is named, but the actors point at a country ("the OSCE SMM observed …", "Nepalese traders"):
        # the country, at the first words that point at it.
        evidence = evidence_place(g, text, ev.named, ev.votes)
        if evidence is not None:
            found.append(FoundPlace(evidence))
    for site in district_sites(g, text, ev.weights, ev.main_cc):
        found = [f for f in found if not site.replaces(f.place)]
        found.append(FoundPlace(site.place))
    places = [f.place for f in sorted(_without_false_friends(found, ev.votes), key=lambda f: f.place.start)]
    return PlaceReading(places, _countries_about(text, ev.named, places))


def find_places(text: str, country_hint: str | None = None, prior_country: str | None = None) -> list[Place]:
    """Place mentions in text order, offsets relative to text; country_hint (a name or code) is preferred;
    prior_country (the outlet's) only decides between namesakes the text gives no country for."""
    return read_places(text, country_hint, prior_country).places


def article_countries(text: str) -> list[str]:
    """Countries (ACLED names) the text is about, most mentioned first: names, demonyms and places."""
    return read_places(text, None).countries


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
