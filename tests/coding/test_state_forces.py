"""Regime periods by date (state_forces.csv) and the names built from them."""

import csv
from datetime import date

import pytest

from sitrep.coding.actors.state_forces import (
    AS_OF_ENV,
    Regime,
    government_name,
    periods_of,
    regimes,
    sovereigns,
    state_force_name,
)
from sitrep.settings import RESOURCES_DIR

TODAY_EXPORT = date(2026, 1, 1)
# Places with no government of their own whose period convention is unknown (collegial or rotating heads).
NO_PERIODS = {"Antarctica", "San Marino", "Switzerland", "Vatican City"}


def named(country: str, on: date) -> str:
    """The military's name as an export made long after every period here would write it."""
    return state_force_name(country, on=on, as_of=TODAY_EXPORT)


def _rows() -> list[dict[str, str]]:
    with open(RESOURCES_DIR / "state_forces.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_name_follows_the_event_date_across_a_change_of_president():
    assert named("Nigeria", date(2019, 6, 1)) == \
        "Military Forces of Nigeria (2015-2023)"
    assert state_force_name("Nigeria", "police", date(2023, 5, 28), as_of=TODAY_EXPORT) == \
        "Police Forces of Nigeria (2015-2023)"
    # The day of the handover belongs to the new period.
    assert named("Nigeria", date(2023, 5, 29)) == "Military Forces of Nigeria (2023-)"
    assert named("Nigeria", date(2012, 1, 1)) == \
        "Military Forces of Nigeria (2010-2015)"


def test_an_export_made_soon_after_the_event_keeps_the_period_open():
    # By default the export follows the event by EXPORT_LAG_DAYS: Buhari was still in office.
    assert state_force_name("Nigeria", on=date(2019, 6, 1)) == "Military Forces of Nigeria (2015-)"
    # Duterte's term ended within that lag of this event.
    assert state_force_name("Philippines", "police", date(2022, 3, 1)) == "Police Forces of the Philippines (2016-2022)"


def test_events_before_1997_and_before_any_known_period():
    assert named("Nigeria", date(1995, 3, 1)) == "Military Forces of Nigeria (1993-1998)"
    assert named("Democratic Republic of Congo", date(1996, 11, 1)) == \
        "Military Forces of the Democratic Republic of Congo (1965-1997)"
    assert named("Somalia", date(1998, 1, 1)) == "Military Forces of Somalia (2000-2004)"


def test_coups_and_transitions_start_periods():
    assert named("Mali", date(2021, 1, 10)) == "Military Forces of Mali (2020-2021)"
    assert named("Mali", date(2021, 6, 1)) == "Military Forces of Mali (2021-)"
    assert named("Syria", date(2018, 4, 7)) == "Military Forces of Syria (2000-2024)"
    assert named("Syria", date(2025, 3, 7)) == "Military Forces of Syria (2024-)"
    assert named("Myanmar", date(2017, 9, 1)) == "Military Forces of Myanmar (2016-2021)"
    assert named("Myanmar", date(2021, 2, 1)) == "Military Forces of Myanmar (2021-)"
    assert government_name("Kenya", date(2022, 1, 5), as_of=TODAY_EXPORT) == "Government of Kenya (2013-2022)"


def test_one_regime_through_a_change_of_leader_and_an_acting_interval():
    # Rows that keep the label (a successor inside the same regime) do not split the period.
    assert named("Guinea", date(2010, 6, 1)) == "Military Forces of Guinea (2010-2021)"
    assert named("Venezuela", date(2019, 1, 1)) == "Military Forces of Venezuela (1999-)"
    # Japarov's period is named from his 2021 election though it began in October 2020; Jeenbekov's ends in 2020.
    assert named("Kyrgyzstan", date(2019, 1, 1)) == \
        "Military Forces of Kyrgyzstan (2017-2020)"
    assert named("Kyrgyzstan", date(2020, 12, 1)) == \
        "Military Forces of Kyrgyzstan (2021-)"


def test_periods_of_merges_same_label_rows_and_chains_the_ends():
    found = [Regime(date(2022, 9, 30), "2022", "X"), Regime(date(2015, 12, 29), "2015", "X"),
             Regime(date(2022, 1, 24), "2022", "X")]
    periods = periods_of(found)
    assert [(p.since, p.until, p.end_year) for p in periods] == [
        (date(2015, 12, 29), date(2022, 1, 24), "2022"), (date(2022, 1, 24), None, "")]


def test_territories_take_their_sovereign_states_forces():
    assert state_force_name("New Caledonia", "police", date(2024, 5, 15), as_of=TODAY_EXPORT) == \
        "Police Forces of France (2017-)"
    assert named("Western Sahara", date(2020, 11, 13)) == \
        "Military Forces of Morocco (1999-)"
    # Hong Kong's events are China's in ACLED (place_words.toml), and so are its forces.
    assert state_force_name("Hong Kong", "police", date(2019, 8, 1)) == "Police Forces of China (2012-)"


def test_the_export_day_can_be_set(monkeypatch):
    monkeypatch.setenv(AS_OF_ENV, "2024-01-01")
    assert state_force_name("Nigeria", on=date(2019, 6, 1)) == "Military Forces of Nigeria (2015-2023)"
    assert state_force_name("Colombia", on=date(2019, 6, 1)) == "Military Forces of Colombia (2018-2022)"
    assert state_force_name("Mexico", on=date(2019, 6, 1)) == "Military Forces of Mexico (2018-)"
    monkeypatch.setenv(AS_OF_ENV, "today")
    assert state_force_name("Mexico", on=date(2019, 6, 1)) == "Military Forces of Mexico (2018-2024)"
    monkeypatch.setenv(AS_OF_ENV, "not a date")
    with pytest.raises(ValueError):
        state_force_name("Mexico", on=date(2019, 6, 1))


def test_the_file_is_sorted_parseable_and_without_overlaps():
    rows = _rows()
    keys = [(r["country"].lower(), r["since"]) for r in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    for r in rows:
        since = date.fromisoformat(r["since"])
        assert r["regime_year"].isdigit() and len(r["regime_year"]) == 4, r
        # The label is the year the period began, or the next one (an acting leader before an election).
        assert int(r["regime_year"]) in (since.year, since.year + 1), r
    for periods in regimes().values():
        for a, b in zip(periods, periods[1:], strict=False):
            assert a.until == b.since and a.since < b.since
            assert (a.year, a.named_as) != (b.year, b.named_as)


def test_every_country_is_covered():
    with open(RESOURCES_DIR / "countries.csv", newline="", encoding="utf-8") as f:
        countries = {r["country"] for r in csv.DictReader(f)}
    have = set(regimes())
    assert have <= countries
    assert set(sovereigns()) <= countries and set(sovereigns().values()) <= have
    missing = countries - have - set(sovereigns()) - NO_PERIODS
    assert not missing, sorted(missing)
    # The states of ACLED's 1997 coverage (and others) have their history from before 1997.
    late = {c: p[0].since for c, p in regimes().items() if p[0].since > date(1997, 12, 31)}
    assert {"Nigeria", "Ethiopia", "Sudan", "Iraq", "Colombia", "Mexico", "India"}.isdisjoint(late)


def test_dictionary_units_of_state_forces_follow_the_event_date():
    from sitrep.coding.actors.finder import find_actors
    from sitrep.coding.actors.state_forces import redated_unit_name

    def units(sentence: str, country: str, on: date) -> list[str]:
        return [a.name for a in find_actors(sentence, country, on, True) if a.name.endswith("Border Security Force")]

    # The dictionary writes the unit with today's regime; an event of 2012 gets the regime of 2012.
    assert units("BSF troops fired at smugglers near the border.", "India", date(2012, 5, 1)) == [
        redated_unit_name("Military Forces of India (2014-) Border Security Force", "India", date(2012, 5, 1))]
    assert units("BSF troops fired at smugglers near the border.", "India", date(2012, 5, 1))[0].startswith(
        "Military Forces of India (2004-")
    assert units("BSF troops fired at smugglers near the border.", "India", date(2022, 5, 1)) == [
        "Military Forces of India (2014-) Border Security Force"]
    # Years that are a faction's own, not a regime's, are kept as written.
    assert redated_unit_name("Military Forces of Yemen (2016-) Supreme Political Council", "Yemen",
                             date(2019, 1, 1)) == "Military Forces of Yemen (2016-) Supreme Political Council"
