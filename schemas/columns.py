"""Column lists of every table sitrep writes, in the order they are written.

The ACLED columns and their order are a contract (../shared/DESIGN.md): outside checks rely on them.
"""

ACLED_COLUMNS: list[str] = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]

# sitrep's own columns, after the ACLED ones: where the row came from and how sure the coder is.
SITREP_EVENT_COLUMNS: list[str] = [
    "article_id",
    "quote",             # the sentence(s) the event was coded from
    "quote_start",       # character offsets of the quote in the article text
    "quote_end",
    "date_text",         # the raw date expression ("on Thursday"), empty when the publication date was used
    "place_text",        # the raw place expression ("near Sudzha")
    "fatalities_low",
    "fatalities_high",
    "confidence",        # 0..1
    "coder_version",
]

EVENT_COLUMNS: list[str] = ACLED_COLUMNS + SITREP_EVENT_COLUMNS

FIGURE_COLUMNS: list[str] = [
    "figure_id", "article_id", "event_id_cnty", "kind", "value", "low", "high", "qualifier",
    "reported_by", "quote", "quote_start", "quote_end", "coder_version",
]

ARTICLE_COLUMNS: list[str] = [
    "id", "published", "title", "text", "outlet", "url", "language", "fetched_at", "source_name",
    "source_scale", "ingest_date", "content_hash",
]

# The published articles table: article metadata (the text stays in the raw zone) and what became of it.
ARTICLE_TABLE_COLUMNS: list[str] = [
    "article_id", "published", "title", "outlet", "url", "language", "source_name", "source_scale",
    "ingest_date", "content_hash", "status", "events", "reason", "coder_version",
]

# One row per article and coding run: what became of it (the run's accounting).
ARTICLE_STATUS_COLUMNS: list[str] = ["article_id", "status", "events", "reason", "coder_version"]
ARTICLE_STATUSES: list[str] = ["coded", "no_event", "quarantined", "unsupported_language", "duplicate"]

QUARANTINE_COLUMNS: list[str] = [
    "stage",        # ingest | code | validate
    "article_id",   # empty when the input never became an article
    "origin",       # file path or URL the input came from
    "reason",       # why it was set aside (failed checks, parse error …)
    "payload",      # the offending row or record as JSON, so nothing is lost
    "quarantined_at",
]
