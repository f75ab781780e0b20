"""`sitrep eval GOLD`: score the coder on an ACLED CSV, a CASE-style TSV, the seed folder, or gold articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "eval", help="score the coder on labelled data",
        description="Code the texts of a gold set and score the events: an ACLED-format CSV, a TSV of "
                    "snippets with a sub_event_type column (CASE 2021), the seed folder / its gold.json, or a "
                    "JSONL of article records with a gold member (has_event, scope, events).")
    parser.add_argument("gold", type=Path, help="gold file or folder")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT.json", help="write all numbers as JSON")
    parser.add_argument("--errors", type=Path, default=None, metavar="OUT.csv",
                        help="write one row per error (missed, spurious or false positive, wrong field) as CSV")
    parser.set_defaults(handler=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from rich.console import Console

    from sitrep.evaluation.loaders import load_gold
    from sitrep.evaluation.report import print_scores, write_errors_csv, write_scores_json
    from sitrep.evaluation.runner import evaluate

    if args.limit is not None and args.limit < 1:
        raise ValueError("--limit must be at least 1")
    gold = load_gold(args.gold, limit=args.limit)
    scores = evaluate(gold)
    # Off a terminal rich would wrap at 80 columns; logs and pipes read better wider.
    console = Console() if sys.stdout.isatty() else Console(width=120)
    print_scores(scores, console)
    if scores.get("coder_failures"):
        console.print(f"[yellow]the coder raised on {scores['coder_failures']} article(s); scored as no event[/yellow]")
    if scores.get("articles_per_second"):
        console.print(f"coded {len(gold.articles)} articles in {scores['coding_seconds']:.1f} s "
                      f"({scores['articles_per_second']:.0f} articles/s, coder warm-up included)")
    if args.json:
        write_scores_json(scores, args.json)
    if args.errors:
        write_errors_csv(scores.get("errors") or seed_error_rows(scores), args.errors)
    # Scores from a coder that raised on every text measure nothing; say so in the exit code.
    return 1 if gold.articles and scores.get("coder_failures") == len(gold.articles) else 0


def seed_error_rows(scores: dict[str, Any]) -> list[dict[str, Any]]:
    """The seed's failed checks and false positives as error rows."""
    rows = [{"error": "failed check", "field": c["check"], "detail": c["detail"]}
            for c in scores.get("checks", []) if not c["passed"]]
    rows += [{"error": "false positive", "field": fp["sub_event_type"], "detail": fp["quote"]}
             for fp in scores.get("false_positives", [])]
    return rows
