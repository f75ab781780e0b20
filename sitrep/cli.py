"""The `sitrep` command. Each subcommand lives in sitrep/commands/<name>.py with
`register(subparsers)` (adds its parser and sets `handler`) — add a module to COMMANDS to add a command."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

COMMANDS = ["run", "code", "eval", "query", "ingest", "backfill", "sources", "serve", "snapshot", "gazetteer"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="News articles in, ACLED-format conflict events out.")
    parser.add_argument("--config", help="path to sitrep.toml (default: ./sitrep.toml or $SITREP_CONFIG)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"sitrep.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"sitrep.commands.{name}":
                raise
            continue  # a command still being written
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Client libraries log every request at INFO; that is noise next to sitrep's own progress lines.
    for noisy in ("httpx", "httpcore", "urllib3", "botocore", "s3fs", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError) as exc:
        # Expected user errors: one clear line, no traceback.
        print(f"sitrep {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
