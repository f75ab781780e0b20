"""A zone on object storage (an fsspec URL such as s3://bucket/prefix): the Parquet reads and writes that
sitrep.store does for a folder.

Writes are atomic without a temp object: the whole file is built in memory and sent as one object (an S3 PUT,
or a multipart upload, which S3 shows only once it is complete), so a reader never sees half a file. The S3
endpoint and credentials come as for snapshots (sitrep.snapshots.store.resolve_storage_options: SITREP_S3_ENDPOINT_URL
and the other endpoint variables, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the usual AWS configuration)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

Location = Path | str       # a folder, or an fsspec URL


def is_url(location: Location) -> bool:
    """True for an fsspec URL of a store other than the local disk (file:// is a folder)."""
    return isinstance(location, str) and "://" in location and not location.startswith("file://")


def join(location: Location, *parts: str) -> Location:
    """location / part / …, for a folder or a URL."""
    if is_url(location):
        return "/".join([str(location).rstrip("/"), *parts])
    return Path(location).joinpath(*parts)


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) for url; a fresh instance, so listings are never stale."""
    import fsspec

    from sitrep.snapshots.store import resolve_storage_options

    options = resolve_storage_options(url)
    options.setdefault("skip_instance_cache", True)
    fs, path = fsspec.core.url_to_fs(url, **options)
    return fs, path.rstrip("/")


def exists(url: str) -> bool:
    fs, path = filesystem(url)
    return bool(fs.exists(path))


def parquet_files(url: str) -> tuple[Any, list[str]]:
    """The filesystem and the Parquet files below url (recursively, in name order; hidden names skipped)."""
    fs, root = filesystem(url)
    try:
        found = fs.find(root)
    except FileNotFoundError:
        return fs, []
    return fs, sorted(p for p in found if p.endswith(".parquet") and not PurePosixPath(p).name.startswith("."))


def read_parquet(fs: Any, path: str, columns: list[str] | None = None) -> pa.Table:
    """One file (only the columns asked for are fetched: pyarrow reads by byte range through fsspec)."""
    with fs.open(path, "rb") as fh:
        return pq.read_table(fh, columns=columns)


def put_parquet(table: pa.Table, url: str) -> None:
    """Write table to url as one object, sent only once the whole file is built."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    fs, path = filesystem(url)
    fs.pipe_file(path, sink.getvalue().to_pybytes())
