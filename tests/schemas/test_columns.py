"""The column lists read from the pandera models are exactly the lists sitrep has always written: the ACLED
order is a contract (DESIGN.md), and the other tables' columns are what published files and SQL models hold."""

import pyarrow as pa

from schemas import EventSchema, QuarantineSchema
from schemas.columns import (
    ACLED_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_STATUS_COLUMNS,
    ARTICLE_TABLE_COLUMNS,
    DELETED_EVENT_COLUMNS,
    EVENT_COLUMNS,
    EVENT_MENTION_COLUMNS,
    FIGURE_COLUMNS,
    NEAR_DUPLICATE_COLUMNS,
    QUARANTINE_COLUMNS,
    SITREP_EVENT_COLUMNS,
)
from schemas.tables import PUBLISHED_TABLES, arrow_schema, columns_of, sql_types

ACLED = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
SITREP = ["article_id", "quote", "quote_start", "quote_end", "date_text", "place_text", "fatalities_low",
          "fatalities_high", "confidence", "coder_version"]


def test_event_columns_are_the_31_acled_columns_in_order_then_sitreps_own():
    assert len(ACLED) == 31
    assert ACLED_COLUMNS == ACLED
    assert SITREP_EVENT_COLUMNS == SITREP
    assert EVENT_COLUMNS == ACLED + SITREP


def test_the_other_tables_keep_their_columns():
    assert FIGURE_COLUMNS == ["figure_id", "article_id", "event_id_cnty", "kind", "value", "low", "high",
                              "qualifier", "reported_by", "quote", "quote_start", "quote_end", "coder_version"]
    assert ARTICLE_COLUMNS == ["id", "published", "title", "text", "outlet", "url", "language", "fetched_at",
                               "source_name", "source_scale", "ingest_date", "content_hash"]
    assert ARTICLE_TABLE_COLUMNS == ["article_id", "published", "title", "outlet", "url", "language",
                                     "source_name", "source_scale", "ingest_date", "content_hash", "status",
                                     "events", "reason", "coder_version"]
    assert ARTICLE_STATUS_COLUMNS == ["article_id", "status", "events", "reason", "coder_version"]
    assert QUARANTINE_COLUMNS == ["stage", "article_id", "origin", "reason", "payload", "quarantined_at"]
    assert EVENT_MENTION_COLUMNS == ["event_id_cnty", "mention_id", "article_id", "outlet", "quote",
                                     "quote_start", "quote_end", "event_date", "fatalities"]
    assert DELETED_EVENT_COLUMNS == ["event_id_cnty", "deleted_at", "reason"]
    assert NEAR_DUPLICATE_COLUMNS == ["article_id", "duplicate_of", "similarity"]


def test_every_published_table_has_a_model_and_types_for_every_column():
    assert list(PUBLISHED_TABLES) == ["events", "figures", "articles", "quarantine", "event_mentions",
                                      "deleted_events"]
    for model in PUBLISHED_TABLES.values():
        assert arrow_schema(model).names == columns_of(model) == list(sql_types(model))


def test_types_follow_the_model():
    events = arrow_schema(EventSchema)
    assert events.field("event_date").type == pa.date32()
    assert events.field("fatalities").type == pa.int64() and events.field("quote_start").type == pa.int64()
    assert events.field("latitude").type == pa.float64() and events.field("actor1").type == pa.string()
    assert sql_types(EventSchema)["event_date"] == "date" and sql_types(EventSchema)["iso"] == "bigint"
    assert set(sql_types(QuarantineSchema).values()) == {"varchar"}
