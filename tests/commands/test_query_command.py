"""`sitrep query`: builds the models when missing, prints tables/CSV/JSON, one-line errors on bad SQL."""

import json
from pathlib import Path

import pandas as pd
import pytest

from schemas import EventSchema
from sitrep.cli import main
from sitrep.models import source_path
from sitrep.store import atomic_write_parquet
from sitrep.validate import split_valid

ROWS = json.loads((Path(__file__).parent.parent / "schemas" / "sample_rows.json").read_text())


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A sitrep.toml whose data_dir holds one curated event (the other tables missing); no .duckdb file yet."""
    curated = tmp_path / "data" / "curated"
    valid = split_valid(pd.DataFrame([ROWS["events"]]), EventSchema, "2025-02-08").valid
    atomic_write_parquet(valid, source_path(curated, "events"))
    config = tmp_path / "sitrep.toml"
    config.write_text('data_dir = "data"\n')
    return config


def test_count_query_builds_models_and_prints_the_value(config, capsys):
    assert main(["--config", str(config), "query", "select count(*) from stg_events"]) == 0
    assert capsys.readouterr().out == "1\n"
    assert (config.parent / "data" / "curated" / "sitrep.duckdb").exists()


def test_table_csv_and_json_formats(config, capsys):
    sql = "select event_id_cnty, event_date, fatalities from acled_export"
    main(["--config", str(config), "query", sql])
    assert capsys.readouterr().out.splitlines() == ["event_id_cnty event_date fatalities",
                                                   "         UKR1 2025-02-06          2"]
    main(["--config", str(config), "query", sql, "--format", "csv"])
    assert capsys.readouterr().out == "event_id_cnty,event_date,fatalities\nUKR1,2025-02-06,2\n"
    main(["--config", str(config), "query", sql, "--format", "json"])
    assert json.loads(capsys.readouterr().out) == [
        {"event_id_cnty": "UKR1", "event_date": "2025-02-06", "fatalities": 2}]


def test_limit_caps_the_rows_and_says_how_many_more(config, capsys):
    assert main(["--config", str(config), "query", "select * from range(5)", "--limit", "2",
                 "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "range\n0\n1\n"
    assert "more rows not shown" in captured.err


def test_bad_sql_is_one_line_error_and_exit_1(config, capsys):
    assert main(["--config", str(config), "query", "select * from no_such_model"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("sitrep query: error: ") and captured.err.count("\n") == 1
