"""The publish stage: the coded batches → the published tables (sitrep.zones.tables_dir), merged into events with
stable ids, as partitioned Parquet with a manifest (sitrep.tables).

A night's work follows what is new (sitrep.pipeline.publish_inputs): the coded batches and raw parts the
manifest does not list yet. Their mentions are validated (bad rows quarantined, sitrep.validate.split_valid),
merged with the stored events they could join (sitrep.candidates), numbered (sitrep.ids, touched events only),
and only the partitions holding a touched row are rebuilt (sitrep.pipeline.publish_night). Every rebuilt
partition is validated against its table's model before anything is written; a partition whose bytes did not
change is not rewritten, and with nothing new nothing is read or written at all.

Write order: registry, then each table's changed partitions (new files, named by their hash), then the
manifest (atomic), then the files no manifest names are deleted. A run killed anywhere before the manifest
leaves the previous tables as readers see them, and the next run does the same night again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.candidates import INDEX_ROW_GROUP, MENTION_INDEX, MENTION_INDEX_SCHEMA
from sitrep.faults import crash_point
from sitrep.pipeline.publish_inputs import publish_inputs
from sitrep.pipeline.publish_night import Stored, assemble_night
from sitrep.settings import Settings
from sitrep.tables import Manifest, TableStore
from sitrep.zones import curated_dir, tables_dir

TABLES = tuple(PUBLISHED_TABLES)
ALL_TABLES = (MENTION_INDEX, *TABLES)


@dataclass
class PublishResult:
    events: int = 0
    mentions: int = 0
    figures: int = 0
    articles: int = 0
    quarantined_rows: int = 0
    deleted_events: int = 0
    written: list[str] = field(default_factory=list)   # tables whose content changed and were rewritten


def publish_folder(folder: Path, mode: int) -> Path:
    """A published folder (tables, curated): created if need be, with the published mode."""
    folder.mkdir(parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != mode:
        folder.chmod(mode)
    return folder


def table_store(settings: Settings) -> TableStore:
    """The curated tables of a data dir (a folder today; sitrep.tables works over any fsspec URL)."""
    return TableStore(tables_dir(settings), file_mode=settings.publish_file_mode,
                      dir_mode=settings.publish_dir_mode)


def publish_stage(settings: Settings, *, now: int | None = None) -> PublishResult:
    """Take in what is new, merge it into events with stable ids, and rewrite the partitions that changed."""
    from sitrep.coding import CODER_VERSION

    now = int(datetime.now(UTC).timestamp()) if now is None else now
    store = table_store(settings)
    manifest = store.read_manifest()
    inputs = publish_inputs(settings, manifest, CODER_VERSION)
    if inputs.nothing_new and manifest is not None:
        store.remove_unlisted(manifest, ALL_TABLES)   # what a run killed after its manifest left
        store.open_up(manifest)
        return _counts(manifest, [])
    night = assemble_night(settings, Stored(store, None if inputs.full else manifest), inputs, now)
    publish_folder(curated_dir(settings), settings.publish_dir_mode)
    publish_folder(tables_dir(settings), settings.publish_dir_mode)
    out = Manifest({} if inputs.full or manifest is None else
                   {t: dict(parts) for t, parts in manifest.tables.items()}, inputs.record(CODER_VERSION))
    written = []
    for name in ALL_TABLES:
        schema = MENTION_INDEX_SCHEMA if name == MENTION_INDEX else arrow_schema(PUBLISHED_TABLES[name])
        changed = False
        for key, frame in sorted(night.partitions[name].items()):
            row_group = INDEX_ROW_GROUP if name == MENTION_INDEX else None
            changed |= store.write_partition(out, name, key, frame, schema, row_group_size=row_group)
        if manifest is not None and inputs.full:
            changed |= {k: p.sha256 for k, p in manifest.tables.get(name, {}).items()} != \
                {k: p.sha256 for k, p in out.tables.get(name, {}).items()}
        if name in TABLES:
            if changed or manifest is None:
                written.append(name)
            crash_point(f"publish.table.{name}")
    store.write_manifest(out)
    store.remove_unlisted(out, ALL_TABLES)
    store.open_up(out)
    _remove_single_file_tables(settings)
    return _counts(out, written)


def _counts(manifest: Manifest, written: list[str]) -> PublishResult:
    rows = {name: sum(p.rows for p in manifest.tables.get(name, {}).values()) for name in TABLES}
    return PublishResult(events=rows["events"], mentions=rows["event_mentions"], figures=rows["figures"],
                         articles=rows["articles"], quarantined_rows=rows["quarantine"],
                         deleted_events=rows["deleted_events"], written=written)


def _remove_single_file_tables(settings: Settings) -> None:
    """Tables an older build wrote as one file each (tables/<name>.parquet): the manifest supersedes them."""
    for name in TABLES:
        (tables_dir(settings) / f"{name}.parquet").unlink(missing_ok=True)
