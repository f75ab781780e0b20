"""One writing run at a time per data dir, shown with real second processes: a `python -c` holding the lock
through sitrep.locking, and the real `sitrep` CLI (or a flow) as the second writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from .conftest import SITREP, child_env, lock_held, start_holder, write_config

LOCK_FILES = {".sitrep.lock", ".sitrep.lock.json"}
WRITERS = {
    "ingest": ["ingest"],
    "run": ["run"],
    "backfill": ["backfill", "--since", "2025-01-01"],
    "snapshot publish": ["snapshot", "publish"],
}


def sitrep(config: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*SITREP, "--config", str(config), *args], capture_output=True, text=True,
                          env=child_env(), cwd=config.parent, timeout=timeout)


def files_under(folder: Path) -> list[str]:
    """Every file below folder but the lock's own two."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.name not in LOCK_FILES)


def seed_tables(data_dir: Path) -> None:
    """A curated table already there, so that `snapshot publish` has something it could publish."""
    tables = data_dir / "curated" / "tables"
    tables.mkdir(parents=True)
    pd.DataFrame({"event_id_cnty": ["UKR1"], "fatalities": [2]}).to_parquet(tables / "events.parquet")


@pytest.mark.parametrize("command", list(WRITERS))
def test_second_writer_stops_at_once_naming_data_dir_and_holder(tmp_path, inbox, command):
    config = write_config(tmp_path, inbox=inbox)
    seed_tables(tmp_path / "data")
    before = files_under(tmp_path / "data")

    with lock_held(config) as holder:
        started = time.monotonic()
        result = sitrep(config, *WRITERS[command])
        elapsed = time.monotonic() - started

    assert result.returncode == 75, result.stdout + result.stderr
    assert str((tmp_path / "data").resolve()) in result.stderr
    assert f"pid {holder.pid}" in result.stderr and "nothing written" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_under(tmp_path / "data") == before          # nothing written
    assert not (tmp_path / "snapshots").exists()
    assert elapsed < 60                                       # [lock] timeout_s = 0: no waiting (and no Prefect)


def test_second_writer_waits_up_to_lock_timeout_then_runs(tmp_path, inbox):
    config = write_config(tmp_path, inbox=inbox, lock_timeout_s=120)
    hold_s = 4.0
    with lock_held(config):
        contender = subprocess.Popen([*SITREP, "--config", str(config), "ingest"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=child_env(), cwd=tmp_path)
        time.sleep(hold_s)
        waiting = contender.poll() is None
        written_while_held = files_under(tmp_path / "data" / "raw")
    out, err = contender.communicate(timeout=120)

    assert waiting and written_while_held == []
    assert contender.returncode == 0, out + err
    assert "2 new" in out


def test_lock_dies_with_its_holder_not_with_the_holders_children(tmp_path, inbox):
    """kill -9 of a run frees the lock (the kernel drops it), even while a child it started (as a run starts
    Prefect's server) lives on; the next run deletes the temp files the killed one left."""
    config = write_config(tmp_path, inbox=inbox)
    holder, child = start_holder(config, spawn=True)
    stale = tmp_path / "data" / "raw" / "articles" / "ingest_date=2025-03-05" / ".part-0123abcd.parquet.x1y2.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half a parquet file")
    try:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert child is not None and os.path.exists(f"/proc/{child}")    # the orphan lives on

        result = sitrep(config, "ingest")

        assert result.returncode == 0, result.stdout + result.stderr
        assert "2 new" in result.stdout
        assert not stale.exists()
    finally:
        if child is not None:
            os.kill(child, signal.SIGKILL)


FLOWS_UNDER_LOCK = """
import importlib, sys
from sitrep.locking import DataDirBusy

for name in ("nightly", "ingest", "code", "publish", "models"):
    flow = getattr(importlib.import_module(f"flows.{name}"), f"{name}_flow")
    try:
        flow.fn(config=sys.argv[1])        # the flow's body, without Prefect's engine
    except DataDirBusy as exc:
        print(name, "busy:", exc, flush=True)
    else:
        print(name, "ran", flush=True)
"""


def test_every_flow_that_writes_holds_the_lock(tmp_path, inbox):
    """A deployment runs the flows without the CLI: each must stop before writing when the data dir is busy.
    (In a process of its own: inside pytest, `flows` can resolve to tests/flows.)"""
    config = write_config(tmp_path, inbox=inbox)
    with lock_held(config) as holder:
        result = subprocess.run([sys.executable, "-c", FLOWS_UNDER_LOCK, str(config)], capture_output=True,
                                text=True, env=child_env(), cwd=tmp_path, timeout=300)
    lines = result.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines] == [[name, "busy:"] for name in
                                                         ("nightly", "ingest", "code", "publish", "models")], \
        result.stdout + result.stderr[-3000:]
    assert all(f"pid {holder.pid}" in line for line in lines)
    assert files_under(tmp_path / "data") == []


def test_lock_is_reentrant_within_a_process_across_threads(tmp_path, inbox):
    """`sitrep run` holds the lock and calls the nightly flow, which takes it again (its tasks may run on
    other threads): one process never locks itself out."""
    import json

    from sitrep.locking import HOLDER_FILE, data_dir_lock
    from sitrep.settings import load_settings

    settings = load_settings(write_config(tmp_path, inbox=inbox))
    inner: list[bool] = []
    with data_dir_lock(settings, "outer"):
        holder = json.loads((settings.data_dir / HOLDER_FILE).read_text())

        def nested() -> None:
            with data_dir_lock(settings, "inner"):
                inner.append(True)

        thread = threading.Thread(target=nested)
        thread.start()
        thread.join(timeout=10)
        assert (settings.data_dir / HOLDER_FILE).exists()     # the inner release keeps the outer hold
    assert inner == [True]
    assert holder["pid"] == os.getpid() and holder["command"] == "outer"
    assert not (settings.data_dir / HOLDER_FILE).exists()
