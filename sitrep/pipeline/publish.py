"""The publish stage: the coded batches → the published tables (sitrep.zones.tables_dir), merged into events with
stable ids. Coded rows that fail their model are quarantined (sitrep.validate.split_valid); then every table is
validated whole against its model (schemas.tables.PUBLISHED_TABLES) and written with the model's Parquet types.
A table is rewritten only when its bytes change, so a rerun writes nothing."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import EventSchema, FigureSchema
from schemas.columns import ARTICLE_COLUMNS, ARTICLE_TABLE_COLUMNS, QUARANTINE_COLUMNS
from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.faults import crash_point
from sitrep.ids import assign_stable_ids
from sitrep.merge import merge_mentions
from sitrep.pipeline.code import read_coded
from sitrep.pipeline.ingest import read_raw_articles, read_raw_quarantine
from sitrep.settings import Settings
from sitrep.store import atomic_write_bytes
from sitrep.validate import ValidationResult, split_valid, validate_table
from sitrep.zones import curated_dir, registry_dir, table_path, tables_dir

TABLES = tuple(PUBLISHED_TABLES)


@dataclass
class PublishResult:
    events: int = 0
    mentions: int = 0
    figures: int = 0
    articles: int = 0
    quarantined_rows: int = 0
    deleted_events: int = 0
    written: list[str] = field(default_factory=list)   # tables whose content changed and were rewritten


def _parquet_bytes(df: pd.DataFrame, schema: pa.Schema | None = None) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False), sink, compression="zstd")
    return sink.getvalue()


def write_table_if_changed(df: pd.DataFrame, path: Path, mode: int = 0o644, schema: pa.Schema | None = None) -> bool:
    """Write atomically unless the file already holds exactly these bytes; True when written. Either way the
    file ends with the published mode (a table written by an older build may be 0600). schema: the Parquet
    types (default: pyarrow's reading of the frame's dtypes)."""
    data = _parquet_bytes(df, schema)
    if path.exists() and hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
        return False
    atomic_write_bytes(path, data, mode=mode)
    return True


def publish_folder(folder: Path, mode: int) -> Path:
    """A published folder (tables, curated): created if need be, with the published mode."""
    folder.mkdir(parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != mode:
        folder.chmod(mode)
    return folder


def _article_table(settings: Settings, status: pd.DataFrame) -> pd.DataFrame:
    metadata = [c for c in ARTICLE_COLUMNS if c != "text"]
    raw = read_raw_articles(settings, columns=metadata).rename(columns={"id": "article_id"})
    merged = raw.merge(status, on="article_id", how="left")
    # Articles never coded say why: unsupported language, near-duplicate, or simply not coded yet.
    merged["status"] = merged["status"].fillna("not_coded")
    merged["events"] = merged["events"].fillna(0).astype("int64")
    merged["reason"] = merged["reason"].fillna("")
    merged["coder_version"] = merged["coder_version"].fillna("")
    return merged[ARTICLE_TABLE_COLUMNS].sort_values("article_id").reset_index(drop=True)


def _account_for_lost_articles(articles: pd.DataFrame, checked: ValidationResult) -> None:
    """An article all of whose event rows failed validation is accounted for as quarantined."""
    bad = checked.quarantine["article_id"].unique() if len(checked.quarantine) else []
    kept = set(checked.valid["article_id"])
    lost = [a for a in bad if a not in kept]
    if lost:
        mask = articles["article_id"].isin(lost)
        articles.loc[mask, "status"] = "quarantined"
        articles.loc[mask, "reason"] = "every event row failed validation"


def _quarantine_table(settings: Settings, articles: pd.DataFrame, stamp: str,
                      *checked: ValidationResult) -> pd.DataFrame:
    """Ingest's rejections, the rows validation set aside, and one row per article the coder failed on."""
    coder_errors = articles[(articles["status"] == "quarantined") & articles["reason"].str.startswith("coder error")]
    coder_quarantine = pd.DataFrame({
        "stage": "code", "article_id": coder_errors["article_id"], "origin": coder_errors["url"],
        "reason": coder_errors["reason"], "payload": "", "quarantined_at": stamp,
    }, columns=QUARANTINE_COLUMNS)
    parts = [read_raw_quarantine(settings), *(c.quarantine for c in checked), coder_quarantine]
    quarantine = pd.concat([df for df in parts if len(df)] or [pd.DataFrame(columns=QUARANTINE_COLUMNS)],
                           ignore_index=True)[QUARANTINE_COLUMNS]
    return quarantine.sort_values(["stage", "origin", "reason"]).reset_index(drop=True)


def assemble_tables(settings: Settings, now: int) -> dict[str, pd.DataFrame]:
    """Every published table, in TABLES order: validated, merged, with stable ids (the registry is saved)."""
    from sitrep.coding import CODER_VERSION

    mentions, figures, status = read_coded(settings, CODER_VERSION)
    articles = _article_table(settings, status)
    # Quarantine rows carry the newest ingest date, not the clock, so a rerun on the same input is identical.
    stamp = str(articles["ingest_date"].max()) if len(articles) else ""

    checked = split_valid(mentions, EventSchema, table="events", quarantined_at=stamp)
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    merged = merge_mentions(checked.valid, published=published)
    ids = assign_stable_ids(merged.events, merged.event_mentions, registry_dir(settings), now)
    crash_point("publish.registry_saved")

    # Figures point at their mention's provisional id; follow it to the published event id.
    final_id = dict(zip(ids.event_mentions["mention_id"], ids.event_mentions["event_id_cnty"], strict=False))
    figures = figures.copy()
    figures["event_id_cnty"] = figures["event_id_cnty"].map(lambda m: final_id.get(m, "") if m else "")
    checked_figures = split_valid(figures, FigureSchema, table="figures", quarantined_at=stamp)
    _account_for_lost_articles(articles, checked)
    return {
        "events": ids.events.sort_values("event_id_cnty").reset_index(drop=True),
        "figures": checked_figures.valid.sort_values("figure_id").reset_index(drop=True),
        "articles": articles,
        "quarantine": _quarantine_table(settings, articles, stamp, checked, checked_figures),
        "event_mentions": ids.event_mentions.sort_values(["event_id_cnty", "mention_id"]).reset_index(drop=True),
        "deleted_events": ids.deleted.reset_index(drop=True),
    }


def publish_stage(settings: Settings, *, now: int | None = None) -> PublishResult:
    """Validate the coded mentions, merge them into events with stable ids, and write the curated tables."""
    now = int(datetime.now(UTC).timestamp()) if now is None else now
    tables = assemble_tables(settings, now)
    result = PublishResult(events=len(tables["events"]), mentions=len(tables["event_mentions"]),
                           figures=len(tables["figures"]), articles=len(tables["articles"]),
                           quarantined_rows=len(tables["quarantine"]), deleted_events=len(tables["deleted_events"]))
    # Every table is checked against its model before any is written: a failing one stops the run, clearly.
    checked = {name: validate_table(df, PUBLISHED_TABLES[name], table=name) for name, df in tables.items()}
    publish_folder(curated_dir(settings), settings.publish_dir_mode)
    out = publish_folder(tables_dir(settings), settings.publish_dir_mode)
    for name, df in checked.items():
        if write_table_if_changed(df, table_path(out, name), settings.publish_file_mode,
                                  arrow_schema(PUBLISHED_TABLES[name])):
            result.written.append(name)
        crash_point(f"publish.table.{name}")
    return result
