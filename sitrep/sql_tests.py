"""The SQL tests: sql/tests/*.sql are assertion queries over the models that must return no rows.

    run_sql_tests(db_path, sql_dir, since=None) -> list[SqlTestResult]
    changes_through(db_path) -> int                 the newest change in the tables (the next night's `since`)

Each test runs once: its rows are streamed, counted and the first few kept as a sample.

A test names the rows it checks with `{{ changed('events') }}` (a relation: the rows under test) and, where it
must look at every row whose key is among them (uniqueness), `{{ is_changed('events', 'event_id_cnty') }}`
(a condition). The rows they look up (does this article exist?) are always the whole tables (stg_*).

  since=None     the full suite: `changed('x')` is all of stg_x, `is_changed(...)` is true
  since=T        what changed at or after Unix time T: events whose timestamp (set by publish when the row's
                 content changes) is >= T, tombstones with deleted_at >= T, articles ingested on or after T's
                 day or behind a changed event, figures and mentions of changed articles or events, and
                 quarantine rows of T's day or later. A night tests its own rows against the whole history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from sitrep.models import DuckDBLimits, _first_line, _strip_statement, connect

SAMPLE_ROWS = 5
BATCH_ROWS = 10_000
CHANGED = re.compile(r"\{\{\s*changed\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
IS_CHANGED = re.compile(r"\{\{\s*is_changed\(\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]\s*\)\s*\}\}")


@dataclass(frozen=True)
class SqlTestResult:
    name: str                 # file stem, e.g. "assert_unique_event_id_cnty"
    failing_rows: int         # 0 means the assertion holds
    sample: pd.DataFrame      # up to SAMPLE_ROWS of the failing rows
    since: int | None = None  # None: every row was tested; else the rows changed at or after this Unix time

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0


def changed_relations(since: int) -> dict[str, str]:
    """Per table, a select of its rows changed at or after `since` (Unix seconds)."""
    day = dt.datetime.fromtimestamp(since, dt.UTC).date().isoformat()
    event_ids = f"select event_id_cnty from stg_events where timestamp >= {since}"
    article_ids = (f"select article_id from stg_articles where ingest_date >= date '{day}' "
                   f"union select article_id from stg_events where timestamp >= {since}")
    return {
        "events": f"select * from stg_events where timestamp >= {since}",
        "deleted_events": f"select * from stg_deleted_events where deleted_at >= {since}",
        "articles": f"select * from stg_articles where article_id in ({article_ids})",
        "figures": f"select * from stg_figures where article_id in ({article_ids}) "
                   f"or event_id_cnty in ({event_ids})",
        "event_mentions": f"select * from stg_event_mentions where event_id_cnty in ({event_ids}) "
                          f"or article_id in ({article_ids})",
        "quarantine": f"select * from stg_quarantine where quarantined_at >= '{day}'",
    }


def render_test(sql: str, since: int | None) -> str:
    """The test's select for the full suite (since None) or for the rows changed at or after since."""
    relations = None if since is None else changed_relations(since)

    def table(name: str) -> str:
        if name not in changed_relations(0):
            raise ValueError(f"changed({name!r}): no such table (known: {sorted(changed_relations(0))})")
        return name

    def relation(match: re.Match[str]) -> str:
        name = table(match.group(1))
        return f"stg_{name}" if relations is None else f"({relations[name]})"

    def condition(match: re.Match[str]) -> str:
        name, column = table(match.group(1)), match.group(2)
        return "true" if relations is None else f"({column} in (select {column} from ({relations[name]})))"

    return _strip_statement(IS_CHANGED.sub(condition, CHANGED.sub(relation, sql)))


def run_sql_tests(db_path: Path, sql_dir: Path, since: int | None = None,
                  limits: DuckDBLimits | None = None,
                  since_for: Callable[[str], int | None] | None = None) -> list[SqlTestResult]:
    """Run every sql/tests/*.sql (in name order); each must return no rows. since None: every row; else the
    rows changed at or after it. since_for(test name), when given, decides per test instead (a new test, or
    one whose text changed, is run over every row once)."""
    results = []
    with connect(db_path, read_only=True, limits=limits) as con:
        for sql_file in sorted((sql_dir / "tests").glob("*.sql")):
            scope = since_for(sql_file.stem) if since_for else since
            select = render_test(sql_file.read_text(encoding="utf-8"), scope)
            try:
                failing, sample = _count_and_sample(con, select)
            except duckdb.Error as exc:
                raise ValueError(f"sql test {sql_file.name}: {_first_line(exc)}") from exc
            results.append(SqlTestResult(name=sql_file.stem, failing_rows=failing, sample=sample, since=scope))
    return results


def _count_and_sample(con: duckdb.DuckDBPyConnection, select: str) -> tuple[int, pd.DataFrame]:
    """Run the query once: count its rows as they stream past, keep the first SAMPLE_ROWS."""
    reader = con.sql(select).to_arrow_reader(BATCH_ROWS)
    kept: list[pa.RecordBatch] = []
    count = 0
    try:
        for batch in reader:
            if count < SAMPLE_ROWS:
                kept.append(batch.slice(0, SAMPLE_ROWS - count))
            count += batch.num_rows
    finally:
        reader.close()
    return count, pa.Table.from_batches(kept, schema=reader.schema).to_pandas()


def changes_through(db_path: Path, limits: DuckDBLimits | None = None) -> int:
    """The newest change time in the tables (events' timestamp, tombstones' deleted_at): tests that pass now
    cover everything up to it, so the next night tests from it on."""
    with connect(db_path, read_only=True, limits=limits) as con:
        row = con.execute("select greatest((select max(timestamp) from stg_events), "
                          "(select max(deleted_at) from stg_deleted_events))").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
