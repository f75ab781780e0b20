"""`pip install sitrep` (no extras) is enough for an analyst's commands, and a pipeline command says which extra
it needs. Each check runs `sitrep` in a second Python process whose import system refuses the modules of the
missing extras (a meta-path finder that raises, as on a machine without them) and records every attempt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sitrep.settings import load_settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PIPELINE_ONLY = ["prefect", "flows", "trafilatura", "feedparser", "defusedxml", "langdetect", "filelock", "s3fs",
                 "prefect_dask", "distributed"]

# Runs in the child: block the named top-level modules, run sitrep's main, write what was attempted and loaded.
CHILD = """
import json, sys
blocked, report, argv = set(sys.argv[1].split(",")), sys.argv[2], sys.argv[3:]
attempted = []

class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            attempted.append(name)
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None

sys.meta_path.insert(0, Blocker())
import sitrep.cli
try:
    code = sitrep.cli.main(argv) if argv else (sitrep.cli.build_parser() and 0)
finally:
    loaded = sorted({m.split(".")[0] for m in sys.modules})
    with open(report, "w") as fh:
        json.dump({"attempted": attempted, "loaded": loaded}, fh)
sys.exit(code)
"""


def run_sitrep(tmp_path: Path, blocked: list[str], *argv: str) -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / "imports.json"
    # The gazetteer cache the rest of the suite uses: building one takes half a minute.
    cache = os.environ.get("SITREP_CACHE_DIR") or str(load_settings().cache_dir)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT), "SITREP_DATA_DIR": str(tmp_path / "data"),
           "SITREP_CACHE_DIR": cache, "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", CHILD, ",".join(blocked), str(report), *argv], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    return done, json.loads(report.read_text())


def assert_light(imports: dict) -> None:
    assert imports["attempted"] == []
    assert not set(PIPELINE_ONLY) & set(imports["loaded"])


def test_building_the_parser_imports_only_the_standard_library_and_sitrep(tmp_path):
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY)
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    third_party = set(imports["loaded"]) - set(sys.stdlib_module_names) - {"sitrep"}
    assert {name for name in third_party if not name.startswith("_")} == set()


def test_code_runs_without_the_pipeline_extra(tmp_path):
    article = {"id": "t1", "published": "2024-03-02", "title": "Clashes in Nairobi", "outlet": "Test Wire",
               "url": "https://news.test/t1",
               "text": "Police clashed with protesters in Nairobi, Kenya on Saturday; two people were killed."}
    (tmp_path / "in.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY, "code", "in.jsonl", "-o", "events.parquet")
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert list(events["article_id"].unique()) == ["t1"]


def test_eval_runs_without_the_pipeline_extra(tmp_path):
    article = {"id": "g1", "published": "2024-03-02", "title": "", "outlet": "Test Wire", "url": "",
               "text": "The council approved the new market budget on Tuesday.",
               "gold": {"has_event": False, "scope": None, "events": []}}
    (tmp_path / "gold.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY, "eval", "gold.jsonl", "--json", "scores.json")
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    scores = json.loads((tmp_path / "scores.json").read_text())
    assert scores["coder_failures"] == 0 and scores["document"]["true_negatives"] == 1


@pytest.fixture()
def published(tmp_path) -> Path:
    """A folder with one snapshot version, published by the full install (this process's)."""
    tables = tmp_path / "data" / "curated" / "tables"
    tables.mkdir(parents=True)
    pd.DataFrame({"event_id_cnty": ["KEN1"], "fatalities": [2]}).to_parquet(tables / "events.parquet")
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "snapshot", "publish", "--to", "snaps"],
                          cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT),
                                             "SITREP_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return tmp_path / "snaps"


def test_snapshot_list_and_pull_run_without_the_pipeline_extra(tmp_path, published):
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY, "snapshot", "list", "--from", str(published))
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    version = done.stdout.split()[0]
    assert version.startswith("v") and "LATEST" in done.stdout
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY, "snapshot", "pull", "--from", str(published),
                               "--to", "pulled")
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    assert pd.read_parquet(tmp_path / "pulled" / version / "events.parquet")["event_id_cnty"].tolist() == ["KEN1"]


def test_query_runs_without_the_pipeline_extra(tmp_path):
    done, imports = run_sitrep(tmp_path, PIPELINE_ONLY, "query", "select 40 + 2 as answer")
    assert done.returncode == 0, done.stderr
    assert_light(imports)
    assert done.stdout.strip() == "42"


@pytest.mark.parametrize("command, options", [("run", []), ("ingest", []), ("backfill", ["--since", "2024-01-01"]),
                                              ("snapshot publish", []), ("serve", []), ("sources check", [])])
def test_a_pipeline_command_without_prefect_names_the_extra(tmp_path, command, options):
    done, imports = run_sitrep(tmp_path, ["prefect"], *command.split(), *options)
    assert done.returncode == 1
    assert done.stderr.strip() == f"sitrep {command} needs the pipeline extra: pip install 'sitrep[pipeline]'"
    assert "prefect" not in imports["loaded"]
    assert not (tmp_path / "data").exists()  # stopped before taking the lock or writing anything


def test_s3_without_s3fs_names_the_s3_extra(tmp_path):
    done, _ = run_sitrep(tmp_path, ["s3fs"], "snapshot", "list", "--from", "s3://bucket/snapshots",
                         "--endpoint-url", "http://127.0.0.1:9")
    assert done.returncode == 1
    assert done.stderr.strip() == "sitrep snapshot list needs the s3 extra: pip install 'sitrep[s3]'"
