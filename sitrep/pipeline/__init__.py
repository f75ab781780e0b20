"""The stages of a run as plain functions: ingest → code → publish → models → snapshot.

Each stage reads what the previous one wrote to disk (where: sitrep.zones), so any stage can be rerun alone,
and a rerun on the same input writes nothing new. Prefect (flows/) only wires these together.

    ingest.py    sources → the raw zone (articles, quarantine, near-duplicate links)
    code.py      raw articles → coded batches (mentions, figures, status per article); code_guards.py
                 keeps one article's failure inside that article
    publish.py   coded batches → the published tables, validated (schemas/), merged, with stable ids
    models.py    the published tables → DuckDB views (sql/) and the SQL tests
    summary.py   what became of every article that entered the run
The snapshot stage, which publishes the tables as a version, is sitrep.snapshots.stage.
"""

from sitrep.pipeline.code import CodeResult, code_stage, read_coded
from sitrep.pipeline.ingest import IngestResult, ingest_sources
from sitrep.pipeline.models import ModelsResult, models_stage
from sitrep.pipeline.publish import PublishResult, publish_stage
from sitrep.pipeline.summary import RunSummary, summarize

__all__ = [
    "CodeResult", "IngestResult", "ModelsResult", "PublishResult", "RunSummary", "code_stage", "ingest_sources",
    "models_stage", "publish_stage", "read_coded", "summarize",
]
