"""A no-op night: `sitrep run` as a whole process when the sources hold nothing new.

    python bench/bench_noop.py                        # this checkout, the sample inbox, 3 runs
    python bench/bench_noop.py --repo /path/to/other/checkout --runs 5

A fresh data dir gets its first night by plain stage calls (not timed; no Prefect server needed for that), then
`sitrep run` runs --runs times over the same inbox in a process of its own each: wall time and peak RSS of each
(through /usr/bin/time -v when present) and the machine's load average before it (the box may be shared).
--repo measures another checkout (e.g. the commit before a change) the same way. CI runs no benchmark."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FIRST_NIGHT = """
import sys
from pathlib import Path
from sitrep.settings import load_settings
from sitrep.pipeline import code_stage, models_stage, publish_stage
from sitrep.pipeline.ingest import ingest_sources
from sitrep.snapshots.stage import snapshot_stage

settings = load_settings(Path(sys.argv[1]))
ingest_sources(settings)
code_stage(settings)
publish_stage(settings)
models_stage(settings)
snapshot_stage(settings)
"""


def environment(repo: Path, root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_"))}
    env["PYTHONPATH"] = str(repo)
    cache = os.environ.get("SITREP_CACHE_DIR")
    if cache:
        env["SITREP_CACHE_DIR"] = cache
    env["PREFECT_HOME"] = str(root / "prefect")      # not the project's: a server database of its own
    return env


def write_config(root: Path, repo: Path, inbox: Path) -> Path:
    shutil.copytree(inbox, root / "inbox")
    config = root / "sitrep.toml"
    config.write_text(f'data_dir = "{root / "data"}"\nsql_dir = "{repo / "sql"}"\n'
                      f'[snapshot]\ntarget = "{root / "snapshots"}"\n'
                      f'[[sources]]\nname = "samples"\nkind = "folder"\npath = "{root / "inbox"}"\n',
                      encoding="utf-8")
    return config


def one_run(command: list[str], env: dict[str, str], cwd: Path) -> dict:
    load = os.getloadavg()[0]
    timed = ["/usr/bin/time", "-v", *command] if Path("/usr/bin/time").exists() else command
    started = time.perf_counter()
    done = subprocess.run(timed, env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    peak_kb = int(peak.group(1)) if peak else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    new = re.search(r"new articles\s*│\s*(\d+)", done.stdout)
    return {"seconds": round(seconds, 2), "peak_rss_mb": peak_kb // 1024, "exit": done.returncode,
            "new_articles": int(new.group(1)) if new else None, "load_before": round(load, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    parser.add_argument("--inbox", type=Path, default=REPO / "data" / "samples")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    repo = args.repo.resolve()
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as tmp:
        root = Path(tmp)
        config = write_config(root, repo, args.inbox)
        env = environment(repo, root)
        subprocess.run([sys.executable, "-c", FIRST_NIGHT, str(config)], env=env, cwd=root, check=True,
                       capture_output=True)
        command = [sys.executable, "-m", "sitrep.cli", "--config", str(config), "run"]
        runs = [one_run(command, env, root) for _ in range(args.runs)]
    print(json.dumps({"repo": str(repo), "runs": runs,
                      "best_s": min(r["seconds"] for r in runs)}, indent=1))


if __name__ == "__main__":
    main()
