"""Where snapshots live: a folder or an fsspec URL (s3://…), seen through fsspec; version names.

S3 endpoint (MinIO, a local test server): a `storage_options` dict, else the first of the environment
variables SITREP_S3_ENDPOINT_URL, FSSPEC_S3_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from sitrep.snapshots.contents import MANIFEST_FILE
from sitrep.store import atomic_write_bytes

VERSION_PATTERN = re.compile(r"^v(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?$")
# A folder target's version is written into a hidden temp folder `.<version>.<random>` and renamed into place.
TEMP_VERSION_PATTERN = re.compile(r"^\.v\d{4}\.\d{2}\.\d{2}(?:\.\d+)?\.")
LATEST_FILE = "LATEST"
INDEX_FILE = "index.json"
ENDPOINT_ENV_VARS = ("SITREP_S3_ENDPOINT_URL", "FSSPEC_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")


def next_version(now: datetime, existing: list[str]) -> str:
    """vYYYY.MM.DD, or vYYYY.MM.DD.N (N = 1, 2 …) when that day already has a version."""
    day = f"v{now:%Y.%m.%d}"
    same_day = [v for v in existing if v == day or v.startswith(day + ".")]
    if not same_day:
        return day
    return f"{day}.{max(version_key(v)[3] for v in same_day) + 1}"


def version_key(version: str) -> tuple[int, int, int, int]:
    match = VERSION_PATTERN.match(version)
    if not match:
        raise ValueError(f"not a snapshot version: {version!r}")
    y, m, d, n = match.groups()
    return int(y), int(m), int(d), int(n or 0)


def resolve_storage_options(url: str, storage_options: dict[str, Any] | None = None,
                            env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """storage_options for url: the given ones, plus an S3 endpoint from the environment when none is given."""
    options = dict(storage_options or {})
    env = os.environ if env is None else env
    if url.startswith(("s3://", "s3a://")) and "endpoint_url" not in options \
            and "endpoint_url" not in options.get("client_kwargs", {}):
        endpoint = next((env[k] for k in ENDPOINT_ENV_VARS if env.get(k)), None)
        if endpoint:
            options["endpoint_url"] = endpoint
    return options


def filesystem(target: str, storage_options: dict[str, Any] | None):
    """(fsspec filesystem, root path without a trailing slash) of a folder or URL."""
    if "://" not in target:
        target = str(Path(target).resolve())
    options = resolve_storage_options(target, storage_options)
    options.setdefault("skip_instance_cache", True)  # a fresh view of the store: listings must not be stale
    fs, root = fsspec.core.url_to_fs(target, **options)
    return fs, root.rstrip("/")


def entry_names(fs, root: str) -> list[str]:
    try:
        entries = fs.ls(root, detail=False)
    except FileNotFoundError:
        return []
    return [PurePosixPath(e.rstrip("/")).name for e in entries]


def versions_at(fs, root: str) -> list[str]:
    """Complete versions (with a manifest) at root, newest first; a version without one is incomplete."""
    versions = [n for n in entry_names(fs, root)
                if VERSION_PATTERN.match(n) and fs.exists(f"{root}/{n}/{MANIFEST_FILE}")]
    return sorted(versions, key=version_key, reverse=True)


def is_local(fs) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def put(fs, path: str, data: bytes, file_mode: int) -> None:
    """One file, atomically (a folder: temp file, fsync, rename; an object store: a PUT is atomic)."""
    if is_local(fs):
        atomic_write_bytes(Path(path), data, mode=file_mode)
        return
    fs.pipe_file(path, data)


def read_text(fs, path: str) -> str | None:
    try:
        return fs.cat_file(path).decode("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def read_tables(fs, folder: str) -> dict[str, bytes]:
    """The Parquet files of a published version (for CHANGES.json), by relative name."""
    out = {}
    for path in fs.find(folder):
        rel = PurePosixPath(path).relative_to(PurePosixPath(fs._strip_protocol(folder))).as_posix()
        if rel.endswith(".parquet"):
            out[rel] = fs.cat_file(path)
    return out
