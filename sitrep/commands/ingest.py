"""`sitrep ingest`: read the configured sources into the raw zone and print what happened."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.settings import load_settings

if TYPE_CHECKING:
    from sitrep.pipeline.ingest import IngestResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ingest", help="read the configured sources into the raw zone (data/raw)")
    parser.add_argument("--source", action="append", metavar="NAME",
                        help="only the configured source of this name (repeatable; default: all)")
    parser.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="ingest date, the raw zone partition (default: today, UTC)")
    parser.set_defaults(handler=run_ingest, extra="pipeline")


def run_ingest(args: argparse.Namespace) -> int:
    from sitrep.locking import run_locked
    from sitrep.pipeline.ingest import ingest_sources

    settings = load_settings(Path(args.config) if args.config else None)
    sources = list(settings.sources)
    if args.source:
        unknown = set(args.source) - {s.name for s in sources}
        if unknown:
            raise ValueError(f"no configured source named {', '.join(sorted(unknown))} "
                             f"(configured: {', '.join(s.name for s in sources)})")
        sources = [s for s in sources if s.name in args.source]

    def ingest() -> int:
        result = ingest_sources(settings, sources, ingest_date=args.date, progress=sys.stderr.isatty())
        print(format_result(result))
        # A source that failed as a whole is a failed run, even though the other sources were ingested.
        return 1 if result.errors else 0

    return run_locked(settings, "sitrep ingest", ingest)


def format_result(result: IngestResult) -> str:
    lines = [
        f"ingest {result.ingest_date.isoformat()}: {result.seen} read, {result.new} new, "
        f"{result.duplicates} duplicates, {result.rejected} rejected, "
        f"{result.unsupported_language} in unsupported languages",
    ]
    for report in result.reports:
        lines.append(f"  {report.name}: {report.items} read, {report.rejected} rejected")
    for error in result.errors:
        lines.append(f"  FAILED {error.source}: {error.reason}")
    if result.articles_file:
        lines.append(f"  articles → {result.articles_file}")
    if result.quarantine_file:
        lines.append(f"  quarantine → {result.quarantine_file} ({result.quarantined} rows)")
    return "\n".join(lines)
