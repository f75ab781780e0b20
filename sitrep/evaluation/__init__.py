"""Scoring the event coder on labelled data (`sitrep eval GOLD`).

    loaders.load_gold(path, limit) -> GoldSet       an ACLED CSV, a CASE-style TSV, the seed folder, or
                                                    gold articles (JSONL with `gold`, gold_articles.py)
    align.align_events(gold, preds) -> pairs        one-to-one greedy alignment within an article
    scoring.score_acled / score_case / score_seed   metrics on plain data (no coder needed)
    article_scoring.score_gold_articles             document and event measures on gold articles
    runner.evaluate(gold) -> scores                 codes the gold's articles, then scores them
    report.print_scores(scores)                     readable tables

The coder is imported only when articles are coded, so scoring works (and is tested) without it.
"""

from sitrep.evaluation.loaders import GoldSet, load_gold
from sitrep.evaluation.scoring import score_acled, score_case, score_seed

__all__ = ["GoldSet", "load_gold", "score_acled", "score_case", "score_seed"]
