"""The models stage: the DuckDB models over the published tables, rebuilt from sql/, and the SQL tests run.

A run's SQL tests check what changed since the last run whose tests passed ([models] nightly_tests =
"changed", the default), or every row ("full"; `sitrep models test --full` on demand). What a passing run
covered is kept in curated/sql_tests.json: the newest change time it saw, the text hash of each test (a new or
edited test runs over every row once) and the fingerprint of the build it tested (when the next run's build is
the same, no table changed: nothing is tested). A failing run keeps the old mark, so the next one tests the
same rows again (and the new ones)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.models import build_models, built_from, limits_for
from sitrep.settings import Settings
from sitrep.sql_tests import SqlTestResult, changes_through, run_sql_tests
from sitrep.store import atomic_write_bytes
from sitrep.zones import curated_dir, duckdb_path, sql_tests_state_path


@dataclass
class ModelsResult:
    models: list[str]
    failed_tests: dict[str, int]     # sql test name → failing rows
    # test name → since (None: every row); empty when no table changed since the last passing run
    tested_since: dict[str, int | None] = field(default_factory=dict)


def models_stage(settings: Settings, full_tests: bool | None = None) -> ModelsResult:
    """Rebuild the DuckDB models from sql/ and run the assertion queries in sql/tests/ (full_tests None: as
    [models] nightly_tests says)."""
    limits = limits_for(settings)
    models = build_models(curated_dir(settings), settings.sql_dir, duckdb_path(settings),
                          file_mode=settings.publish_file_mode, limits=limits)
    tests = test_models(settings, full=settings.models_nightly_tests == "full" if full_tests is None else full_tests)
    return ModelsResult(models=models, failed_tests={t.name: t.failing_rows for t in tests if t.failing_rows},
                        tested_since={t.name: t.since for t in tests})


def test_models(settings: Settings, full: bool) -> list[SqlTestResult]:
    """Run the SQL tests on the built models: every row (full) or the rows changed since the last passing run.
    When all pass, the mark moves to the newest change now in the tables."""
    limits = limits_for(settings)
    db = duckdb_path(settings)
    through = changes_through(db, limits)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((settings.sql_dir / "tests").glob("*.sql"))}
    hashes = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in texts.items()}
    state = {} if full else read_tests_state(sql_tests_state_path(settings))
    tested_through, known = state.get("tested_through"), state.get("tests", {})
    fingerprint = built_from(db, limits)
    if fingerprint is not None and state.get("built_from") == fingerprint and known == hashes:
        return []  # the same tables and the same tests as the last passing run: nothing to test

    def since_for(name: str) -> int | None:
        return int(tested_through) if tested_through is not None and known.get(name) == hashes[name] else None

    results = run_sql_tests(db, settings.sql_dir, limits=limits, since_for=since_for)
    if all(r.passed for r in results):
        write_tests_state(sql_tests_state_path(settings),
                          {"tested_through": through, "tests": hashes, "built_from": fingerprint},
                          settings.publish_file_mode)
    return results


def read_tests_state(path: Path) -> dict:
    """What the last passing test run covered; {} when there is none (or it is unreadable: test everything)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_tests_state(path: Path, state: dict, mode: int) -> None:
    text = json.dumps(state, indent=2, sort_keys=True) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return  # a rerun that tested nothing new writes nothing
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)
