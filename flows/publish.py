from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import settings_from
from sitrep.pipeline import PublishResult, publish_stage
from sitrep.settings import Settings


@task(retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def publish_tables(settings: Settings) -> PublishResult:
    """Validate, merge and write the curated tables (I/O: retried; the writes are atomic and idempotent)."""
    result = publish_stage(settings)
    get_run_logger().info("publish: %d events, %d figures, %d quarantine rows; rewritten: %s",
                          result.events, result.figures, result.quarantined_rows, result.written or "none")
    return result


@task(retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def publish_snapshot(settings: Settings, tables_changed: bool = True) -> str | None:
    """Publish a versioned snapshot of the tables when a snapshot target is configured and there is something new
    (a rerun that changed no table adds no snapshot)."""
    if not settings.snapshot_target:
        return None
    from sitrep import __version__
    from sitrep.pipeline import tables_dir
    from sitrep.snapshots import SCHEMA_VERSION, list_snapshots, publish_snapshot as publish

    if not tables_changed and list_snapshots(settings.snapshot_target):
        get_run_logger().info("snapshot: tables unchanged, no new version")
        return None

    info = publish(tables_dir(settings), settings.snapshot_target, keep=settings.snapshot_keep,
                   code_version=__version__, schema_version=SCHEMA_VERSION)
    get_run_logger().info("snapshot %s published to %s", info.version, settings.snapshot_target)
    return info.version


@flow(name="sitrep-publish")
def publish_flow(config: str | None = None) -> PublishResult:
    return publish_tables(settings_from(config))
