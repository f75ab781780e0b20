"""The stages of a run as plain functions: ingest → code → publish → models → snapshot (sitrep.snapshot_stage).

Each stage reads what the previous one wrote to disk, so any stage can be rerun alone, and a rerun on the same
input writes nothing new. Prefect (flows/) only wires these together.

Zones under Settings.data_dir:
    raw/articles/ingest_date=…/part-….parquet     immutable article records (sitrep.ingest)
    raw/quarantine/…                               inputs that never became articles, with the reason
    curated/coded/<coder_version>/{mentions,figures,status}/batch-NNNNNN.parquet
                                                   coder output per article; the newest batch of an article wins
    curated/tables/{events,figures,articles,quarantine,event_mentions,deleted_events}.parquet
                                                   the published tables (validated, merged, stable ids)
    curated/sitrep.duckdb                          views over the tables, rebuilt from sql/
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.columns import (
    ARTICLE_COLUMNS,
    ARTICLE_STATUS_COLUMNS,
    EVENT_COLUMNS,
    FIGURE_COLUMNS,
    QUARANTINE_COLUMNS,
)
from sitrep.faults import crash_point
from sitrep.settings import Settings
from sitrep.store import atomic_write_bytes, atomic_write_parquet

log = logging.getLogger(__name__)

TABLES = ("events", "figures", "articles", "quarantine", "event_mentions", "deleted_events")

# Article metadata published in the curated articles table (the text stays in the raw zone).
ARTICLE_TABLE_COLUMNS = [
    "article_id", "published", "title", "outlet", "url", "language", "source_name", "source_scale",
    "ingest_date", "content_hash", "status", "events", "reason", "coder_version",
]


# ───────────────────────────────────────────── code ──

@dataclass
class CodeResult:
    coded: int = 0            # articles with at least one event
    no_event: int = 0         # articles read and found to report no event
    failed: int = 0           # articles the coder could not handle (quarantined with the error)
    skipped: int = 0          # already coded by this coder version
    not_coded: int = 0        # unsupported language or near-duplicate: kept raw, not coded
    mentions: int = 0
    figures: int = 0
    article_ids: list[str] = field(default_factory=list)


def coded_dir(settings: Settings, coder_version: str) -> Path:
    return settings.curated_dir / "coded" / coder_version


def _next_batch_name(folder: Path) -> str:
    numbers = [int(m.group(1)) for p in folder.glob("status/batch-*.parquet")
               if (m := re.match(r"batch-(\d+)", p.name))]
    return f"batch-{(max(numbers) + 1 if numbers else 1):06d}.parquet"


def read_coded(settings: Settings, coder_version: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Mentions, figures and statuses of the current coder version; an article's newest batch wins."""
    base = coded_dir(settings, coder_version)
    frames = {}
    for part, columns in (("mentions", EVENT_COLUMNS), ("figures", FIGURE_COLUMNS),
                          ("status", ARTICLE_STATUS_COLUMNS)):
        pieces = []
        for path in sorted((base / part).glob("batch-*.parquet")):
            df = pq.read_table(path).to_pandas()
            df["_batch"] = path.name
            pieces.append(df)
        frames[part] = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=[*columns, "_batch"])
    status = frames["status"]
    latest = status.groupby("article_id")["_batch"].max() if len(status) else pd.Series(dtype=str)

    def newest(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        if df.empty:
            return pd.DataFrame(columns=columns)
        keep = df["_batch"].to_numpy() == df["article_id"].map(latest).to_numpy()
        return df.loc[keep, columns].reset_index(drop=True)

    return (newest(frames["mentions"], EVENT_COLUMNS), newest(frames["figures"], FIGURE_COLUMNS),
            newest(status, ARTICLE_STATUS_COLUMNS))


def _not_coded_ids(settings: Settings, articles: pd.DataFrame) -> set[str]:
    """Articles kept in the raw zone but not coded: unsupported language, or a near-duplicate of another
    (sitrep.language.is_codable, the rule ingest counts by too)."""
    from sitrep.language import is_codable

    try:
        from sitrep.near_duplicates import duplicate_ids
    except ImportError:  # near-duplicate detection not installed in this build
        copies: set[str] = set()
    else:
        copies = duplicate_ids(settings)
    return {row["id"] for row in articles[["id", "language"]].to_dict("records")
            if not is_codable(row, settings, copies)}


def code_stage(settings: Settings, *, since: date | None = None, until: date | None = None, force: bool = False,
               progress: Callable[[int, int], None] | None = None) -> CodeResult:
    """Code the raw-zone articles this coder version has not coded yet; with force, re-code them all.
    since/until (inclusive) limit either to articles published in that window.

    Every step of one article (coding, checking its rows can be written) runs inside its guard: whatever it
    raises quarantines that article with the reason, and the batch goes on."""
    from sitrep.code_guards import check_writable, in_window
    from sitrep.coding import CODER_VERSION, code_article
    from sitrep.ingest import read_raw_articles

    result = CodeResult()
    # Metadata first: what to code is decided without reading every text of the raw zone.
    articles = read_raw_articles(settings, columns=[c for c in ARTICLE_COLUMNS if c != "text"])
    if articles.empty:
        return result
    _, _, status = read_coded(settings, CODER_VERSION)
    done = set(status["article_id"])
    not_coded = _not_coded_ids(settings, articles)
    if since is not None or until is not None:
        articles = in_window(articles, since, until)
    todo = articles if force else articles[~articles["id"].isin(done)]
    result.skipped = len(articles) - len(todo)
    texts = read_raw_articles(settings, ids=set(todo["id"]) - not_coded, columns=["id", "text"])
    todo = todo.merge(texts, on="id", how="left").sort_values("id")
    mentions: list[dict] = []
    figures: list[dict] = []
    statuses: list[dict] = []
    for i, article in enumerate(todo.to_dict("records"), start=1):
        if article["id"] in not_coded:
            result.not_coded += 1
            continue
        try:
            coded = code_article(article)
            check_writable(coded)
        except Exception as exc:  # one bad article must not stop the run; it is quarantined with the error
            log.exception("coder failed on article %s", article["id"])
            statuses.append({"article_id": article["id"], "status": "quarantined", "events": 0,
                             "reason": f"coder error: {type(exc).__name__}: {exc}"[:2000],
                             "coder_version": CODER_VERSION})
            result.failed += 1
            continue
        mentions.extend(coded.events)
        figures.extend(coded.figures)
        statuses.append({"article_id": article["id"], "status": coded.status, "events": len(coded.events),
                         "reason": "", "coder_version": CODER_VERSION})
        result.coded += coded.status == "coded"
        result.no_event += coded.status == "no_event"
        result.article_ids.append(article["id"])
        if progress:
            progress(i, len(todo))
    if statuses:
        base = coded_dir(settings, CODER_VERSION)
        batch = _next_batch_name(base)
        # status last: a batch counts only once its status file exists, so a crash leaves no half batch.
        atomic_write_parquet(pd.DataFrame(mentions, columns=EVENT_COLUMNS), base / "mentions" / batch)
        atomic_write_parquet(pd.DataFrame(figures, columns=FIGURE_COLUMNS), base / "figures" / batch)
        atomic_write_parquet(pd.DataFrame(statuses, columns=ARTICLE_STATUS_COLUMNS), base / "status" / batch)
    result.mentions, result.figures = len(mentions), len(figures)
    return result


# ──────────────────────────────────────────── publish ──

@dataclass
class PublishResult:
    events: int = 0
    mentions: int = 0
    figures: int = 0
    articles: int = 0
    quarantined_rows: int = 0
    deleted_events: int = 0
    written: list[str] = field(default_factory=list)   # tables whose content changed and were rewritten


def tables_dir(settings: Settings) -> Path:
    return settings.curated_dir / "tables"


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), sink, compression="zstd")
    return sink.getvalue()


def write_table_if_changed(df: pd.DataFrame, path: Path, mode: int = 0o644) -> bool:
    """Write atomically unless the file already holds exactly these bytes; True when written. Either way the
    file ends with the published mode (a table written by an older build may be 0600)."""
    data = _parquet_bytes(df)
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
    from sitrep.ingest import read_raw_articles

    metadata = [c for c in ARTICLE_COLUMNS if c != "text"]
    raw = read_raw_articles(settings, columns=metadata).rename(columns={"id": "article_id"})
    merged = raw.merge(status, on="article_id", how="left")
    # Articles never coded say why: unsupported language, near-duplicate, or simply not coded yet.
    merged["status"] = merged["status"].fillna("not_coded")
    merged["events"] = merged["events"].fillna(0).astype("int64")
    merged["reason"] = merged["reason"].fillna("")
    merged["coder_version"] = merged["coder_version"].fillna("")
    return merged[ARTICLE_TABLE_COLUMNS].sort_values("article_id").reset_index(drop=True)


def publish_stage(settings: Settings, *, now: int | None = None) -> PublishResult:
    """Validate the coded mentions, merge them into events with stable ids, and write the curated tables."""
    from schemas import EventSchema, FigureSchema
    from sitrep.coding import CODER_VERSION
    from sitrep.ids import assign_stable_ids
    from sitrep.ingest import read_raw_quarantine
    from sitrep.merge import merge_mentions
    from sitrep.validate import split_valid

    now = int(datetime.now(UTC).timestamp()) if now is None else now
    mentions, figures, status = read_coded(settings, CODER_VERSION)
    articles = _article_table(settings, status)
    # Quarantine rows carry the newest ingest date, not the clock, so a rerun on the same input is identical.
    stamp = str(articles["ingest_date"].max()) if len(articles) else ""

    checked = split_valid(mentions, EventSchema, table="events", quarantined_at=stamp)
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    merged = merge_mentions(checked.valid, published=published)
    ids = assign_stable_ids(merged.events, merged.event_mentions, settings.curated_dir / "registry", now)
    crash_point("publish.registry_saved")

    # Figures point at their mention's provisional id; follow it to the published event id.
    final_id = dict(zip(ids.event_mentions["mention_id"], ids.event_mentions["event_id_cnty"], strict=True))
    figures = figures.copy()
    figures["event_id_cnty"] = figures["event_id_cnty"].map(lambda m: final_id.get(m, "") if m else "")
    checked_figures = split_valid(figures, FigureSchema, table="figures", quarantined_at=stamp)

    # An article all of whose event rows failed validation is accounted for as quarantined.
    bad = checked.quarantine["article_id"].unique() if len(checked.quarantine) else []
    kept = set(checked.valid["article_id"])
    lost = [a for a in bad if a not in kept]
    if lost:
        mask = articles["article_id"].isin(lost)
        articles.loc[mask, "status"] = "quarantined"
        articles.loc[mask, "reason"] = "every event row failed validation"
    coder_errors = articles[(articles["status"] == "quarantined") & articles["reason"].str.startswith("coder error")]
    coder_quarantine = pd.DataFrame({
        "stage": "code", "article_id": coder_errors["article_id"], "origin": coder_errors["url"],
        "reason": coder_errors["reason"], "payload": "", "quarantined_at": stamp,
    }, columns=QUARANTINE_COLUMNS)
    quarantine = pd.concat([df for df in (read_raw_quarantine(settings), checked.quarantine,
                                          checked_figures.quarantine, coder_quarantine) if len(df)]
                           or [pd.DataFrame(columns=QUARANTINE_COLUMNS)], ignore_index=True)[QUARANTINE_COLUMNS]

    out = tables_dir(settings)
    tables = {
        "events": ids.events.sort_values("event_id_cnty").reset_index(drop=True),
        "figures": checked_figures.valid.sort_values("figure_id").reset_index(drop=True),
        "articles": articles,
        "quarantine": quarantine.sort_values(["stage", "origin", "reason"]).reset_index(drop=True),
        "event_mentions": ids.event_mentions.sort_values(["event_id_cnty", "mention_id"]).reset_index(drop=True),
        "deleted_events": ids.deleted.reset_index(drop=True),
    }
    result = PublishResult(events=len(tables["events"]), mentions=len(tables["event_mentions"]),
                           figures=len(tables["figures"]), articles=len(articles),
                           quarantined_rows=len(quarantine), deleted_events=len(tables["deleted_events"]))
    publish_folder(settings.curated_dir, settings.publish_dir_mode)
    publish_folder(out, settings.publish_dir_mode)
    for name, df in tables.items():
        if write_table_if_changed(df, out / f"{name}.parquet", settings.publish_file_mode):
            result.written.append(name)
        crash_point(f"publish.table.{name}")
    return result


# ───────────────────────────────────────────── models ──

@dataclass
class ModelsResult:
    models: list[str]
    failed_tests: dict[str, int]     # sql test name → failing rows


def models_stage(settings: Settings) -> ModelsResult:
    """Rebuild the DuckDB views from sql/ and run the assertion queries in sql/tests/."""
    from sitrep.models import build_models, run_sql_tests

    models = build_models(settings.curated_dir, settings.sql_dir, settings.duckdb_path,
                          file_mode=settings.publish_file_mode)
    tests = run_sql_tests(settings.duckdb_path, settings.sql_dir)
    return ModelsResult(models=models, failed_tests={t.name: t.failing_rows for t in tests if t.failing_rows})


# ───────────────────────────────────────────── summary ──

@dataclass
class RunSummary:
    """What became of every article that entered the run."""

    seen: int
    new: int
    duplicates: int
    rejected: int
    newly_quarantined: int
    near_duplicates: int
    unsupported_language: int
    coded: int
    no_event: int
    failed: int
    not_coded: int
    events: int
    mentions: int
    figures: int
    quarantined_rows: int
    tables_written: list[str]
    source_errors: list[str]
    sql_test_failures: dict[str, int]
    snapshot: str = ""                  # what the snapshot stage did (published vX, or why not)

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("items seen", str(self.seen)),
            ("new articles", str(self.new)),
            ("already known (duplicates)", str(self.duplicates)),
            ("inputs rejected at ingest", str(self.rejected)),
            ("  of them newly quarantined", str(self.newly_quarantined)),
            ("new, unsupported language (kept raw)", str(self.unsupported_language)),
            ("new, near-duplicates (kept raw, linked)", str(self.near_duplicates)),
            ("coded with events", str(self.coded)),
            ("coded, no event", str(self.no_event)),
            ("coder failures (quarantined)", str(self.failed)),
            ("kept raw, not coded (language / near-duplicate)", str(self.not_coded)),
            ("events in the curated table", str(self.events)),
            ("event mentions", str(self.mentions)),
            ("reported figures", str(self.figures)),
            ("quarantine rows in total", str(self.quarantined_rows)),
            ("tables rewritten", ", ".join(self.tables_written) or "none (no change)"),
            ("source errors", "; ".join(self.source_errors) or "none"),
            ("failed SQL tests", ", ".join(f"{k} ({v})" for k, v in self.sql_test_failures.items()) or "none"),
            ("snapshot", self.snapshot or "none"),
        ]


def summarize(ingest, code: CodeResult, publish: PublishResult, models: ModelsResult, snapshot=None) -> RunSummary:
    return RunSummary(
        seen=ingest.seen, new=ingest.new, duplicates=ingest.duplicates, rejected=ingest.rejected,
        newly_quarantined=ingest.quarantined, near_duplicates=ingest.near_duplicates,
        unsupported_language=ingest.unsupported_language, coded=code.coded, no_event=code.no_event,
        failed=code.failed, not_coded=code.not_coded, events=publish.events, mentions=publish.mentions,
        figures=publish.figures, quarantined_rows=publish.quarantined_rows, tables_written=publish.written,
        source_errors=[f"{e.source}: {e.reason}" for e in ingest.errors], sql_test_failures=models.failed_tests,
        snapshot="" if snapshot is None else
        (f"published {snapshot.published}" if snapshot.published else f"none ({snapshot.reason})"),
    )
