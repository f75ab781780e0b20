"""The SQL tests: sql/tests/*.sql are assertion queries over the models that must return no rows.

    run_sql_tests(db_path, sql_dir, since=None) -> list[SqlTestResult]
    changes_through(db_path) -> int                 the newest change in the tables (the next night's `since`)

Each test runs once: its rows are streamed, counted and the first few kept as a sample.

A test names the rows it checks with `{{ changed('events') }}` (a relation: the rows under test); where it
must look at every row whose key is among them (uniqueness), `{{ is_changed('events', 'event_id_cnty') }}`
(a condition); and for the rows it looks them up in, `{{ matching('articles', 'events', 'article_id') }}`:
the rows of stg_articles whose article_id is one of the changed events' (a whole table, narrowed to the keys
that can match, so a lookup reads one column instead of hashing the table).

  since=None     the full suite: `changed('x')` and `matching('x', ...)` are all of stg_x, `is_changed` is true
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
MATCHING = re.compile(
    r"\{\{\s*matching\(\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]\s*\)\s*\}\}")


@dataclass(frozen=True)
class SqlTestResult:
    name: str                 # file stem, e.g. "assert_unique_event_id_cnty"
    failing_rows: int         # 0 means the assertion holds
    sample: pd.DataFrame      # up to SAMPLE_ROWS of the failing rows
    since: int | None = None  # None: every row was tested; else the rows changed at or after this Unix time

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0


def changed_keys(since: int) -> dict[str, str]:
    """The keys of the rows changed at or after `since` (Unix seconds), as selects of key columns only (so
    finding them reads a few columns of each table), in creation order: each reads the ones before it."""
    day = dt.datetime.fromtimestamp(since, dt.UTC).date().isoformat()
    articles = "select article_id from changed_article_keys"
    events = "select event_id_cnty from changed_event_keys"
    return {
        "event_keys": f"select event_id_cnty, article_id from stg_events where timestamp >= {since}",
        "article_keys": f"select article_id from stg_articles where ingest_date >= date '{day}' "
                        "union select article_id from changed_event_keys",
        "figure_keys": f"select figure_id from stg_figures where article_id in ({articles}) "
                       f"or event_id_cnty in ({events})",
        "mention_keys": f"select event_id_cnty, mention_id from stg_event_mentions "
                        f"where event_id_cnty in ({events}) or article_id in ({articles})",
    }


def changed_relations(since: int) -> dict[str, str]:
    """Per table, its rows changed at or after `since`: a filter, or a semi-join with the keys above (a test
    that reads two columns of them reads two columns of the table)."""
    day = dt.datetime.fromtimestamp(since, dt.UTC).date().isoformat()
    return {
        "events": f"select * from stg_events where timestamp >= {since}",
        "deleted_events": f"select * from stg_deleted_events where deleted_at >= {since}",
        "articles": "select * from stg_articles where article_id in (select article_id from changed_article_keys)",
        "figures": "select * from stg_figures where figure_id in (select figure_id from changed_figure_keys)",
        "event_mentions": "select * from stg_event_mentions "
                          "where mention_id in (select mention_id from changed_mention_keys) "
                          "and event_id_cnty in (select event_id_cnty from changed_mention_keys)",
        "quarantine": f"select * from stg_quarantine where quarantined_at >= '{day}'",
    }


def create_changed_tables(con: duckdb.DuckDBPyConnection, since: int) -> None:
    """The keys of the night's rows as small temp tables (changed_event_keys, ...), found once per run."""
    for name, select in changed_keys(since).items():
        con.execute(f"create or replace temp table changed_{name} as {select}")


TABLES = list(changed_relations(0))


def render_test(sql: str, since: int | None) -> str:
    """The test's select for the full suite (since None) or for the rows changed at or after since (reading
    the changed_*_keys temp tables create_changed_tables makes)."""
    def table(name: str) -> str:
        if name not in TABLES:
            raise ValueError(f"changed({name!r}): no such table (known: {TABLES})")
        return name

    relations = None if since is None else changed_relations(int(since))

    def relation(match: re.Match[str]) -> str:
        name = table(match.group(1))
        return f"stg_{name}" if relations is None else f"({relations[name]})"

    def condition(match: re.Match[str]) -> str:
        name, column = table(match.group(1)), match.group(2)
        return "true" if relations is None else f"({column} in (select {column} from ({relations[name]})))"

    def matching(match: re.Match[str]) -> str:
        name, among, column = table(match.group(1)), table(match.group(2)), match.group(3)
        if relations is None:
            return f"stg_{name}"
        return f"(select * from stg_{name} where {column} in (select {column} from ({relations[among]})))"

    rendered = MATCHING.sub(matching, IS_CHANGED.sub(condition, CHANGED.sub(relation, sql)))
    return _strip_statement(rendered)


def run_sql_tests(db_path: Path, sql_dir: Path, since: int | None = None,
                  limits: DuckDBLimits | None = None,
                  since_for: Callable[[str], int | None] | None = None) -> list[SqlTestResult]:
    """Run every sql/tests/*.sql (in name order); each must return no rows. since None: every row; else the
    rows changed at or after it. since_for(test name), when given, decides per test instead (a new test, or
    one whose text changed, is run over every row once)."""
    results = []
    prepared: int | None = None
    with connect(db_path, read_only=True, limits=limits) as con:
        for sql_file in sorted((sql_dir / "tests").glob("*.sql")):
            scope = since_for(sql_file.stem) if since_for else since
            if scope is not None and scope != prepared:
                create_changed_tables(con, int(scope))
                prepared = scope
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
