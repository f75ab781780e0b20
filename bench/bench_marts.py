"""The DuckDB layer at scale: each mart, an analyst query, the SQL tests, an export and `sitrep query`.

    python bench/bench_marts.py [--events 10000000] [--data DIR] [--code-root DIR] [--json OUT.json]

Writes a synthetic history of --events events (bench/synthetic_tables.py: the project's schema, realistic
countries, 25 years) as the curated tables under DIR/curated (kept and reused while the size is the same),
then measures in a child process, importing sitrep and sql/ from --code-root (default: this checkout; point
it at an export of another commit to get the "before" figures):

  build            build_models (the .duckdb file: views, and whatever the models materialise)
  each mart        aggregates fetched whole (as Arrow); row-level marts their first 100 rows; acled_export limit 5
  analyst query    events and fatalities per country in one year, battles only
  sql tests        the nightly run's SQL tests, and the full suite when the code has a separate one
  copy             COPY (select * from acled_export) TO parquet
  peak RSS         the measuring process's maximum resident set size after each step

and `sitrep query "select * from acled_export"` (printing its default 100 rows) as its own process, with its
wall time and peak RSS. Targets (issue 13): every mart and the analyst query under 1 s at 10M events, peak
RSS under 4 GB. CI runs none of this.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
TARGET_RSS_GB = 4.0
# The synthetic history's events are stamped two days after their date: this is "the last night's changes",
# the events of the history's last days (a few thousand at 10M).
NIGHT_SINCE = 1_767_052_800   # 2025-12-30T00:00:00Z
MART_QUERIES = {
    "fct_events_by_country_week": "select * from fct_events_by_country_week",
    "fct_fatalities_by_admin1_month": "select * from fct_fatalities_by_admin1_month",
    "fct_figures limit 100": "select * from fct_figures limit 100",
    "dim_articles limit 100": "select * from dim_articles limit 100",
    "acled_export limit 5": "select * from acled_export limit 5",
    "analyst: battles per country in 2020":
        "select country, count(*) as events, sum(fatalities) as fatalities from acled_export "
        "where year = 2020 and event_type = 'Battles' group by country order by events desc",
}


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # ru_maxrss is in KiB on Linux


def timed(step: str, results: list[dict[str, Any]], action) -> Any:
    started = time.perf_counter()
    value = action()
    seconds = time.perf_counter() - started
    results.append({"step": step, "seconds": round(seconds, 3), "peak_rss_gb": round(peak_rss_gb(), 2)})
    print(f"  {step:<44} {seconds:8.2f} s   peak RSS so far {peak_rss_gb():5.2f} GB", file=sys.stderr, flush=True)
    return value


def ensure_history(data: Path, n_events: int) -> None:
    """Write the curated tables unless the ones there were written for the same size."""
    marker = data / "bench_history.json"
    if marker.exists() and json.loads(marker.read_text()).get("events") == n_events:
        return
    sys.path.insert(0, str(PROJECT_ROOT))
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    from synthetic_tables import write_curated_tables

    from sitrep.models import source_path

    started = time.perf_counter()
    written = write_curated_tables(lambda name: source_path(data / "curated", name), n_events)
    print(f"history written in {time.perf_counter() - started:.1f} s: {written}", flush=True)
    marker.write_text(json.dumps({"events": n_events, "rows": written}))


def measure(data: Path, code_root: Path) -> list[dict[str, Any]]:
    """Runs in the child process: everything but `sitrep query`."""
    sys.path.insert(0, str(code_root))
    import duckdb

    import sitrep.models as models

    curated, sql_dir, db = data / "curated", code_root / "sql", data / "curated" / "sitrep.duckdb"
    results: list[dict[str, Any]] = []
    print(f"code: {code_root}", file=sys.stderr, flush=True)
    db.unlink(missing_ok=True)
    timed("build models", results, lambda: models.build_models(curated, sql_dir, db))
    timed("build models again, nothing changed", results, lambda: models.build_models(curated, sql_dir, db))
    # The connection an analyst gets from sitrep (memory limit, spill folder), where the code has one.
    opener = getattr(models, "connect", None)
    con = opener(db, read_only=True) if opener else duckdb.connect(str(db), read_only=True)
    for step, sql in MART_QUERIES.items():
        timed(step, results, lambda sql=sql: con.sql(sql).to_arrow_table().num_rows)
        timed(f"{step} (again)", results, lambda sql=sql: con.sql(sql).to_arrow_table().num_rows)
    try:
        import sitrep.sql_tests as sql_tests
    except ImportError:  # the code before issue 13: one suite, every row, every night
        timed("sql tests (all, every night)", results, lambda: models.run_sql_tests(db, sql_dir))
    else:
        night = con.execute(f"select count(*) from stg_events where timestamp >= {NIGHT_SINCE}").fetchone()[0]
        print(f"  (a night: {night} events changed since {NIGHT_SINCE})", file=sys.stderr)
        timed("sql tests: nightly (what changed)", results,
              lambda: sql_tests.run_sql_tests(db, sql_dir, since=NIGHT_SINCE))
        timed("sql tests: full suite (on demand)", results, lambda: sql_tests.run_sql_tests(db, sql_dir))
    out = data / "acled_export.parquet"
    timed("copy acled_export to parquet", results,
          lambda: con.execute(f"copy (select * from acled_export) to '{out}' (format parquet)"))
    out.unlink(missing_ok=True)
    con.close()
    return results


def time_query_command(data: Path, code_root: Path) -> dict[str, Any]:
    """`sitrep query "select * from acled_export"` as a process of its own: wall time and peak RSS."""
    config = data / "sitrep.toml"
    config.write_text('data_dir = "."\n')
    command = [sys.executable, "-c", "import sys; from sitrep.cli import main; sys.exit(main(sys.argv[1:]))",
               "--config", str(config), "query", "select * from acled_export"]
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    lines = output.decode().count("\n")
    result = {"step": "sitrep query acled_export (prints 100 rows)", "seconds": round(seconds, 3),
              "peak_rss_gb": round(usage.ru_maxrss / 1024 / 1024, 2), "lines_printed": lines,
              "exit_status": os.waitstatus_to_exitcode(status)}
    print(f"  {result['step']:<44} {seconds:8.2f} s   peak RSS {result['peak_rss_gb']:5.2f} GB "
          f"({lines} lines)", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/sitrep-bench-marts"))
    parser.add_argument("--code-root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--step", choices=["generate", "measure"], help=argparse.SUPPRESS)  # child processes
    args = parser.parse_args()
    data, code_root = args.data.resolve(), args.code_root.resolve()
    if args.step == "generate":
        ensure_history(data, args.events)
        return 0
    if args.step == "measure":
        print(json.dumps(measure(data, code_root)))
        return 0
    # Each in a process of its own, started from this small one: Linux carries a parent's peak RSS into a
    # child started from it (ru_maxrss survives fork and exec), so the history's writer must not be the parent.
    common = ["--events", str(args.events), "--data", str(data), "--code-root", str(code_root)]
    subprocess.run([sys.executable, __file__, "--step", "generate", *common], check=True)
    child = subprocess.run([sys.executable, __file__, "--step", "measure", *common], check=True,
                           stdout=subprocess.PIPE, text=True)
    *progress, last = child.stdout.strip().splitlines()
    print("\n".join(progress))
    results = json.loads(last)
    results.append(time_query_command(data, code_root))
    summary = {"events": args.events, "code_root": str(code_root), "steps": results,
               "peak_rss_gb": max(r["peak_rss_gb"] for r in results),
               "targets": {"query_s": TARGET_S, "peak_rss_gb": TARGET_RSS_GB}}
    print(f"peak RSS: {summary['peak_rss_gb']:.2f} GB (target under {TARGET_RSS_GB} GB)")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
