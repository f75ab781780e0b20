"""`sitrep models build` and `sitrep models test [--full]`: the DuckDB models and their SQL tests, by hand.

The nightly run builds the models and runs the SQL tests on what changed since the last passing run ([models]
nightly_tests); `sitrep models test --full` runs the whole suite over every row. Both hold the data dir's lock
(they write sitrep.duckdb and the tests' mark)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="build the DuckDB models or run their SQL tests")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)
    actions.add_parser("build", help="rebuild sitrep.duckdb from sql/ over the curated tables")
    test = actions.add_parser("test", help="run the SQL tests (default: the rows changed since the last pass)")
    test.add_argument("--full", action="store_true", help="test every row, not only what changed")
    parser.set_defaults(handler=run, extra="pipeline")


def run(args: argparse.Namespace) -> int:
    from sitrep.locking import run_locked
    from sitrep.settings import load_settings

    settings = load_settings(Path(args.config) if args.config else None)
    return run_locked(settings, f"sitrep models {args.models_action}", lambda: _run(args, settings))


def _run(args: argparse.Namespace, settings) -> int:
    from sitrep.models import build_models, limits_for
    from sitrep.pipeline.models import test_models
    from sitrep.zones import curated_dir, duckdb_path

    if args.models_action == "build" or not duckdb_path(settings).exists():
        built = build_models(curated_dir(settings), settings.sql_dir, duckdb_path(settings),
                             file_mode=settings.publish_file_mode, limits=limits_for(settings))
        print(f"{len(built)} models built in {duckdb_path(settings)}")
        if args.models_action == "build":
            return 0
    results = test_models(settings, full=args.full)
    if not results:
        print("no table or SQL test changed since the SQL tests last passed: nothing to test (--full tests anyway)")
        return 0
    for result in results:
        scope = "every row" if result.since is None else f"rows changed since {result.since}"
        verdict = "ok" if result.passed else f"FAILED: {result.failing_rows} rows"
        print(f"{result.name:<40} {verdict} ({scope})")
        if not result.passed:
            print(result.sample.to_string(index=False), file=sys.stderr)
    failed = [r.name for r in results if not r.passed]
    print(f"{len(results) - len(failed)} of {len(results)} SQL tests passed")
    return 1 if failed else 0
