"""Reading the actor data files under sitrep/resources/ (CSV, "|"-separated cells, ISO dates).

The named-actor dictionary is one CSV per world region under resources/actors/ (ACLED's regions, plus
international.csv for actors of no one country), all with the same columns (NAMED_ACTOR_COLUMNS); the loader reads
every file, in name order, so a file added there is read without code changes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sitrep.settings import RESOURCES_DIR

RESOURCES = RESOURCES_DIR
NAMED_ACTORS_DIR = "actors"
NAMED_ACTOR_COLUMNS = ("name", "inter", "country", "where", "aliases", "assoc", "since", "until", "role")


def read_csv(name: str) -> list[dict[str, str]]:
    with open(RESOURCES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def named_actor_files(resources: Path | None = None) -> list[Path]:
    """The region files of the named-actor dictionary, in name order."""
    return sorted((resources or RESOURCES).joinpath(NAMED_ACTORS_DIR).glob("*.csv"))


def read_named_actors(resources: Path | None = None) -> list[dict[str, str]]:
    """Every row of every region file (each with its file's stem under "file"); a file whose header is not
    NAMED_ACTOR_COLUMNS is an error, not a silently half-read dictionary."""
    rows: list[dict[str, str]] = []
    for path in named_actor_files(resources):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != NAMED_ACTOR_COLUMNS:
                raise ValueError(f"{path.name}: columns {reader.fieldnames}, expected {list(NAMED_ACTOR_COLUMNS)}")
            for line, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise ValueError(f"{path.name} line {line}: expected {len(NAMED_ACTOR_COLUMNS)} cells")
                rows.append({**row, "file": path.stem})
    return rows


def parse_date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def split_cell(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]
