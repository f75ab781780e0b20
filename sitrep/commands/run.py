"""`sitrep run`: one nightly run over the configured sources (default: the sample inbox)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.settings import PROJECT_ROOT, Settings, load_settings

if TYPE_CHECKING:
    from rich.table import Table


def prefect_environment() -> None:
    """Keep Prefect's state inside the project and its telemetry off, unless the user chose otherwise."""
    from flows.server import DEFAULT_STARTUP_TIMEOUT_S, STARTUP_TIMEOUT_ENV

    os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / ".prefect"))
    os.environ.setdefault(STARTUP_TIMEOUT_ENV, str(DEFAULT_STARTUP_TIMEOUT_S))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def frame_table(title: str, df) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in df.columns:
        table.add_column(str(column), overflow="fold")
    for row in df.itertuples(index=False):
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def print_summary(summary, settings) -> None:
    from rich.console import Console
    from rich.table import Table

    from sitrep import zones
    from sitrep.models import query

    console = Console()
    if not console.is_terminal:
        console = Console(width=140)  # logs and CI: no terminal width to follow, so don't wrap at 80
    table = Table(title="sitrep run summary", show_header=False, title_justify="left")
    for measure, value in summary.rows():
        table.add_row(measure, value)
    console.print(table)
    sample = query(settings.duckdb_path,
                   "select event_date, country, admin1, location, sub_event_type, actor1, actor2, fatalities "
                   "from acled_export order by event_date desc, event_id_cnty limit 5")
    console.print(frame_table(f"Latest events (query: {settings.duckdb_path})", sample.astype(str)))
    quarantined = query(settings.duckdb_path,
                        "select stage, origin, reason from stg_quarantine order by stage, origin limit 10")
    if len(quarantined):
        console.print(frame_table("Quarantined inputs and rows (first 10; all in the quarantine table)", quarantined))
    console.print(f"Curated tables: {zones.tables_dir(settings)}   Raw zone: {zones.raw_location(settings)}")


def run(args: argparse.Namespace) -> int:
    from sitrep.locking import run_locked

    settings = load_settings(Path(args.config) if args.config else None)
    # The lock first: a second run stops here, before anything is read, written or started.
    return run_locked(settings, "sitrep run", lambda: _run_night(args, settings))


def _run_night(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest, then the rest of the night: through Prefect when there is something to code, directly when
    not (sitrep.pipeline.night says why), with the same summary either way."""
    import sys

    from flows.runners import RunnerUnavailable, check_runner
    from flows.server import stop_orphaned_servers
    from sitrep.pipeline.night import finish_without_prefect, ingest_parameter, start_night

    try:
        check_runner(settings)   # a Dask scheduler that does not answer: said before anything is read
    except RunnerUnavailable as exc:
        print(f"sitrep run: error: {exc}", file=sys.stderr)
        return 1
    start = start_night(settings)
    if start.to_code:
        return _run_flow(args, settings, ingest_parameter(start.ingest))
    stop_orphaned_servers(settings.data_dir.resolve())   # what a killed run left, as a flow's start would
    summary = finish_without_prefect(settings, start)
    print_summary(summary, settings)
    return 1 if summary.sql_test_failures else 0


def _run_flow(args: argparse.Namespace, settings: Settings, ingested: dict) -> int:
    import sys

    prefect_environment()
    from prefect.exceptions import TerminationSignal

    from flows.server import PrefectServerError, temporary_server

    try:
        with temporary_server(settings.data_dir.resolve()):
            from flows.nightly import nightly_flow

            summary = nightly_flow(config=args.config, ingested=ingested)
    except PrefectServerError as exc:
        print(f"sitrep run: error: {exc}", file=sys.stderr)
        return 1
    except (TerminationSignal, SystemExit) as exc:
        code = 128 + exc.signal if isinstance(exc, TerminationSignal) else exc.code
        print("sitrep run: terminated; Prefect's temporary server stopped, the next run picks up from here",
              file=sys.stderr)
        return int(code) if isinstance(code, int) else 143
    print_summary(summary, settings)
    return 1 if summary.sql_test_failures else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("run", help="one nightly run over the configured sources (default: the sample inbox)")
    p.set_defaults(handler=run, extra="pipeline")
