"""State forces and governments named the ACLED way, with the regime in power on the day
("Military Forces of Ukraine (2019-)", "Government of Kenya (2013-)"), from state_forces.csv (dated regime
periods, each ending where the next begins), state_force_sovereigns.csv (territories whose forces are a
sovereign state's) and state_force_words.csv."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.coding.actors.data import read_csv, split_cell
from sitrep.coding.resource_tables import TABLES

# ACLED renames a regime "(2016-2022)" once it has ended, everywhere in its data; a dataset carries the names of
# the day it was exported. By default the export is taken to follow the event by this many days (as when events
# are coded as they come in): a regime that ended within that time already carries its end year.
EXPORT_LAG_DAYS = 150
# Set to an ISO date (or "today") to name every event as an export of that day would: "Military Forces of Nigeria
# (2015-2023)" for an event of 2019 with SITREP_STATE_FORCES_AS_OF=today.
AS_OF_ENV = "SITREP_STATE_FORCES_AS_OF"


@dataclass(frozen=True)
class Regime:
    """One regime period of a country: from `since` until the next period's start (`until`, None if current)."""
    since: date
    year: str
    named_as: str
    until: date | None = None

    @property
    def end_year(self) -> str:
        # The year the period ended, which is the year the next began (not always the next one's label: an
        # acting leader of late 2020 may head a period ACLED names from the 2021 election).
        return str(self.until.year) if self.until else ""


def regimes() -> dict[str, list[Regime]]:
    """Country → its regime periods in date order, consecutive rows of the same label merged."""
    return TABLES.get(_load_regimes)


def _load_regimes() -> dict[str, list[Regime]]:
    rows: dict[str, list[Regime]] = {}
    for row in read_csv("state_forces.csv"):
        rows.setdefault(row["country"], []).append(
            Regime(date.fromisoformat(row["since"]), row["regime_year"], row.get("named_as") or row["country"]))
    return {country: periods_of(found) for country, found in rows.items()}


def periods_of(found: list[Regime]) -> list[Regime]:
    """Sorted periods, each ending where the next begins; a row that keeps the label of the one before (a
    successor inside the same regime, listed for the record) does not start a new period."""
    merged: list[Regime] = []
    for r in sorted(found, key=lambda r: r.since):
        if merged and (merged[-1].year, merged[-1].named_as) == (r.year, r.named_as):
            continue
        merged.append(r)
    return [Regime(r.since, r.year, r.named_as, nxt.since if nxt else None)
            for r, nxt in zip(merged, [*merged[1:], None], strict=True)]


def sovereigns() -> dict[str, str]:
    """Territory → the state whose forces serve there (New Caledonia → France)."""
    return TABLES.get(_load_sovereigns)


def _load_sovereigns() -> dict[str, str]:
    return {r["territory"]: r["sovereign"] for r in read_csv("state_force_sovereigns.csv")}


def regime_on(country: str, on: date | None) -> Regime | None:
    """The period in power on `on` (the latest when None; the earliest known for a day before all of them)."""
    periods = regimes().get(country) or regimes().get(sovereigns().get(country, ""), [])
    current = None
    for r in periods:
        if on is None or r.since <= on:
            current = r
    return current or (periods[0] if periods else None)


def names_as_of(on: date | None) -> date | None:
    """The export day whose names are reproduced: SITREP_STATE_FORCES_AS_OF, else `on` plus the export lag."""
    setting = os.environ.get(AS_OF_ENV, "").strip()
    if setting:
        return date.today() if setting == "today" else date.fromisoformat(setting)
    return on + timedelta(days=EXPORT_LAG_DAYS) if on else None


def state_force_name(country: str, kind: str = "military", on: date | None = None, unit: str = "",
                     as_of: date | None = None) -> str:
    """"Military Forces of Russia (2000-)", "Police Forces of the Philippines (2016-2022)" for the regime in
    power on `on` (the latest when `on` is None), as an export made on `as_of` (default: names_as_of) names it.

    Countries missing from state_forces.csv get the name without a year rather than a guessed one."""
    current = regime_on(country, on)
    base = f"{'Police' if kind == 'police' else 'Military'} Forces of {current.named_as if current else country}"
    export_day = as_of or names_as_of(on)
    if current is None:
        name = base
    elif current.until and export_day and current.until <= export_day:
        name = f"{base} ({current.year}-{current.end_year})"
    else:
        name = f"{base} ({current.year}-)"
    return f"{name} {unit}" if unit else name


# A dictionary row that names a unit of a state's forces with a regime's years ("Military Forces of India (2014-)
# Border Security Force"): the years are the regime's, so the name follows the event date like any state force.
_DATED_FORCES = re.compile(r"^(?P<kind>Military|Police) Forces of (?P<state>.+?) \((?P<year>\d{4})-(?:\d{4})?\)"
                           r"(?: (?P<unit>.+))?$")


def redated_unit_name(name: str, country: str, on: date | None) -> str:
    """The row's name with the regime of `on`, when its years are those of one of the country's regime periods;
    otherwise as written (a name whose years are a faction's own, "Military Forces of Yemen (2016-) Supreme
    Political Council", is no regime's)."""
    m = _DATED_FORCES.match(name)
    if m is None or on is None or not any(r.year == m.group("year") for r in regimes().get(country, [])):
        return name
    return state_force_name(country, m.group("kind").lower(), on, m.group("unit") or "")


def government_name(country: str, on: date | None = None, as_of: date | None = None) -> str:
    """"Government of Kenya (2013-)": a state's government, named with the regime of its forces."""
    return "Government of" + state_force_name(country, "military", on, as_of=as_of)[len("Military Forces of"):]


def air_force_countries() -> frozenset[str]:
    return TABLES.get(_load_air_force_countries)


def _load_air_force_countries() -> frozenset[str]:
    """Countries whose forces ACLED names with their Air Force when they strike from the air."""
    out: set[str] = set()
    for row in read_csv("state_force_words.csv"):
        if row["unit"] == "Air Force":
            out.update(split_cell(row.get("unit_for")))
    return frozenset(out)
