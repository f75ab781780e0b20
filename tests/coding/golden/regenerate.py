"""Rewrite the golden file: `make golden` (or `python -m tests.coding.golden.regenerate`).

Run it only when a change of the coder's behaviour is intended; `git diff tests/coding/golden/expected.jsonl`
then shows that change row by row, column by column, for review.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from sitrep.store import atomic_write_bytes

from .build import EXPECTED, golden_articles, golden_lines, render


def main() -> int:
    started = time.perf_counter()
    articles = golden_articles()
    lines = golden_lines(articles)
    atomic_write_bytes(EXPECTED, render(lines).encode("utf-8"))
    tables = Counter(line["table"] for line in lines)
    statuses = Counter(line["status"] for line in lines if line["table"] == "status")
    print(f"wrote {EXPECTED.relative_to(EXPECTED.parents[3])}: {len(lines)} lines from {len(articles)} articles "
          f"({tables['event']} events, {tables['figure']} figures; {statuses['coded']} coded, "
          f"{statuses['no_event']} no event) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
