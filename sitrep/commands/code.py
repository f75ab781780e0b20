"""`sitrep code INPUT.jsonl -o OUTPUT.parquet`: code a batch of article records (no Prefect, no network).

One output row per event: the 31 ACLED columns in order, then sitrep's own (article_id first)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

BATCH_SIZE = 100  # as sitrep.coding.workers.BATCH_SIZE (not imported here: building the parser stays light)


def read_jsonl_articles(path: Path) -> tuple[list[dict], list[str]]:
    """Article records from a JSONL file, and one message per line that could not be used."""
    from sitrep.articles import ArticleError, normalize_article

    articles: list[dict] = []
    problems: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ArticleError("line is not a JSON object")
                articles.append(normalize_article(record))
            except (json.JSONDecodeError, ArticleError) as exc:
                problems.append(f"{path}:{number}: {exc}")
    return articles, problems


def with_date_column(events: pd.DataFrame) -> pd.DataFrame:
    """event_date as a calendar date (Parquet DATE), as the curated tables have it."""
    import pandas as pd

    out = events.copy()
    out["event_date"] = pd.to_datetime(out["event_date"]).dt.date
    return out


def run(args: argparse.Namespace) -> int:
    from sitrep.coding.coder import code_rows, frames_of
    from sitrep.coding.workers import map_batches, split_batches
    from sitrep.commands.backfill import progress_reporter
    from sitrep.settings import load_settings
    from sitrep.store import atomic_write_parquet

    source = Path(args.input)
    if not source.exists():
        raise FileNotFoundError(f"no such input file: {source}")
    articles, problems = read_jsonl_articles(source)
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)
    workers = args.workers
    if workers is None:
        workers = load_settings(Path(args.config) if getattr(args, "config", None) else None).code_workers
    # Batches coded on every core, their rows joined in input order: the frames one process would make.
    with progress_reporter(sys.stderr.isatty(), label="code") as progress:
        rows = map_batches(code_rows, split_batches(articles, args.batch_size), workers, progress=progress)
    events, figures, status = frames_of(rows)
    atomic_write_parquet(with_date_column(events), Path(args.output))
    if args.figures:
        atomic_write_parquet(figures, Path(args.figures))
    coded = int((status["status"] == "coded").sum()) if len(status) else 0
    print(f"{len(articles)} articles coded ({coded} with events, {len(problems)} skipped): "
          f"{len(events)} events → {args.output}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("code", help="code a JSONL file of article records into a Parquet file of events")
    p.add_argument("input", help="JSONL article records (id?, published, title, text, outlet, url, …)")
    p.add_argument("-o", "--output", required=True, help="Parquet file to write, one row per event")
    p.add_argument("--figures", help="also write the reported figures to this Parquet file")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes coding batches at once (default: [code] workers, else every core; "
                        "the output is the same for any N)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"articles per batch handed to a worker (default {BATCH_SIZE})")
    p.set_defaults(handler=run)
