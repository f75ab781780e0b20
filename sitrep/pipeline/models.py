"""The models stage: the DuckDB views over the published tables, rebuilt from sql/, and the SQL tests run."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.models import build_models, run_sql_tests
from sitrep.settings import Settings
from sitrep.zones import curated_dir, duckdb_path


@dataclass
class ModelsResult:
    models: list[str]
    failed_tests: dict[str, int]     # sql test name → failing rows


def models_stage(settings: Settings) -> ModelsResult:
    """Rebuild the DuckDB views from sql/ and run the assertion queries in sql/tests/."""
    models = build_models(curated_dir(settings), settings.sql_dir, duckdb_path(settings),
                          file_mode=settings.publish_file_mode)
    tests = run_sql_tests(duckdb_path(settings), settings.sql_dir)
    return ModelsResult(models=models, failed_tests={t.name: t.failing_rows for t in tests if t.failing_rows})
