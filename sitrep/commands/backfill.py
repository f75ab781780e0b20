"""`sitrep backfill --since DATE [--until DATE]`: code again the raw-zone articles *published* in a period
(the coder improved, a lexicon grew), then publish and rebuild the models. Nothing is fetched.

Publication date, not ingest date: a backfill is asked for a period of events ("recode January"), and an
article's events are dated from its publication date."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sitrep.settings import Settings, load_settings

log = logging.getLogger(__name__)

LOG_EVERY = 200


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backfill", help="re-code the raw-zone articles published since DATE (no fetching), then publish")
    parser.add_argument("--since", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD",
                        help="first publication day to re-code")
    parser.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="last publication day to re-code (default: no end)")
    parser.set_defaults(handler=run_backfill, extra="pipeline")


def run_backfill(args: argparse.Namespace) -> int:
    from sitrep.locking import run_locked

    if args.until and args.until < args.since:
        raise ValueError(f"--until {args.until} is before --since {args.since}")
    settings = load_settings(Path(args.config) if getattr(args, "config", None) else None)
    window = {"since": args.since, "until": args.until}
    return run_locked(settings, "sitrep backfill", lambda: _backfill(settings, args, window))


def _backfill(settings: Settings, args: argparse.Namespace, window: dict) -> int:
    from sitrep.pipeline import code_stage, models_stage, publish_stage

    with progress_reporter(sys.stderr.isatty()) as progress:
        coded = code_stage(settings, force=True, progress=progress, **window)
    log.info("backfill code: %d coded, %d no event, %d failed, %d not coded (language or near-duplicate)",
             coded.coded, coded.no_event, coded.failed, coded.not_coded)
    published = publish_stage(settings)
    log.info("backfill publish: %d events, %d figures, %d articles; rewritten: %s", published.events,
             published.figures, published.articles, ", ".join(published.written) or "none")
    models = models_stage(settings)
    print(f"backfill since {args.since}{f' until {args.until}' if args.until else ''}: "
          f"{coded.coded} coded, {coded.no_event} no event, {coded.failed} failed, {coded.not_coded} not coded; "
          f"{published.events} events published; {len(models.models)} models, "
          f"{len(models.failed_tests)} failing SQL tests")
    return 1 if models.failed_tests else 0


@contextmanager
def progress_reporter(on_terminal: bool, label: str = "backfill") -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on a terminal; a log line every LOG_EVERY articles otherwise (or per batch, when
    the count moves on by a batch at a time)."""
    if not on_terminal:
        logged = [0]

        def log_count(done: int, total: int) -> None:
            if done - logged[0] >= LOG_EVERY or done == total:
                logged[0] = done
                log.info("%s: %d/%d articles coded", label, done, total)

        yield log_count
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("coding", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
