"""Villages as a lower tier of the place finder: when a name that only the village tier knows is a place, and when
a village wins over a city of the same name.

A village name is read from the text like any place name (scan_mentions over the village index), but it stands
only where the text points to it: a cue ("in X", "near X", "the village of X", "X village"), its admin units
(a parenthetical, ", Admin1"), or another place of the same text within NEARBY_KM. Of same-named villages the one
nearest the text's other places is meant. A city of the same name wins by default; the village wins when the
text names the village's admin1 or admin2 and not the city's, calls it a village, or names a place near the
village and none near the city. Village candidates abroad (a country the text gives no weight) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.gazetteer_villages import is_village
from sitrep.coding.places.geometry import DEGREE_KM, squared_degrees
from sitrep.coding.places.mentions import Mention, scan_mentions
from sitrep.coding.places.scoring import STRAY_POPULATION, admin_fit, is_own_name
from sitrep.coding.places.tables import name_key

NEARBY_KM = 50.0
FAR_KM = 150.0            # a cue-only village farther than this from all the text's other places is no reading
PLAUSIBLE_SHARE = 0.2     # a country with this share of the text's votes may hold its villages
_VILLAGE_BEFORE = re.compile(r"\b(?:village|hamlet|settlement|locality)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_VILLAGE_AFTER = re.compile(r"\s+(?:village|hamlet|settlement)\b", re.IGNORECASE)


class _VillageIndex:
    """The village tier seen through the index interface scan_mentions reads (get / []), entries materialised."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g

    def get(self, key: str, default: Any = None) -> Any:
        store = self.g.villages
        found = store.lookup(self.g, key) if store is not None else ()
        return found or default

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return cast(tuple[int, ...], found)


@dataclass
class VillageMentions:
    """The mentions with the village tier's names merged in, and the village namesakes of city mentions."""
    mentions: list[Mention]
    rivals: dict[tuple[int, int], tuple[int, ...]]    # (start, end) of a city mention → its village namesakes


def add_village_mentions(g: Gazetteer, text: str, mentions: list[Mention]) -> VillageMentions:
    """Merge the names the village tier knows into the city pass's mentions: a new mention where the text had
    none, the village in place of a loose (transliteration) match or of fragments it spans, and a city mention's
    village namesakes kept apart as rivals (the city pass itself is unchanged)."""
    if g.villages is None or not len(g.villages):
        return VillageMentions(mentions, {})
    found = scan_mentions(text, cast(Gazetteer, SimpleNamespace(index=_VillageIndex(g))))
    kept = list(mentions)
    rivals: dict[tuple[int, int], tuple[int, ...]] = {}
    for vm in found:
        if vm.country is not None or vm.partial or not vm.candidates:
            continue
        overlapping = [m for m in kept if m.start < vm.end and vm.start < m.end]
        if not overlapping:
            kept.append(vm)
            continue
        same = [m for m in overlapping if (m.start, m.end) == (vm.start, vm.end)]
        if same and len(overlapping) == 1:
            m = same[0]
            if m.loose:
                m.candidates, m.loose = vm.candidates, False  # an exact village name over a loose city match
            elif m.country is None:
                rivals[(m.start, m.end)] = vm.candidates
            continue
        if all(vm.start <= m.start and m.end <= vm.end and (m.partial or m.loose) for m in overlapping):
            kept = [m for m in kept if m not in overlapping] + [vm]
    kept.sort(key=lambda m: m.start)
    return VillageMentions(kept, rivals)


def with_rivals(g: Gazetteer, mentions: list[Mention], rivals: dict[tuple[int, int], tuple[int, ...]],
                merge: bool) -> None:
    """Add the village namesakes to their city mentions' candidates (merge), or take them out again where no admin
    unit was written after the name (the admin units' fit then decides between a city and its namesakes)."""
    for m in mentions:
        villages = rivals.get((m.start, m.end))
        if not villages:
            continue
        if merge:
            m.candidates = (*m.candidates, *(v for v in villages if v not in m.candidates))
        elif not (m.admin1_hint or m.admin2_hint):
            m.candidates = tuple(e for e in m.candidates if not is_village(g, e))


def is_village_tier(g: Gazetteer, m: Mention) -> bool:
    """A mention only the village tier knows (not in the city index, not a loose match)."""
    return m.country is None and not m.loose and bool(m.candidates) and not g.index.get(m.key)


def points_to_village(text: str, m: Mention) -> bool:
    """Whether the mention's own wording makes it a place: a cue, its admin units, a following country."""
    return bool(m.cue or m.admin1_hint or m.admin2_hint or m.in_country or m.admin_unit
                or called_village(text, m))


def called_village(text: str, m: Mention) -> bool:
    """"the village of X", "X village"."""
    return bool(_VILLAGE_BEFORE.search(text, max(0, m.start - 30), m.start) or _VILLAGE_AFTER.match(text, m.end))


def plausible(g: Gazetteer, entries: Iterable[int], countries: frozenset[str]) -> tuple[int, ...]:
    """The villages among entries that lie in a country the text is about (cities pass as they are)."""
    return tuple(e for e in entries if not is_village(g, e) or g.country[e] in countries)


def plausible_villages(g: Gazetteer, m: Mention, countries: frozenset[str]) -> tuple[int, ...]:
    """A village-tier mention's candidates in the text's countries; with admin units written after it, those
    that lie in them (in the text's countries if any is, else wherever they are: the units are the evidence)."""
    if not (m.admin1_hint or m.admin2_hint):
        return plausible(g, m.candidates, countries)
    # Villages are many: one fits only when it lies in every unit written (admin2 and admin1 both, if both are).
    need = 2 if m.admin1_hint and m.admin2_hint else 1
    fitting = tuple(e for e in m.candidates if _fit(g, e, m) >= need)
    return plausible(g, fitting, countries) or fitting


def better_fitting_villages(g: Gazetteer, m: Mention, countries: frozenset[str]) -> tuple[int, ...]:
    """A city mention's candidates with its village namesakes that fit its admin units better than any city."""
    cities = [e for e in m.candidates if not is_village(g, e)]
    best_city = max((_fit(g, e, m) for e in cities), default=0)
    # …and only in a country one of the cities is in: a namesake unit abroad ("East") is no evidence for a village.
    near = frozenset(g.country[e] for e in cities)
    villages = [v for v in plausible_villages(g, m, countries & near or near)
                if is_village(g, v) and g.country[v] in near and _fit(g, v, m) > best_city]
    return tuple(sorted((*cities, *villages), key=lambda e: -g.population[e]))


def _fit(g: Gazetteer, e: int, m: Mention) -> int:
    return max(admin_fit(g, e, a1, m.admin2_hint) for a1 in (m.admin1_spellings or (m.admin1_hint,)))


def far_from_the_scene(g: Gazetteer, text: str, m: Mention, entry: int, points: list[tuple[float, float]],
                       unit_keys: frozenset[str]) -> bool:
    """A village that only a cue word ("in X") points to, far from every other place the text names or outside
    every admin unit it writes in parentheses or appositions: a namesake the gazetteer has where the text's
    village is one it lacks."""
    if m.admin1_hint or m.admin2_hint or m.in_country:
        return False
    if unit_keys and not admin_named(g, entry, unit_keys):
        return True
    return not called_village(text, m) and bool(points) and nearest_to(g, (entry,), points)[1] > FAR_KM


def unit_hint_keys(mentions: list[Mention]) -> frozenset[str]:
    """The admin units the text writes after its names (parentheticals, appositions)."""
    return frozenset(h for m in mentions for h in (m.admin1_hint, m.admin2_hint) if h)


def text_countries(weights: dict[str, float], main_cc: str | None, placed: frozenset[str],
                   m: Mention) -> frozenset[str]:
    """The countries whose villages a mention may name."""
    out = set(placed) | {cc for cc, w in weights.items() if w >= PLAUSIBLE_SHARE}
    out |= {cc for cc in (main_cc, m.in_country) if cc}
    return frozenset(out)


def km_between(g: Gazetteer, a: int, lat: float, lon: float) -> float:
    return float(squared_degrees(g.latitude[a], g.longitude[a], lat, lon) ** 0.5 * DEGREE_KM)


def nearest_to(g: Gazetteer, entries: Iterable[int], points: list[tuple[float, float]]) -> tuple[int | None, float]:
    """The entry nearest to any of the points, and that distance in km (None, inf when no points)."""
    best, best_km = None, float("inf")
    for e in entries:
        for lat, lon in points:
            km = km_between(g, e, lat, lon)
            if km < best_km:
                best, best_km = e, km
    return best, best_km


def admin_named(g: Gazetteer, entry: int, admin_keys: frozenset[str]) -> bool:
    """Whether the text names the entry's admin1 or admin2."""
    return any(k and k in admin_keys for k in (name_key(g.admin1[entry]), name_key(g.admin2[entry])))


def text_admin_keys(mentions: list[Mention]) -> frozenset[str]:
    """The names the text gives that may be admin units: every place name and parenthetical unit it writes."""
    keys = {m.key for m in mentions if m.country is None}
    keys |= {h for m in mentions for h in (m.admin1_hint, m.admin2_hint) if h}
    return frozenset(keys)


def village_over_city(g: Gazetteer, text: str, m: Mention, city: int, villages: tuple[int, ...],
                      admin_keys: frozenset[str], points: list[tuple[float, float]]) -> int | None:
    """The village that wins over the city a mention resolved to, or None (the city stands)."""
    if not villages:
        return None
    if not admin_named(g, city, admin_keys):
        named = [v for v in villages if admin_named(g, v, admin_keys)]
        if named:
            return nearest_to(g, named, points)[0] if points else named[0]
    if called_village(text, m) and (g.population[city] < STRAY_POPULATION or not is_own_name(g, city, m.key)):
        return nearest_to(g, villages, points)[0] if points else villages[0]
    if points and g.population[city] < STRAY_POPULATION and not (m.admin1_hint or m.admin2_hint):
        # A place named near the village and none near the city (not for a city its written units confirm).
        village, village_km = nearest_to(g, villages, points)
        _, city_km = nearest_to(g, (city,), points)
        if village is not None and village_km <= NEARBY_KM < city_km:
            return village
    return None
