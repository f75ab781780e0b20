"""Speed benchmark of the event coder on the ACLED dev texts (target: at least 500 articles/s on one core).

    python bench/bench_code.py [ACLED.csv] [--limit N] [--json OUT.json]
    python bench/bench_code.py [ACLED.csv] --subprocess      # times `sitrep code IN.jsonl -o OUT.parquet`

In-process mode reports the warm-up (importing the coder and loading its gazetteer, by coding one tiny
article) apart from the timed run of code_articles over every article. Peak memory is the process's maximum
resident set size (ru_maxrss), which costs nothing to measure, unlike tracemalloc.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

DEFAULT_GOLD = PROJECT_ROOT.parent / "shared" / "eval" / "acled_2022h1.csv"
TARGET_ARTICLES_PER_S = 500.0
WARM_UP_ARTICLE = {"id": "bench-warm-up", "published": "2022-01-02", "outlet": "Bench",
                   "text": "On 1 January 2022, police arrested two men in the capital."}


def pin_to_one_core() -> None:
    """One core, and no thread pools in numeric libraries: the number measured is single-core speed."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cores[0]})


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
    return resource.getrusage(who).ru_maxrss * scale


def load_articles(gold_path: Path, limit: int | None) -> list[dict[str, Any]]:
    from sitrep.evaluation.loaders import load_acled_gold

    return load_acled_gold(gold_path, limit).articles


def bench_in_process(articles: list[dict[str, Any]]) -> dict[str, Any]:
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    from sitrep.coding import code_article, code_articles

    code_article(WARM_UP_ARTICLE)
    warm_up_s = time.perf_counter() - started
    rss_after_warm_up = peak_rss_mb()
    started = time.perf_counter()
    events, figures, status = code_articles(articles)
    coding_s = time.perf_counter() - started
    return {
        "mode": "in-process",
        "articles": len(articles),
        "events": len(events),
        "figures": len(figures),
        "warm_up_s": round(warm_up_s, 3),
        "coding_s": round(coding_s, 3),
        "articles_per_s": round(len(articles) / coding_s, 1) if coding_s else None,
        "peak_rss_mb_before_coder": round(rss_before, 1),
        "peak_rss_mb_after_warm_up": round(rss_after_warm_up, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def sitrep_command() -> list[str]:
    """The installed `sitrep` next to this interpreter, else the module entry point."""
    script = Path(sys.executable).with_name("sitrep")
    if script.exists():
        return [str(script)]
    found = shutil.which("sitrep")
    return [found] if found else [sys.executable, "-m", "sitrep.cli"]


def bench_subprocess(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """End to end: interpreter start, imports, gazetteer load, coding and the Parquet write."""
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        inbox, out = Path(tmp) / "articles.jsonl", Path(tmp) / "events.parquet"
        inbox.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        command = [*sitrep_command(), "code", str(inbox), "-o", str(out)]
        taskset = shutil.which("taskset")
        if taskset:
            command = [taskset, "-c", str(min(os.sched_getaffinity(0))), *command]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall_s = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
        rows = None
        try:
            import pyarrow.parquet as pq

            rows = pq.read_metadata(out).num_rows
        except Exception:  # noqa: BLE001 - the row count is a nicety, the timing is the point
            pass
    return {
        "mode": "subprocess",
        "command": " ".join(command[-4:]),
        "articles": len(articles),
        "events": rows,
        "wall_s": round(wall_s, 3),
        "articles_per_s": round(len(articles) / wall_s, 1) if wall_s else None,
        "peak_rss_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help=f"ACLED CSV (default {DEFAULT_GOLD})")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--subprocess", action="store_true", help="time the real `sitrep code` command end to end")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"bench: no such file {args.gold}", file=sys.stderr)
        return 2
    pin_to_one_core()
    articles = load_articles(args.gold, args.limit)
    result = bench_subprocess(articles) if args.subprocess else bench_in_process(articles)
    result["target_articles_per_s"] = TARGET_ARTICLES_PER_S
    result["meets_target"] = bool(result["articles_per_s"] and result["articles_per_s"] >= TARGET_ARTICLES_PER_S)
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
