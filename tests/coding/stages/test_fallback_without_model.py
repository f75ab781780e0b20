"""Without the NER model (not installed, failed its hash check, or turned off) the coder must behave exactly as
the gazetteer-only coder did: its whole output on the golden inputs is tests/coding/golden/expected_no_ner.jsonl.

expected_no_ner.jsonl was first written by the coder before the entities stage existed (casing stage included)
and is rewritten by `make golden` together with expected.jsonl when behaviour changes on purpose."""

from __future__ import annotations

import pytest

from sitrep.coding.coder import Coder
from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources

from ..golden.build import (
    EXPECTED_NO_NER,
    differences,
    golden_articles,
    golden_lines,
    read_expected,
)


@pytest.fixture(scope="module")
def no_ner_coder() -> Coder:
    return Coder(CoderResources.load(use_entities=False))


def test_no_model_is_the_gazetteer_only_coder(no_ner_coder):
    assert no_ner_coder.resources.entity_recognizer() is None
    doc = no_ner_coder.run(Document.from_article({"id": "f1", "published": "2025-02-07", "text":
                                                  "Gunmen killed two men in Kano on Monday."}))
    assert doc.entity_spans is None and doc.event_rows


def test_fallback_output_matches_its_golden_file(no_ner_coder):
    if not EXPECTED_NO_NER.exists():
        pytest.fail(f"{EXPECTED_NO_NER} is missing: run `make golden` to write it")
    expected = read_expected(EXPECTED_NO_NER)
    produced = golden_lines(golden_articles(), no_ner_coder.code_articles)
    if produced != expected:
        pytest.fail("the coder without the NER model differs from expected_no_ner.jsonl:\n"
                    + "\n".join(differences(expected, produced)), pytrace=False)
