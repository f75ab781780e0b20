"""One publish's work, proportional to what is new: the touched articles, the stored events their mentions
could join (sitrep.candidates), re-merged with them (sitrep.merge), numbered (sitrep.ids, touched events only),
and the partitions of every table that hold a touched row, rebuilt. A full publish (no stored tables to reuse)
is the same with nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from schemas import EventSchema, FigureSchema
from schemas.columns import (
    ARTICLE_TABLE_COLUMNS,
    EVENT_COLUMNS,
    EVENT_MENTION_COLUMNS,
    FIGURE_COLUMNS,
    QUARANTINE_COLUMNS,
)
from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.candidates import (
    INDEX_ORDER,
    MENTION_INDEX,
    MENTION_INDEX_COLUMNS,
    MENTION_INDEX_SCHEMA,
    NULLABLE_INTS,
    candidate_rows,
    empty_index,
    rows_of_articles,
)
from sitrep.faults import crash_point
from sitrep.ids import assign_stable_ids
from sitrep.merge import merge_mentions
from sitrep.pipeline.ingest import read_raw_quarantine
from sitrep.pipeline.publish_inputs import PublishInputs
from sitrep.settings import Settings
from sitrep.tables import WHOLE, Manifest, TableStore, year_key
from sitrep.validate import ValidationResult, split_valid, validate_table
from sitrep.zones import registry_dir


@dataclass
class Night:
    """The partitions this publish rebuilds: table → partition key → rows (every new or changed row validated)."""
    partitions: dict[str, dict[str, pa.Table]] = field(default_factory=dict)
    events_published: int = 0


@dataclass(frozen=True)
class Stored:
    """What is read of the stored tables (manifest None: a full publish, nothing is)."""
    store: TableStore
    manifest: Manifest | None

    def read(self, table: str, keys: set[str] | None = None, filter: ds.Expression | None = None,
             with_key: bool = False) -> pd.DataFrame:
        schema = MENTION_INDEX_SCHEMA if table == MENTION_INDEX else arrow_schema(PUBLISHED_TABLES[table])
        if self.manifest is None:
            empty = schema.empty_table().to_pandas()
            return empty.assign(_partition=pd.Series(dtype=str)) if with_key else empty
        if filter is not None and keys is None:
            # Which partitions hold a matching row, from one column; then whole rows from those only.
            probe = self.store.read_table(self.manifest, table, schema, columns=[schema.names[0]], filter=filter,
                                          with_key=True)
            keys = set(probe.column("_partition").to_pylist())
        return self.store.read_table(self.manifest, table, schema, keys=keys, filter=filter,
                                     with_key=with_key).to_pandas(types_mapper=NULLABLE_INTS.get)

    def schema(self, table: str) -> pa.Schema:
        return MENTION_INDEX_SCHEMA if table == MENTION_INDEX else arrow_schema(PUBLISHED_TABLES[table])

    def arrow(self, table: str, keys: set[str]) -> pa.Table:
        if self.manifest is None:
            return self.schema(table).empty_table()
        return self.store.read_table(self.manifest, table, self.schema(table), keys=keys)


def ingest_year(ingest_date: object) -> str:
    text = str(ingest_date or "")
    return year_key(text[:4]) if len(text) >= 4 and text[:4].isdigit() else year_key(None)


def rebuild(stored: Stored, table: str, keys: set[str], drop: Callable[[pa.Table], pa.ChunkedArray] | None,
            added: pd.DataFrame, key_of: pd.Series, sort_by: list[str]) -> dict[str, pa.Table]:
    """Partitions `keys` of a table: each one's stored rows but those `drop` marks, plus the `added` rows whose
    partition (`key_of`) it is, in `sort_by` order. Stored rows were validated when written and are kept as
    Arrow read them; only the added rows (validated by the caller) go through pandas."""
    schema = stored.schema(table)
    new = pa.Table.from_pandas(added, schema=schema, preserve_index=False) if len(added) else schema.empty_table()
    where = pa.array(key_of.astype(str).to_numpy(dtype=object), pa.string()) if len(added) else None
    out = {}
    for key in sorted(keys):
        base = stored.arrow(table, {key})
        if drop is not None and base.num_rows:
            base = base.filter(pc.invert(drop(base)))
        mine = new.filter(pc.equal(where, key)) if where is not None else new
        rows = pa.concat_tables([base.cast(schema), mine.cast(schema)])
        out[key] = rows.take(pc.sort_indices(rows, sort_keys=[(c, "ascending") for c in sort_by]))
    return out


def is_in(column: str, values: set[str]) -> Callable[[pa.Table], pa.ChunkedArray]:
    value_set = pa.array(sorted(values), pa.string())
    return lambda t: pc.is_in(t[column], value_set=value_set)


def either(*tests: Callable[[pa.Table], pa.ChunkedArray]) -> Callable[[pa.Table], pa.ChunkedArray]:
    def test(t: pa.Table) -> pa.ChunkedArray:
        result = tests[0](t)
        for other in tests[1:]:
            result = pc.or_(result, other(t))
        return result
    return test


def touched_articles(inputs: PublishInputs, stored: Stored) -> pd.DataFrame:
    """ARTICLE_TABLE_COLUMNS rows of the articles this publish touches: new in the raw zone, or newly coded."""
    raw = inputs.raw_articles.rename(columns={"id": "article_id"})
    recoded = set(inputs.status["article_id"]) - set(raw["article_id"])
    if recoded and stored.manifest is not None:
        old = stored.read("articles", filter=ds.field("article_id").isin(sorted(recoded)))
        raw = pd.concat([raw, old[[c for c in raw.columns if c in old.columns]]], ignore_index=True)
    merged = raw.merge(inputs.status, on="article_id", how="left", suffixes=("_old", ""))
    merged["status"] = merged["status"].fillna("not_coded")
    merged["events"] = merged["events"].fillna(0).astype("int64")
    merged["reason"] = merged["reason"].fillna("")
    merged["coder_version"] = merged["coder_version"].fillna("")
    return merged[ARTICLE_TABLE_COLUMNS].sort_values("article_id").reset_index(drop=True)


def assemble_night(settings: Settings, stored: Stored, inputs: PublishInputs, now: int) -> Night:
    """Every partition this publish rebuilds, from the new inputs and the stored rows they touch."""
    articles = touched_articles(inputs, stored)
    # Quarantine rows carry the newest ingest date of what they came in with, not the clock: a rerun is identical.
    stamp = str(articles["ingest_date"].max()) if len(articles) else ""
    checked = split_valid(inputs.mentions, EventSchema, table="events", quarantined_at=stamp)
    # Stored mentions to merge again: of the events a new mention could join, and of re-coded articles' events.
    recoded = set(inputs.status["article_id"])
    old_rows = empty_index()
    if stored.manifest is not None:
        old_rows = pd.concat([candidate_rows(stored.store, stored.manifest, checked.valid),
                              rows_of_articles(stored.store, stored.manifest,
                                               recoded - set(inputs.raw_articles["id"]))], ignore_index=True)
        old_rows = old_rows.drop_duplicates(["event", "article_id", "event_id_cnty"]).reset_index(drop=True)
    scope = set(old_rows["event"])
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    new_rows = checked.valid.assign(published=checked.valid["article_id"].map(published))
    kept_rows = old_rows[~old_rows["article_id"].isin(recoded)]
    merge_input = pd.concat([kept_rows[[*EVENT_COLUMNS, "published"]], new_rows], ignore_index=True)
    merged = merge_mentions(merge_input)
    ids = assign_stable_ids(merged.events, merged.event_mentions, registry_dir(settings), now,
                            scope=scope if stored.manifest is not None else None, frozen=_frozen(stored, scope),
                            coder_versions=set(inputs.status["coder_version"].dropna()))
    crash_point("publish.registry_saved")

    final = {(m, a): e for m, a, e in zip(ids.event_mentions["mention_id"], ids.event_mentions["article_id"],
                                          ids.event_mentions["event_id_cnty"], strict=True)}
    index_rows = merge_input.assign(event=[final.get((m, a)) for m, a in zip(
        merge_input["event_id_cnty"], merge_input["article_id"], strict=True)])[MENTION_INDEX_COLUMNS]
    night = Night()
    _mention_partitions(night, stored, old_rows, index_rows, scope, recoded)
    _event_partitions(night, stored, old_rows, ids.events, scope)
    checked_figures = _figure_partitions(night, stored, inputs, articles, old_rows, final, scope, stamp)
    _account_for_lost_articles(articles, checked)
    _article_partitions(night, stored, articles)
    _quarantine_partition(night, stored, settings, articles, stamp, recoded, checked, checked_figures)
    deleted = validate_table(ids.deleted.reset_index(drop=True), PUBLISHED_TABLES["deleted_events"],
                             table="deleted_events")
    night.partitions["deleted_events"] = {WHOLE: _arrow(deleted, "deleted_events")}
    return night


def _frozen(stored: Stored, scope: set[str]) -> Callable[[set[str]], set[str]]:
    """Which of some registry IDs are published events outside the scope (no touched event may take them):
    asked of the events table for those IDs only."""
    def published_elsewhere(rids: set[str]) -> set[str]:
        rids = rids - scope
        if not rids or stored.manifest is None:
            return set()
        found = stored.store.read_table(stored.manifest, "events", stored.schema("events"),
                                        columns=["event_id_cnty"],
                                        filter=ds.field("event_id_cnty").isin(sorted(rids)))
        return set(found.column("event_id_cnty").to_pylist())
    return published_elsewhere


def _mention_partitions(night: Night, stored: Stored, old_rows: pd.DataFrame, rows: pd.DataFrame,
                        scope: set[str], recoded: set[str]) -> None:
    """The mention index and event_mentions: every year holding a re-merged or new mention."""
    keys = {year_key(y) for y in pd.concat([old_rows["year"], rows["year"]])}
    drop = either(is_in("event", scope), is_in("article_id", recoded))
    index = rebuild(stored, MENTION_INDEX, keys, drop, rows, rows["year"].map(year_key), INDEX_ORDER)
    night.partitions[MENTION_INDEX] = index
    night.partitions["event_mentions"] = {key: mention_links(t) for key, t in index.items()}


def mention_links(index: pa.Table) -> pa.Table:
    """event_mentions rows of mention-index rows (sitrep.merge.mention_link, a column at a time)."""
    source = {"event_id_cnty": "event", "mention_id": "event_id_cnty", "outlet": "source"}
    links = pa.table({c: index[source.get(c, c)] for c in EVENT_MENTION_COLUMNS})
    links = links.cast(arrow_schema(PUBLISHED_TABLES["event_mentions"]))
    return links.take(pc.sort_indices(links, sort_keys=[("event_id_cnty", "ascending"), ("mention_id", "ascending")]))


def _event_partitions(night: Night, stored: Stored, old_rows: pd.DataFrame, events: pd.DataFrame,
                      scope: set[str]) -> None:
    # A stored event is dated by its first mention: its year is one of its members' years.
    keys = {year_key(y) for y in pd.concat([old_rows["year"], events["year"]])}
    events = validate_table(events, EventSchema, table="events")
    night.partitions["events"] = rebuild(stored, "events", keys, is_in("event_id_cnty", scope), events,
                                         events["year"].map(year_key), ["event_id_cnty"])


def _figure_partitions(night: Night, stored: Stored, inputs: PublishInputs, articles: pd.DataFrame,
                       old_rows: pd.DataFrame, final: dict, scope: set[str], stamp: str) -> ValidationResult:
    """Figures of the touched articles (replaced), and stored figures that point at a re-numbered event."""
    year_of = dict(zip(articles["article_id"], articles["ingest_date"].map(ingest_year), strict=True))
    figures = inputs.figures.copy()
    figures["event_id_cnty"] = [final.get((m, a), "") if m else "" for m, a in zip(
        figures["event_id_cnty"], figures["article_id"], strict=True)]
    checked = split_valid(figures, FigureSchema, table="figures", quarantined_at=stamp)
    recoded = set(inputs.status["article_id"])
    pointing = stored.read("figures", filter=ds.field("event_id_cnty").isin(sorted(scope)), with_key=True) \
        if scope else stored.read("figures", keys=set(), with_key=True)
    pointing = pointing[~pointing["article_id"].isin(recoded)]
    mention_of = {(e, a): m for e, a, m in zip(old_rows["event"], old_rows["article_id"], old_rows["event_id_cnty"],
                                               strict=True)}
    pointing = pointing.assign(event_id_cnty=[
        final.get((mention_of.get((e, a)), a), "") for e, a in zip(pointing["event_id_cnty"], pointing["article_id"],
                                                                     strict=True)])
    added = validate_table(pd.concat([checked.valid[FIGURE_COLUMNS], pointing[FIGURE_COLUMNS]], ignore_index=True),
                           FigureSchema, table="figures")
    key_of = pd.concat([checked.valid["article_id"].map(year_of), pointing["_partition"]], ignore_index=True)
    keys = set(key_of) | {year_of[a] for a in recoded if a in year_of}
    drop = either(is_in("article_id", recoded), is_in("figure_id", set(pointing["figure_id"])))
    night.partitions["figures"] = rebuild(stored, "figures", keys, drop, added, key_of, ["figure_id"])
    return checked


def _article_partitions(night: Night, stored: Stored, articles: pd.DataFrame) -> None:
    key_of = articles["ingest_date"].map(ingest_year)
    checked = validate_table(articles, PUBLISHED_TABLES["articles"], table="articles")
    night.partitions["articles"] = rebuild(stored, "articles", set(key_of), is_in("article_id", set(articles[
        "article_id"])), checked, key_of, ["article_id"])


def _account_for_lost_articles(articles: pd.DataFrame, checked: ValidationResult) -> None:
    """An article all of whose event rows failed validation is accounted for as quarantined."""
    bad = checked.quarantine["article_id"].unique() if len(checked.quarantine) else []
    kept = set(checked.valid["article_id"])
    lost = [a for a in bad if a not in kept]
    if lost:
        mask = articles["article_id"].isin(lost)
        articles.loc[mask, "status"] = "quarantined"
        articles.loc[mask, "reason"] = "every event row failed validation"


def _quarantine_partition(night: Night, stored: Stored, settings: Settings, articles: pd.DataFrame, stamp: str,
                          recoded: set[str], *checked: ValidationResult) -> None:
    """Ingest's rejections (read again: the raw zone's), the rows validation set aside and one row per article
    the coder failed on; the stored rows of articles not touched stay as they were."""
    coder_errors = articles[(articles["status"] == "quarantined") & articles["reason"].str.startswith("coder error")]
    coder_quarantine = pd.DataFrame({
        "stage": "code", "article_id": coder_errors["article_id"], "origin": coder_errors["url"],
        "reason": coder_errors["reason"], "payload": "", "quarantined_at": stamp,
    }, columns=QUARANTINE_COLUMNS)
    old = stored.read("quarantine")
    old = old[(old["stage"] != "ingest") & ~old["article_id"].isin(recoded)]
    parts = [read_raw_quarantine(settings), old, *(c.quarantine for c in checked), coder_quarantine]
    quarantine = pd.concat([df for df in parts if len(df)] or [pd.DataFrame(columns=QUARANTINE_COLUMNS)],
                           ignore_index=True)[QUARANTINE_COLUMNS]
    quarantine = validate_table(quarantine.sort_values(["stage", "origin", "reason"]).reset_index(drop=True),
                                PUBLISHED_TABLES["quarantine"], table="quarantine")
    night.partitions["quarantine"] = {WHOLE: _arrow(quarantine, "quarantine")}


def _arrow(frame: pd.DataFrame, table: str) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=arrow_schema(PUBLISHED_TABLES[table]), preserve_index=False)
