"""The raw and curated zones on disk: Parquet I/O with atomic, durable writes.

Every write goes to a temporary file in the target folder (`.<name>.<random>.tmp`), is flushed to disk (fsync),
renamed into place, and the folder is fsynced too, so a reader never sees a half-written file and neither a
crash nor a power cut leaves an empty or partial file under the final name. A crash can leave a temp file
behind: `remove_stale_temp_files` clears them at the start of the next locked run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TEMP_SUFFIXES = (".tmp", ".tmp.wal")   # atomic writes' temp files, and DuckDB's WAL beside a temp database


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in folder durable (the entry lives in the folder, not in the file)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write data to path atomically and durably; mode (e.g. 0o644) for published files, else mkstemp's 0600."""
    fd, tmp = _temp_path(path)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_parquet(df: pd.DataFrame | pa.Table, path: Path, schema: pa.Schema | None = None,
                         mode: int | None = None) -> None:
    """Write a table to path atomically and durably (temp file in the same folder, fsync, rename, fsync folder)."""
    table = df if isinstance(df, pa.Table) else pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    fd, tmp = _temp_path(path)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        if mode is not None:
            os.chmod(tmp, mode)
        fsync_file(Path(tmp))
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_temp_file(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIXES)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete the temp files a killed run left below folder. Only safe while holding the data dir's lock
    (sitrep.locking): then no other run can be writing one."""
    if not folder.is_dir():
        return []
    stale = sorted(p for p in folder.rglob(".*") if p.is_file() and is_temp_file(p))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def read_parquet_files(folder: Path | str, columns: list[str] | None = None,
                       keep: tuple[str, set[str]] | None = None) -> pd.DataFrame:
    """All Parquet files below folder (or an fsspec URL: sitrep.object_store) as one frame (empty frame when
    there are none); temp files are skipped. keep=(column, values) keeps only the rows whose column is in
    values, file by file, so that reading a few rows of a large zone never holds the whole zone in memory."""
    from sitrep import object_store

    if object_store.is_url(folder):
        fs, names = object_store.parquet_files(str(folder))
        tables = (object_store.read_parquet(fs, name, columns) for name in names)
    else:
        files = sorted(p for p in Path(folder).rglob("*.parquet") if not p.name.startswith("."))
        tables = (pq.read_table(path, columns=columns) for path in files)
    frames = [_kept(table, keep).to_pandas() for table in tables]
    if not frames:
        return pd.DataFrame(columns=columns or [])
    return pd.concat(frames, ignore_index=True)


def _kept(table: pa.Table, keep: tuple[str, set[str]] | None) -> pa.Table:
    if keep is None:
        return table
    column, values = keep
    return table.filter(pc.is_in(table[column], value_set=pa.array(sorted(values), type=table[column].type)))
