"""Speed of the event coder on short reports and on full articles, each against spaCy NER alone on the same texts.

    python bench/bench_code.py [--short ACLED.csv|JSONL] [--full ARTICLES.jsonl] [--limit N] [--stages]
                               [--json OUT.json]
    python bench/bench_code.py --subprocess          # times `sitrep code IN.jsonl -o OUT.parquet` end to end

Short reports are ACLED's notes (../shared/eval/acled_2022h1.csv), full articles the MUC-4 wire stories
(../shared/eval/articles/muc4_dev.jsonl): their texts are read for timing only. Without ../shared the bench
runs on the team's own texts: the golden inputs' short reports, and the long golden inputs with the sample inbox
as full articles (few, so the figures are rougher).

For each set, in one process pinned to one core: the coder's articles/s and words/s (wall clock and per CPU
second), then spaCy's small English pipeline running NER alone (its other components excluded, as the coder
loads it) over the same whole texts, and the ratio of the two rates (issue 11's target: the coder at least 1.5
times as fast as NER alone on both sets, full articles at least 40/s, short reports at least 400/s, peak RSS
under 1 GB). The warm-up (imports, lexicons, gazetteer, NER model, casing dictionary) is reported apart. With
--stages, each coder stage's share of the CPU time, with the trigger index and with the plain search (every
rule at every word its prefixes allow), which issue 13 asks to compare.
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
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# ../shared/eval beside the repository (or beside the folder of worktrees holding it)
EVAL = next((p / "shared" / "eval" for p in PROJECT_ROOT.parents if (p / "shared" / "eval").is_dir()),
            PROJECT_ROOT.parent / "shared" / "eval")
DEFAULT_SHORT = EVAL / "acled_2022h1.csv"
DEFAULT_FULL = EVAL / "articles" / "muc4_dev.jsonl"
GOLDEN_INPUTS = PROJECT_ROOT / "tests" / "coding" / "golden" / "inputs.jsonl"
SHORT_WORDS, FULL_WORDS = 100, 150  # the team's own texts: a short report has at most, a full article at least
TARGETS = {"short": 400.0, "full": 40.0}  # articles/s
TARGET_RATIO = 1.5
TARGET_RSS_MB = 1024.0
WARM_UP_ARTICLES = [
    {"id": "bench-warm-up", "published": "2022-01-02", "outlet": "Bench",
     "text": "On 1 January 2022, police arrested two men in the capital."},
    # in capitals: builds the casing dictionary, which a set of wire reports needs
    {"id": "bench-warm-up-caps", "published": "2022-01-02", "outlet": "Bench",
     "text": "SOLDIERS KILLED THREE REBELS IN A CLASH NEAR THE TOWN ON SATURDAY, THE ARMY SAID."},
]


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


def words(articles: list[dict[str, Any]]) -> int:
    return sum(len(str(a.get("text") or "").split()) for a in articles)


def team_articles() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(short, full) from the repository's own texts: golden inputs and the sample inbox."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.coding.golden.build import frozen_articles, sample_articles

    frozen = frozen_articles()
    short = [a for a in frozen if len(a["text"].split()) <= SHORT_WORDS]
    full = [a for a in frozen + sample_articles() if len(a["text"].split()) >= FULL_WORDS]
    return short, full


def load_sets(short: Path, full: Path, limit: int | None) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """Set name → (where its texts come from, its article records)."""
    from sitrep.evaluation.loaders import load_gold

    own_short, own_full = team_articles() if not (short.exists() and full.exists()) else ([], [])
    sets = {}
    for name, path, own in (("short", short, own_short), ("full", full, own_full)):
        if path.exists():
            sets[name] = (str(path), load_gold(path, limit).articles)
        else:
            sets[name] = ("team-written (golden inputs, data/samples)", own[:limit] if limit else own)
    return sets


def timed(work: Any) -> tuple[Any, float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    out = work()
    return out, time.perf_counter() - started, time.process_time() - cpu


def ner_recognizer() -> Any:
    """The coder's own NER model (its components other than NER excluded), or None without one."""
    from sitrep.coding.resources import default_resources

    return default_resources().entity_recognizer()


def bench_set(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The coder and NER alone over the same texts; rates per wall second and per CPU second."""
    from sitrep.coding import code_articles

    (events, _figures, _status), wall, cpu = timed(lambda: code_articles(articles))
    recognizer = ner_recognizer()
    out: dict[str, Any] = {"articles": len(articles), "words": words(articles), "events": len(events),
                           "coder_s": round(wall, 2), "coder_cpu_s": round(cpu, 2),
                           "articles_per_s": round(len(articles) / wall, 1),
                           "words_per_s": round(words(articles) / wall),
                           "articles_per_cpu_s": round(len(articles) / cpu, 1)}
    if recognizer is None:
        out["ner_alone"] = "no NER model installed"
        return out
    texts = [str(a.get("text") or "") for a in articles]
    _, ner_wall, ner_cpu = timed(lambda: recognizer.spans(texts))
    out.update({"ner_alone_s": round(ner_wall, 2), "ner_alone_cpu_s": round(ner_cpu, 2),
                "ner_alone_articles_per_s": round(len(articles) / ner_wall, 1),
                "coder_vs_ner_alone": round(ner_wall / wall, 2),
                "coder_vs_ner_alone_cpu": round(ner_cpu / cpu, 2)})
    return out


def stage_shares(articles: list[dict[str, Any]], plain_search: bool) -> dict[str, float]:
    """Each stage's share of the coder's CPU time over the articles (plain_search: without the trigger index)."""
    from sitrep.coding.coder import Coder
    from sitrep.coding.document import Document
    from sitrep.coding.resources import default_resources

    resources = default_resources()
    if plain_search:
        resources = replace(resources, events=replace(resources.events, index=None))
    coder = Coder(resources)
    times: Counter[str] = Counter()
    for article in articles:
        doc = Document.from_article(article)
        if not doc.text.strip():
            continue
        for stage in coder.stages:
            cpu = time.process_time()
            doc = stage(doc)
            times[stage.name] += time.process_time() - cpu
    total = sum(times.values()) or 1.0
    shares = {name: round(100 * t / total, 1) for name, t in times.most_common()}
    return {"total_cpu_s": round(total, 2), **shares}


def bench_in_process(sets: dict[str, tuple[str, list[dict[str, Any]]]], stages: bool) -> dict[str, Any]:
    from sitrep.coding import code_articles

    rss_before = peak_rss_mb()
    _, warm_up_s, _ = timed(lambda: code_articles(WARM_UP_ARTICLES))
    report: dict[str, Any] = {"mode": "in-process, one core", "warm_up_s": round(warm_up_s, 2),
                              "peak_rss_mb_before_coder": round(rss_before, 1),
                              "peak_rss_mb_after_warm_up": round(peak_rss_mb(), 1)}
    for name, (source, articles) in sets.items():
        result = {"source": source, **bench_set(articles)}
        result["target_articles_per_s"] = TARGETS[name]
        result["meets_targets"] = bool(result["articles_per_s"] >= TARGETS[name] and
                                       result.get("coder_vs_ner_alone", 0) >= TARGET_RATIO)
        if stages:
            result["stage_share_pct"] = stage_shares(articles, plain_search=False)
            result["stage_share_pct_plain_trigger_search"] = stage_shares(articles, plain_search=True)
        report[name] = result
    report["peak_rss_mb"] = round(peak_rss_mb(), 1)
    report["peak_rss_under_1gb"] = report["peak_rss_mb"] < TARGET_RSS_MB
    return report


def sitrep_command() -> list[str]:
    """The installed `sitrep` next to this interpreter, else the module entry point."""
    script = Path(sys.executable).with_name("sitrep")
    if script.exists():
        return [str(script)]
    found = shutil.which("sitrep")
    return [found] if found else [sys.executable, "-m", "sitrep.cli"]


def bench_subprocess(articles: list[dict[str, Any]], workers: int = 1) -> dict[str, Any]:
    """End to end: interpreter start, imports, gazetteer load, coding and the Parquet write."""
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        inbox, out = Path(tmp) / "articles.jsonl", Path(tmp) / "events.parquet"
        inbox.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        command = [*sitrep_command(), "code", str(inbox), "-o", str(out), "--workers", str(workers)]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall_s = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
        import pyarrow.parquet as pq

        rows = pq.read_metadata(out).num_rows
    return {"mode": "subprocess", "command": " ".join(command[-6:]), "articles": len(articles), "events": rows,
            "wall_s": round(wall_s, 2), "articles_per_s": round(len(articles) / wall_s, 1),
            "peak_rss_mb_largest_process": round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", type=Path, default=DEFAULT_SHORT, help=f"short reports (default {DEFAULT_SHORT})")
    parser.add_argument("--full", type=Path, default=DEFAULT_FULL, help=f"full articles (default {DEFAULT_FULL})")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each set")
    parser.add_argument("--stages", action="store_true", help="also each stage's share, with and without the index")
    parser.add_argument("--subprocess", action="store_true", help="time the real `sitrep code` command end to end")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    pin_to_one_core()
    sets = load_sets(args.short, args.full, args.limit)
    if args.subprocess:
        report: dict[str, Any] = {name: {"source": source, **bench_subprocess(articles)}
                                  for name, (source, articles) in sets.items()}
    else:
        report = bench_in_process(sets, args.stages)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
