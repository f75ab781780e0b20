"""Synthetic curated tables in the project's own schema (schemas/), fast enough for 10M events.

    write_curated_tables(curated_dir, n_events) -> dict[str, int]     rows written per table

Every value is a pure function of the row's index (a counter-based hash, no random stream), so any chunk can
be made on its own and a rerun writes the same rows. Rows are built with numpy and pyarrow compute (no Python
loop over rows) and written chunk by chunk as Parquet row groups, so memory stays at one chunk.

Layout of the history: realistic countries (sitrep/resources/countries.csv, a few dozen with most events),
25 years of dates (2001-2025, denser in later years); within a country ids rise with the date, as the id
registry issues them; the events table is ordered by country and id, as publish writes it. Every table holds
what the SQL tests assert (taxonomy, interactions, mentions for every event, figures pointing at events, ...),
so the suite passes on it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.acled import EVENT_TYPE_OF, INTER_CODES, SOURCE_SCALES, SUB_EVENT_TYPES, disorder_type_for, interaction_for
from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.settings import RESOURCES_DIR

CHUNK_ROWS = 1_000_000
FIRST_DAY = dt.date(2001, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days + 1
HISTORY_TIMESTAMP_LAG_S = 2 * 86_400   # an event's timestamp: two days after its date (when it was published)
# The countries with most events (the rest of countries.csv shares a small remainder).
HOT_COUNTRIES = ["Ukraine", "Syria", "Mexico", "Brazil", "India", "Nigeria", "Myanmar", "Pakistan", "Yemen",
                 "Sudan", "Somalia", "Colombia", "Iraq", "Burkina Faso", "Mali", "Afghanistan", "Russia",
                 "Ethiopia", "Cameroon", "Philippines", "Kenya", "Niger", "Mozambique", "Israel", "Lebanon"]
ACTORS = [(f"{name} {k}", inter) for inter in INTER_CODES.values()
          for k, name in enumerate(["Group", "Forces", "Front", "Movement", "Unit"], start=1)]
OUTLETS = [f"Outlet {k}" for k in range(40)]
ADMIN1_PER_COUNTRY = 20
LOCATIONS_PER_COUNTRY = 500


def _hash(index: np.ndarray, salt: int) -> np.ndarray:
    """A uint64 hash of each index (splitmix64): the per-row randomness."""
    z = index.astype(np.uint64) + np.uint64((salt * 0x9E3779B97F4A7C15) % (1 << 64))
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _uniform(index: np.ndarray, salt: int) -> np.ndarray:
    return (_hash(index, salt) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _pick(index: np.ndarray, salt: int, weights: np.ndarray) -> np.ndarray:
    """An index into weights per row, drawn with those weights."""
    cumulative = np.cumsum(weights) / weights.sum()
    return np.minimum(np.searchsorted(cumulative, _uniform(index, salt), side="right"), len(weights) - 1)


def _strings(values: list[str], codes: np.ndarray) -> pa.Array:
    return pa.array(values, pa.string()).take(pa.array(codes))


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _numbered(prefix: pa.Array | str, numbers: np.ndarray) -> pa.Array:
    return _join(prefix, pc.cast(pa.array(numbers), pa.string()))


class History:
    """How n_events spread over countries and dates; row i of the events table is a function of i."""

    def __init__(self, n_events: int) -> None:
        with open(RESOURCES_DIR / "countries.csv", encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if r["region"] and not r["region"].isdigit()]
        rows = [r for r in rows if r["region"] != "Antarctica"]
        rows.sort(key=lambda r: r["iso3"])
        hot = {name: rank for rank, name in enumerate(HOT_COUNTRIES)}
        weights = np.array([1.0 / (1 + hot[r["country"]]) if r["country"] in hot else 0.002 for r in rows])
        counts = np.floor(weights / weights.sum() * n_events).astype(np.int64)
        counts[int(np.argmax(weights))] += n_events - counts.sum()
        self.n_events = n_events
        self.names = [r["country"] for r in rows]
        self.iso3 = [r["iso3"] for r in rows]
        self.iso = np.array([int(r["iso"]) for r in rows], dtype=np.int64)
        self.region = [r["region"] for r in rows]
        self.counts = counts
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]])

    def country_of(self, index: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.starts + self.counts, index, side="right")

    def day_of(self, index: np.ndarray, country: np.ndarray) -> np.ndarray:
        """Days since FIRST_DAY; rises with the row within a country, denser towards the end of the history."""
        position = (index - self.starts[country] + _uniform(index, 1)) / self.counts[country]
        return np.minimum((np.sqrt(position) * DAYS).astype(np.int64), DAYS - 1)

    def article_of(self, index: np.ndarray) -> np.ndarray:
        """Consecutive events share articles: three events in two articles."""
        return index * 2 // 3

    @property
    def n_articles(self) -> int:
        return int(self.article_of(np.array([self.n_events - 1]))[0]) + 1


def _dates(days: np.ndarray) -> pa.Array:
    epoch_day = (FIRST_DAY - dt.date(1970, 1, 1)).days
    return pa.array((days + epoch_day).astype(np.int32), pa.date32())


def event_ids(history: History, index: np.ndarray) -> pa.Array:
    country = history.country_of(index)
    return _numbered(_strings(history.iso3, country), index - history.starts[country] + 1)


def events_chunk(history: History, index: np.ndarray) -> pa.Table:
    country = history.country_of(index)
    days = history.day_of(index, country)
    dates = _dates(days)
    sub_types = np.array(SUB_EVENT_TYPES)
    sub = _pick(index, 2, np.array([3.0 if "Peaceful" in s or "Armed clash" in s or "Shelling" in s else 1.0
                                    for s in SUB_EVENT_TYPES]))
    event_type = [EVENT_TYPE_OF[s] for s in SUB_EVENT_TYPES]
    disorder = [disorder_type_for(EVENT_TYPE_OF[s], s) for s in SUB_EVENT_TYPES]
    actor_names = [a for a, _ in ACTORS]
    inter_names = list(INTER_CODES.values())
    actor_inter = np.array([inter_names.index(i) for _, i in ACTORS])
    actor1 = (_hash(index, 3) % np.uint64(len(ACTORS))).astype(np.int64)
    has_actor2 = _uniform(index, 4) < 0.7
    actor2 = (_hash(index, 5) % np.uint64(len(ACTORS))).astype(np.int64)
    inter2_names = [*inter_names, ""]
    inter2 = np.where(has_actor2, actor_inter[actor2], len(inter_names))
    interactions = [interaction_for(a, b or None) for a in inter_names for b in inter2_names]
    fatalities = np.where(_uniform(index, 6) < 0.6, 0, (_hash(index, 7) % np.uint64(12)).astype(np.int64))
    has_range = _uniform(index, 8) < 0.2
    admin1 = country * ADMIN1_PER_COUNTRY + (_hash(index, 9) % np.uint64(ADMIN1_PER_COUNTRY)).astype(np.int64)
    location = (_hash(index, 10) % np.uint64(LOCATIONS_PER_COUNTRY)).astype(np.int64)
    location_names = _numbered("Town ", location)
    admin1_names = [f"{name} Province {k}" for name in history.names for k in range(ADMIN1_PER_COUNTRY)]
    sub_names = _strings(list(sub_types), sub)
    is_vac = np.array([event_type[s] == "Violence against civilians" for s in range(len(SUB_EVENT_TYPES))])[sub]
    epoch_s = (days + (FIRST_DAY - dt.date(1970, 1, 1)).days) * 86_400 + HISTORY_TIMESTAMP_LAG_S
    quote_start = (_hash(index, 11) % np.uint64(2000)).astype(np.int64)
    columns = {
        "event_id_cnty": event_ids(history, index),
        "event_date": dates,
        "year": pc.cast(pc.year(dates), pa.int64()),
        "time_precision": pa.array(1 + _pick(index, 12, np.array([8.0, 1.5, 0.5])), pa.int64()),
        "disorder_type": _strings(disorder, sub),
        "event_type": _strings(event_type, sub),
        "sub_event_type": sub_names,
        "actor1": _strings(actor_names, actor1),
        "assoc_actor_1": _strings(["", "Civilians (International)"], (_uniform(index, 13) < 0.1).astype(int)),
        "inter1": _strings(inter_names, actor_inter[actor1]),
        "actor2": _strings([*actor_names, ""], np.where(has_actor2, actor2, len(ACTORS))),
        "assoc_actor_2": _strings([""], np.zeros(len(index), dtype=int)),
        "inter2": _strings(inter2_names, inter2),
        "interaction": _strings(interactions, actor_inter[actor1] * len(inter2_names) + inter2),
        "civilian_targeting": _strings(["", "Civilian targeting"], is_vac.astype(int)),
        "iso": pa.array(history.iso[country]),
        "region": _strings(history.region, country),
        "country": _strings(history.names, country),
        "admin1": _strings(admin1_names, admin1),
        "admin2": _numbered("District ", (_hash(index, 14) % np.uint64(60)).astype(np.int64)),
        "admin3": _strings([""], np.zeros(len(index), dtype=int)),
        "location": location_names,
        "latitude": pa.array(np.round(_uniform(index, 15) * 120 - 60, 4)),
        "longitude": pa.array(np.round(_uniform(index, 16) * 340 - 170, 4)),
        "geo_precision": pa.array(1 + _pick(index, 17, np.array([6.0, 3.0, 1.0])), pa.int64()),
        "source": _strings(OUTLETS, (_hash(index, 18) % np.uint64(len(OUTLETS))).astype(np.int64)),
        "source_scale": _strings(SOURCE_SCALES, (_hash(index, 19) % np.uint64(len(SOURCE_SCALES))).astype(np.int64)),
        "notes": _join(sub_names, " in ", location_names, " reported by the article ",
                       _numbered("a", history.article_of(index))),
        "fatalities": pa.array(fatalities),
        "tags": _strings(["", "crowd size=no report"], (_uniform(index, 20) < 0.05).astype(int)),
        "timestamp": pa.array(epoch_s),
        "article_id": _numbered("a", history.article_of(index)),
        "quote": _join("Reported: ", sub_names, " near ", location_names),
        "quote_start": pa.array(quote_start),
        "quote_end": pa.array(quote_start + 80),
        "date_text": _strings(["", "on Monday", "yesterday"], _pick(index, 21, np.array([6.0, 2.0, 2.0]))),
        "place_text": _join("near ", location_names),
        "fatalities_low": pa.array(np.where(has_range, fatalities, 0), mask=~has_range),
        "fatalities_high": pa.array(np.where(has_range, fatalities + 3, 0), mask=~has_range),
        "confidence": pa.array(np.round(0.5 + _uniform(index, 22) / 2, 3)),
        "coder_version": _strings(["bench-1"], np.zeros(len(index), dtype=int)),
    }
    return pa.table(columns, schema=arrow_schema(PUBLISHED_TABLES["events"]))


def mentions_chunk(history: History, index: np.ndarray) -> pa.Table:
    """One mention per event, and a second one (from the next article) for every fifth event."""
    second = index[index % 5 == 0]
    events = np.concatenate([index, second])
    articles = np.concatenate([history.article_of(index), history.article_of(second) + 1])
    articles = np.minimum(articles, history.n_articles - 1)
    country = history.country_of(events)
    is_second = (np.arange(len(events)) >= len(index)).astype(int)
    mention_ids = _join(_numbered("m", events), _strings(["", "b"], is_second))
    columns = {
        "event_id_cnty": event_ids(history, events),
        "mention_id": mention_ids,
        "article_id": _numbered("a", articles),
        "outlet": _strings(OUTLETS, (articles % len(OUTLETS)).astype(np.int64)),
        "quote": _strings(["Reported in the article"], np.zeros(len(events), dtype=int)),
        "quote_start": pa.array(np.zeros(len(events), dtype=np.int64)),
        "quote_end": pa.array(np.full(len(events), 80, dtype=np.int64)),
        "event_date": _dates(history.day_of(events, country)),
        "fatalities": pa.array(np.where(_uniform(events, 6) < 0.6, 0,
                                        (_hash(events, 7) % np.uint64(12)).astype(np.int64))),
    }
    return pa.table(columns, schema=arrow_schema(PUBLISHED_TABLES["event_mentions"]))


def figures_chunk(history: History, index: np.ndarray) -> pa.Table:
    """A figure for every third event; every thirtieth is an article's figure not tied to an event."""
    rows = index[index % 3 == 0]
    tied = rows % 30 != 0
    ids = event_ids(history, rows)
    columns = {
        "figure_id": _numbered("f", rows),
        "article_id": _numbered("a", history.article_of(rows)),
        "event_id_cnty": pc.if_else(pa.array(tied), ids, pa.nulls(len(rows), pa.string())),
        "kind": _strings(["killed", "injured", "displaced"], (rows % 3).astype(np.int64)),
        "value": pa.array((_hash(rows, 30) % np.uint64(50)).astype(np.float64)),
        "low": pa.nulls(len(rows), pa.float64()),
        "high": pa.nulls(len(rows), pa.float64()),
        "qualifier": _strings(["", "at least"], (rows % 2).astype(np.int64)),
        "reported_by": _strings(["", "officials"], (rows % 2).astype(np.int64)),
        "quote": _strings(["Reported figure"], np.zeros(len(rows), dtype=int)),
        "quote_start": pa.array(np.zeros(len(rows), dtype=np.int64)),
        "quote_end": pa.array(np.full(len(rows), 20, dtype=np.int64)),
        "coder_version": _strings(["bench-1"], np.zeros(len(rows), dtype=int)),
    }
    return pa.table(columns, schema=arrow_schema(PUBLISHED_TABLES["figures"]))


def articles_chunk(history: History, articles: np.ndarray) -> pa.Table:
    """The articles of events (status coded); article k's first event is ceil(3k/2)."""
    first_event = (3 * articles + 1) // 2
    next_first = (3 * (articles + 1) + 1) // 2
    events = np.minimum(next_first, history.n_events) - first_event
    days = history.day_of(first_event, history.country_of(first_event))
    published = pc.strftime(pc.cast(_dates(days), pa.timestamp("s")), "%Y-%m-%d")
    ingested = pc.strftime(pc.cast(_dates(days + 1), pa.timestamp("s")), "%Y-%m-%d")
    n = len(articles)
    columns = {
        "article_id": _numbered("a", articles),
        "published": published,
        "title": _numbered("Report ", articles),
        "outlet": _strings(OUTLETS, (articles % len(OUTLETS)).astype(np.int64)),
        "url": _numbered("https://news.example.org/a/", articles),
        "language": _strings(["en"], np.zeros(n, dtype=int)),
        "source_name": _strings(["bench"], np.zeros(n, dtype=int)),
        "source_scale": _strings(["National"], np.zeros(n, dtype=int)),
        "ingest_date": ingested,
        "content_hash": _numbered("h", articles),
        "status": _strings(["coded"], np.zeros(n, dtype=int)),
        "events": pa.array(events),
        "reason": _strings([""], np.zeros(n, dtype=int)),
        "coder_version": _strings(["bench-1"], np.zeros(n, dtype=int)),
    }
    return pa.table(columns, schema=arrow_schema(PUBLISHED_TABLES["articles"]))


def small_tables(history: History, rows: int = 1000) -> dict[str, pa.Table]:
    """Quarantine rows and tombstones (ids never live: prefix XXX)."""
    k = np.arange(rows)
    quarantine = {
        "stage": _strings(["validate"], np.zeros(rows, dtype=int)),
        "article_id": _numbered("a", k * 97 % history.n_articles),
        "origin": _strings(["events"], np.zeros(rows, dtype=int)),
        "reason": _strings(["location: empty"], np.zeros(rows, dtype=int)),
        "payload": _strings(["{}"], np.zeros(rows, dtype=int)),
        "quarantined_at": _strings(["2025-06-01T02:00:00+00:00"], np.zeros(rows, dtype=int)),
    }
    deleted = {"event_id_cnty": _numbered("XXX", k + 1), "deleted_at": pa.array(np.full(rows, 1_700_000_000)),
               "reason": _strings(["merged"], np.zeros(rows, dtype=int))}
    return {"quarantine": pa.table(quarantine, schema=arrow_schema(PUBLISHED_TABLES["quarantine"])),
            "deleted_events": pa.table(deleted, schema=arrow_schema(PUBLISHED_TABLES["deleted_events"]))}


def _ranges(total: int, size: int) -> Iterator[np.ndarray]:
    for start in range(0, total, size):
        yield np.arange(start, min(start + size, total), dtype=np.int64)


def _write(path: Path, name: str, chunks: Iterator[pa.Table]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.bench.tmp")
    rows = 0
    with pq.ParquetWriter(tmp, arrow_schema(PUBLISHED_TABLES[name]), compression="zstd") as writer:
        for chunk in chunks:
            writer.write_table(chunk, row_group_size=CHUNK_ROWS)
            rows += chunk.num_rows
    tmp.replace(path)
    return rows


def write_curated_tables(table_path: Callable[[str], Path], n_events: int) -> dict[str, int]:
    """Write the six published tables for a history of n_events; table_path(name) says where each goes."""
    history = History(n_events)
    n_articles = history.n_articles
    no_event = np.arange(n_articles, n_articles + n_articles // 20, dtype=np.int64)

    def articles() -> Iterator[pa.Table]:
        for chunk in _ranges(n_articles, CHUNK_ROWS):
            yield articles_chunk(history, chunk)
        extra = articles_chunk(history, no_event - n_articles)  # dates of early articles, then made no_event
        extra = extra.set_column(0, "article_id", _numbered("a", no_event))
        yield extra.set_column(extra.schema.get_field_index("status"), "status",
                               _strings(["no_event"], np.zeros(len(no_event), dtype=int))) \
                   .set_column(extra.schema.get_field_index("events"), "events",
                               pa.array(np.zeros(len(no_event), dtype=np.int64)))

    written = {
        "events": _write(table_path("events"), "events",
                         (events_chunk(history, c) for c in _ranges(n_events, CHUNK_ROWS))),
        "event_mentions": _write(table_path("event_mentions"), "event_mentions",
                                 (mentions_chunk(history, c) for c in _ranges(n_events, CHUNK_ROWS))),
        "figures": _write(table_path("figures"), "figures",
                          (figures_chunk(history, c) for c in _ranges(n_events, CHUNK_ROWS))),
        "articles": _write(table_path("articles"), "articles", articles()),
    }
    for name, table in small_tables(history).items():
        written[name] = _write(table_path(name), name, iter([table]))
    return written
