"""The curated tables as partitioned Parquet over an fsspec filesystem, with a manifest that says which files
make up each table.

    <root>/manifest.json                           table → partition → {path, sha256, rows}; what was consumed
    <root>/<table>/<key>/part-<sha256[:16]>.parquet  one file per partition (key: "year=2024", "all" …)

A partition file is named by the hash of its bytes, so writing a partition that did not change writes nothing,
and a file, once written, never changes. A publish writes the new files first, then the manifest (atomically),
then deletes the files no manifest names: a reader that goes through the manifest always sees one complete
set, and a run killed before its manifest leaves only unnamed files, which the next publish deletes.

Readers (the DuckDB sources, snapshots, tests) list a table's files with `table_files` and read it with
`read_table`; nothing globs the folder. `root` is a local folder (LocalFileSystem) or an fsspec URL (s3://…).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from sitrep.store import atomic_write_bytes, fsync_dir

MANIFEST_FILE = "manifest.json"
FORMAT = 1
WHOLE = "all"          # the one partition of a table that is not split


@dataclass(frozen=True)
class Partition:
    path: str          # relative to the root, posix
    sha256: str
    rows: int


@dataclass
class Manifest:
    tables: dict[str, dict[str, Partition]] = field(default_factory=dict)
    inputs: dict[str, Any] = field(default_factory=dict)    # what the publish that wrote it had consumed

    def partitions(self, table: str) -> dict[str, Partition]:
        return self.tables.setdefault(table, {})

    def to_json(self) -> bytes:
        tables = {t: {k: vars(p) for k, p in sorted(parts.items())} for t, parts in sorted(self.tables.items())}
        body = {"format": FORMAT, "tables": tables, "inputs": self.inputs}
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        body = json.loads(data)
        if body.get("format") != FORMAT:
            raise ValueError(f"{MANIFEST_FILE}: unknown format {body.get('format')!r}")
        tables = {t: {k: Partition(**p) for k, p in parts.items()} for t, parts in body["tables"].items()}
        return cls(tables, body.get("inputs", {}))


def year_key(year: object) -> str:
    """The partition of a row dated in `year` (hive style); rows with no date go to year=0."""
    try:
        return f"year={int(year):04d}"     # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "year=0000"


def parquet_bytes(table: pa.Table, row_group_size: int | None = None) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", row_group_size=row_group_size)
    return sink.getvalue()


class TableStore:
    """Partitioned tables below one root (a folder or an fsspec URL)."""

    def __init__(self, root: str | Path, storage_options: Mapping[str, Any] | None = None,
                 file_mode: int = 0o644, dir_mode: int = 0o755):
        target = str(Path(root).resolve()) if "://" not in str(root) else str(root)
        if storage_options is None and "://" in target:
            # The project's endpoint and credentials for object storage (as the raw zone and snapshots use them),
            # never a provider's default endpoint.
            from sitrep.snapshots.store import resolve_storage_options

            storage_options = {"skip_instance_cache": True, **resolve_storage_options(target)}
        self.fs, path = fsspec.core.url_to_fs(target, **dict(storage_options or {}))
        self.root = path.rstrip("/")
        self.local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))
        self.file_mode, self.dir_mode = file_mode, dir_mode

    # ── the manifest ──

    def read_manifest(self) -> Manifest | None:
        try:
            return Manifest.from_json(self.fs.cat_file(f"{self.root}/{MANIFEST_FILE}"))
        except FileNotFoundError:
            return None

    def write_manifest(self, manifest: Manifest) -> bool:
        """Write the manifest unless it already holds exactly this; True when written."""
        data = manifest.to_json()
        path = f"{self.root}/{MANIFEST_FILE}"
        if self.fs.exists(path) and self.fs.cat_file(path) == data:
            return False
        self._put(path, data)
        return True

    # ── partitions ──

    def write_partition(self, manifest: Manifest, table: str, key: str, frame: pd.DataFrame | pa.Table,
                        schema: pa.Schema, row_group_size: int | None = None) -> bool:
        """Make `key` of `table` hold these rows (no rows: drop the partition); True when the manifest entry
        changed. The file is written only when no file of its content exists yet."""
        arrow = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, schema=schema,
                                                                              preserve_index=False)
        parts = manifest.partitions(table)
        if arrow.num_rows == 0 and key != WHOLE:
            return parts.pop(key, None) is not None
        data = parquet_bytes(arrow.cast(schema) if arrow.schema != schema else arrow, row_group_size)
        digest = hashlib.sha256(data).hexdigest()
        old = parts.get(key)
        if old is not None and old.sha256 == digest:
            return False
        rel = f"{table}/{key}/part-{digest[:16]}.parquet"
        if not self.fs.exists(f"{self.root}/{rel}"):
            self._put(f"{self.root}/{rel}", data)
        parts[key] = Partition(rel, digest, arrow.num_rows)
        return True

    def table_files(self, manifest: Manifest | None, table: str, keys: Iterable[str] | None = None) -> list[str]:
        """The files of a table (or of some of its partitions), as paths the filesystem opens, in key order."""
        if manifest is None:
            return []
        parts = manifest.tables.get(table, {})
        wanted = sorted(parts) if keys is None else sorted(set(keys) & set(parts))
        return [f"{self.root}/{parts[k].path}" for k in wanted]

    def read_table(self, manifest: Manifest | None, table: str, schema: pa.Schema, *,
                   keys: Iterable[str] | None = None, columns: list[str] | None = None,
                   filter: ds.Expression | None = None, with_key: bool = False) -> pa.Table:
        """A table's rows (of some partitions; only the columns and rows asked for, the filter pushed down to
        the files' row groups). with_key adds a `_partition` column naming each row's partition."""
        parts = manifest.tables.get(table, {}) if manifest else {}
        wanted = sorted(parts) if keys is None else sorted(set(keys) & set(parts))
        names = columns or schema.names
        out_schema = pa.schema([schema.field(c) for c in names])
        pieces = []
        for key in wanted:
            dataset = ds.dataset(f"{self.root}/{parts[key].path}", schema=schema, format="parquet",
                                 filesystem=self.fs)
            piece = dataset.to_table(columns=names, filter=filter)
            if with_key:
                piece = piece.append_column("_partition", pa.array([key] * piece.num_rows, pa.string()))
            pieces.append(piece)
        if not pieces:
            empty = out_schema.append(pa.field("_partition", pa.string())) if with_key else out_schema
            return empty.empty_table()
        return pa.concat_tables(pieces)

    def remove_unlisted(self, manifest: Manifest, tables: Iterable[str]) -> list[str]:
        """Delete the part files of these tables that the manifest does not name (a superseded partition, or
        what a killed publish wrote before its manifest); returns their relative paths."""
        named = {p.path for parts in manifest.tables.values() for p in parts.values()}
        removed = []
        for table in tables:
            try:
                found = self.fs.find(f"{self.root}/{table}")
            except FileNotFoundError:
                continue
            for path in found:
                rel = PurePosixPath(path).relative_to(PurePosixPath(self.root)).as_posix()
                if rel.endswith(".parquet") and rel not in named and not PurePosixPath(rel).name.startswith("."):
                    self.fs.rm_file(path)
                    removed.append(rel)
        return removed

    def open_up(self, manifest: Manifest) -> None:
        """Give the manifest and every file it names the published mode (a table an older build left 0600 must
        become readable even on a night that rewrites nothing). Folders only: object stores have no modes."""
        if not self.local:
            return
        named = [MANIFEST_FILE, *(p.path for parts in manifest.tables.values() for p in parts.values())]
        for rel in named:
            path = Path(self.root) / rel
            if path.exists() and path.stat().st_mode & 0o777 != self.file_mode:
                path.chmod(self.file_mode)

    def _put(self, path: str, data: bytes) -> None:
        """One file, atomically: a folder gets temp file, fsync, rename; an object store's PUT is atomic."""
        if self.local:
            target = Path(path)
            self._make_dirs(target.parent)
            atomic_write_bytes(target, data, mode=self.file_mode)
            return
        self.fs.pipe_file(path, data)

    def _make_dirs(self, folder: Path) -> None:
        """Create the folders down to `folder` with the published mode (readers outside the group list them)."""
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            new.mkdir(exist_ok=True)
            new.chmod(self.dir_mode)
            fsync_dir(new.parent)


def combined_table(store: TableStore, manifest: Manifest | None, table: str, schema: pa.Schema) -> bytes:
    """The whole table as one Parquet file's bytes (its partitions in key order): what a snapshot ships.
    The same partitions give the same bytes."""
    return parquet_bytes(store.read_table(manifest, table, schema))


def published_schema(name: str) -> pa.Schema:
    from schemas.tables import PUBLISHED_TABLES, arrow_schema

    return arrow_schema(PUBLISHED_TABLES[name])


def read_published(tables: str | Path, name: str, storage_options: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """A published table, whole, as its manifest lists it (empty, typed, when it has no rows yet)."""
    store = TableStore(tables, storage_options)
    return store.read_table(store.read_manifest(), name, published_schema(name)).to_pandas()


def published_files(tables: str | Path, name: str) -> list[str] | None:
    """The files of a published table (None when the folder has no manifest)."""
    store = TableStore(tables)
    manifest = store.read_manifest()
    return None if manifest is None else store.table_files(manifest, name)


def _published_names() -> tuple[str, ...]:
    from schemas.tables import PUBLISHED_TABLES

    return tuple(PUBLISHED_TABLES)


PUBLISHED_TABLES_NAMES = _published_names()
