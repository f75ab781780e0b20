"""The event coder: a Coder owns its resources and an ordered list of stages (sitrep/coding/stages/), each a
callable `(Document) -> Document`, and codes an article by passing one Document through them.

`code_article` and `code_articles` (the package's contract) use a default Coder, built once on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from schemas.columns import ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources, default_resources
from sitrep.coding.stages import Stage, default_stages
from sitrep.coding.version import CODER_VERSION

__all__ = ["CODER_VERSION", "CodedArticle", "Coder", "code_article", "code_articles", "code_many", "code_rows"]


@dataclass
class CodedArticle:
    article_id: str
    events: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    status: str = "no_event"


class Coder:
    """Codes articles with its stages over its resources. `stages` replaces the default list (to insert,
    swap or drop one: `Coder(stages=[...])`, e.g. built from `default_stages(resources)`)."""

    def __init__(self, resources: CoderResources | None = None, stages: Sequence[Stage] | None = None) -> None:
        self.resources = resources or default_resources()
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages(self.resources)

    def stage(self, name: str) -> Stage:
        for s in self.stages:
            if s.name == name:
                return s
        raise KeyError(f"no stage named {name!r} (stages: {', '.join(s.name for s in self.stages)})")

    def run(self, doc: Document) -> Document:
        """The document after every stage (an article without text is left as it is: it has nothing to read)."""
        if not doc.text.strip():
            return doc
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def run_many(self, docs: Sequence[Document | Exception]) -> list[Document | Exception]:
        """Each document after every stage, as run() gives it, the stages taken one at a time over all of them:
        a stage with a `run_many` method reads them together (the entities stage batches the NER model over
        the articles). A document whose stage raised is replaced by the exception and goes no further; when a
        batch stage raises, it is run again document by document to find whose it was."""
        out: list[Document | Exception] = list(docs)
        live = [i for i, doc in enumerate(docs) if not isinstance(doc, Exception) and doc.text.strip()]
        for stage in self.stages:
            together = getattr(stage, "run_many", None)
            if together is not None and len(live) > 1:
                try:
                    for i, doc in zip(live, together([out[i] for i in live]), strict=True):
                        out[i] = doc
                    continue
                except Exception:  # noqa: BLE001 - one article's failure: found below, article by article
                    pass
            for i in live:
                try:
                    out[i] = stage(out[i])  # type: ignore[arg-type]
                except Exception as exc:  # noqa: BLE001 - kept as that article's outcome
                    out[i] = exc
            live = [i for i in live if not isinstance(out[i], Exception)]
        return out

    def code_many(self, articles: Iterable[Mapping[str, Any]]) -> list[CodedArticle | Exception]:
        """code_article for each article (or the exception coding it raised), the articles coded together."""
        docs: list[Document | Exception] = []
        for article in articles:
            try:
                docs.append(Document.from_article(article))
            except Exception as exc:  # noqa: BLE001 - that article's outcome
                docs.append(exc)
        return [doc if isinstance(doc, Exception) else self._coded(doc) for doc in self.run_many(docs)]

    @staticmethod
    def _coded(doc: Document) -> CodedArticle:
        coded = CodedArticle(doc.article_id, doc.event_rows, doc.figure_rows)
        coded.status = "coded" if coded.events else "no_event"
        return coded

    def code_article(self, article: Mapping[str, Any]) -> CodedArticle:
        """Code one article (see the package docstring for the contract)."""
        return self._coded(self.run(Document.from_article(article)))

    def code_articles(self, articles: Iterable[Mapping[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Code a batch: (events, figures, status) frames with exactly EVENT_COLUMNS, FIGURE_COLUMNS and
        ARTICLE_STATUS_COLUMNS."""
        return frames_of([self.code_rows(articles)])

    def code_rows(self, articles: Iterable[Mapping[str, Any]]) -> ArticleRows:
        """Code a batch into the rows of code_articles' three frames (plain lists: they travel between
        processes, and the rows of several batches make the frames of their union with frames_of)."""
        events: list[dict[str, Any]] = []
        figures: list[dict[str, Any]] = []
        status: list[dict[str, Any]] = []
        outcomes: list[CodedArticle | Exception] = []
        for chunk in _chunks(articles, CHUNK):
            outcomes.extend(self.code_many(chunk))
        for coded in outcomes:
            if isinstance(coded, Exception):
                raise coded  # the first article that failed, as coding them one by one would raise
            events.extend(coded.events)
            figures.extend(coded.figures)
            status.append({"article_id": coded.article_id, "status": coded.status, "events": len(coded.events),
                           "reason": "" if coded.events else "no event trigger with a place and a current date",
                           "coder_version": CODER_VERSION})
        return events, figures, status


ArticleRows = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
CHUNK = 64  # articles coded together (Coder.run_many): enough sentences for the NER model to batch well


def _chunks(items: Iterable[Mapping[str, Any]], size: int) -> Iterable[list[Mapping[str, Any]]]:
    chunk: list[Mapping[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def frames_of(batches: Iterable[ArticleRows]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The (events, figures, status) frames of batches' rows, in order: the frames of coding them as one batch."""
    events: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    status: list[dict[str, Any]] = []
    for e, f, s in batches:
        events.extend(e)
        figures.extend(f)
        status.extend(s)
    return (pd.DataFrame(events, columns=EVENT_COLUMNS), pd.DataFrame(figures, columns=FIGURE_COLUMNS),
            pd.DataFrame(status, columns=ARTICLE_STATUS_COLUMNS))


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    """The Coder over sitrep/resources with the default stages, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT


def code_article(article: Mapping[str, Any]) -> CodedArticle:
    """Code one article with the default Coder (see the package docstring for the contract)."""
    return default_coder().code_article(article)


def code_articles(articles: Iterable[Mapping[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Code a batch with the default Coder: (events, figures, status) frames."""
    return default_coder().code_articles(articles)


def code_rows(articles: Iterable[Mapping[str, Any]]) -> ArticleRows:
    """Code a batch with the default Coder into the rows of its frames (see Coder.code_rows)."""
    return default_coder().code_rows(articles)


def code_many(articles: Iterable[Mapping[str, Any]]) -> list[CodedArticle | Exception]:
    """Code articles together with the default Coder: per article its CodedArticle or the exception coding it
    raised (see Coder.code_many)."""
    return default_coder().code_many(articles)
