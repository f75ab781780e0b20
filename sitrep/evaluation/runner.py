"""Code a gold set's articles with the event coder (showing progress) and score the result.

    code_gold_articles(articles, show_progress=None) -> CodingResult
    evaluate(gold, show_progress=None) -> dict
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sitrep.evaluation.loaders import GoldSet
from sitrep.evaluation.scoring import score_acled, score_case, score_seed

log = logging.getLogger(__name__)

LOG_EVERY_S = 10.0   # without a terminal, one progress line this often


@dataclass
class CodingResult:
    events: pd.DataFrame
    figures: pd.DataFrame
    failures: list[dict[str, str]] = field(default_factory=list)   # articles the coder raised on
    seconds: float = 0.0


def code_gold_articles(articles: Sequence[Mapping[str, Any]], show_progress: bool | None = None,
                       code_article: Callable[[Mapping[str, Any]], Any] | None = None) -> CodingResult:
    """Code each article; one article the coder raises on is recorded, not fatal (it scores as no event).

    show_progress: rich bar (default when stderr is a terminal), else a log line every LOG_EVERY_S."""
    if code_article is None:
        from sitrep.coding import code_article as coder  # imported late: the coder loads its gazetteer on import

        code_article = coder
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    events: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    started = last_log = time.perf_counter()

    def code_one(article: Mapping[str, Any]) -> None:
        try:
            coded = code_article(article)
        except Exception as exc:  # noqa: BLE001 - a coder bug on one text must not end the evaluation
            failures.append({"article_id": str(article.get("id")), "error": f"{type(exc).__name__}: {exc}"})
            return
        events.extend(dict(e, article_id=e.get("article_id") or article.get("id")) for e in coded.events)
        figures.extend(dict(f, article_id=f.get("article_id") or article.get("id")) for f in coded.figures)

    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, transient=True) as progress:
            task = progress.add_task("coding", total=len(articles))
            for article in articles:
                code_one(article)
                progress.advance(task)
    else:
        for n, article in enumerate(articles, 1):
            code_one(article)
            now = time.perf_counter()
            if now - last_log >= LOG_EVERY_S:
                log.info("coded %d/%d articles (%.0f/s)", n, len(articles), n / (now - started))
                last_log = now
    elapsed = time.perf_counter() - started
    if failures:
        log.warning("the coder failed on %d article(s); first: %s", len(failures), failures[0]["error"])
    return CodingResult(pd.DataFrame(events), pd.DataFrame(figures), failures, elapsed)


def score_gold(gold: GoldSet, coded: CodingResult) -> dict[str, Any]:
    """Score coded output against a gold set of any kind."""
    if gold.kind == "acled":
        scores = score_acled(gold.events, coded.events)
    elif gold.kind == "case":
        scores = score_case(gold.events, coded.events)
    elif gold.kind == "articles":
        from sitrep.evaluation.article_scoring import score_gold_articles

        scores = score_gold_articles(gold.article_gold, coded.events)
    else:
        scores = score_seed(gold.seed, coded.events, coded.figures)
    scores["gold_path"] = str(gold.path)
    scores["coder_failures"] = len(coded.failures)
    scores["coding_seconds"] = round(coded.seconds, 3)
    scores["articles_per_second"] = round(len(gold.articles) / coded.seconds, 1) if coded.seconds else None
    return scores


def evaluate(gold: GoldSet, show_progress: bool | None = None) -> dict[str, Any]:
    return score_gold(gold, code_gold_articles(gold.articles, show_progress))
