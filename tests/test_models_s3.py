"""The DuckDB models over curated tables on object storage (moto's S3 server on 127.0.0.1), read through a
registered fsspec filesystem: every model gives what it gives over the same tables on disk, the SQL tests run,
and no extension is installed or loaded for it."""

from __future__ import annotations

import duckdb
import pandas as pd

from sitrep.duckdb_fsspec import register_for_views, url_schemes
from sitrep.models import build_models, query
from sitrep.sql_tests import run_sql_tests
from tests.test_models import SQL_DIR, curated  # noqa: F401  (the models tests' tiny curated tables)
from tests.test_snapshots import s3_endpoint  # noqa: F401  (moto's server on 127.0.0.1)


def test_url_schemes_are_read_from_quoted_urls():
    sql = "select * from read_parquet('s3://b/t.parquet') join read_parquet('file:///x') using (a) where b = 'x'"
    assert url_schemes(sql) == {"s3"}
    assert url_schemes("select 1") == set()


def test_models_over_tables_on_s3_match_the_same_tables_on_disk(tmp_path, curated, s3_endpoint,  # noqa: F811
                                                               monkeypatch):
    import s3fs

    monkeypatch.setenv("SITREP_S3_ENDPOINT_URL", s3_endpoint)
    fs = s3fs.S3FileSystem(endpoint_url=s3_endpoint, skip_instance_cache=True)
    fs.mkdir("lake")
    fs.put(str(curated / "tables"), "lake/sitrep/curated/tables", recursive=True)

    local_names = build_models(curated, SQL_DIR, tmp_path / "local.duckdb")
    names = build_models("s3://lake/sitrep/curated", SQL_DIR, tmp_path / "remote.duckdb")
    assert names == local_names

    with duckdb.connect(str(tmp_path / "remote.duckdb"), read_only=True) as con:
        events_view = con.execute("select sql from duckdb_views() where view_name = 'stg_events'").fetchone()
        assert events_view and "'s3://lake/sitrep/curated/tables/events.parquet'" in events_view[0]
        register_for_views(con)
        assert int(con.execute("select count(*) from acled_export").fetchone()[0]) == 3
        loaded = con.execute("select extension_name from duckdb_extensions() "
                             "where loaded and install_mode <> 'STATICALLY_LINKED'").fetchall()
        assert loaded == []                   # no httpfs: the reads went through fsspec

    for name in names:
        sql = f"select * from {name} order by all"
        pd.testing.assert_frame_equal(query(tmp_path / "remote.duckdb", sql), query(tmp_path / "local.duckdb", sql),
                                      obj=name)
    results = run_sql_tests(tmp_path / "remote.duckdb", SQL_DIR)
    assert results and all(r.passed for r in results), [(r.name, r.failing_rows) for r in results]
