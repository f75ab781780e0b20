"""Reading the actor data files under sitrep/resources/ (CSV, "|"-separated cells, ISO dates)."""

from __future__ import annotations

import csv
from datetime import date

from sitrep.settings import RESOURCES_DIR

RESOURCES = RESOURCES_DIR


def read_csv(name: str) -> list[dict[str, str]]:
    with open(RESOURCES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parse_date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def split_cell(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]
