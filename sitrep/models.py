"""The DuckDB models: a .duckdb file of views over the curated Parquet tables, built from sql/.

    build_models(curated_dir, sql_dir, db_path) -> list[str]        model names, in build order
    run_sql_tests(db_path, sql_dir) -> list[SqlTestResult]          sql/tests/*.sql must return no rows
    query(db_path, sql) -> DataFrame                                read-only

Layers, built in this order, each in file-name order (no model reads another model of its own layer):
  seed_*     small views generated here from schemas/ (ACLED columns, taxonomy, interactions), so the SQL
             tests check against the same enumerations the pandera schemas use
  staging/   stg_*: one view per curated table; `{{ source('events') }}` stands for that table
  marts/     fct_*, dim_*, acled_export: read staging and seeds only

A source is a published table (the names are schemas.tables.PUBLISHED_TABLES): the partition files the tables'
manifest lists (sitrep.tables), or, in a folder without a manifest, one file <curated_dir>/tables/<name>.parquet
(sitrep.zones). A table with no file is an empty relation with the table's columns and types (from its pandera
model), so every model exists even before the first publish. The views hold absolute paths and the file list
of the build: rebuild after a publish (the nightly run does) or after moving the curated folder.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from schemas.acled import EVENT_TAXONOMY, INTER_CODES, disorder_type_for, interaction_for
from schemas.columns import ACLED_COLUMNS
from schemas.tables import PUBLISHED_TABLES, sql_types
from sitrep.faults import crash_point
from sitrep.store import fsync_dir, fsync_file
from sitrep.tables import published_files
from sitrep.zones import table_path, tables_in

# Every published table is a source; its columns and types come from its pandera model.
SOURCES: list[str] = list(PUBLISHED_TABLES)
LAYERS = ["staging", "marts"]
SOURCE_PLACEHOLDER = re.compile(r"\{\{\s*source\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
SAMPLE_ROWS = 5


@dataclass(frozen=True)
class SqlTestResult:
    name: str                 # file stem, e.g. "assert_unique_event_id_cnty"
    failing_rows: int         # 0 means the assertion holds
    sample: pd.DataFrame      # up to SAMPLE_ROWS of the failing rows

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0


def source_path(curated_dir: Path, name: str) -> Path:
    return table_path(tables_in(curated_dir), name)


def build_models(curated_dir: Path, sql_dir: Path, db_path: Path, file_mode: int = 0o644) -> list[str]:
    """Rebuild db_path from scratch (into a temp file, then renamed over the old one); returns model names.
    The file gets file_mode (it is published: analysts open it); a killed build leaves only a `.*.tmp` file,
    which the next locked run deletes (sitrep.locking)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.parent / f".{db_path.name}.{uuid.uuid4().hex}.tmp"
    built: list[str] = []
    try:
        with duckdb.connect(str(tmp_path)) as con:
            for name, select in seed_views().items():
                con.execute(f"create view {name} as {select}")
                built.append(name)
            for layer in LAYERS:
                for sql_file in sorted((sql_dir / layer).glob("*.sql")):
                    select = render_sql(sql_file.read_text(encoding="utf-8"), curated_dir)
                    try:
                        con.execute(f"create view {sql_file.stem} as {select}")
                    except duckdb.Error as exc:
                        raise ValueError(f"model {layer}/{sql_file.name}: {_first_line(exc)}") from exc
                    built.append(sql_file.stem)
            crash_point("models.building")
            con.execute("checkpoint")
        tmp_path.chmod(file_mode)
        fsync_file(tmp_path)
        # A WAL left by an old crashed build would be replayed onto the new file: drop it first.
        Path(f"{db_path}.wal").unlink(missing_ok=True)
        os.replace(tmp_path, db_path)
        fsync_dir(db_path.parent)
    finally:
        tmp_path.unlink(missing_ok=True)
        Path(f"{tmp_path}.wal").unlink(missing_ok=True)
    return built


def run_sql_tests(db_path: Path, sql_dir: Path) -> list[SqlTestResult]:
    """Run every sql/tests/*.sql (in name order); each must return no rows."""
    results = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        for sql_file in sorted((sql_dir / "tests").glob("*.sql")):
            select = _strip_statement(sql_file.read_text(encoding="utf-8"))
            try:
                counted = con.execute(f"select count(*) from (\n{select}\n)").fetchone()
                failing = counted[0] if counted else 0
                sample = con.execute(f"select * from (\n{select}\n) limit {SAMPLE_ROWS}").df()
            except duckdb.Error as exc:
                raise ValueError(f"sql test {sql_file.name}: {_first_line(exc)}") from exc
            results.append(SqlTestResult(name=sql_file.stem, failing_rows=int(failing), sample=sample))
    return results


def query(db_path: Path, sql: str) -> pd.DataFrame:
    """Run one SQL statement on a read-only connection; duckdb.Error on bad SQL."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql).df()


def render_sql(sql: str, curated_dir: Path) -> str:
    """Replace each {{ source('name') }} with that curated table (or an empty typed relation)."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in SOURCES:
            raise ValueError(f"unknown source {name!r} (known: {sorted(SOURCES)})")
        return source_relation(curated_dir, name)
    return _strip_statement(SOURCE_PLACEHOLDER.sub(replace, sql))


def source_relation(curated_dir: Path, name: str) -> str:
    """What {{ source('name') }} reads: the table's files (the manifest's, else the single file), else nothing."""
    files = published_files(tables_in(curated_dir), name)
    if files is None:
        path = source_path(curated_dir, name)
        files = [str(path.resolve())] if path.exists() else []
    if not files:
        return f"({empty_relation(source_columns(name))})"
    listed = ", ".join(_sql_string(str(Path(f).resolve())) for f in files)
    return f"read_parquet([{listed}])"


def source_columns(name: str) -> dict[str, str]:
    """A source table's columns and their SQL types (from its pandera model)."""
    return sql_types(PUBLISHED_TABLES[name])


def empty_relation(columns: dict[str, str]) -> str:
    """A select with these columns and SQL types and no rows."""
    cells = ", ".join(f"cast(null as {sql_type}) as {name}" for name, sql_type in columns.items())
    return f"select {cells} where false"


def seed_views() -> dict[str, str]:
    """Reference tables from schemas/, as views over VALUES lists (the one source of the enumerations)."""
    acled_columns = ", ".join(f"({i}, {_sql_string(c)})" for i, c in enumerate(ACLED_COLUMNS, start=1))
    taxonomy = ", ".join(
        f"({_sql_string(e)}, {_sql_string(s)}, {_sql_string(disorder_type_for(e, s))})"
        for e, subs in EVENT_TAXONOMY.items() for s in subs)
    inter_types: list[str | None] = [*INTER_CODES.values(), None]
    interactions = ", ".join(
        f"({_sql_string(a)}, {'null' if b is None else _sql_string(b)}, {_sql_string(interaction_for(a, b))})"
        for a in INTER_CODES.values() for b in inter_types)
    return {
        "seed_acled_columns": f"select * from (values {acled_columns}) as t(position, column_name)",
        "seed_event_taxonomy":
            f"select * from (values {taxonomy}) as t(event_type, sub_event_type, disorder_type)",
        "seed_interactions": f"select * from (values {interactions}) as t(inter1, inter2, interaction)",
    }


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _strip_statement(sql: str) -> str:
    """A model file is one select; a trailing semicolon would end the wrapping statement early."""
    return sql.strip().rstrip(";").strip()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
