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

Publishing (publish.py) writes a version's files with manifest.json last, then index.json, then
LATEST, and prunes old versions last, so a crash at any moment leaves at worst a version nobody lists or a LATEST
one version behind, both repaired by the next publish. Readers list only complete versions (with a manifest) and,
when LATEST is missing or names a version that is gone, fall back to the newest complete version. A download
goes to a temp folder, is verified against SHA256SUMS and the manifest, and only then renamed into place; a
mismatch raises SnapshotCorrupted naming the file.

    reader.py     list_snapshots, pull_snapshot (folders, fsspec URLs, http(s) through sitrep.http)
    publish.py    publish_snapshot, repair_target
    stage.py      the nightly run's snapshot stage: publish when the tables differ from LATEST's
    contents.py   what one version holds, as bytes (pure)
    store.py      where targets live (fsspec), S3 endpoints, version names
"""

from sitrep.snapshots.publish import SnapshotInfo, publish_snapshot, repair_target
from sitrep.snapshots.reader import SCHEMA_VERSION, SnapshotCorrupted, list_snapshots, pull_snapshot
from sitrep.snapshots.stage import SnapshotStageResult, snapshot_stage
from sitrep.snapshots.store import resolve_storage_options

__all__ = [
    "SCHEMA_VERSION", "SnapshotCorrupted", "SnapshotInfo", "SnapshotStageResult", "list_snapshots",
    "publish_snapshot", "pull_snapshot", "repair_target", "resolve_storage_options", "snapshot_stage",
]
