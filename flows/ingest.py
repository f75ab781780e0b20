from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import locked, settings_from
from sitrep.pipeline.ingest import IngestResult, ingest_sources
from sitrep.settings import Settings


@task(retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def ingest_articles(settings: Settings) -> IngestResult:
    """Read every configured source into the raw zone (I/O: retried)."""
    result = ingest_sources(settings)
    get_run_logger().info("ingest: %d seen, %d new, %d duplicates, %d rejected",
                          result.seen, result.new, result.duplicates, result.rejected)
    return result


@flow(name="sitrep-ingest")
def ingest_flow(config: str | None = None) -> IngestResult:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-ingest"):
        return ingest_articles(settings)
