from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from sitrep.pipeline import CodeResult, code_stage
from sitrep.settings import Settings


@task(cache_policy=NO_CACHE)
def code_new_articles(settings: Settings) -> CodeResult:
    """Code the raw-zone articles the current coder version has not seen (pure computation: no retries)."""
    result = code_stage(settings)
    get_run_logger().info("code: %d with events, %d no event, %d failed, %d already coded",
                          result.coded, result.no_event, result.failed, result.skipped)
    return result


@flow(name="sitrep-code")
def code_flow(config: str | None = None) -> CodeResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-code"):
        return code_new_articles(settings)
