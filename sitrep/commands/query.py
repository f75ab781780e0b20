"""`sitrep query "SQL" [--format table|csv|json] [--limit N] [--out FILE.parquet|FILE.csv]`: SQL against the
DuckDB models, read-only.

Only the rows it prints are fetched: the result is streamed (DuckDB's Arrow record batch reader) and left after
--limit rows, so `select * from acled_export` prints its first 100 rows without reading the history. --out
writes the whole result instead (DuckDB's COPY: streamed to the file, atomically), as Parquet or CSV by the
file's extension. The models are built first when the .duckdb file does not exist yet (or with --rebuild)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

TABLE_ROWS = 100  # default row cap for the table format; csv and json print everything unless --limit is given
BATCH_ROWS = 1_000
OUT_FORMATS = {".parquet": "(format parquet, compression zstd)", ".csv": "(format csv, header)"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("query", help="run SQL against the DuckDB models",
                                   description="Run one SQL statement against the DuckDB models "
                                               "(views: stg_*, fct_*, dim_*, acled_export).")
    parser.add_argument("sql", help='the SQL, e.g. "select country, count(*) from stg_events group by 1"')
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.add_argument("--limit", type=int, default=None,
                        help=f"print at most N rows (default: {TABLE_ROWS} for table, all for csv/json; 0: all)")
    parser.add_argument("--out", type=Path, metavar="FILE.parquet|FILE.csv",
                        help="write the whole result to this file instead of printing it")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the models before querying")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from sitrep.models import build_models, connect, limits_for
    from sitrep.settings import load_settings

    if args.out is not None and args.out.suffix.lower() not in OUT_FORMATS:
        print(f"sitrep query: error: --out {args.out}: the file must end in .parquet or .csv", file=sys.stderr)
        return 2
    settings = load_settings(Path(args.config) if args.config else None)
    limits = limits_for(settings)
    if args.rebuild or not settings.duckdb_path.exists():
        build_models(settings.curated_dir, settings.sql_dir, settings.duckdb_path, limits=limits)
    limit = args.limit if args.limit is not None else (TABLE_ROWS if args.format == "table" else 0)
    try:
        with connect(settings.duckdb_path, read_only=True, limits=limits) as con:
            if args.out is not None:
                rows = write_result(con, args.sql, args.out)
                print(f"{rows} rows written to {args.out}", file=sys.stderr)
                return 0
            shown, more = fetch_rows(con, args.sql, limit)
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"sitrep query: error: {message}", file=sys.stderr)
        return 1
    print(render(shown, args.format))
    if more:
        print("(more rows not shown: --limit N prints more, --out FILE.parquet writes them all)", file=sys.stderr)
    return 0


def fetch_rows(con: duckdb.DuckDBPyConnection, sql: str, limit: int) -> tuple[pd.DataFrame, bool]:
    """The first `limit` rows (0: all) as a frame, and whether the result has more; reads no further than
    the batch holding row limit + 1."""
    import pandas as pd
    import pyarrow as pa

    relation = con.sql(sql)
    if relation is None:  # a statement that returns no rows (e.g. SET)
        return pd.DataFrame(), False
    reader = relation.to_arrow_reader(BATCH_ROWS)
    batches: list[pa.RecordBatch] = []
    count = 0
    try:
        for batch in reader:
            batches.append(batch)
            count += batch.num_rows
            if limit and count > limit:
                break
    finally:
        reader.close()
    table = pa.Table.from_batches(batches, schema=reader.schema)
    more = bool(limit) and table.num_rows > limit
    shown = table.slice(0, limit) if limit else table
    # Dates as datetime64 (printed as YYYY-MM-DD below); whole numbers stay whole when some are missing.
    return shown.to_pandas(date_as_object=False, integer_object_nulls=True), more


def write_result(con: duckdb.DuckDBPyConnection, sql: str, out: Path) -> int:
    """COPY the whole result to out (Parquet or CSV by its extension), atomically; returns the row count."""
    import os
    import uuid

    from sitrep.store import fsync_dir, fsync_file

    out = out.resolve()
    tmp = out.parent / f".{out.name}.{uuid.uuid4().hex}.tmp"
    select = sql.strip().rstrip(";")
    quoted = str(tmp).replace("'", "''")
    try:
        row = con.execute(f"copy ({select}) to '{quoted}' {OUT_FORMATS[out.suffix.lower()]}").fetchone()
        fsync_file(tmp)
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return int(row[0]) if row else 0


def render(frame: pd.DataFrame, output_format: str) -> str:
    """The result as text: an aligned table, CSV, or a JSON array of records."""
    frame = _dates_as_text(frame)
    if output_format == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if output_format == "json":
        return frame.to_json(orient="records", force_ascii=False, default_handler=str)
    if frame.shape == (1, 1):
        return str(frame.iat[0, 0])  # a count or a single value: just the value
    if frame.empty:
        return f"(no rows) columns: {', '.join(map(str, frame.columns))}"
    return frame.astype(object).where(frame.notna(), "").to_string(index=False)


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB DATEs arrive as midnight timestamps: print them as YYYY-MM-DD, other timestamps in ISO form."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            at_midnight = values.dropna().eq(values.dropna().dt.normalize()).all()
            text = values.dt.strftime("%Y-%m-%d" if at_midnight else "%Y-%m-%dT%H:%M:%S")
            out[column] = text.where(values.notna(), None)
    return out
