"""kill -9 at every named crash point (sitrep.faults), then one more run: tables and snapshot equal those of a
run that was never killed, on the same inbox. Also: writes are fsynced, a locked run clears the temp files a
killed one left, and near-duplicate links survive a kill between the articles and their links."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from sitrep.faults import CRASH_POINTS
from sitrep.store import read_parquet_files

from .conftest import COPY, PROTEST, REPO, SHELLING, child_env, write_inbox
from .nightly_stages import run_stages

DAY1, DAY2 = date(2025, 3, 6), date(2025, 3, 7)
NOW1, NOW2 = datetime(2025, 3, 6, 2, 0, tzinfo=timezone.utc), datetime(2025, 3, 7, 2, 0, tzinfo=timezone.utc)
DAY_TWO_INBOX = [SHELLING, COPY, PROTEST]   # COPY: a near-duplicate of day one's SHELLING; PROTEST: a new event


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state_of(root: Path) -> dict:
    """What must not depend on whether a run was killed: the curated tables' bytes, the snapshot target (its
    versions' manifests hold every file's sha256, and `created` comes from the fixed clock), the raw zone's
    files and article ids, the near-duplicate links, and what the DuckDB models see."""
    from sitrep.models import query

    data, snaps = root / "data", root / "snapshots"
    raw = sorted(p.relative_to(data / "raw").as_posix() for p in (data / "raw").rglob("*.parquet"))
    articles = read_parquet_files(data / "raw" / "articles", columns=["id"])
    links = read_parquet_files(data / "raw" / "links", columns=["article_id", "duplicate_of"])
    return {
        "tables": {p.name: sha256(p) for p in sorted((data / "curated" / "tables").glob("*.parquet"))},
        "latest": (snaps / "LATEST").read_text(),
        "index": json.loads((snaps / "index.json").read_text()),
        "versions": {p.name: sha256(p / "manifest.json") for p in sorted(snaps.iterdir()) if p.is_dir()},
        "raw_files": raw,
        "article_ids": sorted(articles["id"]),
        "links": sorted(zip(links.get("article_id", []), links.get("duplicate_of", []))),
        "acled_export_rows": int(query(data / "curated" / "sitrep.duckdb",
                                       "select count(*) as n from acled_export")["n"].iloc[0]),
    }


def leftovers(root: Path) -> list[str]:
    """Temp files and folders of killed writes: every hidden entry but the lock's own files."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(".*")
                  if p.name not in {".sitrep.lock", ".sitrep.lock.json"})


@pytest.fixture(scope="module")
def day_one(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("day-one")
    write_inbox(root / "inbox", [SHELLING])
    run_stages(root, DAY1, NOW1)
    return root


def day_two_start(day_one: Path, root: Path) -> Path:
    shutil.copytree(day_one, root)
    write_inbox(root / "inbox", DAY_TWO_INBOX)
    return root


@pytest.fixture(scope="module")
def clean_day_two(day_one, tmp_path_factory) -> dict:
    root = day_two_start(day_one, tmp_path_factory.mktemp("clean") / "root")
    run_stages(root, DAY2, NOW2)
    state = state_of(root)
    assert state["links"] == [(_id_of(root, COPY), _id_of(root, SHELLING))]
    assert len(state["versions"]) == 1 and state["acled_export_rows"] == 2
    return state


def _id_of(root: Path, record: dict) -> str:
    articles = read_parquet_files(root / "data" / "raw" / "articles", columns=["id", "url"])
    return str(articles.loc[articles["url"] == record["url"], "id"].iloc[0])


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_kill_at_any_crash_point_then_one_run_equals_a_clean_run(point, day_one, clean_day_two, tmp_path):
    root = day_two_start(day_one, tmp_path / "root")

    killed = subprocess.run([sys.executable, "-m", "tests.faults.nightly_stages", str(root), DAY2.isoformat(),
                             NOW2.isoformat()], cwd=REPO, env=child_env(SITREP_CRASH_AT=point),
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, f"never reached {point}: {killed.stderr[-2000:]}"

    run_stages(root, DAY2, NOW2)

    assert state_of(root) == clean_day_two
    assert leftovers(root) == []


KILLED_BEFORE_LINKS = """
import os, signal, sys
from datetime import date
from pathlib import Path
from sitrep import near_duplicates
from sitrep.ingest import ingest_sources
from tests.faults.nightly_stages import make_settings

def killed(self, day):      # the moment the links are about to be saved
    os.kill(os.getpid(), signal.SIGKILL)

near_duplicates.NearDuplicateLinker.save = killed
ingest_sources(make_settings(Path(sys.argv[1])), ingest_date=date.fromisoformat(sys.argv[2]))
"""


def test_near_duplicate_links_survive_a_kill_between_articles_and_links(day_one, tmp_path):
    """Item 10: whatever the write order, a kill where the links are saved must not let the copy be coded as
    an event of its own on the next run."""
    from sitrep.ingest import ingest_sources
    from sitrep.pipeline import code_stage, publish_stage, tables_dir

    from .nightly_stages import make_settings

    root = day_two_start(day_one, tmp_path / "root")
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_LINKS, str(root), DAY2.isoformat()], cwd=REPO,
                            env=child_env(), capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    settings = make_settings(root)
    ingest_sources(settings, ingest_date=DAY2)
    code_stage(settings)
    publish_stage(settings, now=int(NOW2.timestamp()))

    articles = pd.read_parquet(tables_dir(settings) / "articles.parquet").set_index("url")
    assert articles.loc[COPY["url"], "status"] == "not_coded"
    assert articles.loc[PROTEST["url"], "status"] == "coded"
    assert len(pd.read_parquet(tables_dir(settings) / "events.parquet")) == 2


def test_atomic_writes_fsync_the_file_and_its_folder(tmp_path, monkeypatch):
    """Raw files and the id registry: without fsync a power cut can leave an empty file under the final name."""
    from sitrep.ids import save_registry
    from sitrep.store import atomic_write_parquet

    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    raw = tmp_path / "raw" / "articles" / "part-1.parquet"
    atomic_write_parquet(pd.DataFrame({"id": ["a"]}), raw)
    registry = tmp_path / "registry"
    save_registry(pd.DataFrame(columns=["event_id_cnty", "mention_keys", "merge_key", "content_hash", "timestamp",
                                        "deleted_at", "reason"]), {}, registry)

    for folder, name in ((raw.parent, raw.name), (registry, "events.parquet")):
        # the temp file before its rename (its data), then the folder after it (the new name)
        temp = [s for s in synced if Path(s).parent == folder and Path(s).name.startswith(f".{name}.")]
        assert temp and synced.index(str(folder)) > synced.index(temp[0]), synced


def test_a_locked_run_deletes_temp_files_a_killed_run_left(tmp_path):
    from sitrep.cli import main

    from .conftest import write_config

    inbox = write_inbox(tmp_path / "inbox", [SHELLING])
    config = write_config(tmp_path, inbox=inbox)
    curated = tmp_path / "data" / "curated"
    stale = [curated / f".sitrep.duckdb.{'ab' * 16}.tmp", curated / f".sitrep.duckdb.{'ab' * 16}.tmp.wal",
             curated / "tables" / ".events.parquet.q1w2e3.tmp",
             tmp_path / "data" / "raw" / "articles" / "ingest_date=2025-03-05" / ".part-00ff.parquet.z9x8.tmp"]
    keep = curated / "tables" / ".keep"
    for path in [*stale, keep]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left by a killed run")

    assert main(["--config", str(config), "ingest"]) == 0

    assert [p for p in stale if p.exists()] == []
    assert keep.exists()          # only temp files go
