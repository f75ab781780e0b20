"""The code stage in a flow: what to code is decided here, the batches are coded through the task runner that
[runner] names (flows/runners.py), and their rows come back here to be written as one coded batch, in the
batches' order, so the output is the same wherever they ran."""

from __future__ import annotations

from typing import cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from flows.runners import check_runner, started_runner
from sitrep.pipeline import CodeResult
from sitrep.pipeline.code import CodedBatch, articles_to_code, code_batch, write_coded
from sitrep.settings import Settings


class WorkerMismatch(RuntimeError):
    """A worker coded with another coder version than this run's (another sitrep installed there)."""


@task(cache_policy=NO_CACHE, name="code-batch")
def code_batch_task(articles: list[dict]) -> CodedBatch:
    """One batch of article records → rows (pure computation: no retries, nothing written)."""
    return code_batch(articles)


def cut_batches(records: list[dict], size: int) -> list[list[dict]]:
    """Consecutive batches of at most size records, in order."""
    return [records[i:i + size] for i in range(0, len(records), size)]


def code_on_runner(settings: Settings, batches: list[list[dict]]) -> list[CodedBatch]:
    """code_batch over the batches on the settings' task runner, results in the batches' order."""
    with started_runner(settings) as runner:
        # (mypy: a sync task is accepted where the runner types an async-or-sync one)
        futures = runner.map(code_batch_task, {"articles": batches})  # type: ignore[arg-type]
        return [cast(CodedBatch, future.result()) for future in futures]


def check_coder_versions(batches: list[CodedBatch], expected: str) -> None:
    """Every row must come from this run's coder version: it names the folder the batch is written to."""
    found = {row["coder_version"] for batch in batches for row in batch.rows["status"]} - {expected}
    if found:
        raise WorkerMismatch(f"batches came back coded by coder version {sorted(found)}, this run's is {expected}: "
                             "install the same sitrep on the workers")


def code_new_articles(settings: Settings) -> CodeResult:
    """Code the raw-zone articles the current coder version has not seen, in batches of [runner] batch_size."""
    from sitrep.coding import CODER_VERSION

    check_runner(settings)  # a wrong address is said at once, even on a night with nothing to code
    result = CodeResult()
    todo, not_coded = articles_to_code(settings, result=result)
    records = [a for a in todo if a["id"] not in not_coded]
    result.not_coded += len(todo) - len(records)
    batches = code_on_runner(settings, cut_batches(records, settings.runner_batch_size)) if records else []
    check_coder_versions(batches, CODER_VERSION)
    write_coded(settings, batches, result)
    get_run_logger().info("code (%s runner, %d batches): %d with events, %d no event, %d failed, %d already coded",
                          settings.runner_kind, len(batches), result.coded, result.no_event, result.failed,
                          result.skipped)
    return result


@flow(name="sitrep-code")
def code_flow(config: str | None = None) -> CodeResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-code"):
        return code_new_articles(settings)
