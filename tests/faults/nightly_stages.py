"""The nightly run's stages as plain calls (no Prefect: its temporary server is too slow to start once per crash
point), under the data dir's lock as `sitrep run` holds it, with fixed dates so two runs are comparable.

    python -m tests.faults.nightly_stages ROOT DAY NOW      ROOT/inbox → ROOT/data, snapshots in ROOT/snapshots
    run_killable(ROOT, DAY, NOW, crash_at) -> exit code     the same in a process forked from a warm fork server

Importing pandas, pyarrow, DuckDB and the coder, and loading the gazetteer, costs a fresh interpreter seconds;
a fork server that did all that once makes a run per crash point cheap (each one still a process of its own,
killed by a real SIGKILL).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from sitrep.settings import Settings, SourceConfig

REPO = Path(__file__).resolve().parents[2]


def make_settings(root: Path) -> Settings:
    inbox = root / "inbox"
    return Settings(data_dir=root / "data", samples_dir=inbox, sql_dir=REPO / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox)),),
                    snapshot_target=str(root / "snapshots"), snapshot_keep=1)


def run_stages(root: Path, day: date, now: datetime) -> None:
    from sitrep.locking import data_dir_lock
    from sitrep.pipeline import code_stage, models_stage, publish_stage
    from sitrep.pipeline.ingest import ingest_sources
    from sitrep.snapshots.stage import snapshot_stage

    settings = make_settings(root)
    with data_dir_lock(settings, "nightly stages (test)"):
        ingest_sources(settings, ingest_date=day)
        code_stage(settings)
        publish_stage(settings, now=int(now.timestamp()))
        models_stage(settings)
        snapshot_stage(settings, now=now)


def _run_with_crash_point(root: Path, day: date, now: datetime, crash_at: str) -> None:
    import os

    os.environ["SITREP_CRASH_AT"] = crash_at
    run_stages(root, day, now)


def run_killable(root: Path, day: date, now: datetime, crash_at: str, timeout_s: float = 300) -> int | None:
    """Run the stages in a process of its own with SITREP_CRASH_AT=crash_at; its exit code (-9: killed)."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    # Imported once by the fork server, before its first fork (a no-op once it runs).
    context.set_forkserver_preload(["tests.faults.warm_stages"])
    proc = context.Process(target=_run_with_crash_point, args=(root, day, now, crash_at))
    proc.start()
    proc.join(timeout_s)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return proc.exitcode


if __name__ == "__main__":
    run_stages(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))
