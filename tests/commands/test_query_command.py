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


def test_only_the_printed_rows_are_fetched(config, capsys):
    # Ten billion rows: fetching them all would never end; streaming stops after the first batch.
    assert main(["--config", str(config), "query", "select * from range(10000000000)", "--limit", "3",
                 "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "range\n0\n1\n2\n"
    assert "more rows not shown" in captured.err


def test_a_result_of_exactly_the_limit_says_nothing_more(config, capsys):
    assert main(["--config", str(config), "query", "select * from range(3)", "--limit", "3", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "range\n0\n1\n2\n" and captured.err == ""


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_out_writes_the_whole_result(config, tmp_path, capsys, suffix):
    out = tmp_path / f"result{suffix}"
    sql = "select range as n, 'x' || range as label from range(2500)"
    assert main(["--config", str(config), "query", sql, "--out", str(out), "--limit", "10"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "2500 rows written" in captured.err
    written = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert written["n"].tolist() == list(range(2500)) and written["label"].iloc[-1] == "x2499"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_out_of_acled_export_keeps_its_columns(config, tmp_path, capsys):
    out = tmp_path / "export.parquet"
    assert main(["--config", str(config), "query", "select * from acled_export", "--out", str(out)]) == 0
    written = pd.read_parquet(out)
    assert len(written) == 1 and written.columns[0] == "event_id_cnty" and len(written.columns) == 31


def test_out_with_another_extension_is_a_clear_error(config, tmp_path, capsys):
    out = tmp_path / "result.xlsx"
    assert main(["--config", str(config), "query", "select 1", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"sitrep query: error: --out {out}: the file must end in .parquet or .csv\n"
    assert not out.exists()


def test_bad_sql_with_out_is_one_line_error_and_writes_nothing(config, tmp_path, capsys):
    out = tmp_path / "result.parquet"
    assert main(["--config", str(config), "query", "select * from no_such_model", "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith("sitrep query: error: ")
    assert list(tmp_path.glob("*result*")) == []
