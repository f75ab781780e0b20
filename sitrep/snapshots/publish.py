"""Publishing snapshots, in a write-ahead order that a crash at any moment cannot break:

    1. the version's files, manifest.json last (a folder target: all in a hidden temp folder, fsynced, renamed
       into place): a version without a manifest is incomplete, and no reader lists it;
    2. index.json (the versions kept, newest first);
    3. LATEST (atomic);
    4. pruning the versions beyond `keep`, last, so LATEST never names a deleted version.

`repair_target` finishes what a killed publish left: it removes temp folders and incomplete versions, points
index.json and LATEST at the newest complete version and prunes. The snapshot stage calls it before deciding
whether the tables changed. One publisher per target at a time (the data dir's lock): a repair running beside
another publisher would take its half-written version for an incomplete one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.faults import crash_point
from sitrep.snapshots.contents import CHANGES_FILE, MANIFEST_FILE, as_json, table_checksums, version_contents
from sitrep.snapshots.store import (
    INDEX_FILE,
    LATEST_FILE,
    TEMP_VERSION_PATTERN,
    VERSION_PATTERN,
    entry_names,
    filesystem,
    is_local,
    next_version,
    put,
    read_tables,
    read_text,
    versions_at,
)
from sitrep.store import fsync_dir


@dataclass(frozen=True)
class SnapshotInfo:
    version: str
    location: str                       # folder path or URL of the version
    created: str                        # ISO UTC
    files: dict[str, dict[str, Any]]    # the manifest's per-file entries
    changes: dict[str, list[str]] = field(default_factory=dict)  # added / updated / deleted event IDs
    removed: list[str] = field(default_factory=list)             # versions pruned by retention


@dataclass(frozen=True)
class RepairResult:
    latest: str | None                  # the newest complete version, which LATEST now names
    discarded: list[str]                # temp folders and incomplete versions removed
    removed: list[str]                  # complete versions pruned (beyond keep)
    repointed: bool                     # index.json / LATEST had to be rewritten


@dataclass(frozen=True)
class Modes:
    file: int = 0o644
    dir: int = 0o755


def read_tables_dir(tables_dir: Path) -> dict[str, bytes]:
    """The tables under tables_dir as a snapshot ships them, by file name: a partitioned folder (one with a
    manifest, sitrep.tables) gives one `<table>.parquet` per published table, built from its partitions (the
    same partitions give the same bytes); a folder of plain files gives its Parquet files (temp and hidden
    files left out), by relative name."""
    from schemas.tables import PUBLISHED_TABLES
    from sitrep.tables import TableStore, combined_table, published_schema

    store = TableStore(tables_dir)
    manifest = store.read_manifest()
    if manifest is not None:
        return {f"{name}.parquet": combined_table(store, manifest, name, published_schema(name))
                for name in PUBLISHED_TABLES}
    tables_dir = Path(tables_dir)
    paths = sorted(p for p in tables_dir.rglob("*.parquet")
                   if not any(part.startswith(".") for part in p.relative_to(tables_dir).parts))
    return {p.relative_to(tables_dir).as_posix(): p.read_bytes() for p in paths}


def checksums_of(tables: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in tables.items()}


def publish_snapshot(tables_dir: Path, target: str, *, keep: int, code_version: str, schema_version: str,
                     now: datetime | None = None, storage_options: dict[str, Any] | None = None,
                     file_mode: int = 0o644, dir_mode: int = 0o755) -> SnapshotInfo:
    """Publish the Parquet tables under tables_dir as a new version at target, then keep the newest `keep`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    tables = read_tables_dir(tables_dir)
    if not tables:
        raise FileNotFoundError(f"no Parquet tables under {tables_dir}")
    now = (now or datetime.now(UTC)).astimezone(UTC)
    modes = Modes(file_mode, dir_mode)
    fs, root = filesystem(str(target), storage_options)
    discard_incomplete(fs, root)   # an incomplete version of the name we are about to use is replaced
    existing = versions_at(fs, root)
    version = next_version(now, existing)
    previous = existing[0] if existing else None
    created = now.isoformat(timespec="seconds").replace("+00:00", "Z")
    contents, entries, manifest = version_contents(
        tables, read_tables(fs, f"{root}/{previous}") if previous else None, version=version, previous=previous,
        created=created, code_version=code_version, schema_version=schema_version)
    location = _write_version(fs, root, version, contents, manifest, modes)
    crash_point("snapshot.version_written")
    removed = _point_at(fs, root, [version, *existing], keep, modes)
    changes = json.loads(contents[CHANGES_FILE])
    return SnapshotInfo(version, location, created, entries,
                        {k: changes[k] for k in ("added", "updated", "deleted")}, removed)


def repair_target(target: str, *, keep: int, storage_options: dict[str, Any] | None = None,
                  file_mode: int = 0o644, dir_mode: int = 0o755) -> RepairResult:
    """Bring a target a publish was killed on back to a consistent state (see the module docstring)."""
    fs, root = filesystem(str(target), storage_options)
    discarded = discard_incomplete(fs, root)
    versions = versions_at(fs, root)
    if not versions:
        return RepairResult(None, discarded, [], False)
    index = _index(versions[:keep])
    consistent = (read_text(fs, f"{root}/{LATEST_FILE}") == f"{versions[0]}\n"
                  and read_text(fs, f"{root}/{INDEX_FILE}") == index.decode() and len(versions) <= keep)
    removed = [] if consistent else _point_at(fs, root, versions, keep, Modes(file_mode, dir_mode))
    return RepairResult(versions[0], discarded, removed, not consistent)


def published_table_checksums(target: str, version: str,
                              storage_options: dict[str, Any] | None = None) -> dict[str, str]:
    """The tables' sha256 a published version's manifest records (name → hex digest)."""
    fs, root = filesystem(str(target), storage_options)
    manifest = json.loads(fs.cat_file(f"{root}/{version}/{MANIFEST_FILE}"))
    return table_checksums(manifest["files"])


def discard_incomplete(fs, root: str) -> list[str]:
    """Remove what a killed publish left beside the complete versions: hidden temp folders (folder targets) and
    version folders without a manifest (object stores write a version file by file, the manifest last)."""
    names = entry_names(fs, root)
    doomed = [n for n in names if is_local(fs) and TEMP_VERSION_PATTERN.match(n)]
    doomed += [n for n in names if VERSION_PATTERN.match(n) and not fs.exists(f"{root}/{n}/{MANIFEST_FILE}")]
    for name in doomed:
        if is_local(fs):
            shutil.rmtree(f"{root}/{name}", ignore_errors=True)
        else:
            fs.rm(f"{root}/{name}", recursive=True)
    return doomed


def _point_at(fs, root: str, versions: list[str], keep: int, modes: Modes) -> list[str]:
    """index.json, then LATEST, name versions[0]; then the versions beyond keep are pruned (steps 2-4)."""
    kept, removed = versions[:keep], versions[keep:]
    put(fs, f"{root}/{INDEX_FILE}", _index(kept), modes.file)
    crash_point("snapshot.index_written")
    put(fs, f"{root}/{LATEST_FILE}", f"{kept[0]}\n".encode(), modes.file)
    crash_point("snapshot.latest_written")
    for old in removed:
        fs.rm(f"{root}/{old}", recursive=True)
    return removed


def _index(versions: list[str]) -> bytes:
    return as_json({"latest": versions[0], "versions": versions})


def _write_version(fs, root: str, version: str, contents: dict[str, bytes], manifest: bytes, modes: Modes) -> str:
    final = f"{root}/{version}"
    if is_local(fs):
        _write_local_version(Path(root), version, contents, manifest, modes)
        return final
    for name, data in contents.items():
        fs.pipe_file(f"{final}/{name}", data)
    fs.pipe_file(f"{final}/{MANIFEST_FILE}", manifest)  # last: a version without a manifest is not listed
    return f"{fs.unstrip_protocol(final)}"


def _write_local_version(root: Path, version: str, contents: dict[str, bytes], manifest: bytes,
                         modes: Modes) -> None:
    """The whole folder at once: written and fsynced in a hidden temp folder beside it, then renamed."""
    if not root.exists():
        root.mkdir(parents=True)
        root.chmod(modes.dir)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{version}."))
    try:
        for name, data in [*contents.items(), (MANIFEST_FILE, manifest)]:
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, modes.file)
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), modes.file)   # the mode, whatever the umask
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        folders = sorted({p for p in tmp.rglob("*") if p.is_dir()} | {tmp}, key=lambda p: len(p.parts), reverse=True)
        for folder in folders:
            folder.chmod(modes.dir)   # mkdtemp makes 0700
            fsync_dir(folder)
        os.rename(tmp, root / version)
        fsync_dir(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
