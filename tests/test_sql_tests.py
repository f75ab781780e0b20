"""The SQL tests over what changed and in full, the tests' mark, and the DuckDB memory limit, on tiny tables.

The history: UKR1 and UKR2 published long ago (article a1), UKR3 tonight (article a2, ingested tonight)."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.cli import main
from sitrep.models import DuckDBLimits, build_models, connect, limits_for, memory_limit_bytes, source_path
from sitrep.pipeline.models import models_stage
from sitrep.settings import load_settings
from sitrep.sql_tests import run_sql_tests
from sitrep.store import atomic_write_parquet

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
ROWS = json.loads((Path(__file__).parent / "schemas" / "sample_rows.json").read_text())
OLD = 1_735_776_000      # 2025-01-02, when UKR1 and UKR2 were published
TONIGHT = 1_740_787_200  # 2025-03-01


def event(event_id: str, article_id: str, timestamp: int, **changes) -> dict:
    row = {**ROWS["events"], "event_id_cnty": event_id, "article_id": article_id, "timestamp": timestamp}
    row["event_date"] = pd.Timestamp(row["event_date"]).date()
    return {**row, **changes}


def tables() -> dict[str, list[dict]]:
    articles = [{"article_id": a, "published": day, "title": "t", "outlet": "Example Herald", "url": "",
                 "language": "en", "source_name": "samples", "source_scale": "National", "ingest_date": day,
                 "content_hash": a, "status": "coded", "events": n, "reason": "", "coder_version": "test-1"}
                for a, day, n in [("a1", "2025-01-02", 2), ("a2", "2025-03-01", 1)]]
    mentions = [{"event_id_cnty": e, "mention_id": m, "article_id": a, "outlet": "Example Herald", "quote": "q",
                 "quote_start": 0, "quote_end": 1, "event_date": pd.Timestamp("2025-02-06").date(), "fatalities": 2}
                for e, m, a in [("UKR1", "m1", "a1"), ("UKR2", "m2", "a1"), ("UKR3", "m3", "a2")]]
    return {
        "events": [event("UKR1", "a1", OLD), event("UKR2", "a1", OLD), event("UKR3", "a2", TONIGHT)],
        "articles": articles, "event_mentions": mentions,
        "figures": [{**ROWS["figures"], "figure_id": "a2-f1", "article_id": "a2", "event_id_cnty": "UKR3"}],
        "deleted_events": [], "quarantine": [],
    }


def write(curated: Path, rows: dict[str, list[dict]]) -> None:
    """Written past the validator on purpose: the SQL tests are the last line of defence."""
    for name, table_rows in rows.items():
        schema = arrow_schema(PUBLISHED_TABLES[name])
        table = pa.Table.from_pylist(table_rows, schema=schema) if table_rows else schema.empty_table()
        atomic_write_parquet(table, source_path(curated, name))


def failing(curated: Path, since: int | None) -> dict[str, int]:
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    return {r.name: r.failing_rows for r in run_sql_tests(db, SQL_DIR, since=since) if r.failing_rows}


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    return tmp_path / "data" / "curated"


def test_good_history_passes_tonight_and_in_full(curated):
    write(curated, tables())
    assert failing(curated, TONIGHT) == {}
    assert failing(curated, None) == {}


def test_tonights_tests_catch_a_bad_row_among_tonights_changes(curated):
    rows = tables()
    rows["events"][2]["interaction"] = "State forces-Civilians"
    write(curated, rows)
    assert failing(curated, TONIGHT) == {"assert_interaction_consistent": 1}


def test_an_old_bad_row_is_left_to_the_full_suite(curated):
    rows = tables()
    rows["events"][0]["interaction"] = "State forces-Civilians"
    rows["events"][1]["fatalities"] = -1
    write(curated, rows)
    assert failing(curated, TONIGHT) == {}
    assert failing(curated, None) == {"assert_interaction_consistent": 1, "assert_no_negative_fatalities": 1}


def test_a_new_row_reusing_an_old_id_is_counted_with_the_old_row(curated):
    rows = tables()
    rows["events"][2]["event_id_cnty"] = "UKR1"
    rows["event_mentions"][2]["event_id_cnty"] = "UKR1"
    rows["figures"][0]["event_id_cnty"] = "UKR1"
    write(curated, rows)
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    results = {r.name: r for r in run_sql_tests(db, SQL_DIR, since=TONIGHT) if r.failing_rows}
    assert set(results) == {"assert_unique_event_id_cnty"}
    assert results["assert_unique_event_id_cnty"].sample.to_dict("records") == [{"event_id_cnty": "UKR1", "rows": 2}]


def test_an_event_retired_tonight_is_checked_against_old_mentions_and_figures(curated):
    rows = tables()
    rows["events"] = [rows["events"][0], rows["events"][2]]   # UKR2 gone tonight, its old mention m2 left behind
    rows["articles"][0]["events"] = 1
    rows["deleted_events"] = [{"event_id_cnty": "UKR2", "deleted_at": TONIGHT, "reason": "merged into UKR1"}]
    rows["figures"].append({**ROWS["figures"], "figure_id": "a1-f9", "article_id": "a1", "event_id_cnty": "UKR2"})
    write(curated, rows)
    assert failing(curated, TONIGHT) == {"assert_mentions_point_at_events": 1, "assert_figure_events_exist": 1}


def test_a_failing_test_counts_every_row_and_keeps_a_sample(curated):
    rows = tables()
    rows["events"] = [event(f"UKR{i}", "a1", TONIGHT, year=1999) for i in range(1, 13)]
    rows["event_mentions"] = [{**rows["event_mentions"][0], "event_id_cnty": f"UKR{i}", "mention_id": f"m{i}"}
                              for i in range(1, 13)]
    rows["figures"] = []
    write(curated, rows)
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    result = next(r for r in run_sql_tests(db, SQL_DIR) if r.name == "assert_year_matches_event_date")
    assert (result.failing_rows, len(result.sample), result.since) == (12, 5, None)


# ── the models stage: the mark of the last passing run, and `sitrep models test --full` ──

def settings_in(tmp_path: Path, extra: str = "", sql_dir: Path = SQL_DIR):
    config = tmp_path / "sitrep.toml"
    config.write_text(f'data_dir = "data"\nsql_dir = "{sql_dir}"\n{extra}')
    return config, load_settings(config)


def test_the_stage_tests_everything_first_then_what_changed_since_the_last_pass(tmp_path, curated):
    write(curated, tables())
    _, settings = settings_in(tmp_path)
    first = models_stage(settings)
    assert first.failed_tests == {} and set(first.tested_since.values()) == {None}
    state = curated / "sql_tests.json"
    assert json.loads(state.read_text())["tested_through"] == TONIGHT
    assert models_stage(settings).tested_since == {}  # the same tables and tests: nothing to test
    write(curated, tables())  # the same rows, new files: tested from the mark on
    second = models_stage(settings)
    assert set(second.tested_since.values()) == {TONIGHT}
    assert json.loads(state.read_text())["tested_through"] == TONIGHT


def test_an_old_bad_row_passes_the_night_fails_the_full_suite_and_keeps_the_mark(tmp_path, curated, capsys):
    write(curated, tables())
    config, settings = settings_in(tmp_path)
    models_stage(settings)
    rows = tables()
    rows["events"][0]["year"] = 1999
    write(curated, rows)
    assert models_stage(settings).failed_tests == {}
    mark = (curated / "sql_tests.json").read_text()
    assert models_stage(settings, full_tests=True).failed_tests == {"assert_year_matches_event_date": 1}
    assert main(["--config", str(config), "models", "test", "--full"]) == 1
    out = capsys.readouterr().out
    assert "assert_year_matches_event_date" in out and "FAILED: 1 rows (every row)" in out
    assert (curated / "sql_tests.json").read_text() == mark
    assert main(["--config", str(config), "models", "test"]) == 0


def test_nightly_tests_full_setting_tests_every_row(tmp_path, curated):
    write(curated, tables())
    _, settings = settings_in(tmp_path, '[models]\nnightly_tests = "full"\n')
    models_stage(settings)
    assert set(models_stage(settings).tested_since.values()) == {None}


def test_a_new_or_edited_sql_test_runs_over_every_row_once(tmp_path, curated):
    write(curated, tables())
    sql_dir = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql_dir)
    _, settings = settings_in(tmp_path, sql_dir=sql_dir)
    models_stage(settings)
    edited = sql_dir / "tests" / "assert_year_matches_event_date.sql"
    edited.write_text(edited.read_text() + "\n-- edited\n")
    since = models_stage(settings).tested_since
    assert since.pop("assert_year_matches_event_date") is None
    assert set(since.values()) == {TONIGHT}


# ── memory limit and spill folder ──

def test_every_connection_gets_the_memory_limit_and_spill_folder(tmp_path):
    limits = DuckDBLimits(memory_limit="512MiB", temp_directory=tmp_path / "spill")
    with connect(None, limits=limits) as con:
        assert con.execute("select current_setting('memory_limit'), current_setting('temp_directory')"
                           ).fetchone() == ("512.0 MiB", str(tmp_path / "spill"))


def test_memory_limit_from_sitrep_toml_reaches_the_models_and_query(tmp_path, curated, capsys):
    write(curated, tables())
    config, settings = settings_in(tmp_path, '[duckdb]\nmemory_limit = "1GiB"\ntemp_directory = "spill"\n')
    assert limits_for(settings) == DuckDBLimits("1GiB", tmp_path / "spill")
    assert main(["--config", str(config), "query", "select current_setting('memory_limit')"]) == 0
    assert capsys.readouterr().out == "1.0 GiB\n"


def test_default_limit_is_a_quarter_of_the_ram_spilling_below_the_cache(tmp_path):
    _, settings = settings_in(tmp_path)
    limits = limits_for(settings)
    assert limits == DuckDBLimits("25%", tmp_path / "data" / "cache" / "duckdb-spill")
    assert memory_limit_bytes("25%", ram_bytes=8_000_000_000) == 2_000_000_000


@pytest.mark.parametrize(("text", "expected"), [("4GB", 4_000_000_000), ("512MiB", 512 * 2**20),
                                                ("1.5 GB", 1_500_000_000), ("100%", 10)])
def test_memory_limit_sizes(text, expected):
    assert memory_limit_bytes(text, ram_bytes=10) == expected


@pytest.mark.parametrize("text", ["lots", "0%", "120%", "4 parsecs"])
def test_a_bad_memory_limit_is_a_clear_error(text):
    with pytest.raises(ValueError, match="memory_limit"):
        memory_limit_bytes(text)

