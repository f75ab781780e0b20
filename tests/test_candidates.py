"""The candidate index (sitrep.candidates): stored events a new mention could join, with all their members, read
from the year-partitioned mention index by country and day."""

from __future__ import annotations

import pandas as pd

from schemas import EventSchema
from sitrep.candidates import (
    INDEX_ROW_GROUP,
    MENTION_INDEX,
    MENTION_INDEX_COLUMNS,
    MENTION_INDEX_SCHEMA,
    candidate_rows,
    rows_of_articles,
)
from sitrep.tables import Manifest, TableStore, year_key
from sitrep.validate import validate_table
from tests.test_merge import frame, mention


def indexed(**values) -> dict:
    return {**mention(**{k: v for k, v in values.items() if k != "event"}), "event": values["event"],
            "published": "2025-01-01T00:00:00Z"}


STORED = [
    indexed(event="UKR1", article_id="a1", event_id_cnty="UKR71", event_date="2025-02-05"),  # the day before
    indexed(event="UKR1", article_id="a2", event_id_cnty="UKR72", event_date="2025-02-04"),  # its member, 2 days
    indexed(event="UKR2", article_id="b1", event_id_cnty="UKR73", event_date="2025-02-09"),  # 3 days after: no
    indexed(event="SYR1", article_id="c1", event_id_cnty="SYR74", event_date="2025-02-06", country="Syria", iso=760,
            region="Middle East"),                                                           # another country
    indexed(event="UKR3", article_id="d1", event_id_cnty="UKR75", event_date="2024-12-31", year=2024),
]


def store_with(tmp_path, rows: list[dict]) -> tuple[TableStore, Manifest]:
    store, manifest = TableStore(tmp_path), Manifest()
    index = pd.DataFrame(rows)
    valid = validate_table(index[EventSchema.to_schema().columns.keys()], EventSchema)
    index = pd.concat([valid, index[["event", "published"]]], axis=1)[MENTION_INDEX_COLUMNS]
    for year, part in index.groupby("year"):
        store.write_partition(manifest, MENTION_INDEX, year_key(year), part, MENTION_INDEX_SCHEMA, INDEX_ROW_GROUP)
    return store, manifest


def test_candidates_are_events_with_a_member_a_day_away_with_all_their_members(tmp_path):
    store, manifest = store_with(tmp_path, STORED)
    new = validate_table(frame(mention(article_id="n1", event_date="2025-02-06")), EventSchema)
    got = candidate_rows(store, manifest, new)
    assert sorted(zip(got["event"], got["article_id"], strict=True)) == [("UKR1", "a1"), ("UKR1", "a2")]


def test_a_new_mention_on_new_years_day_finds_last_years_event(tmp_path):
    store, manifest = store_with(tmp_path, STORED)
    new = validate_table(frame(mention(article_id="n1", event_date="2025-01-01", year=2025)), EventSchema)
    assert candidate_rows(store, manifest, new)["event"].tolist() == ["UKR3"]


def test_a_recoded_articles_events_come_with_their_other_members(tmp_path):
    store, manifest = store_with(tmp_path, STORED)
    got = rows_of_articles(store, manifest, {"a2", "zz"})
    assert sorted(got["article_id"]) == ["a1", "a2"] and set(got["event"]) == {"UKR1"}
    assert rows_of_articles(store, manifest, set()).empty
