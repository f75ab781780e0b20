"""Ingest of a night's new articles over a raw zone of stored texts, with and without the near-duplicate index
kept on disk (sitrep.near_duplicate_store). Generates its own synthetic history (invented short reports).

    python bench/bench_ingest.py                    # 10,000 and 80,000 stored texts, then 1,000 new articles
    python bench/bench_ingest.py --stored 10000 --new 1000 --detect    # new records without a language

For each size: the stored texts are written as raw-zone parts (not timed), the index is built once (as the
first night after this change does), and then one ingest of the new articles runs in a process of its own
(time and peak RSS of that process) twice, on two copies of the zone: with the index file deleted (every
stored text re-read and re-fingerprinted, as before the index was kept) and with it kept.
CI runs no benchmark."""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

STORED_DAY, NIGHT = date(2025, 5, 1), date(2025, 5, 2)
PART_ROWS = 10_000
WORDS = ("army police militia protesters village town district province market road bridge camp convoy "
         "attacked shelled raided clashed marched gathered arrested killed wounded fled burned seized "
         "north south east west morning evening night dawn officials witnesses residents governor spokesman "
         "said reported according statement local regional security forces group fighters rebels civilians "
         "near outside inside across after before during following two three several dozens hundreds").split()


def report_text(rng: random.Random, n: int) -> str:
    """An invented short report: numbered so that every text is distinct, words drawn at random."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(45, 90))]
    return f"Report {n}: " + " ".join(words) + f". Reference {n * 7919}."


def settings_for(root: Path):
    from sitrep.settings import Settings, SourceConfig

    return Settings(data_dir=root / "data", samples_dir=root / "inbox", sql_dir=REPO / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(root / "inbox")),))


def write_history(root: Path, stored: int, new: int, detect: bool, seed: int = 7) -> None:
    """Stored texts as raw-zone parts, the index over them, and an inbox of new records (5 % wire copies)."""
    import pandas as pd

    from sitrep.near_duplicate_store import open_index, save_index
    from sitrep.pipeline.ingest import ARTICLE_SCHEMA
    from sitrep.zones import append_part, articles_dir

    rng = random.Random(seed)
    settings = settings_for(root)
    texts = [report_text(rng, n) for n in range(stored)]
    for start in range(0, stored, PART_ROWS):
        rows = [{"id": f"stored-{n}", "published": "2025-04-30", "title": f"Report {n}", "text": texts[n],
                 "outlet": "Bench Wire", "url": "", "language": "en", "fetched_at": STORED_DAY.isoformat(),
                 "source_name": "inbox", "source_scale": "", "content_hash": f"h{n}",
                 "ingest_date": STORED_DAY.isoformat()} for n in range(start, min(start + PART_ROWS, stored))]
        frame = pd.DataFrame(rows, columns=ARTICLE_SCHEMA.names).astype(str)
        append_part(articles_dir(settings), STORED_DAY, frame, [r["id"] for r in rows], ARTICLE_SCHEMA)
    index, parts, _ = open_index(settings)
    save_index(settings, index, parts)
    inbox = root / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    records = []
    for k in range(new):
        copy = k % 20 == 0 and stored
        text = ("(Wire) " + texts[rng.randrange(stored)] + " Editing by the desk.") if copy \
            else report_text(rng, stored + k)
        record = {"id": f"new-{k}", "published": "2025-05-01", "title": f"New {k}", "text": text}
        if not detect:
            record["language"] = "en"          # as a feed's <language> or a record's own field gives it
        records.append(record)
    (inbox / "night.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def child(root: Path) -> None:
    """One night's ingest, in this process: prints its seconds, peak RSS and counts as JSON."""
    from sitrep.pipeline.ingest import ingest_sources

    started = time.perf_counter()
    result = ingest_sources(settings_for(root), ingest_date=NIGHT)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": peak_mb, "new": result.new,
                      "near_duplicates": result.near_duplicates}))


def measure(root: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(root)], capture_output=True, text=True,
                          check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench(stored: int, new: int, detect: bool) -> dict:
    from sitrep.near_duplicate_store import index_path

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        kept = Path(tmp) / "kept"
        started = time.perf_counter()
        write_history(kept, stored, new, detect)
        setup_s = time.perf_counter() - started
        rebuilt = Path(tmp) / "rebuilt"
        shutil.copytree(kept, rebuilt)
        index_path(settings_for(rebuilt)).unlink()
        before = measure(rebuilt)
        after = measure(kept)
    return {"stored": stored, "new": new, "setup_s": round(setup_s, 1), "index_rebuilt": before, "index_kept": after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, nargs="*", default=[10_000, 80_000])
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--detect", action="store_true", help="new records carry no language (detected)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for stored in args.stored:
        print(json.dumps(bench(stored, args.new, args.detect)), flush=True)


if __name__ == "__main__":
    main()
