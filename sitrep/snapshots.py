"""Versioned, checksummed snapshots of the curated tables, published to a folder or an fsspec URL (s3://…)
and downloaded from a folder, an http(s):// base URL or an fsspec URL.

Layout of a target:

    <target>/LATEST                 the newest version's name
    <target>/index.json             every published version, newest first (HTTP has no directory listing)
    <target>/vYYYY.MM.DD[.N]/       one snapshot (.1, .2 … for further versions the same day)
        <table>.parquet …           the tables, copied as they are
        README.md                   for the reader: tables, columns, licence, a DuckDB one-liner
        CHANGES.json                event IDs added, updated, deleted since the previous snapshot
        SHA256SUMS                  `sha256sum -c` format, every file but itself and manifest.json
        manifest.json               versions, created time, and per file: bytes, sha256 (+ rows, columns)

Folder targets are written into a hidden temp folder and renamed into place; on object stores the version's
files go first and manifest.json, index.json and LATEST last, so a reader following LATEST never finds a
half-written snapshot. A download goes to a temp folder, is verified against SHA256SUMS and the manifest, and
only then renamed into place; a mismatch raises SnapshotCorrupted naming the file.

S3 endpoint (MinIO, a local test server): a `storage_options` dict, else the first of the environment
variables SITREP_S3_ENDPOINT_URL, FSSPEC_S3_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import fsspec
import pandas as pd
import pyarrow.parquet as pq

from sitrep.http import HttpLimits, HttpStatusError, PoliteClient, TooLarge
from sitrep.store import atomic_write_bytes

# Version of the published tables' layout (names and columns); bump it when a column is added, renamed or removed.
SCHEMA_VERSION = "1"
VERSION_PATTERN = re.compile(r"^v(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?$")
LATEST_FILE = "LATEST"
INDEX_FILE = "index.json"
MANIFEST_FILE = "manifest.json"
SUMS_FILE = "SHA256SUMS"
README_FILE = "README.md"
CHANGES_FILE = "CHANGES.json"
EVENTS_TABLE = "events"
ENDPOINT_ENV_VARS = ("SITREP_S3_ENDPOINT_URL", "FSSPEC_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
CHUNK = 1 << 20
MIN_TRANSFER_BYTES_PER_S = 100_000   # an http(s) snapshot file slower than this is cut off (with 3 x timeout)


class SnapshotCorrupted(ValueError):
    """A snapshot whose files do not match their checksums (the message names the file)."""


@dataclass(frozen=True)
class SnapshotInfo:
    version: str
    location: str                       # folder path or URL of the version
    created: str                        # ISO UTC
    files: dict[str, dict[str, Any]]    # the manifest's per-file entries
    changes: dict[str, list[str]] = field(default_factory=dict)  # added / updated / deleted event IDs
    removed: list[str] = field(default_factory=list)             # versions pruned by retention


# ---------------------------------------------------------------------------------------------- publishing

def publish_snapshot(tables_dir: Path, target: str, *, keep: int, code_version: str, schema_version: str,
                     now: datetime | None = None, storage_options: dict[str, Any] | None = None) -> SnapshotInfo:
    """Publish the Parquet tables under tables_dir as a new version at target, then keep the newest `keep`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    tables_dir = Path(tables_dir)
    tables = sorted(p for p in tables_dir.rglob("*.parquet") if not any(part.startswith(".") for part in p.parts))
    if not tables:
        raise FileNotFoundError(f"no Parquet tables under {tables_dir}")
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    fs, root = _filesystem(str(target), storage_options)
    existing = _versions_at(fs, root)
    version = next_version(now, existing)
    previous = existing[0] if existing else None

    contents: dict[str, bytes] = {p.relative_to(tables_dir).as_posix(): p.read_bytes() for p in tables}
    changes = events_changes(
        _events_frame(contents),
        _events_frame(_read_tables(fs, f"{root}/{previous}")) if previous else None)
    created = now.isoformat(timespec="seconds").replace("+00:00", "Z")
    contents[CHANGES_FILE] = _json({"version": version, "previous": previous, **changes,
                                    "counts": {k: len(v) for k, v in changes.items()}})
    contents[README_FILE] = readme(version, created, contents, code_version, schema_version).encode()
    entries = {name: file_entry(name, data) for name, data in sorted(contents.items())}
    contents[SUMS_FILE] = "".join(f"{e['sha256']}  {name}\n" for name, e in entries.items()).encode()
    entries[SUMS_FILE] = file_entry(SUMS_FILE, contents[SUMS_FILE])
    manifest = {"version": version, "created": created, "schema_version": schema_version,
                "code_version": code_version, "files": entries}

    location = _write_version(fs, root, version, contents, _json(manifest))
    versions = [version] + existing
    removed = versions[keep:]
    for old in removed:
        fs.rm(f"{root}/{old}", recursive=True)
    versions = versions[:keep]
    _put(fs, f"{root}/{INDEX_FILE}", _json({"latest": version, "versions": versions}))
    _put(fs, f"{root}/{LATEST_FILE}", f"{version}\n".encode())
    return SnapshotInfo(version, location, created, entries, changes, removed)


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


def file_entry(name: str, data: bytes) -> dict[str, Any]:
    entry: dict[str, Any] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if name.endswith(".parquet"):
        meta = pq.ParquetFile(io.BytesIO(data))
        entry["rows"] = meta.metadata.num_rows
        entry["columns"] = meta.schema_arrow.names
    return entry


def events_changes(current: pd.DataFrame | None, previous: pd.DataFrame | None) -> dict[str, list[str]]:
    """Event IDs added, updated (row hash differs) and deleted between two events tables."""
    now_hashes = _row_hashes(current)
    old_hashes = _row_hashes(previous)
    return {
        "added": sorted(set(now_hashes) - set(old_hashes)),
        "updated": sorted(i for i in set(now_hashes) & set(old_hashes) if now_hashes[i] != old_hashes[i]),
        "deleted": sorted(set(old_hashes) - set(now_hashes)),
    }


def readme(version: str, created: str, contents: dict[str, bytes], code_version: str, schema_version: str) -> str:
    lines = [
        f"# sitrep snapshot {version}", "",
        f"Created {created} by sitrep {code_version} (schema {schema_version}). Conflict events coded from news",
        "articles in the ACLED format: one row per event, with date, place, actors, event type, fatalities and",
        "sources; sitrep's own columns (article_id, quote, offsets, confidence …) follow the ACLED ones.", "",
        "## Tables", "",
    ]
    for name, data in sorted(contents.items()):
        if name.endswith(".parquet"):
            entry = file_entry(name, data)
            lines += [f"- `{name}` — {entry['rows']} rows; columns: " + ", ".join(entry["columns"])]
    lines += [
        "", "Also here: `CHANGES.json` (event IDs added, updated and deleted since the previous snapshot),",
        "`manifest.json` (sizes, row counts, checksums) and `SHA256SUMS` (check with `sha256sum -c SHA256SUMS`).",
        "", "## Query", "",
        "```sh",
        "duckdb -c \"SELECT event_date, event_type, location, fatalities FROM 'events.parquet' ORDER BY event_date\"",
        "```", "",
        "## Licence", "",
        "sitrep's own output (its coding of the articles, its quotes' offsets and its code) is published under the",
        "project's licence (Apache-2.0). Quotes are short excerpts of the cited outlets' articles and remain theirs.",
        "ACLED data is not part of this snapshot: ACLED's terms of use restrict redistribution of ACLED data, so",
        "do not merge ACLED rows into a copy of this snapshot that you share; the format is ACLED's, the rows are not.",
        "",
    ]
    return "\n".join(lines)


def _write_version(fs, root: str, version: str, contents: dict[str, bytes], manifest: bytes) -> str:
    final = f"{root}/{version}"
    if _is_local(fs):
        # Whole folder at once: write into a hidden temp folder beside it, then rename.
        Path(root).mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{version}."))
        try:
            for name, data in contents.items():
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp / name).write_bytes(data)
            (tmp / MANIFEST_FILE).write_bytes(manifest)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final
    for name, data in contents.items():
        _put(fs, f"{final}/{name}", data)
    _put(fs, f"{final}/{MANIFEST_FILE}", manifest)  # last: a version without a manifest is not listed
    return f"{fs.unstrip_protocol(final)}"


def _put(fs, path: str, data: bytes) -> None:
    if _is_local(fs):
        atomic_write_bytes(Path(path), data)
        return
    fs.pipe_file(path, data)


def _read_tables(fs, folder: str) -> dict[str, bytes]:
    """The Parquet files of a published version (for CHANGES.json), by relative name."""
    out = {}
    for path in fs.find(folder):
        rel = PurePosixPath(path).relative_to(PurePosixPath(fs._strip_protocol(folder))).as_posix()
        if rel.endswith(".parquet"):
            out[rel] = fs.cat_file(path)
    return out


def _events_frame(contents: dict[str, bytes]) -> pd.DataFrame | None:
    parts = [data for name, data in sorted(contents.items())
             if name == f"{EVENTS_TABLE}.parquet" or name.startswith(f"{EVENTS_TABLE}/")]
    if not parts:
        return None
    return pd.concat([pq.read_table(io.BytesIO(p)).to_pandas() for p in parts], ignore_index=True)


def _row_hashes(events: pd.DataFrame | None) -> dict[str, str]:
    if events is None or events.empty or "event_id_cnty" not in events:
        return {}
    columns = sorted(events.columns)
    return {
        str(row["event_id_cnty"]): hashlib.sha256(
            json.dumps([_plain(row[c]) for c in columns], default=str).encode()).hexdigest()
        for row in events.to_dict("records")
    }


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


# ---------------------------------------------------------------------------------------------- reading

def list_snapshots(source: str, *, storage_options: dict[str, Any] | None = None,
                   http: HttpLimits | None = None) -> list[dict[str, Any]]:
    """Published versions at source, newest first: [{"version", "created", "latest": bool}]. http: the fetch
    limits and address policy for an http(s) source (default: HttpLimits(), which refuses non-public hosts)."""
    reader = _reader(source, storage_options, http)
    versions = reader.versions()
    latest = reader.latest() if versions else None
    listing = []
    for v in versions:
        try:
            created = json.loads(reader.read(f"{v}/{MANIFEST_FILE}")).get("created")
        except (FileNotFoundError, ValueError, AttributeError):
            created = None
        listing.append({"version": v, "created": created, "latest": v == latest})
    return listing


def pull_snapshot(source: str, version: str | None, dest: Path, *,
                  storage_options: dict[str, Any] | None = None, http: HttpLimits | None = None) -> Path:
    """Download a version (default: LATEST) into dest/<version>, verified; returns that folder.

    Raises SnapshotCorrupted naming the file when a checksum or size does not match; dest is then untouched.
    http: as for list_snapshots; a FetchError (sitrep.http) says why an http(s) source could not be read."""
    reader = _reader(source, storage_options, http)
    version = version or reader.latest()
    version_key(version)  # a version name, not a path
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest, prefix=f".{version}."))
    try:
        manifest_bytes = reader.read(f"{version}/{MANIFEST_FILE}")
        try:
            manifest = json.loads(manifest_bytes)
            expected = {name: (e["sha256"], int(e["bytes"])) for name, e in manifest["files"].items()}
        except (ValueError, KeyError, TypeError) as exc:
            raise SnapshotCorrupted(f"{version}/{MANIFEST_FILE}: unreadable manifest ({exc})") from exc
        if SUMS_FILE not in expected:
            raise SnapshotCorrupted(f"{version}/{MANIFEST_FILE}: no entry for {SUMS_FILE}")
        for name in expected:
            _safe_name(version, name)
        _fetch_verified(reader, version, SUMS_FILE, expected[SUMS_FILE], tmp)
        sums = parse_sha256sums((tmp / SUMS_FILE).read_text(encoding="utf-8"), version)
        listed = set(expected) - {SUMS_FILE}
        unmatched = sorted(listed ^ set(sums))
        if unmatched:
            raise SnapshotCorrupted(
                f"{version}/{unmatched[0]}: listed in only one of {SUMS_FILE} and {MANIFEST_FILE}")
        for name in sorted(listed):
            if sums[name] != expected[name][0]:
                raise SnapshotCorrupted(f"{version}/{name}: {SUMS_FILE} and {MANIFEST_FILE} disagree on its sha256")
            _fetch_verified(reader, version, name, expected[name], tmp)
        (tmp / MANIFEST_FILE).write_bytes(manifest_bytes)
        final = dest / version
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        return final
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def parse_sha256sums(text: str, version: str) -> dict[str, str]:
    sums = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line)
        if not match:
            raise SnapshotCorrupted(f"{version}/{SUMS_FILE}: malformed line {line!r}")
        sums[match.group(2)] = match.group(1)
    return sums


def _fetch_verified(reader, version: str, name: str, expected: tuple[str, int], tmp: Path) -> None:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    sha, want_bytes = expected
    with open(path, "wb") as fh:
        for chunk in reader.stream(f"{version}/{name}", want_bytes):
            digest.update(chunk)
            size += len(chunk)
            if size > want_bytes:  # stop at once: a file larger than its manifest says is not the one published
                break
            fh.write(chunk)
    if digest.hexdigest() != sha or size != want_bytes:
        raise SnapshotCorrupted(
            f"{version}/{name}: checksum mismatch (expected sha256 {sha} and {want_bytes} bytes, "
            f"got {digest.hexdigest()} and {size} bytes)")


def _safe_name(version: str, name: str) -> None:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or name == MANIFEST_FILE:
        raise SnapshotCorrupted(f"{version}/{MANIFEST_FILE}: unsafe file name {name!r}")


class _FsReader:
    """A folder or an fsspec URL."""

    def __init__(self, source: str, storage_options: dict[str, Any] | None):
        self.fs, self.root = _filesystem(source, storage_options)

    def read(self, rel: str) -> bytes:
        try:
            return self.fs.cat_file(f"{self.root}/{rel}")
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"{rel} not found at {self.root}") from exc

    def stream(self, rel: str, expected_bytes: int | None = None) -> Iterator[bytes]:
        try:
            fh = self.fs.open(f"{self.root}/{rel}", "rb")
        except FileNotFoundError as exc:
            raise SnapshotCorrupted(f"{rel}: missing") from exc
        with fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def versions(self) -> list[str]:
        return _versions_at(self.fs, self.root)

    def latest(self) -> str:
        return self.read(LATEST_FILE).decode().strip()


class _HttpReader:
    """An http(s):// base URL serving a published target as static files, read with sitrep's fetcher: the
    address policy, a total deadline per request, a cap on every body (a data file's is the size its manifest
    gives), and no redirect that leaves the base URL's scheme, host and port."""

    def __init__(self, base_url: str, limits: HttpLimits):
        self.base = base_url.rstrip("/")
        self.limits = limits
        self.client = PoliteClient(limits)

    def read(self, rel: str) -> bytes:
        try:
            return self.client.get(f"{self.base}/{rel}", stay_on_origin=True).content
        except HttpStatusError as exc:
            if exc.status == 404:
                raise FileNotFoundError(f"{rel} not found at {self.base}") from exc
            raise

    def stream(self, rel: str, expected_bytes: int | None = None) -> Iterator[bytes]:
        cap = self.limits.max_bytes if expected_bytes is None else expected_bytes
        # A big file may take longer than one page: the deadline grows with its size, at a slow but steady rate.
        total_s = self.limits.total_s + cap / MIN_TRANSFER_BYTES_PER_S
        try:
            with self.client.open(f"{self.base}/{rel}", stay_on_origin=True, max_bytes=cap,
                                  total_s=total_s) as body:
                yield from body.chunks()
        except HttpStatusError as exc:
            if exc.status == 404:
                raise SnapshotCorrupted(f"{rel}: missing") from exc
            raise
        except TooLarge as exc:
            raise SnapshotCorrupted(f"{rel}: larger than the {cap} bytes its manifest gives") from exc

    def versions(self) -> list[str]:
        try:
            index = json.loads(self.read(INDEX_FILE))
            return sorted((v for v in index["versions"] if VERSION_PATTERN.match(v)), key=version_key, reverse=True)
        except FileNotFoundError:
            try:
                return [self.latest()]
            except FileNotFoundError:
                return []

    def latest(self) -> str:
        return self.read(LATEST_FILE).decode().strip()


def _reader(source: str, storage_options: dict[str, Any] | None, http: HttpLimits | None = None):
    if re.match(r"^https?://", source, re.IGNORECASE):
        # No pause between the files of one snapshot: they are one download from one server.
        return _HttpReader(source, http or HttpLimits(per_host_interval_s=0.0))
    return _FsReader(source, storage_options)


# ---------------------------------------------------------------------------------------------- storage

def resolve_storage_options(url: str, storage_options: dict[str, Any] | None = None,
                            env: dict[str, str] | None = None) -> dict[str, Any]:
    """storage_options for url: the given ones, plus an S3 endpoint from the environment when none is given."""
    options = dict(storage_options or {})
    env = os.environ if env is None else env
    if url.startswith(("s3://", "s3a://")) and "endpoint_url" not in options \
            and "endpoint_url" not in options.get("client_kwargs", {}):
        endpoint = next((env[k] for k in ENDPOINT_ENV_VARS if env.get(k)), None)
        if endpoint:
            options["endpoint_url"] = endpoint
    return options


def _filesystem(target: str, storage_options: dict[str, Any] | None):
    if "://" not in target:
        target = str(Path(target).resolve())
    options = resolve_storage_options(target, storage_options)
    options.setdefault("skip_instance_cache", True)  # a fresh view of the store: listings must not be stale
    fs, root = fsspec.core.url_to_fs(target, **options)
    return fs, root.rstrip("/")


def _versions_at(fs, root: str) -> list[str]:
    """Complete versions (with a manifest) at root, newest first."""
    try:
        entries = fs.ls(root, detail=False)
    except FileNotFoundError:
        return []
    names = [PurePosixPath(e.rstrip("/")).name for e in entries]
    versions = [n for n in names if VERSION_PATTERN.match(n) and fs.exists(f"{root}/{n}/{MANIFEST_FILE}")]
    return sorted(versions, key=version_key, reverse=True)


def _is_local(fs) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=False, ensure_ascii=False) + "\n").encode()


__all__ = [
    "SnapshotCorrupted", "SnapshotInfo", "list_snapshots", "publish_snapshot", "pull_snapshot",
    "resolve_storage_options", "SCHEMA_VERSION",
]
