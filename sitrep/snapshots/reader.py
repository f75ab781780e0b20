"""Reading snapshots: list the complete versions at a source and download one, verified (see the package
docstring for the layout and the crash rules readers rely on)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from sitrep.http import HttpLimits, HttpStatusError, PoliteClient, TooLarge
from sitrep.snapshots.contents import MANIFEST_FILE, SUMS_FILE
from sitrep.snapshots.store import (
    INDEX_FILE,
    LATEST_FILE,
    VERSION_PATTERN,
    filesystem,
    version_key,
    versions_at,
)

# Version of the published tables' layout (names and columns); bump it when a column is added, renamed or removed.
SCHEMA_VERSION = "1"
CHUNK = 1 << 20
MIN_TRANSFER_BYTES_PER_S = 100_000   # an http(s) snapshot file slower than this is cut off (with 3 x timeout)


class SnapshotCorrupted(ValueError):
    """A snapshot whose files do not match their checksums (the message names the file)."""


# ---------------------------------------------------------------------------------------------- reading

def list_snapshots(source: str, *, storage_options: dict[str, Any] | None = None,
                   http: HttpLimits | None = None) -> list[dict[str, Any]]:
    """Published versions at source, newest first: [{"version", "created", "latest": bool}]. http: the fetch
    limits and address policy for an http(s) source (default: HttpLimits(), which refuses non-public hosts)."""
    reader = _reader(source, storage_options, http)
    versions = reader.versions()
    latest = _latest_of(reader, versions)
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
    version = version or _latest_of(reader, reader.versions())
    if version is None:
        raise FileNotFoundError(f"no complete snapshot at {source}")
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


def _latest_of(reader, versions: list[str]) -> str | None:
    """The version LATEST names, if it is a complete one; else (a publish was killed before LATEST was written,
    or after it and before its version was pruned by an old build) the newest complete version."""
    try:
        named = reader.latest()
    except FileNotFoundError:
        named = None
    if named in versions:
        return named
    return versions[0] if versions else None


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
        self.fs, self.root = filesystem(source, storage_options)

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
        return versions_at(self.fs, self.root)

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

