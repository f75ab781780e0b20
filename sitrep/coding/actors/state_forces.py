"""State forces and governments named the ACLED way, with the regime in power on the day
("Military Forces of Ukraine (2019-)", "Government of Kenya (2013-)"), from state_forces.csv and
state_force_words.csv."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.coding.actors.data import read_csv, split_cell
from sitrep.coding.resource_tables import TABLES

# ACLED renames a regime "(2016-2022)" once it has ended; data are usually exported some months after the
# events, so a regime that ended within this many days after the event already carries its end year.
EXPORT_LAG_DAYS = 150


@dataclass(frozen=True)
class _Regime:
    since: date
    year: str
    named_as: str
    until: date | None = None
    end_year: str = ""


def _regimes() -> dict[str, list[_Regime]]:
    return TABLES.get(_load_regimes)


def _load_regimes() -> dict[str, list[_Regime]]:
    rows: dict[str, list[_Regime]] = {}
    for row in read_csv("state_forces.csv"):
        rows.setdefault(row["country"], []).append(
            _Regime(date.fromisoformat(row["since"]), row["regime_year"], row.get("named_as") or row["country"]))
    out: dict[str, list[_Regime]] = {}
    for country, regimes in rows.items():
        regimes.sort(key=lambda r: r.since)
        out[country] = [_Regime(r.since, r.year, r.named_as, nxt.since, nxt.year) if nxt else r
                        for r, nxt in zip(regimes, regimes[1:] + [None], strict=False)]  # type: ignore[list-item]
    return out


def state_force_name(country: str, kind: str = "military", on: date | None = None, unit: str = "") -> str:
    """"Military Forces of Russia (2000-)", "Police Forces of the Philippines (2016-2022)" for the regime in
    power on `on` (the latest when `on` is None).

    Countries missing from state_forces.csv get the name without a year rather than a guessed one."""
    regimes = _regimes().get(country, [])
    current = None
    for r in regimes:
        if on is None or r.since <= on:
            current = r
    if regimes and current is None:
        current = regimes[0]
    base = f"{'Police' if kind == 'police' else 'Military'} Forces of {current.named_as if current else country}"
    if current is None:
        name = base
    elif current.until and on and current.until <= on + timedelta(days=EXPORT_LAG_DAYS):
        name = f"{base} ({current.year}-{current.end_year})"
    else:
        name = f"{base} ({current.year}-)"
    return f"{name} {unit}" if unit else name


def government_name(country: str, on: date | None = None) -> str:
    """"Government of Kenya (2013-)": a state's government, named with the regime of its forces."""
    return "Government of" + state_force_name(country, "military", on)[len("Military Forces of"):]


def air_force_countries() -> frozenset[str]:
    return TABLES.get(_load_air_force_countries)


def _load_air_force_countries() -> frozenset[str]:
    """Countries whose forces ACLED names with their Air Force when they strike from the air."""
    out: set[str] = set()
    for row in read_csv("state_force_words.csv"):
        if row["unit"] == "Air Force":
            out.update(split_cell(row.get("unit_for")))
    return frozenset(out)
