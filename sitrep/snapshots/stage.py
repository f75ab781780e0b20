"""The snapshot stage: publish a new snapshot version when the curated tables differ from what LATEST holds.

The one place that decides, called by the nightly flow and by `sitrep snapshot publish`. The decision compares
checksums (the tables on disk against the manifest of the version LATEST names), not "did this run rewrite a
table": a run killed between writing the tables and publishing leaves tables that no version holds, and the
next run, which rewrites nothing, must still publish them. Before deciding, the target is repaired
(sitrep.snapshots.publish.repair_target): what a killed publish left is completed or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sitrep.faults import crash_point
from sitrep.settings import Settings


@dataclass(frozen=True)
class SnapshotStageResult:
    target: str | None
    published: str | None               # the version this run published, None when it published none
    latest: str | None                  # the version LATEST names at the end
    reason: str                         # why a version was or was not published
    removed: list[str] = field(default_factory=list)     # versions pruned (beyond keep)
    repaired: list[str] = field(default_factory=list)    # what was fixed after a killed publish
    changes: dict[str, list[str]] = field(default_factory=dict)


def snapshot_stage(settings: Settings, *, target: str | None = None, keep: int | None = None, force: bool = False,
                   storage_options: dict[str, Any] | None = None, now: datetime | None = None) -> SnapshotStageResult:
    """Repair the target, then publish the curated tables as a new version unless LATEST already holds exactly
    these tables (force: publish anyway). target/keep default to settings ([snapshot] target, keep); with no
    target at all, nothing is published."""
    from sitrep import __version__
    from sitrep.snapshots.publish import (
        checksums_of,
        publish_snapshot,
        published_table_checksums,
        read_tables_dir,
        repair_target,
    )
    from sitrep.snapshots.reader import SCHEMA_VERSION
    from sitrep.zones import tables_dir

    crash_point("snapshot.before")
    target = target or settings.snapshot_target
    if not target:
        return SnapshotStageResult(None, None, None, "no snapshot target configured")
    keep = settings.snapshot_keep if keep is None else keep
    modes = {"file_mode": settings.publish_file_mode, "dir_mode": settings.publish_dir_mode}
    repair = repair_target(target, keep=keep, storage_options=storage_options, **modes)
    repaired = [f"discarded incomplete {name}" for name in repair.discarded]
    if repair.repointed:
        repaired.append(f"LATEST and index.json now name {repair.latest}")
    current = checksums_of(read_tables_dir(tables_dir(settings)))
    if not force and repair.latest is not None \
            and published_table_checksums(target, repair.latest, storage_options) == current:
        return SnapshotStageResult(target, None, repair.latest, f"tables unchanged since {repair.latest}",
                                   repair.removed, repaired)
    info = publish_snapshot(tables_dir(settings), target, keep=keep, code_version=__version__,
                            schema_version=SCHEMA_VERSION, now=now, storage_options=storage_options, **modes)
    reason = "forced" if force and repair.latest else (
        f"tables differ from {repair.latest}" if repair.latest else "first snapshot")
    return SnapshotStageResult(target, info.version, info.version, reason, repair.removed + info.removed, repaired,
                               info.changes)
