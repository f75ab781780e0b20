"""`sitrep query "SQL" [--format table|csv|json] [--limit N]`: SQL against the DuckDB models, read-only.

The models are built first when the .duckdb file does not exist yet (or with --rebuild)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TABLE_ROWS = 100  # default row cap for the table format; csv and json print everything unless --limit is given


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("query", help="run SQL against the DuckDB models",
                                   description="Run one SQL statement against the DuckDB models "
                                               "(views: stg_*, fct_*, dim_*, acled_export).")
    parser.add_argument("sql", help='the SQL, e.g. "select country, count(*) from stg_events group by 1"')
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.add_argument("--limit", type=int, default=None,
                        help=f"print at most N rows (default: {TABLE_ROWS} for table, all for csv/json; 0: all)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the models before querying")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from sitrep.models import build_models, query
    from sitrep.settings import load_settings

    settings = load_settings(Path(args.config) if args.config else None)
    if args.rebuild or not settings.duckdb_path.exists():
        build_models(settings.curated_dir, settings.sql_dir, settings.duckdb_path)
    try:
        result = query(settings.duckdb_path, args.sql)
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"sitrep query: error: {message}", file=sys.stderr)
        return 1
    limit = args.limit if args.limit is not None else (TABLE_ROWS if args.format == "table" else 0)
    shown = result.head(limit) if limit > 0 else result
    print(render(shown, args.format))
    if len(shown) < len(result):
        print(f"({len(result) - len(shown)} more rows; use --limit)", file=sys.stderr)
    return 0


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
