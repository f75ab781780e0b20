"""`sitrep run` without Prefect on a night with nothing to code.

Prefect costs a whole process some 13 s (its imports, and waiting for its temporary server) whatever the night
holds, while the stages of a night that brings nothing new take about 3 s. So `sitrep run` ingests first, as
plain function calls under the data dir's lock, and then:
- when articles are left to code (the night's, or ones a killed run left uncoded), it starts Prefect's server
  and runs the nightly flow, handing it this ingest's result (`ingest_parameter`), so nothing is read twice and
  the summary counts the same articles;
- otherwise it runs the remaining stages here (publish, models, snapshot: each writes nothing when nothing
  changed, and does what is needed when something did), with the same summary and exit code.
The scheduled flow (`sitrep serve`) ingests inside the flow as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.pipeline.code import CodeResult, articles_to_code
from sitrep.pipeline.ingest import IngestResult, ingest_sources
from sitrep.pipeline.summary import RunSummary, summarize
from sitrep.settings import Settings
from sitrep.sources import SourceError, SourceReport

COUNTS = ("seen", "new", "duplicates", "rejected", "unsupported_language", "quarantined", "near_duplicates",
          "truncated")


@dataclass
class NightStart:
    """What the night holds once ingest has run: its result, and the code stage's result if nothing is coded."""

    ingest: IngestResult
    to_code: int                     # articles the code stage would code now
    code: CodeResult                 # the code stage's counts when to_code == 0 (skipped, not coded)


def start_night(settings: Settings) -> NightStart:
    """Ingest every source, then count what is left to code (as flows/code.py decides it)."""
    ingest = ingest_sources(settings)
    code = CodeResult()
    todo, not_coded = articles_to_code(settings, result=code)
    to_code = sum(1 for a in todo if a["id"] not in not_coded)
    code.not_coded += len(todo) - to_code
    return NightStart(ingest=ingest, to_code=to_code, code=code)


def finish_without_prefect(settings: Settings, start: NightStart) -> RunSummary:
    """The stages after code, called directly: for a night with nothing to code."""
    from sitrep.pipeline.models import models_stage
    from sitrep.pipeline.publish import publish_stage
    from sitrep.snapshots.stage import snapshot_stage

    publish = publish_stage(settings)
    models = models_stage(settings)
    # As in the flow, a failing SQL test stops the night before a snapshot publishes those tables.
    snapshot = None if models.failed_tests else snapshot_stage(settings)
    return summarize(start.ingest, start.code, publish, models, snapshot)


def ingest_parameter(result: IngestResult) -> dict[str, Any]:
    """An ingest result as a flow parameter (plain JSON values)."""
    return {
        "ingest_date": result.ingest_date.isoformat(),
        **{name: getattr(result, name) for name in COUNTS},
        "new_ids": list(result.new_ids),
        "reports": [{"name": r.name, "items": r.items, "rejected": r.rejected, "errors": list(r.errors)}
                    for r in result.reports],
        "errors": [{"source": e.source, "reason": e.reason} for e in result.errors],
        "articles_file": None if result.articles_file is None else str(result.articles_file),
        "quarantine_file": None if result.quarantine_file is None else str(result.quarantine_file),
    }


def ingest_from_parameter(value: dict[str, Any]) -> IngestResult:
    """ingest_parameter's inverse."""
    def location(text: str | None) -> Path | str | None:
        return None if text is None else text if "://" in text else Path(text)

    return IngestResult(
        ingest_date=date.fromisoformat(value["ingest_date"]),
        **{name: int(value[name]) for name in COUNTS},
        new_ids=list(value["new_ids"]),
        reports=[SourceReport(name=r["name"], items=r["items"], rejected=r["rejected"], errors=list(r["errors"]))
                 for r in value["reports"]],
        errors=[SourceError(source=e["source"], reason=e["reason"]) for e in value["errors"]],
        articles_file=location(value["articles_file"]),
        quarantine_file=location(value["quarantine_file"]),
    )
