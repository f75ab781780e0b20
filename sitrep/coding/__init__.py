"""The event coder: article text → ACLED event rows and reported figures.

Contract (other stages and outside checks rely on it):

    code_article(article) -> CodedArticle
        article: a mapping with at least id, published (ISO date/datetime), text; optionally title, outlet,
                 url, source_scale, fetched_at, language.
        CodedArticle.events:  list of dicts keyed by schemas.columns.EVENT_COLUMNS (all keys present)
        CodedArticle.figures: list of dicts keyed by schemas.columns.FIGURE_COLUMNS
        CodedArticle.status:  "coded" (≥1 event) or "no_event"

    code_articles(articles) -> (events_df, figures_df, status_df)  — frames with exactly those columns.
    code_many(articles) -> per article its CodedArticle, or the exception coding it raised (coded together:
                 the NER model reads the sentences of all of them in one batch).

The coder is pure: no I/O but reading its resources, no network, deterministic for the same input.
`Coder` (sitrep/coding/coder.py) is the pipeline behind them: resources and an ordered list of stages.
"""

from sitrep.coding.coder import CODER_VERSION, CodedArticle, Coder, code_article, code_articles, code_many

__all__ = ["CODER_VERSION", "CodedArticle", "Coder", "code_article", "code_articles", "code_many"]
