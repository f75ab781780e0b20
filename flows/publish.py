from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from sitrep.pipeline import PublishResult, publish_stage
from sitrep.settings import Settings
from sitrep.snapshots.stage import SnapshotStageResult, snapshot_stage


@task(retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def publish_tables(settings: Settings) -> PublishResult:
    """Validate, merge and write the curated tables (I/O: retried; the writes are atomic and idempotent)."""
    result = publish_stage(settings)
    get_run_logger().info("publish: %d events, %d figures, %d quarantine rows; rewritten: %s",
                          result.events, result.figures, result.quarantined_rows, result.written or "none")
    return result


@task(retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def publish_snapshot(settings: Settings) -> SnapshotStageResult:
    """Publish a snapshot version when a target is configured and the tables differ from what LATEST holds
    (sitrep.snapshots.stage decides, for this flow and `sitrep snapshot publish` alike)."""
    result = snapshot_stage(settings)
    logger = get_run_logger()
    for repair in result.repaired:
        logger.warning("snapshot target repaired after a killed run: %s", repair)
    if result.published:
        logger.info("snapshot %s published to %s (%s)", result.published, result.target, result.reason)
    else:
        logger.info("snapshot: none published (%s)", result.reason)
    return result


@flow(name="sitrep-publish")
def publish_flow(config: str | None = None) -> PublishResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-publish"):
        return publish_tables(settings)
