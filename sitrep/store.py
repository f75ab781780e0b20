"""The raw and curated zones on disk: Parquet I/O with atomic writes.

Every write goes to a temporary file in the target folder and is renamed into place, so a reader never sees a
half-written file and a crash leaves the previous version intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_parquet(df: pd.DataFrame | pa.Table, path: Path, schema: pa.Schema | None = None) -> None:
    """Write a table to path atomically (temp file in the same folder, then rename)."""
    table = df if isinstance(df, pa.Table) else pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_parquet_files(folder: Path, columns: list[str] | None = None,
                       keep: tuple[str, set[str]] | None = None) -> pd.DataFrame:
    """All Parquet files below folder as one frame (empty frame when there are none); temp files are skipped.
    keep=(column, values) keeps only the rows whose column is in values, file by file, so that reading a few
    rows of a large zone never holds the whole zone in memory."""
    files = sorted(p for p in folder.rglob("*.parquet") if not p.name.startswith("."))
    if not files:
        return pd.DataFrame(columns=columns or [])
    frames = []
    for path in files:
        table = pq.read_table(path, columns=columns)
        if keep is not None:
            column, values = keep
            table = table.filter(pc.is_in(table[column], value_set=pa.array(sorted(values), type=table[column].type)))
        frames.append(table.to_pandas())
    return pd.concat(frames, ignore_index=True)
