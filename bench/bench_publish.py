"""Publish benchmark: wall time and peak RSS of publishing one night's new articles over a stored history.

    python bench/bench_publish.py --stored 10000 100000 1000000 --new 1000 [--history-nights 1] [--keep DIR]

For each size the script writes, in the project's own layout, a synthetic history of `stored` mentions (events
in 30 conflict countries over 25 years, one or two reports per event from different outlets, a figure per
mention, the raw articles and their coded batches), publishes it (untimed set-up, in `--history-nights`
publishes), then measures, each in a fresh process (peak RSS is that process's):

    night        publish after one more night: `--new` new articles (a third of them further reports of events
                 stored from the last three months, the rest new events), written as ingest and code would
    republish    publish again, nothing new (must write nothing)
    republish2   and once more (the first re-publish after a night once rewrote tables with no new input)

Nothing here is copied from real data: names, places and texts are generated. CI runs no benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.acled import disorder_type_for, interaction_for  # noqa: E402
from schemas.columns import ARTICLE_COLUMNS, ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS  # noqa: E402

COUNTRY_CODES = ["UKR", "SYR", "YEM", "SDN", "SSD", "COD", "SOM", "NGA", "MLI", "BFA", "NER", "ETH", "AFG", "IRQ",
                 "PAK", "MMR", "IND", "COL", "MEX", "BRA", "LBY", "CAF", "CMR", "MOZ", "PSE", "ISR", "LBN", "TUR",
                 "PHL", "HTI"]
START, DAYS = date(2001, 1, 1), 25 * 365
OUTLETS = [f"Bench Outlet {i}" for i in range(40)]
SCALES = ["National", "International", "Subnational", "Regional"]
# (event_type, sub_event_type, actor2 suffix, inter2): combinations the event model accepts.
KINDS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Civilians ({})", "Civilians"),
    ("Battles", "Armed clash", "Rebel Front of {}", "Rebel group"),
    ("Violence against civilians", "Attack", "Civilians ({})", "Civilians"),
    ("Explosions/Remote violence", "Air/drone strike", "Rebel Front of {}", "Rebel group"),
    ("Riots", "Mob violence", "Rioters ({})", "Rioters"),
]
BATCH_ROWS = 50_000
CODER = None  # the coder version, read once from the code under test


def coder_version() -> str:
    global CODER
    if CODER is None:
        from sitrep.coding.version import CODER_VERSION
        CODER = CODER_VERSION
    return CODER


def countries() -> pd.DataFrame:
    from sitrep.coding.countries import all_countries

    by_iso3 = {c.iso3: c for c in all_countries()}
    rows = [{"iso3": k, "iso": by_iso3[k].iso, "country": by_iso3[k].name, "region": by_iso3[k].region}
            for k in COUNTRY_CODES if k in by_iso3]
    return pd.DataFrame(rows)


def event_frame(rng: np.random.Generator, n: int, first: int, days: np.ndarray) -> pd.DataFrame:
    """n synthetic events (one row each, the mention columns they share), numbered from `first`."""
    table = countries()
    country = table.iloc[rng.integers(0, len(table), n)].reset_index(drop=True)
    kind = rng.integers(0, len(KINDS), n)
    cell = rng.integers(0, 400, n)                      # a town: 400 per country
    base_lat = (country["iso"] % 50 - 10).to_numpy(float)
    base_lon = (country["iso"] % 120 - 20).to_numpy(float)
    event_type = [KINDS[k][0] for k in kind]
    sub_type = [KINDS[k][1] for k in kind]
    actor2 = [KINDS[k][2].format(c) for k, c in zip(kind, country["country"], strict=True)]
    inter2 = [KINDS[k][3] for k in kind]
    event_date = [START + timedelta(days=int(d)) for d in days]
    return pd.DataFrame({
        "n": np.arange(first, first + n), "event_date": event_date, "year": [d.year for d in event_date],
        "event_type": event_type, "sub_event_type": sub_type,
        "disorder_type": [disorder_type_for(e, s) for e, s in zip(event_type, sub_type, strict=True)],
        "actor1": [f"Military Forces of {c}" for c in country["country"]], "inter1": "State forces",
        "actor2": actor2, "inter2": inter2,
        "interaction": [interaction_for("State forces", i) for i in inter2],
        "iso": country["iso"], "iso3": country["iso3"], "region": country["region"], "country": country["country"],
        "admin1": [f"Province {c % 20}" for c in cell], "location": [f"Town {c}" for c in cell],
        "latitude": base_lat + (cell // 20) * 0.11, "longitude": base_lon + (cell % 20) * 0.13,
        "fatalities": rng.integers(0, 12, n),
    })


def mention_rows(events: pd.DataFrame, reports: np.ndarray, first_article: int, rng: np.random.Generator,
                 published_lag: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Coded mentions, figures, statuses and raw articles for `reports[i]` reports of event i."""
    rows = events.loc[events.index.repeat(reports)].reset_index(drop=True)
    m = len(rows)
    article = [f"bench-{first_article + i:09d}" for i in range(m)]
    outlet = [OUTLETS[i] for i in rng.integers(0, len(OUTLETS), m)]
    scale = [SCALES[i] for i in rng.integers(0, len(SCALES), m)]
    dates = rows["event_date"]
    notes = [f"On {d.isoformat()}, an attack hit {loc} ({a1}). {f} people were killed."
             for d, loc, a1, f in zip(dates, rows["location"], rows["admin1"], rows["fatalities"], strict=True)]
    quote = [f"An attack hit {loc} on Monday, killing {f}." for loc, f in zip(rows["location"], rows["fatalities"],
                                                                              strict=True)]
    provisional = [f"{iso3}{9_000_000_000 + first_article + i}" for i, iso3 in enumerate(rows["iso3"])]
    published = [(d + timedelta(days=published_lag)).isoformat() + "T08:00:00Z" for d in dates]
    mentions = pd.DataFrame({
        "event_id_cnty": provisional, "event_date": dates, "year": rows["year"], "time_precision": 1,
        "disorder_type": rows["disorder_type"], "event_type": rows["event_type"],
        "sub_event_type": rows["sub_event_type"], "actor1": rows["actor1"], "assoc_actor_1": "",
        "inter1": rows["inter1"], "actor2": rows["actor2"], "assoc_actor_2": "", "inter2": rows["inter2"],
        "interaction": rows["interaction"], "civilian_targeting": "", "iso": rows["iso"], "region": rows["region"],
        "country": rows["country"], "admin1": rows["admin1"], "admin2": "", "admin3": "", "location": rows["location"],
        "latitude": rows["latitude"], "longitude": rows["longitude"], "geo_precision": 1, "source": outlet,
        "source_scale": scale, "notes": notes, "fatalities": rows["fatalities"], "tags": "",
        "timestamp": 1_700_000_000, "article_id": article, "quote": quote, "quote_start": 0,
        "quote_end": [len(q) for q in quote], "date_text": "on Monday", "place_text": rows["location"],
        "fatalities_low": rows["fatalities"], "fatalities_high": rows["fatalities"], "confidence": 0.8,
        "coder_version": coder_version(),
    })[EVENT_COLUMNS]
    for column in ("quote_start", "quote_end", "fatalities_low", "fatalities_high"):
        mentions[column] = mentions[column].astype("Int64")
    figures = pd.DataFrame({
        "figure_id": [f"{a}-f1" for a in article], "article_id": article, "event_id_cnty": provisional,
        "kind": "killed", "value": rows["fatalities"].astype(float), "low": np.nan, "high": np.nan, "qualifier": "",
        "reported_by": "", "quote": quote, "quote_start": pd.array([0] * m, dtype="Int64"),
        "quote_end": pd.array([len(q) for q in quote], dtype="Int64"), "coder_version": coder_version(),
    })[FIGURE_COLUMNS]
    status = pd.DataFrame({"article_id": article, "status": "coded", "events": 1, "reason": "",
                           "coder_version": coder_version()})[ARTICLE_STATUS_COLUMNS]
    raw = pd.DataFrame({
        "id": article, "published": published, "title": quote, "text": quote, "outlet": outlet,
        "url": [f"https://bench.example/{a}" for a in article], "language": "en", "fetched_at": published,
        "source_name": "bench", "source_scale": scale, "ingest_date": "", "content_hash": article,
    })[ARTICLE_COLUMNS]
    return mentions, figures, status, raw


def write_night(settings, parts: tuple[pd.DataFrame, ...], day: date) -> None:
    """One night's input as ingest and code would leave it: a raw part and one coded batch per BATCH_ROWS."""
    from sitrep.pipeline.ingest import ARTICLE_SCHEMA
    from sitrep.store import atomic_write_parquet
    from sitrep.zones import append_part, articles_dir, next_coded_batch

    mentions, figures, status, raw = parts
    raw = raw.assign(ingest_date=day.isoformat())
    for start in range(0, len(raw), BATCH_ROWS):
        chunk = raw.iloc[start:start + BATCH_ROWS]
        append_part(articles_dir(settings), day, chunk, chunk["id"], ARTICLE_SCHEMA)
        ids = set(chunk["id"])
        for part, path in next_coded_batch(settings, coder_version()).items():
            frame = {"mentions": mentions, "figures": figures, "status": status}[part]
            atomic_write_parquet(frame[frame["article_id"].isin(ids)].reset_index(drop=True), path)


def make_settings(data_dir: Path):
    from sitrep.settings import Settings

    return Settings(data_dir=data_dir, samples_dir=data_dir / "inbox", sql_dir=REPO / "sql", sources=())


def build_history(data_dir: Path, stored: int, nights: int, seed: int) -> dict:
    """The stored history (about `stored` mentions), published in `nights` publishes; returns what the night
    needs to report on stored events."""
    rng = np.random.default_rng(seed)
    n_events = int(stored / 1.3)
    days = np.sort(rng.integers(0, DAYS - 30, n_events))
    events = event_frame(rng, n_events, 0, days)
    reports = np.where(rng.random(n_events) < 0.3, 2, 1)
    parts = mention_rows(events, reports, 0, rng)
    settings = make_settings(data_dir)
    total = len(parts[0])
    bounds = np.linspace(0, total, nights + 1).astype(int)
    for k in range(nights):
        lo, hi = bounds[k], bounds[k + 1]
        day = START + timedelta(days=k)
        write_night(settings, tuple(p.iloc[lo:hi].reset_index(drop=True) for p in parts), day)
        run_step(data_dir, "history", now=1_700_000_000 + k)
    return {"events": n_events, "mentions": total, "articles": total}


def write_new_night(data_dir: Path, new: int, stored_mentions: int, seed: int) -> None:
    """`new` articles: a third report events stored from the last three months (same day, place, type, actors:
    they merge), the rest report new events of the last weeks."""
    rng = np.random.default_rng(seed + 1)
    settings = make_settings(data_dir)
    repeat = new // 3
    recent = np.sort(rng.integers(DAYS - 30, DAYS, new - repeat))
    fresh = event_frame(rng, new - repeat, 10_000_000, recent)
    fresh_parts = mention_rows(fresh, np.ones(len(fresh), int), 500_000_000, rng)
    again_rng = np.random.default_rng(seed)          # regenerate the stored events to report some again
    n_events = int(stored_mentions / 1.3)
    days = np.sort(again_rng.integers(0, DAYS - 30, n_events))
    stored_events = event_frame(again_rng, n_events, 0, days)
    recent = np.flatnonzero(days >= DAYS - 90)      # re-reports are of the last months' events
    recent = recent if len(recent) else np.arange(n_events)
    chosen = stored_events.iloc[rng.choice(recent, size=repeat, replace=len(recent) < repeat)]
    again_parts = mention_rows(chosen.reset_index(drop=True), np.ones(len(chosen), int), 600_000_000, rng,
                               published_lag=2)
    parts = tuple(pd.concat([a, b], ignore_index=True) for a, b in zip(fresh_parts, again_parts, strict=True))
    write_night(settings, parts, START + timedelta(days=DAYS + 1))


STEP = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from bench.bench_publish import make_settings
from sitrep.pipeline import publish_stage
settings = make_settings(Path({data!r}))
start = time.perf_counter()
result = publish_stage(settings, now={now})
seconds = time.perf_counter() - start
# This process's own peak (VmHWM): ru_maxrss of a child also counts the bench process it was forked from.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"seconds": seconds, "written": result.written, "events": result.events,
                  "mentions": result.mentions, "peak_rss_mb": peak_kb / 1024}}))
"""


def run_step(data_dir: Path, name: str, now: int) -> dict:
    """One publish in a process of its own: its wall time (inside), its peak RSS (VmHWM) and what it rewrote."""
    code = STEP.format(repo=str(REPO), data=str(data_dir), now=now)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, _ = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: publish failed (exit {proc.returncode})")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result.update(step=name, process_seconds=time.perf_counter() - started)
    return result


def bench_size(stored: int, new: int, nights: int, keep: Path | None, seed: int) -> list[dict]:
    root = Path(tempfile.mkdtemp(prefix=f"bench-publish-{stored}-", dir=keep))
    data_dir = root / "data"
    try:
        t0 = time.perf_counter()
        history = build_history(data_dir, stored, nights, seed)
        setup = time.perf_counter() - t0
        write_new_night(data_dir, new, history["mentions"], seed)
        results = [run_step(data_dir, step, now=1_800_000_000 + i)
                   for i, step in enumerate(("night", "republish", "republish2"))]
        for r in results:
            r.update(stored_mentions=history["mentions"], stored_events=history["events"], setup_seconds=setup)
        return results
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--history-nights", type=int, default=1,
                        help="publish the stored history in this many nights (set-up only)")
    parser.add_argument("--keep", type=Path, default=None, help="leave the data dirs below this folder")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    rows = []
    print(f"{'stored':>9} {'step':<11} {'seconds':>8} {'process s':>9} {'peak RSS MB':>11}  rewritten")
    for stored in args.stored:
        for r in bench_size(stored, args.new, args.history_nights, args.keep, args.seed):
            rows.append(r)
            print(f"{r['stored_mentions']:>9} {r['step']:<11} {r['seconds']:>8.2f} {r['process_seconds']:>9.2f} "
                  f"{r['peak_rss_mb']:>11.0f}  {', '.join(r['written']) or 'none'}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
