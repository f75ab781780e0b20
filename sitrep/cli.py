"""The `sitrep` command. Each subcommand lives in sitrep/commands/<name>.py with
`register(subparsers)` (adds its parser and sets `handler`) — add a module to COMMANDS to add a command.

Building the parser imports only the standard library and sitrep.settings: a command module imports what its
handler needs inside the handler, so `sitrep code` never loads Prefect and `pip install sitrep` (no extras) is
enough for code, eval, query, gazetteer and snapshot list/pull. A command that needs an extra says so with
`parser.set_defaults(extra="pipeline")`; run without it, it fails with one line naming the pip command."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import sys

COMMANDS = ["run", "code", "eval", "query", "ingest", "backfill", "sources", "serve", "snapshot", "gazetteer",
            "models"]

# The top-level modules each optional extra of pyproject.toml brings (keep the two in step).
EXTRA_MODULES = {
    "pipeline": ("prefect", "trafilatura", "feedparser", "defusedxml", "langdetect", "filelock", "prefect_dask"),
    "s3": ("s3fs",),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="News articles in, ACLED-format conflict events out.")
    parser.add_argument("--config", help="path to sitrep.toml (default: ./sitrep.toml or $SITREP_CONFIG)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"sitrep.commands.{name}").register(sub)
    return parser


def missing_modules(extra: str) -> list[str]:
    """The modules of an extra that cannot be imported here (found without importing them)."""
    missing = []
    for module in EXTRA_MODULES[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(module)
    return missing


def extra_of_missing_import(exc: ImportError) -> str | None:
    """The extra that would have provided the module an ImportError (or one it was raised from) is missing."""
    seen: BaseException | None = exc
    while seen is not None:
        name = getattr(seen, "name", None)
        if isinstance(seen, ImportError) and name:
            for extra, modules in EXTRA_MODULES.items():
                if name.split(".")[0] in modules:
                    return extra
        seen = seen.__cause__ or seen.__context__
    return None


def needs_extra_message(args: argparse.Namespace, extra: str) -> str:
    action = next((getattr(args, a) for a in ("snapshot_action", "sources_command") if getattr(args, a, None)), None)
    command = f"sitrep {args.command}" + (f" {action}" if action else "")
    return f"{command} needs the {extra} extra: pip install 'sitrep[{extra}]'"


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
    extra = getattr(args, "extra", None)
    if extra and missing_modules(extra):
        # Before the handler starts: nothing locked, nothing written.
        print(needs_extra_message(args, extra), file=sys.stderr)
        return 1
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError) as exc:
        # Expected user errors: one clear line, no traceback.
        print(f"sitrep {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        # e.g. snapshot list from s3:// without s3fs (fsspec raises ImportError from the missing module).
        missing = extra_of_missing_import(exc)
        if missing is None:
            raise
        print(needs_extra_message(args, missing), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
