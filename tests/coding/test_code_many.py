"""Coding articles together (Coder.code_many / run_many: the stages taken one at a time over all of them, the NER
model batched over their sentences) gives per article what coding it alone gives, and one article's failure
stays that article's."""

from __future__ import annotations

import pytest

from sitrep.coding import Coder
from sitrep.coding.document import Document
from tests.coding.golden.build import frozen_articles


class FailsOn:
    """A stage that raises for one article; with together, it also reads documents in batches."""

    name = "fails"

    def __init__(self, article_id: str, together: bool) -> None:
        self.article_id = article_id
        if together:
            self.run_many = self._run_many

    def __call__(self, doc: Document) -> Document:
        if doc.article_id == self.article_id:
            raise RuntimeError(f"broken on {doc.article_id}")
        return doc

    def _run_many(self, docs: list[Document]) -> list[Document]:
        return [self(doc) for doc in docs]


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return frozen_articles()[::9][:14]


def outcome(coded) -> tuple:
    return (coded.article_id, coded.status, coded.events, coded.figures)


def test_coded_together_as_alone(articles):
    coder = Coder()
    together = coder.code_many(articles)
    assert [outcome(c) for c in together] == [outcome(coder.code_article(a)) for a in articles]
    assert sum(c.status == "coded" for c in together) >= 5


@pytest.mark.parametrize("batch_stage", [False, True])
def test_one_failing_article_is_that_articles_outcome(articles, batch_stage):
    coder = Coder()
    bad = articles[3]["id"]
    stages = list(coder.stages)
    stages.insert(stages.index(coder.stage("entities")), FailsOn(bad, batch_stage))
    broken = Coder(coder.resources, stages).code_many([*articles, {"id": "x", "published": "not a date"}])
    assert isinstance(broken[3], RuntimeError) and bad in str(broken[3])
    assert isinstance(broken[-1], Exception)  # an article record that is no article
    kept = [outcome(c) for i, c in enumerate(broken[:-1]) if i != 3]
    assert kept == [outcome(coder.code_article(a)) for i, a in enumerate(articles) if i != 3]
