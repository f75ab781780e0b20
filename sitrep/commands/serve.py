"""`sitrep serve`: register the nightly deployment with a Prefect server and run its scheduled runs here.

    prefect server start                                # in one terminal (UI on http://127.0.0.1:4200)
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    sitrep serve                                        # in another; Ctrl-C stops serving (and pauses the schedule)
    prefect deployment run 'sitrep-nightly/nightly'     # a run now, by hand"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sitrep.settings import load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="register the nightly deployment with a Prefect server (PREFECT_API_URL) and serve it")
    parser.add_argument("--config", default=argparse.SUPPRESS,
                        help="path to sitrep.toml (also accepted before 'serve')")
    parser.add_argument("--register-only", action="store_true",
                        help="register (or update) the deployment and exit, without serving its runs")
    parser.set_defaults(handler=run_serve, extra="pipeline")


def config_path(args: argparse.Namespace) -> Path | None:
    """The sitrep.toml the runs should read: --config, else $SITREP_CONFIG, else ./sitrep.toml if there is one."""
    named = getattr(args, "config", None) or os.environ.get("SITREP_CONFIG")
    if named:
        return Path(named).resolve()
    return Path("sitrep.toml").resolve() if Path("sitrep.toml").exists() else None


def run_serve(args: argparse.Namespace) -> int:
    from prefect.settings import PREFECT_API_URL

    from sitrep.deploy import FULL_NAME, build_nightly_deployment

    if not PREFECT_API_URL.value():
        # Without a server Prefect would start a temporary one that dies with this process: no schedule survives.
        raise ValueError("no Prefect server configured: run `prefect server start`, then "
                         "`export PREFECT_API_URL=http://127.0.0.1:4200/api` and try again")
    config = config_path(args)
    settings = load_settings(config)
    deployment = build_nightly_deployment(settings, config=config)
    schedule = f"cron {settings.schedule_cron!r} ({settings.schedule_timezone})"
    if args.register_only:
        deployment_id = deployment.apply()
        print(f"registered {FULL_NAME} ({deployment_id}) on {schedule} at {PREFECT_API_URL.value()}")
        return 0
    from prefect import serve

    print(f"serving {FULL_NAME} on {schedule} at {PREFECT_API_URL.value()}; "
          f"run it now with: prefect deployment run '{FULL_NAME}'")
    serve(deployment)
    return 0
