"""Build the shipped village files from Who's On First country repositories (run by hand, never at run time).

    python -m sitrep.coding.places.villages_build SOURCE [SOURCE ...] [--out sitrep/resources/villages]

Each SOURCE is a whosonfirst-data-admin-XX repository: a bare git directory (read with `git cat-file --batch`,
its HEAD commit recorded) or a plain folder holding data/**/*.geojson. For each, one file <ISO2>.tsv.gz is
written: the current localities with their names (own name, English/French/Spanish/Portuguese and
national-language Latin names, Cyrillic names romanised by national rules), point, population, GeoNames id and
the names of their region and county; and MANIFEST.tsv records the source commit of every file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from sitrep.coding.places.names import is_latin_alias
from sitrep.coding.places.romanise import ROMANISERS, has_cyrillic
from sitrep.store import atomic_write_bytes

VILLAGE_PLACETYPES = frozenset({"locality"})
UNIT_PLACETYPES = frozenset({"region", "county"})
WORLD_LANGUAGES = ("eng", "fra", "spa", "por")
# Languages whose Latin-script (or romanised Cyrillic) names news of a country writes, beside the world ones.
NATIONAL_LANGUAGES: dict[str, tuple[str, ...]] = {
    "UA": ("ukr",), "RU": ("rus",), "BY": ("rus",), "KG": ("kir", "rus"), "KZ": ("kaz", "rus"), "MD": ("ron",),
    "AZ": ("aze",), "TR": ("tur",), "SO": ("som",), "KE": ("swa",), "TZ": ("swa",), "UG": ("swa",),
    "ID": ("ind",), "PH": ("fil", "tgl"), "BI": ("run",), "RW": ("kin",), "MG": ("mlg",), "ML": ("bam",),
    "NG": ("hau", "yor", "ibo"), "NE": ("hau",), "CM": (), "HT": ("hat",), "PY": ("grn",), "BO": ("que", "aym"),
    "PE": ("que",), "MZ": (), "AO": (), "ET": (), "ER": (), "DZ": ("kab",), "MA": (), "TN": (),
}
# Where the national form is the name news and ACLED write (Ukraine's since 2010: Kharkiv, not Khar'kov), that
# language's preferred name, romanised, goes first; WOF's own name (GeoNames', often the Russian form) is an alias.
NATIONAL_NAME_FIRST = {"UA": "ukr"}
VARIANT_LANGUAGE = "und"   # names of no stated language (GeoNames' alternate names)
MAX_NAME_LENGTH = 60
COLUMNS = ("gn_id", "wof_id", "name", "latitude", "longitude", "population", "region", "county", "aliases")


class Record(NamedTuple):
    """What a village file keeps of one WOF record."""
    wof_id: int
    gn_id: int           # 0 when the record has no GeoNames concordance
    name: str
    latitude: float
    longitude: float
    population: int
    region_id: int
    county_id: int
    aliases: tuple[str, ...]


class SourceFile(NamedTuple):
    path: str
    data: bytes


def is_git_dir(source: Path) -> bool:
    return (source / "HEAD").is_file() and (source / "objects").is_dir()


def source_commit(source: Path) -> str:
    """The HEAD commit of a git source, "folder" for a plain folder."""
    if not is_git_dir(source):
        return "folder"
    return subprocess.run(["git", f"--git-dir={source}", "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _git_files(source: Path) -> Iterator[SourceFile]:
    listing = subprocess.run(["git", f"--git-dir={source}", "ls-tree", "-r", "HEAD", "data"], check=True,
                             capture_output=True, text=True).stdout
    blobs = []
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        if _is_main_record(path) and meta.split()[1] == "blob":
            blobs.append((meta.split()[2], path))
    proc = subprocess.Popen(["git", f"--git-dir={source}", "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None

    def feed() -> None:  # fed from a thread: a full stdout pipe would otherwise block the writer
        assert proc.stdin is not None
        for sha, _ in blobs:
            proc.stdin.write(f"{sha}\n".encode())
        proc.stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    out = proc.stdout
    for _, path in blobs:
        header = out.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing": a file the snapshot lacks (over its size limit), never a locality's point
        data = out.read(int(header[2]))
        out.read(1)
        yield SourceFile(path, data)
    feeder.join()
    proc.wait()


def _is_main_record(path: str) -> bool:
    """data/…/<id>.geojson, not an alternate geometry (<id>-alt-<source>.geojson)."""
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".geojson") and "-alt" not in name


def _folder_files(source: Path) -> Iterator[SourceFile]:
    root = source / "data" if (source / "data").is_dir() else source
    for path in sorted(root.rglob("*.geojson")):
        if _is_main_record(path.name):
            yield SourceFile(str(path.relative_to(source)), path.read_bytes())


def source_files(source: Path) -> Iterator[SourceFile]:
    """The main records of a WOF repository: a bare git directory or a plain folder."""
    return _git_files(source) if is_git_dir(source) else _folder_files(source)


_PLACETYPE = re.compile(rb'"wof:placetype"\s*:\s*"([a-z_]+)"')


def _properties(data: bytes) -> dict[str, Any] | None:
    kind = _PLACETYPE.search(data)
    if kind is None or kind.group(1).decode() not in VILLAGE_PLACETYPES | UNIT_PLACETYPES:
        return None  # neighbourhoods, campuses, countries: not parsed at all
    props = json.loads(data).get("properties")
    return props if isinstance(props, dict) else None


def is_current(props: dict[str, Any]) -> bool:
    """Current (mz:is_current 1, or -1 unknown), not deprecated, not superseded, not ceased."""
    cessation = str(props.get("edtf:cessation") or "")
    return (props.get("mz:is_current", -1) != 0 and not props.get("edtf:deprecated")
            and not props.get("wof:superseded_by") and cessation in ("", "uuuu", "open"))


def _clean(name: Any) -> str:
    return " ".join(str(name).split()) if isinstance(name, str) else ""


def names_of(props: dict[str, Any], country: str) -> list[str]:
    """The record's own name first, then its other Latin-script names (Cyrillic ones romanised), deduplicated."""
    languages = (*WORLD_LANGUAGES, *NATIONAL_LANGUAGES.get(country, ()), VARIANT_LANGUAGE)
    names = [_clean(props.get("wof:name"))]
    first = NATIONAL_NAME_FIRST.get(country)
    national = [_clean(n) for n in props.get(f"name:{first}_x_preferred") or ()] if first else []
    if national and national[0]:
        names.insert(0, ROMANISERS[first](national[0]) if first in ROMANISERS else national[0])
    for language in languages:
        for kind in ("preferred", "variant"):
            for name in props.get(f"name:{language}_x_{kind}") or ():
                name = _clean(name)
                if has_cyrillic(name) and language in ROMANISERS:
                    name = ROMANISERS[language](name)
                names.append(name)
    seen: set[str] = set()
    kept = []
    for i, name in enumerate(names):
        if not name or len(name) > MAX_NAME_LENGTH or name.casefold() in seen:
            continue
        if i == 0 or is_latin_alias(name):
            seen.add(name.casefold())
            kept.append(name)
    return kept if kept and is_latin_alias(kept[0]) else kept[1:] if len(kept) > 1 else []


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no coordinate


def village_record(props: dict[str, Any], country: str) -> Record | None:
    """The village a current locality record makes (None: not current, no point, or no Latin name)."""
    if not is_current(props):
        return None
    lat = _number(props.get("lbl:latitude")) if "lbl:latitude" in props else _number(props.get("geom:latitude"))
    lon = _number(props.get("lbl:longitude")) if "lbl:longitude" in props else _number(props.get("geom:longitude"))
    names = names_of(props, country)
    if lat is None or lon is None or not names or (lat == 0.0 and lon == 0.0):
        return None
    population = int(_number(props.get("gn:population")) or _number(props.get("wof:population")) or 0)
    gn = (props.get("wof:concordances") or {}).get("gn:id")
    hierarchy = (props.get("wof:hierarchy") or [{}])[0] or {}
    return Record(int(props["wof:id"]), int(_number(gn) or 0), names[0], round(lat, 4), round(lon, 4),
                  max(population, 0), int(hierarchy.get("region_id") or 0), int(hierarchy.get("county_id") or 0),
                  tuple(names[1:]))


class CountryData(NamedTuple):
    villages: list[Record]
    units: dict[int, str]     # WOF id of a region or county → its name


def read_country(source: Path, country: str) -> CountryData:
    villages: list[Record] = []
    units: dict[int, str] = {}
    for file in source_files(source):
        props = _properties(file.data)
        if props is None or (props.get("wof:country") or country) != country:
            continue
        if props.get("wof:placetype") in UNIT_PLACETYPES:
            name = _clean(props.get("name:eng_x_preferred", [None])[0]) or _clean(props.get("wof:name"))
            if name and "wof:id" in props:
                units[int(props["wof:id"])] = name
            continue
        record = village_record(props, country)
        if record is not None:
            villages.append(record)
    return CountryData(villages, units)


def _field(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("|", "/")


def country_tsv(data: CountryData) -> bytes:
    """The village file's text: a header, then one row per village sorted by name and ids (deterministic)."""
    out = io.StringIO()
    out.write("\t".join(COLUMNS) + "\n")
    for r in sorted(data.villages, key=lambda r: (r.name, r.gn_id, r.wof_id)):
        row = (str(r.gn_id), str(r.wof_id), _field(r.name), f"{r.latitude:.4f}", f"{r.longitude:.4f}",
               str(r.population), _field(data.units.get(r.region_id, "")), _field(data.units.get(r.county_id, "")),
               "|".join(_field(a) for a in r.aliases))
        out.write("\t".join(row) + "\n")
    # mtime 0 and no file name: the same rows always give the same bytes.
    return gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def country_of(source: Path) -> str:
    """ISO2 from the repository's name (…whosonfirst-data-admin-ua/repo → UA)."""
    for part in reversed(source.resolve().parts):
        found = re.search(r"admin-([a-z]{2})$", part)
        if found:
            return found.group(1).upper()
    raise ValueError(f"{source}: no whosonfirst-data-admin-XX in its path; pass --country")


def write_manifest(out_dir: Path, rows: dict[str, tuple[str, str, int]]) -> None:
    """MANIFEST.tsv: country, source repository, source commit, rows — merged with the rows already there."""
    path = out_dir / "MANIFEST.tsv"
    merged: dict[str, tuple[str, str, int]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cc, repo, commit, count = line.split("\t")
            merged[cc] = (repo, commit, int(count))
    merged.update(rows)
    text = "country\trepository\tcommit\trows\n" + "".join(
        f"{cc}\t{repo}\t{commit}\t{count}\n" for cc, (repo, commit, count) in sorted(merged.items()))
    atomic_write_bytes(path, text.encode("utf-8"))


def build(sources: list[Path], out_dir: Path, country: str | None = None) -> dict[str, tuple[str, str, int]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    done: dict[str, tuple[str, str, int]] = {}
    for source in sources:
        cc = country or country_of(source)
        data = read_country(source, cc)
        atomic_write_bytes(out_dir / f"{cc}.tsv.gz", country_tsv(data))
        done[cc] = (f"whosonfirst-data/whosonfirst-data-admin-{cc.lower()}", source_commit(source), len(data.villages))
        print(f"{cc}\t{len(data.villages)} villages", file=sys.stderr)
    write_manifest(out_dir, done)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, help="WOF admin repositories (git dirs or folders)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "resources" / "villages")
    parser.add_argument("--country", help="ISO2, when a single source's path does not say it")
    args = parser.parse_args(argv)
    if args.country and len(args.sources) > 1:
        parser.error("--country goes with one source only")
    build(args.sources, args.out, args.country.upper() if args.country else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
