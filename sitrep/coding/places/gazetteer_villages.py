"""The village tier of the gazetteer: Who's On First localities (sitrep/resources/villages/<ISO2>.tsv.gz, built by
villages_build.py) kept apart from the city index, in compact arrays.

A million villages as Python objects would make the cache slow to load, so the store keeps numpy columns and a
sorted array of 64-bit name-key hashes; a village becomes an ordinary gazetteer entry (appended to the column
lists) only when a text names it (VillageStore.lookup). Villages are a lower tier: they are never in
Gazetteer.index, so the city pass never sees them; finder.py decides when the text points to one.
Each village's admin1 is the ACLED admin1 of the cities500 places of the same WOF region (joined on the
GeoNames id), the nearest of them where ACLED splits the region; admin2 likewise from the WOF county.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from sitrep.coding.places.gazetteer import KIND_PLACE, Gazetteer
from sitrep.coding.places.names import acled_admin1_name, normalise
from sitrep.settings import RESOURCES_DIR

VILLAGES_DIR = RESOURCES_DIR / "villages"
SAME_PLACE_DEGREES = 0.05   # a village this close to a city of the same name is that city (~5 km)
COUNTY_SHARE = 0.6          # the cities of a county agree this much on their admin1: the county's admin1
REGION_SHARE = 0.8          # …of a region: the region's (else it is split, and the nearest city decides)


class VillageRow(NamedTuple):
    gn_id: int
    name: str
    latitude: float
    longitude: float
    population: int
    region: str
    county: str
    aliases: tuple[str, ...]


def village_files(folder: Path = VILLAGES_DIR) -> list[Path]:
    return sorted(folder.glob("*.tsv.gz")) if folder.is_dir() else []


def villages_version(folder: Path = VILLAGES_DIR) -> str:
    """A digest of the shipped files (names and sizes): a new or rebuilt country invalidates the cache."""
    digest = hashlib.blake2b(digest_size=8)
    for path in village_files(folder):
        digest.update(f"{path.name}:{path.stat().st_size};".encode())
    return digest.hexdigest()


def read_village_file(path: Path) -> Iterator[VillageRow]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None:
            return
        at = {column: i for i, column in enumerate(header)}
        gn, name, lat, lon, pop = at["gn_id"], at["name"], at["latitude"], at["longitude"], at["population"]
        region, county, aliases = at["region"], at["county"], at["aliases"]
        for row in rows:
            yield VillageRow(int(row[gn]), row[name], float(row[lat]), float(row[lon]), int(row[pop]), row[region],
                             row[county], tuple(a for a in row[aliases].split("|") if a))


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a name key (Python's own hash of a str changes from process to process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class VillageStore:
    """Compact columns of the villages and the name index: postings ≥ 0 are villages, < 0 city entries (-1 - e)."""
    countries: list[str]
    country: np.ndarray          # uint8 index into countries
    admin_names: list[str]
    admin1: np.ndarray           # uint32 index into admin_names
    admin2: np.ndarray
    latitude: np.ndarray         # float32
    longitude: np.ndarray
    population: np.ndarray       # int32
    names: bytes                 # "\n"-joined display names
    name_starts: np.ndarray      # int64, len + 1
    hashes: np.ndarray           # uint64, sorted, unique
    starts: np.ndarray           # int64, len(hashes) + 1: postings of hash i are postings[starts[i]:starts[i+1]]
    postings: np.ndarray         # int32
    entries: dict[int, int] = field(default_factory=dict)   # village → its gazetteer entry, once a text named it

    def __len__(self) -> int:
        return len(self.country)

    def name(self, v: int) -> str:
        return self.names[self.name_starts[v]:self.name_starts[v + 1]].decode("utf-8")

    def lookup(self, g: Gazetteer, key: str) -> tuple[int, ...]:
        """The gazetteer entries of the villages (and of the cities known only by a WOF name) called key, most
        populous first."""
        if not len(self.hashes):
            return ()
        h = np.uint64(key_hash(key))
        i = int(np.searchsorted(self.hashes, h))
        if i >= len(self.hashes) or self.hashes[i] != h:
            return ()
        found = [self.entry(g, int(p)) if p >= 0 else -1 - int(p)
                 for p in self.postings[self.starts[i]:self.starts[i + 1]]]
        return tuple(sorted(dict.fromkeys(found), key=lambda e: -g.population[e]))

    def entry(self, g: Gazetteer, v: int) -> int:
        """The gazetteer entry of village v, appended to the column lists the first time."""
        known = self.entries.get(v)
        if known is not None:
            return known
        name = self.name(v)
        for column, value in ((g.name, name), (g.country, self.countries[self.country[v]]),
                              (g.admin1, self.admin_names[self.admin1[v]]),
                              (g.admin2, self.admin_names[self.admin2[v]]),
                              (g.latitude, round(float(self.latitude[v]), 4)),
                              (g.longitude, round(float(self.longitude[v]), 4)),
                              (g.population, int(self.population[v])), (g.kind, KIND_PLACE), (g.seat, -1),
                              (g.key, normalise(name))):
            column.append(value)  # type: ignore[attr-defined,arg-type]
        self.entries[v] = len(g.name) - 1
        return self.entries[v]


def is_village(g: Gazetteer, entry: int) -> bool:
    return g.first_village is not None and entry >= g.first_village


class CityPoint(NamedTuple):
    latitude: float
    longitude: float
    admin1: str
    admin2: str


class UnitMap:
    """WOF region/county names → ACLED admin1/admin2, learnt from the cities500 places the WOF rows name: the
    cities of the village's county decide its admin1 (counties nest in ACLED's units more often than WOF's
    regions do), else a clear majority of its region's, else the nearest of them (a region ACLED splits)."""

    def __init__(self, naming_acled: object) -> None:
        self.acled = naming_acled
        self.region_cities: dict[tuple[str, str], list[CityPoint]] = defaultdict(list)
        self.county_admin1: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
        self.county_votes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)

    def learn(self, cc: str, row: VillageRow, city: CityPoint) -> None:
        self.region_cities[(cc, row.region)].append(city)
        if row.county:
            self.county_admin1[(cc, row.region, row.county)][city.admin1] += 1
            self.county_votes[(cc, city.admin1, row.county)][city.admin2] += 1

    def admin1(self, cc: str, row: VillageRow) -> str:
        county = self.county_admin1.get((cc, row.region, row.county)) if row.county else None
        if county and _share(county) >= COUNTY_SHARE:
            return county.most_common(1)[0][0]
        cities = self.region_cities.get((cc, row.region), ())
        if not cities:
            return self.acled(cc, row.region) if row.region else ""  # type: ignore[operator,no-any-return]
        region = Counter(c.admin1 for c in cities)
        if _share(region) >= REGION_SHARE:
            return region.most_common(1)[0][0]
        return min(cities, key=lambda c: (c.latitude - row.latitude) ** 2 + (c.longitude - row.longitude) ** 2).admin1

    def units(self, cc: str, row: VillageRow, g: Gazetteer | None = None) -> tuple[str, str]:
        if g is not None and row.county:
            # The county is one of the gazetteer's admin2 units (ACLED's current ones where admin2_units.csv
            # lists them): that unit's admin1 and admin2.
            for name in dict.fromkeys((row.county, acled_admin1_name(row.county))):
                unit = g.admin2_units.get((cc, normalise(name)))
                if unit is not None:
                    return g.admin1[unit], g.admin2[unit]
        admin1 = self.admin1(cc, row)
        votes = self.county_votes.get((cc, admin1, row.county))
        admin2 = votes.most_common(1)[0][0] if votes else (acled_admin1_name(row.county) if row.county else "")
        return admin1, admin2


def _share(votes: Counter[str]) -> float:
    return votes.most_common(1)[0][1] / sum(votes.values())


class _Columns:
    """The store's columns while they are filled (compact arrays: a million villages)."""

    def __init__(self) -> None:
        self.country = array("B")
        self.admin1 = array("I")
        self.admin2 = array("I")
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("i")
        self.names = bytearray()
        self.name_ends = array("q")
        self.key_hashes = array("Q")     # one (hash, posting) pair per name of a village or city
        self.key_postings = array("i")


def build_village_store(g: Gazetteer, city_of_gn: dict[int, int], naming_acled: object,
                        folder: Path = VILLAGES_DIR) -> VillageStore:
    """The villages of the shipped files that cities500 lacks, with their ACLED units and the name index (a
    village's WOF names that a cities500 place lacks point at the city). One country in memory at a time."""
    files = village_files(folder)
    countries = [path.name.split(".")[0] for path in files]
    admin_ids: dict[str, int] = {"": 0}
    cols = _Columns()
    for ci, (cc, path) in enumerate(zip(countries, files, strict=True)):
        _add_country(g, city_of_gn, naming_acled, ci, cc, list(read_village_file(path)), admin_ids, cols)
    return _store(countries, admin_ids, cols)


def _add_country(g: Gazetteer, city_of_gn: dict[int, int], naming_acled: object, ci: int, cc: str,
                 rows: list[VillageRow], admin_ids: dict[str, int], cols: _Columns) -> None:
    units = UnitMap(naming_acled)
    cities: list[int | None] = []
    for row in rows:
        entry = city_of_gn.get(row.gn_id) if row.gn_id else None
        if entry is not None and g.country[entry] == cc:
            units.learn(cc, row, CityPoint(g.latitude[entry], g.longitude[entry], g.admin1[entry], g.admin2[entry]))
        else:
            entry = _same_city(g, cc, row)
        cities.append(entry)
    for row, entry in zip(rows, cities, strict=True):
        names = {normalise(n) for n in (row.name, *row.aliases)} - {""}
        if entry is not None:
            # A cities500 place: only the names its own entry lacks are added (pointing at the city).
            for k in names:
                if entry not in g.index.get(k, ()):
                    cols.key_hashes.append(key_hash(k))
                    cols.key_postings.append(-1 - entry)
            continue
        admin1, admin2 = units.units(cc, row, g)
        v = len(cols.country)
        cols.country.append(ci)
        cols.admin1.append(admin_ids.setdefault(admin1, len(admin_ids)))
        cols.admin2.append(admin_ids.setdefault(admin2, len(admin_ids)))
        cols.lat.append(row.latitude)
        cols.lon.append(row.longitude)
        cols.pop.append(min(row.population, 2**31 - 1))
        cols.names += row.name.encode("utf-8")
        cols.name_ends.append(len(cols.names))
        for k in names:
            cols.key_hashes.append(key_hash(k))
            cols.key_postings.append(v)


def _store(countries: list[str], admin_ids: dict[str, int], cols: _Columns) -> VillageStore:
    hashes_all = np.frombuffer(cols.key_hashes, dtype=np.uint64) if len(cols.key_hashes) else np.zeros(0, np.uint64)
    postings_all = np.frombuffer(cols.key_postings, dtype=np.int32) if len(cols.key_postings) else np.zeros(0, np.int32)
    order = np.lexsort((postings_all, hashes_all))          # by hash, then posting: deterministic
    hashes_sorted, postings = hashes_all[order], postings_all[order].copy()
    hashes, first = np.unique(hashes_sorted, return_index=True)
    starts = np.append(first, len(hashes_sorted)).astype(np.int64)
    name_starts = np.zeros(len(cols.name_ends) + 1, dtype=np.int64)
    name_starts[1:] = np.frombuffer(cols.name_ends, dtype=np.int64) if len(cols.name_ends) else 0
    admin_names = [""] * len(admin_ids)
    for name, i in admin_ids.items():
        admin_names[i] = name
    return VillageStore(
        countries=countries, country=np.array(cols.country, dtype=np.uint8), admin_names=admin_names,
        admin1=np.array(cols.admin1, dtype=np.uint32), admin2=np.array(cols.admin2, dtype=np.uint32),
        latitude=np.array(cols.lat, dtype=np.float32), longitude=np.array(cols.lon, dtype=np.float32),
        population=np.array(cols.pop, dtype=np.int32), names=bytes(cols.names), name_starts=name_starts,
        hashes=hashes.astype(np.uint64), starts=starts, postings=postings)


def _same_city(g: Gazetteer, cc: str, row: VillageRow) -> int | None:
    """A cities500 place of the same name within ~5 km (a second GeoNames record of one town), if any."""
    key = normalise(row.name)
    for e in g.index.get(key, ()):
        if g.country[e] == cc and g.kind[e] == KIND_PLACE and \
                abs(g.latitude[e] - row.latitude) < SAME_PLACE_DEGREES and \
                abs(g.longitude[e] - row.longitude) < SAME_PLACE_DEGREES:
            return e
    return None


def empty_store() -> VillageStore:
    return _store([], {"": 0}, _Columns())
