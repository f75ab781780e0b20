"""Snapshots after a crash: the states a killed publish leaves (built by hand, or left by a real kill -9 at a
named crash point) are read correctly and repaired by the next publish; the snapshot stage decides by
checksums against LATEST, so tables that no version holds get published even when no table was rewritten."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from sitrep.settings import Settings
from sitrep.snapshots import list_snapshots, publish_snapshot, pull_snapshot
from sitrep.store import atomic_write_parquet

from .conftest import REPO, child_env

DAY1 = datetime(2025, 2, 7, 2, 0, tzinfo=UTC)
DAY2 = datetime(2025, 2, 8, 2, 0, tzinfo=UTC)
DAY3 = datetime(2025, 2, 9, 2, 0, tzinfo=UTC)


def write_tables(folder: Path, fatalities: int) -> Path:
    atomic_write_parquet(pd.DataFrame({"event_id_cnty": ["UKR1"], "fatalities": [fatalities]}),
                         folder / "events.parquet")
    atomic_write_parquet(pd.DataFrame({"figure_id": ["f1"], "value": [fatalities]}), folder / "figures.parquet")
    return folder


def publish(tables: Path, target: Path, now: datetime, keep: int = 5):
    return publish_snapshot(tables, str(target), keep=keep, code_version="0.1.0", schema_version="1", now=now)


def folders(target: Path) -> list[str]:
    return sorted(p.name for p in target.iterdir() if p.is_dir())


def test_readers_without_latest_use_the_newest_complete_version(tmp_path):
    """A publish killed after its version's files and before LATEST (the first ever: no LATEST at all)."""
    target = tmp_path / "snaps"
    publish(write_tables(tmp_path / "t", 1), target, DAY1)
    publish(write_tables(tmp_path / "t", 2), target, DAY2)
    (target / "LATEST").unlink()

    listing = list_snapshots(str(target))
    pulled = pull_snapshot(str(target), None, tmp_path / "down")

    assert [(v["version"], v["latest"]) for v in listing] == [("v2025.02.08", True), ("v2025.02.07", False)]
    assert pulled.name == "v2025.02.08"
    assert pd.read_parquet(pulled / "events.parquet")["fatalities"].tolist() == [2]


def test_latest_naming_a_pruned_version_falls_back_to_the_newest(tmp_path):
    """What an old build left when killed between pruning (keep=1) and moving LATEST."""
    target = tmp_path / "snaps"
    publish(write_tables(tmp_path / "t", 1), target, DAY1)
    publish(write_tables(tmp_path / "t", 2), target, DAY2)
    (target / "LATEST").write_text("v2025.02.06\n")

    assert [v["version"] for v in list_snapshots(str(target)) if v["latest"]] == ["v2025.02.08"]
    assert pull_snapshot(str(target), None, tmp_path / "down").name == "v2025.02.08"


def test_incomplete_version_is_ignored_then_replaced_and_temp_folders_removed(tmp_path):
    """A version folder without a manifest (an object store's half-written version) and a hidden temp folder
    (a folder target's version killed before its rename): readers skip both, the next publish clears them."""
    target = tmp_path / "snaps"
    publish(write_tables(tmp_path / "t", 1), target, DAY1)
    half = target / "v2025.02.08"
    half.mkdir()
    (half / "events.parquet").write_bytes(b"half")
    (half / "stray.parquet").write_bytes(b"from the killed run")
    temp = target / ".v2025.02.08.k3j4l5"
    temp.mkdir()
    (temp / "events.parquet").write_bytes(b"half")

    assert [v["version"] for v in list_snapshots(str(target))] == ["v2025.02.07"]
    info = publish(write_tables(tmp_path / "t", 2), target, DAY2)

    assert info.version == "v2025.02.08"
    assert folders(target) == ["v2025.02.07", "v2025.02.08"]
    assert not (half / "stray.parquet").exists()
    pulled = pull_snapshot(str(target), None, tmp_path / "down")
    assert pd.read_parquet(pulled / "events.parquet")["fatalities"].tolist() == [2]


# ── real kills inside publish_snapshot ──

PUBLISH_KILLED = """
import sys
from datetime import datetime, timezone
from sitrep.snapshots import publish_snapshot

publish_snapshot(sys.argv[1], sys.argv[2], keep=1, code_version="0.1.0", schema_version="1",
                 now=datetime(2025, 2, 8, 2, 0, tzinfo=timezone.utc))
"""


@pytest.mark.parametrize("point", ["snapshot.version_written", "snapshot.index_written", "snapshot.latest_written"])
def test_publish_killed_at_each_step_leaves_a_readable_target_that_the_next_publish_repairs(tmp_path, point):
    from sitrep.snapshots import repair_target

    target = tmp_path / "snaps"
    publish(write_tables(tmp_path / "t1", 1), target, DAY1, keep=1)
    tables = write_tables(tmp_path / "t2", 2)

    killed = subprocess.run([sys.executable, "-c", PUBLISH_KILLED, str(tables), str(target)], cwd=REPO,
                            env=child_env(SITREP_CRASH_AT=point), capture_output=True, text=True, timeout=120)

    assert killed.returncode == -9, killed.stderr
    # Right after the kill: every reader still gets a complete version (LATEST never names a pruned one).
    latest = [v["version"] for v in list_snapshots(str(target)) if v["latest"]]
    assert latest == ["v2025.02.08" if point == "snapshot.latest_written" else "v2025.02.07"]
    pull_snapshot(str(target), None, tmp_path / "down")
    # The next publish (the snapshot stage repairs first) completes the killed one and prunes what keep=1 drops.
    repaired = repair_target(str(target), keep=1)
    assert repaired.latest == "v2025.02.08" and repaired.removed == ["v2025.02.07"]
    assert folders(target) == ["v2025.02.08"]
    assert (target / "LATEST").read_text() == "v2025.02.08\n"
    assert json.loads((target / "index.json").read_text()) == {"latest": "v2025.02.08", "versions": ["v2025.02.08"]}


# ── the snapshot stage's decision ──

def stage_settings(tmp_path: Path, keep: int = 3) -> Settings:
    return Settings(data_dir=tmp_path / "data", samples_dir=tmp_path, sql_dir=REPO / "sql", sources=(),
                    snapshot_target=str(tmp_path / "snaps"), snapshot_keep=keep)


def test_snapshot_stage_compares_tables_with_latest_not_with_what_this_run_wrote(tmp_path):
    from sitrep.snapshots.stage import snapshot_stage
    from sitrep.zones import tables_dir

    settings = stage_settings(tmp_path)
    write_tables(tables_dir(settings), 1)
    first = snapshot_stage(settings, now=DAY1)
    again = snapshot_stage(settings, now=DAY1)
    # A run killed after writing the tables and before its snapshot: the next run rewrites no table...
    write_tables(tables_dir(settings), 2)
    repaired = snapshot_stage(settings, now=DAY2)
    after = snapshot_stage(settings, now=DAY3)

    assert (first.published, again.published) == ("v2025.02.07", None)
    assert again.reason == "tables unchanged since v2025.02.07"
    assert repaired.published == "v2025.02.08"            # ...and still gets a snapshot of the new tables
    assert after.published is None and after.latest == "v2025.02.08"
    assert folders(tmp_path / "snaps") == ["v2025.02.07", "v2025.02.08"]


def test_snapshot_stage_completes_a_version_latest_does_not_name_yet(tmp_path):
    """Killed after the version's files and before LATEST: the next run points LATEST at it, prunes, and adds
    no duplicate version of the same tables."""
    from sitrep.snapshots.stage import snapshot_stage
    from sitrep.zones import tables_dir

    settings = stage_settings(tmp_path, keep=1)
    write_tables(tables_dir(settings), 1)
    snapshot_stage(settings, now=DAY1)
    write_tables(tables_dir(settings), 2)
    snapshot_stage(settings, now=DAY2)
    # Put the target back in the state a kill before LATEST leaves (keep=1: the old version not yet pruned).
    shutil.copytree(tmp_path / "snaps" / "v2025.02.08", tmp_path / "keep")
    publish(write_tables(tmp_path / "t1", 1), tmp_path / "old", DAY1)
    shutil.copytree(tmp_path / "old" / "v2025.02.07", tmp_path / "snaps" / "v2025.02.07")
    (tmp_path / "snaps" / "LATEST").write_text("v2025.02.07\n")

    result = snapshot_stage(settings, now=DAY3)

    assert result.published is None and result.latest == "v2025.02.08"
    assert result.removed == ["v2025.02.07"] and result.repaired
    assert folders(tmp_path / "snaps") == ["v2025.02.08"]
    assert (tmp_path / "snaps" / "LATEST").read_text() == "v2025.02.08\n"


def test_cli_publish_uses_the_stage_decision(tmp_path, monkeypatch, capsys):
    from sitrep.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    monkeypatch.delenv("SITREP_SNAPSHOT_TARGET", raising=False)
    monkeypatch.setenv("SITREP_DATA_DIR", str(tmp_path / "data"))
    write_tables(tmp_path / "data" / "curated" / "tables", 1)
    snaps = tmp_path / "data" / "curated" / "snapshots"

    assert main(["snapshot", "publish"]) == 0
    assert main(["snapshot", "publish"]) == 0
    out = capsys.readouterr().out
    assert "no new version: tables unchanged since" in out
    assert len(folders(snaps)) == 1
    assert main(["snapshot", "publish", "--force"]) == 0
    assert len(folders(snaps)) == 2
