"""The code stage in a flow: what to code is decided here, the batches are coded through the task runner that
[runner] names (flows/runners.py), and their rows come back here to be written as one coded batch."""

from __future__ import annotations

from typing import cast

from prefect import flow, get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from flows.runners import check_runner, started_runner
from sitrep.pipeline import CodeResult, code_stage
from sitrep.pipeline.code import BatchMapper, CodedBatch, code_batch
from sitrep.settings import Settings


@task(cache_policy=NO_CACHE, name="code-batch")
def code_batch_task(articles: list[dict], coder_version: str) -> CodedBatch:
    """One batch of article records → rows (pure computation: no retries, nothing written)."""
    return code_batch(articles, coder_version)


def batches_on_runner(settings: Settings) -> BatchMapper:
    """A mapper that runs code_batch_task over the batches on the settings' task runner (started only when there
    is something to code), results in the batches' order."""
    def map_batches(batches: list[list[dict]], coder_version: str) -> list[CodedBatch]:
        with started_runner(settings) as runner:
            # (mypy: a sync task is accepted where the runner types an async-or-sync one)
            futures = runner.map(code_batch_task,  # type: ignore[arg-type]
                                 {"articles": batches, "coder_version": unmapped(coder_version)})
            return [cast(CodedBatch, future.result()) for future in futures]
    return map_batches


def code_new_articles(settings: Settings) -> CodeResult:
    """Code the raw-zone articles the current coder version has not seen, in batches of [runner] batch_size."""
    check_runner(settings)  # a wrong address is said at once, even on a night with nothing to code
    result = code_stage(settings, map_batches=batches_on_runner(settings), batch_size=settings.runner_batch_size)
    get_run_logger().info("code (%s runner): %d with events, %d no event, %d failed, %d already coded",
                          settings.runner_kind, result.coded, result.no_event, result.failed, result.skipped)
    return result


@flow(name="sitrep-code")
def code_flow(config: str | None = None) -> CodeResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-code"):
        return code_new_articles(settings)
