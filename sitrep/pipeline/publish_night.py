"""One publish's work, proportional to what is new: the touched articles, the stored events their mentions
could join (sitrep.candidates), re-merged with them (sitrep.merge), numbered (sitrep.ids, touched events only),
and the partitions of every table that hold a touched row, rebuilt. A full publish (no stored tables to reuse)
is the same with nothing stored."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
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
    MENTION_INDEX,
    MENTION_INDEX_COLUMNS,
    MENTION_INDEX_SCHEMA,
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
from sitrep.validate import ValidationResult, split_valid
from sitrep.zones import registry_dir


@dataclass
class Night:
    """The partitions this publish rebuilds: table → partition key → rows (not yet validated)."""
    partitions: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
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
        return self.store.read_table(self.manifest, table, schema, keys=keys, filter=filter,
                                     with_key=with_key).to_pandas()

    def keys(self, table: str) -> set[str]:
        return set(self.manifest.tables.get(table, {})) if self.manifest else set()


def ingest_year(ingest_date: object) -> str:
    text = str(ingest_date or "")
    return year_key(text[:4]) if len(text) >= 4 and text[:4].isdigit() else year_key(None)


def rebuild(base: pd.DataFrame, drop: pd.Series, added: pd.DataFrame, key_of: pd.Series, keys: set[str],
            columns: list[str]) -> dict[str, pd.DataFrame]:
    """Partitions `keys` of a table: the stored rows (`base`, with `_partition`) but those `drop` marks, plus
    `added`, whose partition is `key_of`."""
    kept = base.loc[~drop.to_numpy(), [*columns, "_partition"]] if len(base) else base
    out = {}
    for key in sorted(keys):
        parts = [kept.loc[kept["_partition"] == key, columns] if len(kept) else None,
                 added.loc[(key_of == key).to_numpy(), columns]]
        frames = [p for p in parts if p is not None and len(p)]
        out[key] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return out


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
    frozen = _published_ids(stored) - scope
    ids = assign_stable_ids(merged.events, merged.event_mentions, registry_dir(settings), now,
                            scope=scope if stored.manifest is not None else None, frozen=frozen)
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
    night.partitions["deleted_events"] = {WHOLE: ids.deleted.reset_index(drop=True)}
    return night


def _published_ids(stored: Stored) -> set[str]:
    if stored.manifest is None:
        return set()
    table = stored.store.read_table(stored.manifest, "events", arrow_schema(PUBLISHED_TABLES["events"]),
                                    columns=["event_id_cnty"])
    return set(table.column("event_id_cnty").to_pylist())


def _mention_partitions(night: Night, stored: Stored, old_rows: pd.DataFrame, rows: pd.DataFrame,
                        scope: set[str], recoded: set[str]) -> None:
    """The mention index and event_mentions: every year holding a re-merged or new mention."""
    keys = {year_key(y) for y in pd.concat([old_rows["year"], rows["year"]])}
    base = stored.read(MENTION_INDEX, keys=keys, with_key=True)
    drop = base["event"].isin(scope) | base["article_id"].isin(recoded)
    index = rebuild(base, drop, rows, rows["year"].map(year_key), keys, MENTION_INDEX_COLUMNS)
    night.partitions[MENTION_INDEX] = index
    night.partitions["event_mentions"] = {key: mention_links(frame) for key, frame in index.items()}


def mention_links(index: pd.DataFrame) -> pd.DataFrame:
    """event_mentions rows of mention-index rows (sitrep.merge.mention_link, a column at a time)."""
    links = pd.DataFrame({
        "event_id_cnty": index["event"], "mention_id": index["event_id_cnty"], "article_id": index["article_id"],
        "outlet": index["source"], "quote": index["quote"], "quote_start": index["quote_start"],
        "quote_end": index["quote_end"], "event_date": index["event_date"], "fatalities": index["fatalities"],
    }, columns=EVENT_MENTION_COLUMNS)
    return links.sort_values(["event_id_cnty", "mention_id"]).reset_index(drop=True)


def _event_partitions(night: Night, stored: Stored, old_rows: pd.DataFrame, events: pd.DataFrame,
                      scope: set[str]) -> None:
    # A stored event is dated by its first mention: its year is one of its members' years.
    keys = {year_key(y) for y in pd.concat([old_rows["year"], events["year"]])}
    base = stored.read("events", keys=keys, with_key=True)
    parts = rebuild(base, base["event_id_cnty"].isin(scope), events, events["year"].map(year_key), keys,
                    EVENT_COLUMNS)
    night.partitions["events"] = {k: f.sort_values("event_id_cnty").reset_index(drop=True) for k, f in parts.items()}


def _figure_partitions(night: Night, stored: Stored, inputs: PublishInputs, articles: pd.DataFrame,
                       old_rows: pd.DataFrame, final: dict, scope: set[str], stamp: str) -> ValidationResult:
    """Figures of the touched articles (replaced), and stored figures that point at a re-numbered event."""
    year_of = dict(zip(articles["article_id"], articles["ingest_date"].map(ingest_year), strict=True))
    figures = inputs.figures.copy()
    figures["event_id_cnty"] = [final.get((m, a), "") if m else "" for m, a in zip(
        figures["event_id_cnty"], figures["article_id"], strict=True)]
    checked = split_valid(figures, FigureSchema, table="figures", quarantined_at=stamp)
    pointing = stored.read("figures", filter=ds.field("event_id_cnty").isin(sorted(scope)), with_key=True) \
        if scope else stored.read("figures", keys=set(), with_key=True)
    mention_of = {(e, a): m for e, a, m in zip(old_rows["event"], old_rows["article_id"], old_rows["event_id_cnty"],
                                               strict=True)}
    recoded = set(inputs.status["article_id"])
    pointing = pointing[~pointing["article_id"].isin(recoded)]
    pointing = pointing.assign(event_id_cnty=[
        final.get((mention_of.get((e, a)), a), "") for e, a in zip(pointing["event_id_cnty"], pointing["article_id"],
                                                                     strict=True)])
    added = pd.concat([checked.valid[FIGURE_COLUMNS], pointing[FIGURE_COLUMNS]], ignore_index=True)
    key_of = pd.concat([checked.valid["article_id"].map(year_of), pointing["_partition"]], ignore_index=True)
    keys = set(key_of) | {year_of[a] for a in recoded if a in year_of}
    base = stored.read("figures", keys=keys, with_key=True)
    drop = base["article_id"].isin(recoded) | base["figure_id"].isin(set(pointing["figure_id"]))
    parts = rebuild(base, drop, added, key_of, keys, FIGURE_COLUMNS)
    night.partitions["figures"] = {k: f.sort_values("figure_id").reset_index(drop=True) for k, f in parts.items()}
    return checked


def _article_partitions(night: Night, stored: Stored, articles: pd.DataFrame) -> None:
    key_of = articles["ingest_date"].map(ingest_year)
    keys = set(key_of)
    base = stored.read("articles", keys=keys, with_key=True)
    parts = rebuild(base, base["article_id"].isin(set(articles["article_id"])), articles, key_of, keys,
                    ARTICLE_TABLE_COLUMNS)
    night.partitions["articles"] = {k: f.sort_values("article_id").reset_index(drop=True) for k, f in parts.items()}


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
    night.partitions["quarantine"] = {
        WHOLE: quarantine.sort_values(["stage", "origin", "reason"]).reset_index(drop=True)}
