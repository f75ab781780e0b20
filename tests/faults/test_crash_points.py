"""kill -9 at every named crash point (sitrep.faults), then one more run: tables and snapshot equal those of a
run that was never killed, on the same inbox. Also: writes are fsynced, a locked run clears the temp files a
killed one left, and near-duplicate links survive a kill between the articles and their links."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from sitrep.faults import CRASH_POINTS
from sitrep.store import read_parquet_files

from .conftest import COPY, PROTEST, REPO, SHELLING, child_env, write_inbox
from .nightly_stages import run_killable, run_stages

DAY1, DAY2 = date(2025, 3, 6), date(2025, 3, 7)
NOW1, NOW2 = datetime(2025, 3, 6, 2, 0, tzinfo=UTC), datetime(2025, 3, 7, 2, 0, tzinfo=UTC)
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
        "tables": {p.relative_to(data / "curated" / "tables").as_posix(): sha256(p)
                   for p in sorted((data / "curated" / "tables").rglob("*")) if p.is_file()},
        "latest": (snaps / "LATEST").read_text(),
        "index": json.loads((snaps / "index.json").read_text()),
        "versions": {p.name: sha256(p / "manifest.json") for p in sorted(snaps.iterdir()) if p.is_dir()},
        "raw_files": raw,
        "article_ids": sorted(articles["id"]),
        "links": sorted(zip(links.get("article_id", []), links.get("duplicate_of", []), strict=True)),
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

    exit_code = run_killable(root, DAY2, NOW2, crash_at=point)
    assert exit_code == -signal.SIGKILL, f"never reached {point} (exit code {exit_code})"

    run_stages(root, DAY2, NOW2)

    assert state_of(root) == clean_day_two
    assert leftovers(root) == []


KILLED_BEFORE_LINKS = """
import os, signal, sys
from datetime import date
from pathlib import Path
from sitrep import near_duplicates
from sitrep.pipeline.ingest import ingest_sources
from tests.faults.nightly_stages import make_settings

def killed(self, day):      # the moment the links are about to be saved
    os.kill(os.getpid(), signal.SIGKILL)

near_duplicates.NearDuplicateLinker.save = killed
ingest_sources(make_settings(Path(sys.argv[1])), ingest_date=date.fromisoformat(sys.argv[2]))
"""


def test_near_duplicate_links_survive_a_kill_between_articles_and_links(tmp_path):
    """Item 10: whatever the write order, a kill where the links are saved must not let the copy be coded as
    an event of its own on the next run. (Only stages every build has: this runs against old builds too.)"""
    from sitrep.pipeline import code_stage, ingest_sources, publish_stage
    from sitrep.tables import read_published
    from sitrep.zones import tables_dir

    from .nightly_stages import make_settings

    root = tmp_path / "root"
    settings = make_settings(root)
    write_inbox(root / "inbox", [SHELLING])
    ingest_sources(settings, ingest_date=DAY1)
    code_stage(settings)
    write_inbox(root / "inbox", DAY_TWO_INBOX)
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_LINKS, str(root), DAY2.isoformat()], cwd=REPO,
                            env=child_env(), capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    ingest_sources(settings, ingest_date=DAY2)
    code_stage(settings)
    publish_stage(settings, now=int(NOW2.timestamp()))

    articles = read_published(tables_dir(settings), "articles").set_index("url")
    assert articles.loc[COPY["url"], "status"] == "not_coded"
    assert articles.loc[PROTEST["url"], "status"] == "coded"
    assert len(read_published(tables_dir(settings), "events")) == 2


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


# ── Prefect's temporary server: stopped on SIGTERM, its orphan stopped by the next run ──

SERVER_MARKER = b"prefect.server.api.server:create_app"


def load_server_module():
    """flows/server.py by its path: inside pytest, `import flows` can resolve to tests/flows."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sitrep_flows_server", REPO / "flows" / "server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def servers_with(token: str) -> list[int]:
    """Pids of Prefect server processes whose environment holds token (what a test's `sitrep run` started)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and SERVER_MARKER in (proc / "cmdline").read_bytes() \
                    and token.encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def wait_for(condition, timeout_s: float, what: str):
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_only_this_data_dirs_orphaned_servers_are_stopped(tmp_path):
    server = load_server_module()
    data_dir = tmp_path / "data"

    def fake(of: Path, *marker: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", *marker],
                                env={**os.environ, server.SERVER_OF_ENV: str(of)})

    ours = fake(data_dir, SERVER_MARKER.decode())
    other_runs = fake(tmp_path / "other-data", SERVER_MARKER.decode())
    not_prefect = fake(data_dir)
    try:
        wait_for(lambda: (Path(f"/proc/{ours.pid}/cmdline").read_bytes().count(SERVER_MARKER)), 10, "the fake")
        assert server.stop_orphaned_servers(data_dir) == [ours.pid]
        assert ours.wait(timeout=10) == -signal.SIGTERM
        assert other_runs.poll() is None and not_prefect.poll() is None
    finally:
        for proc in (ours, other_runs, not_prefect):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


STARTUP = """
import sys
from pathlib import Path
from flows.server import PrefectServerError, temporary_server

try:
    with temporary_server(Path(sys.argv[1])):
        print("started")
except PrefectServerError as exc:
    print("error:", exc)
"""


def test_a_server_that_does_not_start_in_time_says_what_to_do_and_is_not_left_running(tmp_path):
    import uuid

    token = uuid.uuid4().hex
    env = child_env(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="0", PREFECT_HOME=str(tmp_path / "prefect"),
                    SITREP_TEST_TOKEN=token, PREFECT_SERVER_ANALYTICS_ENABLED="false")
    result = subprocess.run([sys.executable, "-c", STARTUP, str(tmp_path / "data")], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)

    assert result.stdout.startswith("error: Prefect's temporary server did not start within 0 s"), result.stderr
    assert "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS" in result.stdout
    assert "prefect server start" in result.stdout
    assert servers_with(token) == []


@pytest.mark.flow
def test_sitrep_run_stops_its_server_on_sigterm_and_the_next_run_stops_a_killed_runs_orphan(tmp_path):
    import uuid

    from .conftest import write_config

    config = write_config(tmp_path, inbox=write_inbox(tmp_path / "inbox", [SHELLING]))
    token = uuid.uuid4().hex
    env = child_env(SITREP_TEST_TOKEN=token)
    command = [sys.executable, "-m", "sitrep.cli", "--config", str(config), "run"]

    killed = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    orphan = wait_for(lambda: servers_with(token), 300, "the first run's server")[0]
    killed.kill()
    killed.wait(timeout=30)
    assert servers_with(token) == [orphan]                   # kill -9: nothing could stop it

    second = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        own = wait_for(lambda: [p for p in servers_with(token) if p != orphan], 300, "the second run's server")
        assert orphan not in servers_with(token)             # stopped before the new one started
        second.send_signal(signal.SIGTERM)
        _, err = second.communicate(timeout=120)
        assert second.returncode == 128 + signal.SIGTERM, err[-3000:]
        assert "terminated" in err
        wait_for(lambda: not servers_with(token), 30, "the second run's server to stop")
        assert own
    finally:
        if second.poll() is None:
            second.kill()
        for pid in servers_with(token):      # only servers this test's runs started
            os.kill(pid, signal.SIGKILL)
