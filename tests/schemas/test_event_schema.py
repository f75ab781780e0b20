"""EventSchema: a good row passes coerced; each kind of bad value or broken rule is caught by name."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from schemas import EventSchema
from schemas.columns import EVENT_COLUMNS

GOOD = json.loads((Path(__file__).parent / "sample_rows.json").read_text())["events"]


def failed_checks(**changes) -> set[str]:
    """Names of the checks a copy of the good row fails after the changes (empty set: it passes)."""
    try:
        EventSchema.validate(pd.DataFrame([{**GOOD, **changes}]), lazy=True)
    except pa.errors.SchemaErrors as exc:
        return set(exc.failure_cases["check"].astype(str))
    return set()


def test_columns_are_the_event_contract_in_order():
    assert list(EventSchema.to_schema().columns) == EVENT_COLUMNS


def test_good_row_passes_with_typed_columns():
    out = EventSchema.validate(pd.DataFrame([GOOD]))
    assert out["event_date"].tolist() == [date(2025, 2, 6)]
    assert out["fatalities"].dtype == "int64"
    assert out["latitude"].dtype == "float64"
    assert str(out["fatalities_low"].dtype) == "Int64"


def test_empty_optional_fields_may_be_null_or_blank():
    one_sided = {"actor2": None, "inter2": None, "interaction": "External/Other forces only",
                 "civilian_targeting": "", "assoc_actor_2": None, "fatalities_low": None, "fatalities_high": None}
    assert failed_checks(**one_sided) == set()
    assert failed_checks(**{**one_sided, "actor2": "", "inter2": ""}) == set()


@pytest.mark.parametrize("changes, check", [
    ({"event_id_cnty": "ukr-1"}, r"str_matches('^[A-Z]{3}\d+$')"),
    ({"event_date": "not a date"}, "coerce_dtype('date')"),
    ({"year": 2024}, "year_is_event_date_year"),
    ({"time_precision": 4}, "isin([1, 2, 3])"),
    ({"geo_precision": 0}, "isin([1, 2, 3])"),
    ({"latitude": 90.5}, "less_than_or_equal_to(90)"),
    ({"longitude": -180.5}, "greater_than_or_equal_to(-180)"),
    ({"fatalities": -1}, "greater_than_or_equal_to(0)"),
    ({"fatalities": "two"}, "coerce_dtype('int64')"),
    ({"event_type": "Fighting"}, "sub_event_type_belongs_to_event_type"),
    ({"sub_event_type": "Armed clash"}, "sub_event_type_belongs_to_event_type"),
    ({"disorder_type": "Demonstrations"}, "disorder_type_matches_event_type"),
    ({"inter1": "3"}, "interaction_matches_inter_codes"),
    ({"interaction": "State forces-Civilians"}, "interaction_matches_inter_codes"),
    ({"interaction": "Unknown-Civilians"}, "interaction_matches_inter_codes"),
    ({"actor2": "", "inter2": "Civilians"}, "inter2_empty_iff_actor2_empty"),
    ({"source_scale": "National-Bogus"}, "source_scale_known"),
    ({"source_scale": "National-Regional-International"}, "source_scale_known"),
    ({"source_scale": ""}, "source_scale_known"),
    ({"region": "Mars"}, "isin"),
    ({"fatalities_low": 3}, "fatalities_within_low_high"),
    ({"fatalities_high": 1}, "fatalities_within_low_high"),
    ({"quote_start": 60}, "quote_start_not_after_end"),
    ({"confidence": 1.5}, "less_than_or_equal_to(1)"),
    ({"actor1": None}, "not_nullable"),
    ({"civilian_targeting": "yes"}, "isin(['Civilian targeting', ''])"),
])
def test_bad_value_is_caught(changes, check):
    failed = failed_checks(**changes)
    assert any(name.startswith(check) for name in failed), failed


def test_two_sided_source_scale_passes():
    assert failed_checks(source_scale="National-International") == set()


def test_duplicate_ids_are_caught():
    frame = pd.DataFrame([GOOD, GOOD])
    with pytest.raises(pa.errors.SchemaErrors, match="field_uniqueness"):
        EventSchema.validate(frame, lazy=True)
