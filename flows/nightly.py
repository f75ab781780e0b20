"""The nightly run: ingest → code → publish → models → snapshot, with the run summary as an artifact.

The whole run holds the data dir's lock (a second run stops at once, or after [lock] timeout_s). `sitrep run`
ingests before starting Prefect (sitrep.pipeline.night) and passes that ingest's result as `ingested`; a
scheduled run ingests here."""

from __future__ import annotations

from typing import Any

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows.code import code_new_articles
from flows.common import locked, settings_from
from flows.ingest import ingest_articles
from flows.models import build_and_test_models
from flows.publish import publish_snapshot, publish_tables
from sitrep.pipeline import RunSummary, summarize
from sitrep.pipeline.night import ingest_from_parameter


@flow(name="sitrep-nightly", log_prints=True)
def nightly_flow(config: str | None = None, ingested: dict[str, Any] | None = None) -> RunSummary:
    settings = settings_from(config)
    with locked(settings, "flow sitrep-nightly"):
        ingest = ingest_articles(settings) if ingested is None else ingest_from_parameter(ingested)
        code = code_new_articles(settings)   # batches through the [runner] task runner (flows/runners.py)
        publish = publish_tables(settings)
        models = build_and_test_models(settings)
        snapshot = publish_snapshot(settings)
    summary = summarize(ingest, code, publish, models, snapshot)
    create_table_artifact(
        key="sitrep-run-summary",
        table=[{"measure": k, "value": v} for k, v in summary.rows()],
        description="What became of every article that entered this run.",
    )
    return summary
