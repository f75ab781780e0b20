from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from sitrep.pipeline import ModelsResult, models_stage
from sitrep.settings import Settings


class SqlTestsFailed(RuntimeError):
    pass


@task(cache_policy=NO_CACHE)
def build_and_test_models(settings: Settings) -> ModelsResult:
    """Rebuild the DuckDB models from sql/ (nothing when no table changed) and run sql/tests over what changed
    since the last passing run ([models] nightly_tests = "full": every row); a failing assertion fails the run."""
    result = models_stage(settings)
    scopes = sorted({"every row" if since is None else f"rows changed since {since}"
                     for since in result.tested_since.values()})
    tested = " / ".join(scopes) or "nothing (no table changed since they last passed)"
    get_run_logger().info("models: %d built; SQL tests over %s; failed: %s", len(result.models), tested,
                          result.failed_tests or "none")
    if result.failed_tests:
        raise SqlTestsFailed(f"SQL tests returned rows: {result.failed_tests}")
    return result


@flow(name="sitrep-models")
def models_flow(config: str | None = None) -> ModelsResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-models"):
        return build_and_test_models(settings)
