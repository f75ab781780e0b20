"""Golden test of the event coder: its whole output on a frozen input set must not change unnoticed.

Inputs: the articles of data/samples (read through the folder source and normalised as ingest does; files
rejected at ingest and the French sample, which the code stage does not code, have no lines) and the team's
frozen articles in tests/coding/golden/inputs.jsonl. They are coded through the public API
(sitrep.coding.code_articles) and compared, line by line and column by column, with
tests/coding/golden/expected.jsonl: per article its status line, its event rows (every EVENT_COLUMNS column) and
its figure rows (every FIGURE_COLUMNS column). Floats are rounded to 4 decimals; NaN is null.

No column is excluded: none is volatile. `timestamp` is derived from the record's fetched_at or its publication
day; the ingest day (wall clock) that the pipeline writes into fetched_at is not set by the golden set.

The expected file records behaviour, it does not judge it. When a change of behaviour is intended, run
`make golden` (python -m tests.coding.golden.regenerate) and review `git diff tests/coding/golden/expected.jsonl`.
"""

from __future__ import annotations

from collections import Counter

import pytest

from schemas.acled import EVENT_TYPE_OF
from schemas.columns import ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS

from .golden.build import (
    EXPECTED,
    KEY_FIELDS,
    differences,
    frozen_articles,
    golden_articles,
    golden_lines,
    read_expected,
    render,
)

HOW_TO_UPDATE = ("the coder's output differs from tests/coding/golden/expected.jsonl. If the change is intended, "
                 "run `make golden` and review `git diff tests/coding/golden/expected.jsonl`.")


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    if not EXPECTED.exists():
        pytest.fail(f"{EXPECTED} is missing: run `make golden` to write it")
    return read_expected()


@pytest.fixture(scope="module")
def produced() -> list[dict]:
    return golden_lines(golden_articles())


def test_coder_output_matches_the_golden_file(expected, produced):
    if produced != expected:
        report = "\n".join(differences(expected, produced))
        pytest.fail(f"{HOW_TO_UPDATE}\nFirst differences (article table[row] column: expected, got):\n{report}",
                    pytrace=False)


def test_golden_file_is_written_as_the_regenerator_writes_it(expected):
    # A hand edit that changes formatting or order would make the next `make golden` diff noisy.
    assert EXPECTED.read_text(encoding="utf-8") == render(expected)


def test_golden_file_has_every_column_of_every_table(expected):
    columns = {"status": ARTICLE_STATUS_COLUMNS, "event": EVENT_COLUMNS, "figure": FIGURE_COLUMNS}
    for line in expected:
        assert list(line) == list(KEY_FIELDS) + columns[line["table"]], line
    tables = Counter(line["table"] for line in expected)
    assert tables["status"] >= 150 and tables["event"] >= 150 and tables["figure"] >= 100


def test_golden_set_covers_every_sub_event_type_and_non_events(expected):
    subs = Counter(line["sub_event_type"] for line in expected if line["table"] == "event")
    missing = sorted(set(EVENT_TYPE_OF) - set(subs))
    assert not missing, f"no golden row of {missing}"
    statuses = Counter(line["status"] for line in expected if line["table"] == "status")
    assert statuses["no_event"] >= 25


def test_frozen_inputs_are_article_records():
    records = frozen_articles()
    assert len(records) >= 150 and len({r["id"] for r in records}) == len(records)
    for record in records:
        assert set(record) == {"id", "published", "title", "text", "outlet", "url"}, record["id"]
