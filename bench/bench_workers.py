"""Coding many full articles on 1 and on 2 (or more) worker processes: `sitrep code --workers N`, end to end.

    python bench/bench_workers.py [--articles 20000] [--workers 1 2] [--json OUT.json]

The articles are generated from the team's own long texts (the long golden inputs and the sample inbox):
each copy gets its own id, a publication day further on, and its paragraphs rotated, so no two are the same
text. Every run codes the same file; the bench checks that the Parquet files are byte for byte the same and
reports each run's wall time, articles/s, the speed-up over one worker (issue 13's target: at least 1.8 on
two cores) and the largest process's peak RSS. The machine's load average before and after each run is
printed too: on a shared box other processes take cores, and a speed-up means little without it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench.bench_code import FULL_WORDS, sitrep_command  # noqa: E402 (after the path insert above)

TARGET_SPEED_UP = 1.8


def source_texts() -> list[dict[str, Any]]:
    from tests.coding.golden.build import frozen_articles, sample_articles

    return [a for a in frozen_articles() + sample_articles() if len(a["text"].split()) >= FULL_WORDS]


def generate(count: int, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """count article records varied from the sources: own id, later day, paragraphs rotated."""
    out = []
    for n in range(count):
        base = sources[n % len(sources)]
        paragraphs = [p for p in base["text"].split("\n\n") if p.strip()]
        turn = (n // len(sources)) % len(paragraphs)
        day = date.fromisoformat(str(base["published"])[:10]) + timedelta(days=(n // len(sources)) % 365)
        out.append({"id": f"bench-{n:06d}", "published": day.isoformat(), "title": base.get("title") or "",
                    "outlet": base.get("outlet") or "Bench Wire", "url": f"https://bench.example/{n}",
                    "text": "\n\n".join(paragraphs[turn:] + paragraphs[:turn])})
    return out


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def run(inbox: Path, out: Path, workers: int) -> dict[str, Any]:
    command = [*sitrep_command(), "code", str(inbox), "-o", str(out), "--workers", str(workers)]
    before = load()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return {"workers": workers, "wall_s": round(wall, 1), "load_before": before, "load_after": load()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="how many full articles to generate")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    articles = generate(args.articles, source_texts())
    words = sum(len(a["text"].split()) for a in articles)
    report: dict[str, Any] = {"articles": len(articles), "words_per_article": round(words / len(articles)),
                              "cores": len(os.sched_getaffinity(0)), "runs": []}
    outputs = []
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-workers-") as tmp:
        inbox = Path(tmp) / "articles.jsonl"
        inbox.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        for workers in args.workers:
            out = Path(tmp) / f"events-{workers}.parquet"
            result = run(inbox, out, workers)
            result["articles_per_s"] = round(len(articles) / result["wall_s"], 1)
            report["runs"].append(result)
            outputs.append(out.read_bytes())
            print(json.dumps(result), file=sys.stderr)
    first = report["runs"][0]
    for result in report["runs"][1:]:
        result["speed_up"] = round(first["wall_s"] / result["wall_s"], 2)
    report["same_output"] = all(o == outputs[0] for o in outputs)
    report["peak_rss_mb_largest_process"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    report["target_speed_up"] = TARGET_SPEED_UP
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report["same_output"] else 1


if __name__ == "__main__":
    sys.exit(main())
