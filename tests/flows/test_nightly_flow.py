"""The one end-to-end test: the nightly flow over the sample inbox, under Prefect's test harness, twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.settings import PROJECT_ROOT
from sitrep.tables import read_published

pytestmark = pytest.mark.flow


def test_nightly_flow_accounts_for_every_article_and_rerun_adds_nothing(tmp_path: Path, prefect_harness) -> None:
    from flows.nightly import nightly_flow
    from sitrep.models import query

    inbox = tmp_path / "inbox"
    shutil.copytree(PROJECT_ROOT / "data" / "samples", inbox)
    config = tmp_path / "sitrep.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        f'[snapshot]\ntarget = "{tmp_path / "snapshots"}"\n'
        f'[[sources]]\nname = "samples"\nkind = "folder"\npath = "{inbox}"\n'
    )

    first = nightly_flow(config=str(config))

    assert first.new > 0 and first.events > 0
    # Every new article is accounted for: coded, no event, failed, or kept raw and not coded.
    assert first.new == first.coded + first.no_event + first.failed + first.not_coded
    assert first.no_event >= 1
    assert first.rejected >= 1 and first.newly_quarantined >= 1  # the malformed samples are kept, not lost
    assert first.sql_test_failures == {}
    tables = tmp_path / "data" / "curated" / "tables"
    events = read_published(tables, "events")
    quarantine = read_published(tables, "quarantine")
    assert len(events) == first.events
    assert (quarantine["stage"] == "ingest").sum() >= 1 and quarantine["reason"].str.len().min() > 0
    count = query(tmp_path / "data" / "curated" / "sitrep.duckdb", "select count(*) as n from acled_export")
    assert int(count["n"].iloc[0]) == first.events
    latest = (tmp_path / "snapshots" / "LATEST").read_text().strip()
    assert (tmp_path / "snapshots" / latest / "SHA256SUMS").exists()   # the run ends with a snapshot
    mtimes = {p.relative_to(tables).as_posix(): p.stat().st_mtime_ns for p in tables.rglob("*") if p.is_file()}
    raw_files = sorted((tmp_path / "data" / "raw").rglob("*.parquet"))

    second = nightly_flow(config=str(config))

    assert second.new == 0 and second.coded == 0 and second.newly_quarantined == 0
    assert second.tables_written == []
    assert second.events == first.events
    assert {p.relative_to(tables).as_posix(): p.stat().st_mtime_ns for p in tables.rglob("*") if p.is_file()} == mtimes
    assert sorted((tmp_path / "data" / "raw").rglob("*.parquet")) == raw_files
    assert sorted(p.name for p in (tmp_path / "snapshots").glob("v*")) == [latest]
