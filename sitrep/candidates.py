"""The candidate index: which stored events a night's new mentions could join, read from the mention index with
predicate pushdown instead of loading every event.

The mention index (table `_mentions` of the curated store, partitioned by year) holds every published mention
row as the coder wrote it (EVENT_COLUMNS), with the stable ID of the event it belongs to (`event`) and its
article's publication time (`published`), which is what merging needs (sitrep.merge). A new mention can join a
stored event only if it shares its country and is within a day of every member (sitrep.merge.same_time), so:

- the events worth re-merging are those with a member of the same country within ±1 day of a new mention;
- all members of such an event lie within ±2 days of that mention (members are within a day of each other),

so one read of the partitions of those days, filtered by country and day (pushed down to the row groups, which
are sorted by country and day), returns the candidates with all their members. A re-coded article's old
mentions are found by article id, and their events' members within a day of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from schemas import EventSchema
from schemas.tables import arrow_schema
from sitrep.tables import Manifest, TableStore, year_key

MENTION_INDEX = "_mentions"
MENTION_INDEX_SCHEMA = arrow_schema(EventSchema).append(pa.field("event", pa.string())).append(
    pa.field("published", pa.string()))
MENTION_INDEX_COLUMNS = MENTION_INDEX_SCHEMA.names
INDEX_ROW_GROUP = 4096     # small row groups: a country's days are a few of them, the rest are skipped
NULLABLE_INTS = {pa.int64(): pd.Int64Dtype()}   # stored ints read back as the models' nullable ints


def _days(values: Iterable[object]) -> list[date]:
    return [pd.Timestamp(v).date() for v in values]   # type: ignore[union-attr]


def around(days: Iterable[date], reach: int) -> set[date]:
    return {d + timedelta(days=k) for d in days for k in range(-reach, reach + 1)}


def empty_index() -> pd.DataFrame:
    return MENTION_INDEX_SCHEMA.empty_table().to_pandas(types_mapper=NULLABLE_INTS.get)


def candidate_rows(store: TableStore, manifest: Manifest, new: pd.DataFrame) -> pd.DataFrame:
    """Mention-index rows of every stored event that one of the `new` mentions (EVENT_COLUMNS) could join,
    with all the members of those events."""
    if new.empty:
        return empty_index()
    days = _days(new["event_date"])
    countries = sorted({str(c) for c in new["country"]})
    reach = sorted(around(days, 2))
    wanted = (ds.field("country").isin(pa.array(countries, pa.string()))
              & ds.field("event_date").isin(pa.array(reach, pa.date32())))
    rows = store.read_table(manifest, MENTION_INDEX, MENTION_INDEX_SCHEMA, keys={year_key(d.year) for d in reach},
                            filter=wanted).to_pandas(types_mapper=NULLABLE_INTS.get)
    if rows.empty:
        return rows
    near = {(str(c), d + timedelta(days=k)) for c, d in zip(new["country"], days, strict=True) for k in (-1, 0, 1)}
    hit = [(str(c), d) in near for c, d in zip(rows["country"], _days(rows["event_date"]), strict=True)]
    events = set(rows.loc[hit, "event"])
    return rows[rows["event"].isin(events)].reset_index(drop=True)


def rows_of_articles(store: TableStore, manifest: Manifest, article_ids: set[str]) -> pd.DataFrame:
    """Mention-index rows of every stored event holding a mention of these articles (re-coded articles, whose
    old mentions are replaced), with all the members of those events."""
    if not article_ids:
        return empty_index()
    hits = store.read_table(manifest, MENTION_INDEX, MENTION_INDEX_SCHEMA, columns=["event", "event_date"],
                            filter=ds.field("article_id").isin(pa.array(sorted(article_ids), pa.string())))
    if hits.num_rows == 0:
        return empty_index()
    frame = hits.to_pandas()
    reach = around(_days(frame["event_date"]), 1)
    events = pa.array(sorted(set(frame["event"])), pa.string())
    return store.read_table(manifest, MENTION_INDEX, MENTION_INDEX_SCHEMA, keys={year_key(d.year) for d in reach},
                            filter=ds.field("event").isin(events)).to_pandas(types_mapper=NULLABLE_INTS.get)


# A partition's rows in the order that makes the country/day pushdown skip row groups.
INDEX_ORDER = ["country", "event_date", "article_id", "event_id_cnty"]
