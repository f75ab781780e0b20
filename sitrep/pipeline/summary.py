"""What became of every article that entered a run: the stages' results as one summary."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.pipeline.code import CodeResult
from sitrep.pipeline.models import ModelsResult
from sitrep.pipeline.publish import PublishResult


@dataclass
class RunSummary:
    """What became of every article that entered the run."""

    seen: int
    new: int
    duplicates: int
    rejected: int
    newly_quarantined: int
    near_duplicates: int
    unsupported_language: int
    coded: int
    no_event: int
    failed: int
    not_coded: int
    events: int
    mentions: int
    figures: int
    quarantined_rows: int
    tables_written: list[str]
    source_errors: list[str]
    sql_test_failures: dict[str, int]
    snapshot: str = ""                  # what the snapshot stage did (published vX, or why not)

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("items seen", str(self.seen)),
            ("new articles", str(self.new)),
            ("already known (duplicates)", str(self.duplicates)),
            ("inputs rejected at ingest", str(self.rejected)),
            ("  of them newly quarantined", str(self.newly_quarantined)),
            ("new, unsupported language (kept raw)", str(self.unsupported_language)),
            ("new, near-duplicates (kept raw, linked)", str(self.near_duplicates)),
            ("coded with events", str(self.coded)),
            ("coded, no event", str(self.no_event)),
            ("coder failures (quarantined)", str(self.failed)),
            ("kept raw, not coded (language / near-duplicate)", str(self.not_coded)),
            ("events in the curated table", str(self.events)),
            ("event mentions", str(self.mentions)),
            ("reported figures", str(self.figures)),
            ("quarantine rows in total", str(self.quarantined_rows)),
            ("tables rewritten", ", ".join(self.tables_written) or "none (no change)"),
            ("source errors", "; ".join(self.source_errors) or "none"),
            ("failed SQL tests", ", ".join(f"{k} ({v})" for k, v in self.sql_test_failures.items()) or "none"),
            ("snapshot", self.snapshot or "none"),
        ]


def summarize(ingest, code: CodeResult, publish: PublishResult, models: ModelsResult, snapshot=None) -> RunSummary:
    return RunSummary(
        seen=ingest.seen, new=ingest.new, duplicates=ingest.duplicates, rejected=ingest.rejected,
        newly_quarantined=ingest.quarantined, near_duplicates=ingest.near_duplicates,
        unsupported_language=ingest.unsupported_language, coded=code.coded, no_event=code.no_event,
        failed=code.failed, not_coded=code.not_coded, events=publish.events, mentions=publish.mentions,
        figures=publish.figures, quarantined_rows=publish.quarantined_rows, tables_written=publish.written,
        source_errors=[f"{e.source}: {e.reason}" for e in ingest.errors], sql_test_failures=models.failed_tests,
        snapshot="" if snapshot is None else
        (f"published {snapshot.published}" if snapshot.published else f"none ({snapshot.reason})"),
    )
