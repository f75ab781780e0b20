"""The DuckDB models: a .duckdb file of views (and a few tables) over the curated Parquet tables, built from sql/.

    build_models(curated_dir, sql_dir, db_path, limits=None) -> list[str]   model names, in build order
    query(db_path, sql) -> DataFrame                                       read-only
    connect(db_path, read_only, limits) -> connection                      with the memory limit and spill folder

Layers, built in this order, each in file-name order (no model reads another model of its own layer):
  seed_*     small views generated here from schemas/ (ACLED columns, taxonomy, interactions), so the SQL
             tests check against the same enumerations the pandera schemas use
  staging/   stg_*: one view per curated table; `{{ source('events') }}` stands for that table
  marts/     fct_*, dim_*, acled_export: read staging and seeds only. A mart whose file has the line
             `-- materialized: table` is computed once at build and stored in the .duckdb file (aggregates and
             joins that would otherwise rescan the history on every query); the others stay views.

A source is a published table (the names are schemas.tables.PUBLISHED_TABLES): the partition files the tables'
manifest lists (sitrep.tables), or, in a folder without a manifest, one file <curated_dir>/tables/<name>.parquet
(sitrep.zones). curated_dir may be an fsspec URL (s3://…), read through a registered filesystem
(sitrep.duckdb_fsspec). A table with no file is an empty relation with the table's columns and types (from its
pandera model), so every model exists even before the first publish. The views hold absolute paths and the file
list of the build: the nightly run rebuilds after a publish (the paths are part of the build's fingerprint).

Every connection gets a memory limit (DuckDBLimits; [duckdb] memory_limit, default a quarter of the RAM) and a
folder to spill to beyond it ([duckdb] temp_directory), so a big query slows down instead of taking the box.
A build records a fingerprint of what it read (the table files, sql/); the next build with the same one rewrites
nothing. The SQL tests (sql/tests) live in sitrep.sql_tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from schemas.acled import EVENT_TAXONOMY, INTER_CODES, disorder_type_for, interaction_for
from schemas.columns import ACLED_COLUMNS
from schemas.tables import PUBLISHED_TABLES, sql_types
from sitrep import object_store
from sitrep.duckdb_fsspec import register_for_location, register_for_views
from sitrep.faults import crash_point
from sitrep.object_store import Location, is_url, join
from sitrep.store import fsync_dir, fsync_file
from sitrep.tables import published_files
from sitrep.zones import table_path, tables_in

if TYPE_CHECKING:
    from sitrep.settings import Settings

# Every published table is a source; its columns and types come from its pandera model.
SOURCES: list[str] = list(PUBLISHED_TABLES)
LAYERS = ["staging", "marts"]
SOURCE_PLACEHOLDER = re.compile(r"\{\{\s*source\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
MATERIALIZED_TABLE = re.compile(r"^--\s*materialized:\s*table\s*$", re.MULTILINE)
BUILD_INFO = "sitrep_build"    # a one-row table in the .duckdb file: what it was built from
BUILD_FORMAT = 1               # bump when a build would differ for the same inputs (e.g. how models are made)
DEFAULT_MEMORY_LIMIT = "25%"   # of the machine's RAM: the pipeline shares the box with pandas and Prefect


@dataclass(frozen=True)
class DuckDBLimits:
    """What every DuckDB connection of sitrep is allowed: memory (a DuckDB size such as "4GB", or a percentage
    of the RAM) and where to spill past it (None: a sitrep folder in the system's temp dir)."""

    memory_limit: str = DEFAULT_MEMORY_LIMIT
    temp_directory: Path | None = None


def limits_for(settings: Settings) -> DuckDBLimits:
    """The limits [duckdb] in sitrep.toml asks for (spilling below the data dir's cache by default)."""
    from sitrep.zones import cache_dir

    return DuckDBLimits(memory_limit=settings.duckdb_memory_limit,
                        temp_directory=settings.duckdb_temp_directory or cache_dir(settings) / "duckdb-spill")


def duckdb_config(limits: DuckDBLimits) -> dict[str, str]:
    """The connection options for these limits (memory_limit resolved to bytes, so "25%" means of the RAM)."""
    spill = limits.temp_directory or Path(tempfile.gettempdir()) / "sitrep-duckdb-spill"
    return {"memory_limit": f"{memory_limit_bytes(limits.memory_limit)}B", "temp_directory": str(spill)}


def memory_limit_bytes(text: str, ram_bytes: int | None = None) -> int:
    """ "25%" → a quarter of the RAM; "4GB", "512MiB", "2 GB" → bytes. ValueError on anything else."""
    cleaned = text.strip().replace(" ", "")
    if cleaned.endswith("%"):
        share = float(cleaned[:-1])
        if not 0 < share <= 100:
            raise ValueError(f"duckdb memory_limit {text!r}: a percentage must be in (0, 100]")
        return int((ram_bytes or total_ram_bytes()) * share / 100)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?B)", cleaned, flags=re.IGNORECASE)
    if not match:
        raise ValueError(f"duckdb memory_limit {text!r}: expected e.g. \"25%\", \"4GB\" or \"512MiB\"")
    number, unit = float(match.group(1)), match.group(2).upper()
    base = 1024 if "I" in unit else 1000
    return int(number * base ** ("KMGT".index(unit[0]) + 1))


def total_ram_bytes() -> int:
    """The RAM this process may use: the machine's, or the cgroup's limit when that is lower."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        cgroup = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return ram
    return min(ram, int(cgroup)) if cgroup.isdigit() else ram


def connect(db_path: Path | None, read_only: bool = False,
            limits: DuckDBLimits | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with sitrep's memory limit and spill folder (db_path None: in memory)."""
    config = duckdb_config(limits or DuckDBLimits())
    Path(config["temp_directory"]).mkdir(parents=True, exist_ok=True)
    options: dict[str, str | bool | int | float | list[str]] = dict(config)
    con = duckdb.connect(":memory:" if db_path is None else str(db_path), read_only=read_only, config=options)
    if read_only:
        register_for_views(con)  # views over s3://… read through fsspec (sitrep.duckdb_fsspec)
    return con


def source_path(curated_dir: Location, name: str) -> Location:
    if is_url(curated_dir):  # object storage (s3://…): the same layout below the URL
        return join(curated_dir, *table_path(tables_in(Path()), name).parts)
    return table_path(tables_in(Path(curated_dir)), name)


def source_relation(curated_dir: Location, name: str) -> str:
    """What {{ source('name') }} reads: the table's files (the manifest's, else the single file), else nothing."""
    tables: Location = join(curated_dir, "tables") if is_url(curated_dir) else tables_in(Path(curated_dir))
    files = published_files(tables, name)
    if files is None:
        path = source_path(curated_dir, name)
        found = object_store.exists(path) if isinstance(path, str) else Path(path).exists()
        files = [str(path)] if found else []
    if not files:
        return f"({empty_relation(source_columns(name))})"
    listed = ", ".join(_sql_string(f if is_url(f) else str(Path(f).resolve())) for f in files)
    return f"read_parquet([{listed}])"


def build_models(curated_dir: Location, sql_dir: Path, db_path: Path, file_mode: int = 0o644,
                 limits: DuckDBLimits | None = None) -> list[str]:
    """Rebuild db_path from scratch (into a temp file, then renamed over the old one); returns model names.
    Nothing is rebuilt when db_path was built from the same table files and the same sql/ (a night with
    nothing new). The file gets file_mode (it is published: analysts open it); a killed build leaves only a
    `.*.tmp` file, which the next locked run deletes (sitrep.locking)."""
    names = model_names(sql_dir)
    fingerprint = build_fingerprint(curated_dir, sql_dir)
    if fingerprint is not None and built_from(db_path, limits) == fingerprint:
        if db_path.stat().st_mode & 0o777 != file_mode:
            db_path.chmod(file_mode)
        return names
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.parent / f".{db_path.name}.{uuid.uuid4().hex}.tmp"
    try:
        with connect(tmp_path, limits=limits) as con:
            register_for_location(con, curated_dir)
            # A mart stored in order says `order by`; the others may be written in whatever order is fastest.
            con.execute("set preserve_insertion_order = false")
            for name, select in seed_views().items():
                con.execute(f"create view {name} as {select}")
            for layer in LAYERS:
                for sql_file in sorted((sql_dir / layer).glob("*.sql")):
                    _create_model(con, sql_file, render_sql(sql_file.read_text(encoding="utf-8"), curated_dir))
            crash_point("models.building")
            con.execute(f"create table {BUILD_INFO} as select ? as fingerprint", [fingerprint or ""])
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
    return names


def model_names(sql_dir: Path) -> list[str]:
    """The models sql_dir defines, in build order (seeds, then each layer in file-name order)."""
    return [*seed_views(), *(f.stem for layer in LAYERS for f in sorted((sql_dir / layer).glob("*.sql")))]


def build_fingerprint(curated_dir: Location, sql_dir: Path) -> str | None:
    """A hash of what a build reads: every file below the tables folder (path, size, mtime, inode: a publish
    writes a new file and renames it), how each source is read, and the text of sql/. None when the tables
    are not local files this can list (object storage: then every build rebuilds)."""
    if is_url(curated_dir):
        return None
    tables = tables_in(Path(curated_dir))
    reads = {name: render_sql(f"select * from {{{{ source('{name}') }}}}", curated_dir) for name in SOURCES}
    if not tables.is_dir() and any("where false" not in read for read in reads.values()):
        return None
    listed = [p for p in tables.rglob("*") if p.is_file()] if tables.is_dir() else []
    files = sorted((str(p.relative_to(tables)), st.st_size, st.st_mtime_ns, st.st_ino)
                   for p in listed for st in [p.stat()])
    sql = {str(p.relative_to(sql_dir)): p.read_text(encoding="utf-8")
           for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))}
    content = {"format": BUILD_FORMAT, "reads": reads, "files": files, "sql": sql, "seeds": seed_views()}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def built_from(db_path: Path, limits: DuckDBLimits | None = None) -> str | None:
    """The fingerprint db_path was built from (None: no file, or one built before fingerprints)."""
    if not db_path.exists():
        return None
    try:
        with connect(db_path, read_only=True, limits=limits) as con:
            row = con.execute(f"select fingerprint from {BUILD_INFO}").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row and row[0] else None


def _create_model(con: duckdb.DuckDBPyConnection, sql_file: Path, select: str) -> None:
    """A view, or a table computed now when the file says `-- materialized: table`."""
    kind = "table" if MATERIALIZED_TABLE.search(sql_file.read_text(encoding="utf-8")) else "view"
    try:
        con.execute(f"create {kind} {sql_file.stem} as {select}")
    except duckdb.Error as exc:
        raise ValueError(f"model {sql_file.parent.name}/{sql_file.name}: {_first_line(exc)}") from exc


def query(db_path: Path, sql: str, limits: DuckDBLimits | None = None) -> pd.DataFrame:
    """Run one SQL statement on a read-only connection; duckdb.Error on bad SQL."""
    with connect(db_path, read_only=True, limits=limits) as con:
        return con.execute(sql).df()


def render_sql(sql: str, curated_dir: Location) -> str:
    """Replace each {{ source('name') }} with that curated table (or an empty typed relation)."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in SOURCES:
            raise ValueError(f"unknown source {name!r} (known: {sorted(SOURCES)})")
        return source_relation(curated_dir, name)
    return _strip_statement(SOURCE_PLACEHOLDER.sub(replace, sql))


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
