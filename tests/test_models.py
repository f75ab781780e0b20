"""The DuckDB models on tiny curated tables: views compared exactly, the SQL tests pass and catch bad data."""

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from schemas import EventSchema, FigureSchema
from schemas.columns import ACLED_COLUMNS
from sitrep.models import build_models, query, render_sql, source_path
from sitrep.sql_tests import run_sql_tests
from sitrep.store import atomic_write_parquet
from sitrep.validate import split_valid

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
ROWS = json.loads((Path(__file__).parent / "schemas" / "sample_rows.json").read_text())
AT = "2025-02-08T02:00:00+00:00"

# Three events: two in Kharkiv in the week of 3 Feb (one a battle), one in Kursk (Russia) in March.
EVENTS = [
    {**ROWS["events"], "event_id_cnty": "UKR1"},
    {**ROWS["events"], "event_id_cnty": "UKR2", "event_date": "2025-02-09", "event_type": "Battles",
     "sub_event_type": "Armed clash", "actor2": "Military Forces of Ukraine (2019-)", "inter2": "State forces",
     "interaction": "State forces-External/Other forces", "civilian_targeting": "", "fatalities": 5,
     "fatalities_low": 5, "fatalities_high": 7},
    {**ROWS["events"], "event_id_cnty": "RUS1", "event_date": "2025-03-15", "time_precision": 3, "iso": 643,
     "country": "Russia", "admin1": "Kursk", "location": "Sudzha", "article_id": "a2", "fatalities": 0,
     "fatalities_low": None, "fatalities_high": None, "sub_event_type": "Air/drone strike",
     "actor1": "Military Forces of Ukraine (2019-)", "actor2": "", "inter2": "", "inter1": "External/Other forces",
     "interaction": "External/Other forces only", "civilian_targeting": ""},
]
# The published articles table (schemas.columns.ARTICLE_TABLE_COLUMNS): metadata and what became of each article.
ARTICLES = pd.DataFrame({
    "article_id": ["a1", "a2", "a3"], "published": ["2025-02-07", "2025-03-16T08:00:00+00:00", "2025-03-17"],
    "title": ["Shelling in Kharkiv", "Drone strike near Sudzha", "Weather"],
    "outlet": ["Example Herald"] * 3, "url": ["https://example.org/a1", "https://example.org/a2", ""],
    "language": ["en"] * 3, "source_name": ["samples"] * 3, "source_scale": ["National"] * 3,
    "ingest_date": ["2025-02-07", "2025-03-16", "2025-03-17"], "content_hash": ["h1", "h2", "h3"],
    "status": ["coded", "coded", "no_event"], "events": [2, 1, 0], "reason": ["", "", ""],
    "coder_version": ["test-1"] * 3,
})
MENTIONS = pd.DataFrame({
    "event_id_cnty": ["UKR1", "UKR2", "RUS1"], "mention_id": ["m1", "m2", "m3"], "article_id": ["a1", "a1", "a2"],
    "outlet": ["Example Herald"] * 3, "quote": ["q1", "q2", "q3"], "quote_start": [0, 10, 0],
    "quote_end": [9, 20, 9], "event_date": pd.to_datetime(["2025-02-06", "2025-02-09", "2025-03-15"]).date,
    "fatalities": [2, 5, 0],
})
FIGURES = [ROWS["figures"], {**ROWS["figures"], "figure_id": "a2-f1", "article_id": "a2", "event_id_cnty": None,
                             "kind": "displaced", "value": 100, "low": 100, "high": None, "qualifier": "at least"}]


def write_table(curated: Path, name: str, rows: list[dict], schema) -> None:
    result = split_valid(pd.DataFrame(rows), schema, AT)
    assert result.quarantine.empty, result.quarantine["reason"].tolist()
    atomic_write_parquet(result.valid, source_path(curated, name))


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    curated = tmp_path / "curated"
    write_table(curated, "events", EVENTS, EventSchema)
    write_table(curated, "figures", FIGURES, FigureSchema)
    atomic_write_parquet(ARTICLES, source_path(curated, "articles"))
    atomic_write_parquet(MENTIONS, source_path(curated, "event_mentions"))
    return curated  # no quarantine or deleted_events file: their views must still exist, empty


@pytest.fixture
def db(curated: Path) -> Path:
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    return db


def test_build_returns_models_in_build_order(curated):
    names = build_models(curated, SQL_DIR, curated / "sitrep.duckdb")
    assert names[:3] == ["seed_acled_columns", "seed_event_taxonomy", "seed_interactions"]
    assert names[3:9] == ["stg_articles", "stg_deleted_events", "stg_event_mentions", "stg_events", "stg_figures",
                          "stg_quarantine"]
    assert {"acled_export", "fct_events_by_country_week", "fct_fatalities_by_admin1_month", "fct_figures",
            "dim_articles"} <= set(names[9:])
    assert sorted(p.name for p in curated.iterdir()) == ["sitrep.duckdb", "tables"]  # no temp file left behind


def test_fct_events_by_country_week(db):
    expected = pd.DataFrame({
        "country": ["Russia", "Ukraine"], "iso": [643, 804],
        "week_start": pd.to_datetime(["2025-03-10", "2025-02-03"]),
        "events": [1, 2], "fatalities": [0, 7], "battles": [0, 1], "explosions_remote_violence": [1, 1],
        "violence_against_civilians": [0, 0], "protests": [0, 0], "riots": [0, 0], "strategic_developments": [0, 0],
    })
    actual = query(db, "select * from fct_events_by_country_week")
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_fct_fatalities_by_admin1_month(db):
    expected = pd.DataFrame({
        "country": ["Russia", "Ukraine"], "admin1": ["Kursk", "Kharkiv"],
        "month_start": pd.to_datetime(["2025-03-01", "2025-02-01"]),
        "events": [1, 2], "fatalities": [0, 7], "events_with_fatalities": [0, 2],
    })
    actual = query(db, "select * from fct_fatalities_by_admin1_month")
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_acled_export_has_the_31_columns_in_order(db):
    actual = query(db, "select * from acled_export")
    assert list(actual.columns) == ACLED_COLUMNS
    assert actual["event_id_cnty"].tolist() == ["UKR1", "UKR2", "RUS1"]
    types = query(db, "describe acled_export").set_index("column_name")["column_type"]
    assert (types["event_date"], types["fatalities"], types["latitude"]) == ("DATE", "INTEGER", "DOUBLE")


def test_aggregates_and_joins_are_tables_acled_export_an_unsorted_view(db):
    kinds = query(db, "select table_name, table_type from information_schema.tables").set_index("table_name")
    for mart in ("fct_events_by_country_week", "fct_fatalities_by_admin1_month", "fct_figures", "dim_articles"):
        assert kinds.at[mart, "table_type"] == "BASE TABLE", mart
    assert kinds.at["acled_export", "table_type"] == "VIEW"
    plan = "\n".join(query(db, "explain select * from acled_export limit 5")["explain_value"])
    assert "Order By" not in plan and "Top N" not in plan, plan
    # No order by: the rows come as the events table holds them (publish writes it by id).
    assert query(db, "select event_id_cnty from acled_export")["event_id_cnty"].tolist() == ["UKR1", "UKR2", "RUS1"]


def test_fct_figures_takes_the_event_date_or_the_publication_day(db):
    actual = query(db, "select figure_id, figure_date, country, kind, value, qualifier from fct_figures "
                       "order by figure_date, article_id, figure_id")
    expected = pd.DataFrame({
        "figure_id": ["a1-f1", "a2-f1"], "figure_date": pd.to_datetime(["2025-02-06", "2025-03-16"]),
        "country": ["Ukraine", None], "kind": ["killed", "displaced"], "value": [2.0, 100.0],
        "qualifier": [None, "at least"],
    })
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_dim_articles_counts_what_became_of_each_article(db):
    actual = query(db, "select article_id, status, coded_events, published_events, figures, quarantined_rows "
                       "from dim_articles order by published_date, article_id")
    expected = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "status": ["coded", "coded", "no_event"],
                             "coded_events": [2, 1, 0], "published_events": [2, 1, 0], "figures": [1, 1, 0],
                             "quarantined_rows": [0, 0, 0]})
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_missing_table_file_gives_an_empty_typed_view(db):
    assert query(db, "select count(*) as n from stg_quarantine")["n"].tolist() == [0]
    types = query(db, "describe stg_quarantine")["column_type"].unique().tolist()
    assert types == ["VARCHAR"]
    types = query(db, "describe stg_deleted_events").set_index("column_name")["column_type"].to_dict()
    assert types == {"event_id_cnty": "VARCHAR", "deleted_at": "BIGINT", "reason": "VARCHAR"}


def test_models_build_with_no_tables_at_all(tmp_path):
    db = tmp_path / "sitrep.duckdb"
    build_models(tmp_path / "curated", SQL_DIR, db)
    assert query(db, "select count(*) as n from acled_export")["n"].tolist() == [0]
    assert [r.name for r in run_sql_tests(db, SQL_DIR) if r.failing_rows] == []


def test_a_missing_table_is_an_empty_relation_with_its_models_columns_and_types(tmp_path):
    from schemas.tables import PUBLISHED_TABLES, sql_types

    db = tmp_path / "sitrep.duckdb"
    curated = tmp_path / "curated"
    build_models(curated, SQL_DIR, db)
    for name, model in PUBLISHED_TABLES.items():
        relation = render_sql(f"select * from {{{{ source('{name}') }}}}", curated)
        described = query(db, f"describe {relation}")
        types = described["column_type"].str.lower()
        assert dict(zip(described["column_name"], types, strict=True)) == sql_types(model)


def test_sql_tests_pass_on_good_data(db):
    results = run_sql_tests(db, SQL_DIR)
    assert len(results) >= 8
    assert [(r.name, r.failing_rows) for r in results if r.failing_rows] == []


def test_sql_tests_catch_a_planted_duplicate_id_and_a_missing_article(curated):
    # Written past the validator on purpose: the SQL tests are the last line of defence.
    planted = pd.read_parquet(source_path(curated, "events"))
    planted = pd.concat([planted, planted.iloc[[0]].assign(article_id="nope")], ignore_index=True)
    atomic_write_parquet(planted, source_path(curated, "events"))
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    failing = {r.name: r for r in run_sql_tests(db, SQL_DIR) if r.failing_rows}
    assert set(failing) == {"assert_unique_event_id_cnty", "assert_event_articles_exist"}, set(failing)
    assert failing["assert_unique_event_id_cnty"].sample.to_dict("records") == [{"event_id_cnty": "UKR1", "rows": 2}]


def test_sql_tests_catch_inconsistent_interaction_and_taxonomy(curated):
    bad = pd.read_parquet(source_path(curated, "events"))
    bad.loc[0, "interaction"] = "State forces-Civilians"
    bad.loc[1, "sub_event_type"] = "Peaceful protest"
    atomic_write_parquet(bad, source_path(curated, "events"))
    db = curated / "sitrep.duckdb"
    build_models(curated, SQL_DIR, db)
    failing = {r.name: r.failing_rows for r in run_sql_tests(db, SQL_DIR) if r.failing_rows}
    assert failing == {"assert_interaction_consistent": 1, "assert_event_type_taxonomy": 1}


def test_rebuild_replaces_the_database(curated, db):
    write_table(curated, "events", EVENTS[:1], EventSchema)
    build_models(curated, SQL_DIR, db)
    assert query(db, "select count(*) as n from stg_events")["n"].tolist() == [1]


def test_a_build_with_nothing_new_rewrites_nothing(curated, db, tmp_path):
    before = db.stat()
    assert build_models(curated, SQL_DIR, db) == build_models(curated, SQL_DIR, tmp_path / "fresh.duckdb")
    assert (db.stat().st_ino, db.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_new_table_file_or_edited_sql_rebuilds(curated, db, tmp_path):
    inode = db.stat().st_ino
    write_table(curated, "events", EVENTS, EventSchema)  # same rows, a new file: rebuilt (cheap to be sure)
    build_models(curated, SQL_DIR, db)
    assert db.stat().st_ino != inode
    sql_dir = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql_dir)
    mart = sql_dir / "marts" / "fct_events_by_country_week.sql"
    counted = "count(*)" + " " * 56 + "as events"
    mart.write_text(mart.read_text().replace(counted, "count(*) + 100 as events"))
    build_models(curated, sql_dir, db)
    assert query(db, "select events from fct_events_by_country_week")["events"].tolist() == [101, 102]


def test_query_is_read_only(db):
    with pytest.raises(duckdb.Error):
        query(db, "create table t as select 1")


def test_broken_model_names_its_file(curated, tmp_path):
    sql_dir = tmp_path / "sql"
    (sql_dir / "staging").mkdir(parents=True)
    (sql_dir / "staging" / "stg_broken.sql").write_text("select nope from {{ source('events') }}")
    with pytest.raises(ValueError, match="staging/stg_broken.sql"):
        build_models(curated, sql_dir, tmp_path / "m.duckdb")
    assert not (tmp_path / "m.duckdb").exists()
    assert list(tmp_path.glob(".m.duckdb*")) == []
