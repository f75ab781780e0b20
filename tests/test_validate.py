"""split_valid: good rows pass coerced, bad rows land in quarantine with their reasons, broken tables raise."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from schemas import ArticleSchema, EventSchema, FigureSchema, QuarantineSchema
from schemas.columns import QUARANTINE_COLUMNS
from sitrep.validate import SchemaViolation, split_valid

ROWS = json.loads((Path(__file__).parent / "schemas" / "sample_rows.json").read_text())
GOOD = ROWS["events"]
AT = datetime(2025, 2, 8, 2, 0, tzinfo=UTC)


def events(*changes: dict) -> pd.DataFrame:
    """One event row per change set, each with its own id (UKR1, UKR2, ...)."""
    return pd.DataFrame([{**GOOD, "event_id_cnty": f"UKR{i}", **c} for i, c in enumerate(changes, start=1)])


def test_all_good_rows_pass_coerced_and_nothing_is_quarantined():
    result = split_valid(events({}, {"fatalities": "3", "fatalities_high": 3}), EventSchema, AT)
    assert result.valid["event_id_cnty"].tolist() == ["UKR1", "UKR2"]
    assert result.valid["fatalities"].tolist() == [2, 3]
    assert result.valid["fatalities"].dtype == "int64"
    assert result.valid["event_date"].tolist() == [date(2025, 2, 6)] * 2
    assert list(result.quarantine.columns) == QUARANTINE_COLUMNS
    assert result.quarantine.empty


def test_bad_rows_go_to_quarantine_with_reason_and_payload():
    frame = events({}, {"fatalities": -1}, {"sub_event_type": "Armed clash",
                                                                     "article_id": "a2"}, {})
    result = split_valid(frame, EventSchema, AT)
    assert result.valid["event_id_cnty"].tolist() == ["UKR1", "UKR4"]
    expected = pd.DataFrame({
        "stage": ["validate", "validate"],
        "article_id": ["a1", "a2"],
        "origin": ["events", "events"],
        "reason": ["fatalities: greater_than_or_equal_to(0) (got -1); fatalities_within_low_high",
                   "sub_event_type_belongs_to_event_type"],
        "quarantined_at": ["2025-02-08T02:00:00+00:00"] * 2,
    })
    pd.testing.assert_frame_equal(result.quarantine.drop(columns="payload"), expected, check_dtype=False)
    payload = json.loads(result.quarantine["payload"].iloc[0])
    assert payload == {**GOOD, "event_id_cnty": "UKR2", "fatalities": -1}
    QuarantineSchema.validate(result.quarantine)  # the quarantine frame fits its own table


def test_uncoercible_value_quarantines_only_its_row():
    # While "x" blocks the column's coercion, the other rows must not be blamed for row-wise rules.
    result = split_valid(events({}, {"event_date": "someday"}, {"year": 2024}), EventSchema, AT)
    assert result.valid["event_id_cnty"].tolist() == ["UKR1"]
    assert result.quarantine["reason"].tolist() == ["event_date: coerce_dtype('date') (got 'someday')",
                                                    "year_is_event_date_year"]


def test_duplicate_ids_quarantine_both_rows():
    frame = pd.concat([events({}), events({})], ignore_index=True)
    result = split_valid(frame, EventSchema, AT)
    assert result.valid.empty
    assert result.quarantine["reason"].tolist() == ["event_id_cnty: field_uniqueness (got 'UKR1')"] * 2


def test_article_rows_use_their_id_as_article_id():
    frame = pd.DataFrame([ROWS["articles"], {**ROWS["articles"], "id": "a2", "published": "soon"}])
    result = split_valid(frame, ArticleSchema, "2025-02-08")
    assert result.valid["id"].tolist() == ["a1"]
    assert result.quarantine[["article_id", "origin"]].values.tolist() == [["a2", "articles"]]


def test_empty_frame_passes_with_schema_types():
    frame = pd.DataFrame({c: [] for c in ROWS["figures"]})
    result = split_valid(frame, FigureSchema, AT)
    assert result.valid.empty and result.quarantine.empty
    assert result.valid["value"].dtype == "float64"


@pytest.mark.parametrize("frame, message", [
    (events({}).drop(columns="notes"), r"events: missing columns \['notes'\]"),
    (events({}).assign(extra=1), r"events: unexpected columns \['extra'\]"),
    (events({})[["event_date", "event_id_cnty", *list(GOOD)[2:]]],
     "events: columns out of order: position 0 is 'event_date', expected 'event_id_cnty'"),
    (events({"latitude": "north"}, {"latitude": "south"}), "events: column 'latitude' cannot be coerced"),
])
def test_schema_level_failure_raises(frame, message):
    with pytest.raises(SchemaViolation, match=message):
        split_valid(frame, EventSchema, AT)


def test_schema_violation_is_a_value_error():
    assert issubclass(SchemaViolation, ValueError)
