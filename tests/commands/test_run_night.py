"""`sitrep run` on a night with nothing to code finishes without Prefect (no import, no temporary server), with
the same summary and exit code; with something to code it hands its ingest to the flow."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from sitrep.pipeline.ingest import IngestResult
from sitrep.pipeline.night import ingest_from_parameter, ingest_parameter, start_night
from sitrep.settings import load_settings
from sitrep.sources import SourceError, SourceReport

REPO = Path(__file__).resolve().parents[2]

REPORTS = [
    {"url": "https://wire.example/a", "outlet": "Wire", "published": "2025-03-05", "title": "Shelling in Kharkiv",
     "text": "Russian forces shelled the city of Kharkiv in northeastern Ukraine on Tuesday, killing two civilians "
             "and wounding five others, the regional governor said."},
    {"url": "https://daily.example/b", "outlet": "Daily", "published": "2025-03-06", "title": "Teachers march",
     "text": "Hundreds of teachers marched peacefully through the centre of Lviv in western Ukraine on Wednesday, "
             "demanding higher wages, local media reported."},
]

# In the child: run sitrep's main and write which top-level modules it loaded.
CHILD = """
import json, sys
import sitrep.cli
try:
    code = sitrep.cli.main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w") as fh:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), fh)
sys.exit(code)
"""


def write_night(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    config = tmp_path / "sitrep.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\nsql_dir = "{REPO / "sql"}"\n'
                      f'[snapshot]\ntarget = "{tmp_path / "snapshots"}"\n'
                      f'[[sources]]\nname = "inbox"\nkind = "folder"\npath = "{inbox}"\n', encoding="utf-8")
    return config


def first_night_by_plain_calls(config: Path) -> None:
    from sitrep.pipeline import code_stage, models_stage, publish_stage
    from sitrep.pipeline.ingest import ingest_sources
    from sitrep.snapshots.stage import snapshot_stage

    settings = load_settings(config)
    ingest_sources(settings)
    code_stage(settings)
    publish_stage(settings)
    models_stage(settings)
    snapshot_stage(settings)


def run_child(tmp_path: Path, config: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    from tests.faults.conftest import child_env

    report = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", CHILD, str(report), "--config", str(config), "run"], cwd=tmp_path,
                          env=child_env(COLUMNS="200"), capture_output=True, text=True, timeout=300)
    return done, json.loads(report.read_text())


def summary_value(output: str, measure: str) -> str:
    """A value of the summary table (rich draws its cells between │ bars)."""
    rows = ([cell.strip() for cell in line.strip().strip("│").split("│")] for line in output.splitlines())
    return next(row[1] for row in rows if len(row) == 2 and row[0] == measure)


def test_a_night_with_nothing_new_runs_without_prefect_and_changes_nothing(tmp_path):
    config = write_night(tmp_path)
    first_night_by_plain_calls(config)
    written = [tmp_path / "data" / "raw", tmp_path / "data" / "curated" / "tables"]   # as the flow test checks
    files = {p: p.stat().st_mtime_ns for folder in written for p in folder.rglob("*.parquet")}
    snapshots = sorted(p.name for p in (tmp_path / "snapshots").iterdir())

    done, modules = run_child(tmp_path, config)

    assert done.returncode == 0, done.stderr[-3000:]
    assert "prefect" not in modules and "flows" in modules          # the server module's orphan check only
    assert summary_value(done.stdout, "new articles") == "0"
    assert summary_value(done.stdout, "already known (duplicates)") == "2"
    assert summary_value(done.stdout, "tables rewritten") == "none (no change)"
    assert int(summary_value(done.stdout, "events in the curated table")) >= 1
    assert "Latest events" in done.stdout
    assert {p: p.stat().st_mtime_ns for folder in written for p in folder.rglob("*.parquet")} == files
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == snapshots


def test_the_start_of_a_night_counts_what_is_left_to_code(tmp_path):
    config = write_night(tmp_path)
    settings = load_settings(config)
    start = start_night(settings)
    assert start.ingest.new == 2 and start.to_code == 2          # a first night: the flow codes them
    again = start_night(settings)
    assert again.ingest.new == 0 and again.to_code == 2           # ingested but not coded (a killed run): still
    from sitrep.pipeline import code_stage

    code_stage(settings)
    done = start_night(settings)
    assert done.ingest.new == 0 and done.to_code == 0 and done.code.skipped == 2


def test_an_ingest_result_survives_the_flow_parameter_round_trip():
    result = IngestResult(ingest_date=date(2025, 3, 7), seen=5, new=2, duplicates=1, rejected=2,
                          unsupported_language=1, quarantined=2, near_duplicates=1, truncated=1, new_ids=["a", "b"],
                          reports=[SourceReport(name="inbox", items=5, rejected=2, errors=["x"])],
                          errors=[SourceError(source="feed", reason="timeout")],
                          articles_file=Path("/d/raw/articles/ingest_date=2025-03-07/part-1.parquet"),
                          quarantine_file="s3://bucket/raw/quarantine/part-2.parquet")
    parameter = ingest_parameter(result)
    assert json.loads(json.dumps(parameter)) == parameter
    assert ingest_from_parameter(parameter) == result
