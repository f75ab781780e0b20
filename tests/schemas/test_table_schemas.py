"""FigureSchema, ArticleSchema, QuarantineSchema: good rows pass, bad ones are caught by name."""

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from schemas import ArticleSchema, FigureSchema, QuarantineSchema
from schemas.columns import ARTICLE_COLUMNS, FIGURE_COLUMNS, QUARANTINE_COLUMNS

ROWS = json.loads((Path(__file__).parent / "sample_rows.json").read_text())


def failed_checks(schema, row: dict) -> set[str]:
    try:
        schema.validate(pd.DataFrame([row]), lazy=True)
    except pa.errors.SchemaErrors as exc:
        return set(exc.failure_cases["check"].astype(str))
    return set()


@pytest.mark.parametrize("schema, columns, table", [
    (FigureSchema, FIGURE_COLUMNS, "figures"),
    (ArticleSchema, ARTICLE_COLUMNS, "articles"),
    (QuarantineSchema, QUARANTINE_COLUMNS, "quarantine"),
])
def test_columns_in_order_and_good_row_passes(schema, columns, table):
    assert list(schema.to_schema().columns) == columns
    assert failed_checks(schema, ROWS[table]) == set()


@pytest.mark.parametrize("changes, check", [
    ({"kind": "wounded"}, "isin"),
    ({"qualifier": "roughly"}, "isin"),
    ({"value": -1}, "greater_than_or_equal_to(0)"),
    ({"low": 3}, "value_within_low_high"),
    ({"high": 1}, "value_within_low_high"),
    ({"quote_start": 60}, "quote_start_not_after_end"),
])
def test_bad_figure_is_caught(changes, check):
    failed = failed_checks(FigureSchema, {**ROWS["figures"], **changes})
    assert any(name.startswith(check) for name in failed), failed


def test_figure_range_and_qualifier_pass():
    good = {**ROWS["figures"], "value": 10, "low": 10, "high": 15, "qualifier": "at least"}
    assert failed_checks(FigureSchema, good) == set()


@pytest.mark.parametrize("changes, check", [
    ({"published": "Feb 7"}, "str_matches"),
    ({"text": ""}, "str_length"),
    ({"content_hash": "abc"}, "str_matches"),
    ({"ingest_date": "2025-02-07T10:00"}, "str_matches"),
])
def test_bad_article_is_caught(changes, check):
    failed = failed_checks(ArticleSchema, {**ROWS["articles"], **changes})
    assert any(name.startswith(check) for name in failed), failed


@pytest.mark.parametrize("changes, check", [
    ({"stage": "publish-ish"}, "isin"),
    ({"reason": ""}, "str_length"),
    ({"quarantined_at": "yesterday"}, "str_matches"),
])
def test_bad_quarantine_row_is_caught(changes, check):
    failed = failed_checks(QuarantineSchema, {**ROWS["quarantine"], **changes})
    assert any(name.startswith(check) for name in failed), failed
