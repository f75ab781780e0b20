"""Rewrite the golden file: `make golden` (or `python -m tests.coding.golden.regenerate`).

It writes two files: expected.jsonl (the coder as it runs, with the NER model) and expected_no_ner.jsonl (the
same inputs without the model: the fallback when the model is not installed).

Run it only when a change of the coder's behaviour is intended; `git diff tests/coding/golden/expected.jsonl`
then shows that change row by row, column by column, for review.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from sitrep.coding.coder import Coder
from sitrep.coding.entities import get_entity_recognizer
from sitrep.coding.resources import CoderResources
from sitrep.store import atomic_write_bytes

from .build import EXPECTED, EXPECTED_NO_NER, golden_articles, golden_lines, render


def main() -> int:
    started = time.perf_counter()
    articles = golden_articles()
    # The fallback file first: it needs no model, and the coder without one must keep behaving as it records.
    no_ner = Coder(CoderResources.load(use_entities=False))
    atomic_write_bytes(EXPECTED_NO_NER, render(golden_lines(articles, no_ner.code_articles)).encode("utf-8"))
    print(f"wrote {EXPECTED_NO_NER.relative_to(EXPECTED_NO_NER.parents[3])} (coded without the NER model)")
    if get_entity_recognizer() is None:
        print(f"the NER model is not installed: {EXPECTED.name} is left as it is", file=sys.stderr)
        return 1
    lines = golden_lines(articles, Coder(CoderResources.load(use_entities=True)).code_articles)
    atomic_write_bytes(EXPECTED, render(lines).encode("utf-8"))
    tables = Counter(line["table"] for line in lines)
    statuses = Counter(line["status"] for line in lines if line["table"] == "status")
    print(f"wrote {EXPECTED.relative_to(EXPECTED.parents[3])}: {len(lines)} lines from {len(articles)} articles "
          f"({tables['event']} events, {tables['figure']} figures; {statuses['coded']} coded, "
          f"{statuses['no_event']} no event) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
