"""The on-disk layout under Settings.data_dir: every path sitrep reads or writes there is named here, and the
raw zone's one writer (`append_part`) lives here.

    raw/                                          the raw zone: only ever grows, no file is ever rewritten;
                                                  [zones] raw may put its Parquet parts elsewhere (a folder, or
                                                  object storage: s3://bucket/prefix/articles/…), state/ stays here
      articles/ingest_date=YYYY-MM-DD/part-<hash>.parquet
                                                  article records (schemas.ArticleSchema), one file per run
      quarantine/ingest_date=…/part-<hash>.parquet
                                                  inputs that never became articles, with the reason
                                                  (schemas.QuarantineSchema, stage "ingest")
      links/near_duplicates/ingest_date=…/part-<hash>.parquet
                                                  later copies of a story → the first (schemas.NearDuplicateSchema)
      state/<source>.json                         what a feed or page list already gave (sitrep.sources.state)
    curated/
      coded/<coder_version>/{mentions,figures,status}/batch-NNNNNN.parquet
                                                  coder output per article; the newest batch of an article wins
      registry/events.parquet                     every stable event id ever issued (sitrep.ids)
      tables/manifest.json                        which partition files make up each table, and which coded
                                                  batches and raw parts they were built from (sitrep.tables)
      tables/<table>/<key>/part-<hash>.parquet    the published tables (events, figures, articles, quarantine,
                                                  event_mentions, deleted_events; validated, merged, stable ids;
                                                  schemas/), partitioned by year (key year=YYYY; quarantine and
                                                  deleted_events: one partition, key "all"), and _mentions, the
                                                  candidate index the publish stage merges against
      sitrep.duckdb                               views over the tables, rebuilt from sql/ (sitrep.models)
      sql_tests.json                              what the last passing SQL tests covered (sitrep.pipeline.models)
      snapshots/                                  `sitrep snapshot publish`'s target when none is configured
    cache/                                        the gazetteer cache, when a config names the data dir
    .sitrep.lock, .sitrep.lock.json               the data dir's lock and who holds it (sitrep.locking)

A raw-zone part file is named by a hash of its rows' keys, so a rerun that finds the same rows finds the same
name and writes nothing. Temp files (`.<name>.<random>.tmp`, sitrep.store) are left only by a killed run and
are cleared from the `writable_zones` when the next run takes the lock.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from sitrep import object_store
from sitrep.object_store import Location, is_url, join
from sitrep.store import atomic_write_parquet

if TYPE_CHECKING:
    from sitrep.settings import Settings

log = logging.getLogger(__name__)

LOCK_FILE = ".sitrep.lock"
HOLDER_FILE = ".sitrep.lock.json"
CODED_PARTS = ("mentions", "figures", "status")
_BATCH = re.compile(r"^batch-(\d+)\.parquet$")


# ── the two zones ──

def raw_dir(settings: Settings) -> Path:
    """The raw zone's folder ([zones] raw, default data_dir/raw). When the zone is on object storage, the local
    folder that keeps what stays beside the lock: the sources' state."""
    zone = settings.raw_zone
    return Path(zone) if zone and not is_url(zone) else settings.data_dir / "raw"


def raw_location(settings: Settings) -> Location:
    """Where the raw zone's Parquet parts are: raw_dir, or the fsspec URL [zones] raw names (s3://…)."""
    zone = settings.raw_zone
    return zone if zone and is_url(zone) else raw_dir(settings)


def curated_dir(settings: Settings) -> Path:
    return settings.data_dir / "curated"


def writable_zones(settings: Settings) -> tuple[Path, Path]:
    """The folders runs write below (where a killed run's temp files may be left)."""
    return raw_dir(settings), curated_dir(settings)


# ── raw ──

def articles_dir(settings: Settings) -> Location:
    return join(raw_location(settings), "articles")


def quarantine_dir(settings: Settings) -> Location:
    return join(raw_location(settings), "quarantine")


def links_dir(settings: Settings) -> Location:
    return join(raw_location(settings), "links", "near_duplicates")


def state_dir(settings: Settings) -> Path:
    return raw_dir(settings) / "state"


def append_part(folder: Location, day: date, frame: pd.DataFrame, keys: Iterable[str],
                schema: pa.Schema) -> Location | None:
    """Write frame as a new part of the partitioned folder (or fsspec URL), named by a hash of the rows' sorted
    keys; None when there is nothing to write. An existing part of that name already holds these rows and is
    never rewritten."""
    if frame.empty:
        return None
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:16]
    path = join(folder, f"ingest_date={day.isoformat()}", f"part-{digest}.parquet")
    if object_store.exists(path) if isinstance(path, str) else path.exists():
        log.warning("raw file %s already exists; not rewriting it", path)
        return path
    if isinstance(path, str):   # object storage: one PUT of the whole file
        object_store.put_parquet(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), path)
    else:
        atomic_write_parquet(frame, path, schema=schema)
    return path


# ── curated ──

def coded_dir(settings: Settings, coder_version: str) -> Path:
    return curated_dir(settings) / "coded" / coder_version


def coded_batches(settings: Settings, coder_version: str, part: str) -> list[Path]:
    """One part (mentions, figures, status) of every batch a coder version wrote, oldest first."""
    folder = coded_dir(settings, coder_version) / part
    return sorted(p for p in folder.glob("batch-*.parquet") if _BATCH.match(p.name))


def next_coded_batch(settings: Settings, coder_version: str) -> dict[str, Path]:
    """Where the next batch's parts go (part → path). A batch counts once its status part exists, so numbering
    follows the status files."""
    numbers = [int(m.group(1)) for p in coded_batches(settings, coder_version, "status")
               if (m := _BATCH.match(p.name))]
    name = f"batch-{(max(numbers) + 1 if numbers else 1):06d}.parquet"
    return {part: coded_dir(settings, coder_version) / part / name for part in CODED_PARTS}


def registry_dir(settings: Settings) -> Path:
    return curated_dir(settings) / "registry"


def tables_dir(settings: Settings) -> Path:
    return tables_in(curated_dir(settings))


def tables_in(curated: Path) -> Path:
    """The published tables' folder of a curated zone (sitrep.models builds views over any curated folder)."""
    return curated / "tables"


def table_path(tables: Path, name: str) -> Path:
    """A table as one file: how older builds (and hand-made curated folders) hold it; a folder with a manifest
    holds its tables as partitions (sitrep.tables)."""
    return tables / f"{name}.parquet"


def duckdb_path(settings: Settings) -> Path:
    return curated_dir(settings) / "sitrep.duckdb"


def sql_tests_state_path(settings: Settings) -> Path:
    """What the last passing SQL test run covered (sitrep.pipeline.models)."""
    return curated_dir(settings) / "sql_tests.json"


def default_snapshot_target(settings: Settings) -> Path:
    return curated_dir(settings) / "snapshots"


# ── beside the zones ──

def cache_dir(settings: Settings) -> Path:
    return settings.data_dir / "cache"


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def holder_path(data_dir: Path) -> Path:
    return data_dir / HOLDER_FILE
