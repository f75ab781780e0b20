"""The nightly run's stages as plain calls (no Prefect: its temporary server is too slow to start once per crash
point), under the data dir's lock as `sitrep run` holds it, with fixed dates so two runs are comparable.

    python -m tests.faults.nightly_stages ROOT DAY NOW      ROOT/inbox → ROOT/data, snapshots in ROOT/snapshots
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
    from sitrep.ingest import ingest_sources
    from sitrep.locking import data_dir_lock
    from sitrep.pipeline import code_stage, models_stage, publish_stage
    from sitrep.snapshot_stage import snapshot_stage

    settings = make_settings(root)
    with data_dir_lock(settings, "nightly stages (test)"):
        ingest_sources(settings, ingest_date=day)
        code_stage(settings)
        publish_stage(settings, now=int(now.timestamp()))
        models_stage(settings)
        snapshot_stage(settings, now=now)


if __name__ == "__main__":
    run_stages(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))
