"""The ingest stage: sources → the raw zone (sitrep.zones: raw/articles, raw/quarantine), which only grows.

A file's name is a hash of what it holds (sitrep.zones.append_part), and an article already in the zone (same id
or same content hash) or a rejection already quarantined (same origin, reason and payload) is never written
again, so rerunning ingest over the same inbox writes nothing. No existing file is ever rewritten.

Every record is admitted or quarantined on its own (`admit` is guarded per record): a record of the wrong shape,
an implausible publication date (before 1900, or more than two days after the run's date) or anything else one
record raises becomes a quarantine row with the reason, and the next record is read. A text longer than
settings.max_article_chars is cut to it; the article is ingested and coded, and a quarantine row says what was
cut."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from schemas import ArticleSchema, QuarantineSchema
from schemas.columns import ARTICLE_COLUMNS, QUARANTINE_COLUMNS
from schemas.tables import arrow_schema
from sitrep.articles import ArticleError, check_published_plausible, normalize_article
from sitrep.faults import crash_point
from sitrep.language import detect_language, is_codable
from sitrep.near_duplicates import NearDuplicateLinker
from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched, Rejected, SourceError, SourceReport, read_source
from sitrep.sources.state import commit_staged_states
from sitrep.store import read_parquet_files
from sitrep.zones import append_part, articles_dir, quarantine_dir

log = logging.getLogger(__name__)

PAYLOAD_CHARS = 2000
ARTICLE_SCHEMA = arrow_schema(ArticleSchema)          # all text: a record is stored exactly as it was read
QUARANTINE_SCHEMA = arrow_schema(QuarantineSchema)


@dataclass
class IngestResult:
    """What one ingest run did. new counts the articles written (unsupported_language ones included)."""

    ingest_date: date
    seen: int = 0                    # items the sources yielded (articles and rejected inputs)
    new: int = 0                     # articles added to the raw zone
    duplicates: int = 0              # already in the raw zone, or repeated within this run
    rejected: int = 0                # Rejected items + records that failed normalize_article
    unsupported_language: int = 0    # new articles not codable for their language (sitrep.language.is_codable)
    quarantined: int = 0             # quarantine rows written (a rejection seen in an earlier run is not rewritten)
    near_duplicates: int = 0         # new articles that copy an earlier one (stored, linked, not coded)
    truncated: int = 0               # new articles whose text was cut to settings.max_article_chars (quarantine row)
    new_ids: list[str] = field(default_factory=list)
    reports: list[SourceReport] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    articles_file: Path | str | None = None      # a path, or an fsspec URL when the raw zone is on object storage
    quarantine_file: Path | str | None = None


def ingest_sources(
    settings: Settings,
    sources: Sequence[SourceConfig] | None = None,
    ingest_date: date | None = None,
    progress: bool = False,
) -> IngestResult:
    """Read every source into the raw zone; a source that fails as a whole is reported and the others still run."""
    day = ingest_date or datetime.now(UTC).date()
    result = IngestResult(ingest_date=day)
    known_ids, known_hashes = known_article_keys(settings)
    known_rejections = _known_quarantine_keys(settings)
    new_articles: list[dict[str, Any]] = []
    new_rejections: list[dict[str, str]] = []
    near_duplicates = NearDuplicateLinker(settings)

    def quarantine(report: SourceReport, origin: str, reason: str, payload: str, article_id: str = "",
                   rejected: bool = True) -> None:
        if rejected:  # a text cut to size is reported here too, but its article is still ingested
            result.rejected += 1
            report.rejected += 1
        row = _quarantine_row(day, origin, reason, payload, article_id)
        key = _quarantine_key(row)
        if key not in known_rejections:
            known_rejections.add(key)
            new_rejections.append(row)

    def admit(report: SourceReport, item: Fetched, article: dict[str, Any], cut_from: int | None) -> None:
        """A prepared article into the run's new articles, unless the raw zone or this run already has it."""
        if article["id"] in known_ids or article["content_hash"] in known_hashes:
            result.duplicates += 1
            return
        if not article["language"]:
            # Only for a new article that did not say its language (6-8 ms each): never for the night's
            # re-reads of articles already stored. Guarded as prepare_article is: a failure is this record's.
            reason = _detect_language_guarded(item, article)
            if reason:
                quarantine(report, item.origin, reason, _as_payload(item.record), _record_id(item.record))
                return
        if cut_from is not None:
            result.truncated += 1
            quarantine(report, item.origin, f"text cut from {cut_from} to {len(article['text'])} characters", "",
                       article["id"], rejected=False)
        # Syndicated copies of one story (other ids and hashes) are stored but linked to the first copy.
        if near_duplicates.link(article["id"], article["text"]) is not None:
            result.near_duplicates += 1
        if not is_codable(article, settings):
            result.unsupported_language += 1
        known_ids.add(article["id"])
        known_hashes.add(article["content_hash"])
        new_articles.append(article)

    with _progress_line(progress) as show:
        for source in settings.sources if sources is None else sources:
            report = SourceReport(name=source.name)
            result.reports.append(report)
            try:
                for item in read_source(source, settings):
                    result.seen += 1
                    report.items += 1
                    show(f"{source.name}: {report.items} items read, {len(new_articles)} new articles")
                    if isinstance(item, Rejected):
                        quarantine(report, item.origin, item.reason, item.payload)
                        continue
                    article, cut_from, reason = _prepare_guarded(item, source, settings, day)
                    if article is None:
                        quarantine(report, item.origin, reason, _as_payload(item.record), _record_id(item.record))
                        continue
                    admit(report, item, article, cut_from)
            except Exception as exc:  # a whole source failed: record it and go on with the next one
                reason = f"{type(exc).__name__}: {exc}"
                log.warning("source %s failed: %s", source.name, reason)
                report.errors.append(reason)
                result.errors.append(SourceError(source=source.name, reason=reason))

    result.new = len(new_articles)
    result.new_ids = [a["id"] for a in new_articles]
    result.quarantined = len(new_rejections)
    _write_run(settings, day, result, new_articles, new_rejections, near_duplicates)
    return result


def _write_run(settings: Settings, day: date, result: IngestResult, new_articles: list[dict[str, Any]],
               new_rejections: list[dict[str, str]], near_duplicates: NearDuplicateLinker) -> None:
    """The run's links, articles and rejections into the raw zone, in that order; then the sources' state."""
    # Near-duplicate links before the articles they name: a crash between the two must not leave copies without
    # their links (they would be coded as separate events, for good). Links whose articles a crash kept from
    # being written are harmless: the rerun reads the same articles, finds the same links and writes nothing new.
    near_duplicates.save(day)
    crash_point("ingest.links_saved")
    result.articles_file = append_part(articles_dir(settings), day, _as_text_frame(new_articles, ARTICLE_SCHEMA),
                                       [row["id"] for row in new_articles], ARTICLE_SCHEMA)
    crash_point("ingest.articles_written")
    try:   # a cache of the raw zone: if it cannot be written, the next run reads the parts it misses
        near_duplicates.save_index(result.articles_file)
    except OSError as exc:
        log.warning("near-duplicate index not saved (%s); the next run rebuilds what it misses", exc)
    result.quarantine_file = append_part(quarantine_dir(settings), day,
                                         _as_text_frame(new_rejections, QUARANTINE_SCHEMA),
                                         ["\x1f".join(_quarantine_key(row)) for row in new_rejections],
                                         QUARANTINE_SCHEMA)
    # Only now that the run's files are written may feeds and page lists remember what they gave.
    commit_staged_states(settings)


def prepare_article(record: dict[str, Any], source: SourceConfig, settings: Settings,
                    day: date) -> tuple[dict[str, Any], int | None]:
    """A fetched record as an article of this run (ArticleError says why it cannot be one), and the length its
    text had when it was cut to settings.max_article_chars (None when it was not cut).

    The text is cut before the id and content hash are taken, so a rerun over the same input finds the same
    article; the publication date must be plausible (sitrep.articles.check_published_plausible). The language
    is the record's or the source's; ingest detects it only for an article new to the raw zone."""
    text = record.get("text")
    cut_from = None
    if isinstance(text, str) and len(text) > settings.max_article_chars:
        cut_from = len(text)
        record = {**record, "text": text[:settings.max_article_chars]}
    article = normalize_article(
        record, source_name=source.name, outlet=source.outlet,
        source_scale=source.source_scale, language=source.language, fetched_at=day.isoformat())
    check_published_plausible(article["published"], day)
    article["ingest_date"] = day.isoformat()
    return article, cut_from


def _prepare_guarded(item: Fetched, source: SourceConfig, settings: Settings,
                     day: date) -> tuple[dict[str, Any] | None, int | None, str]:
    """prepare_article's (article, cut_from, ""), or (None, None, reason) for a record that cannot be one.

    Everything that depends on the record alone runs here, guarded: whatever one record raises quarantines it
    with the reason, and the next record is read. What ingest does next (the raw zone's keys, the near-duplicate
    index) is the run's own state, whose failure is the source's."""
    try:
        article, cut_from = prepare_article(item.record, source, settings, day)
    except ArticleError as exc:
        return None, None, str(exc)
    except Exception as exc:
        log.warning("record %s could not be ingested: %s: %s", item.origin, type(exc).__name__, exc)
        return None, None, f"record could not be ingested: {type(exc).__name__}: {exc}"
    return article, cut_from, ""


def _detect_language_guarded(item: Fetched, article: dict[str, Any]) -> str:
    """Set the article's detected language; "" when done, else the reason the record cannot be ingested."""
    try:
        article["language"] = detect_language(article["text"])
    except Exception as exc:
        log.warning("record %s could not be ingested: %s: %s", item.origin, type(exc).__name__, exc)
        return f"record could not be ingested: {type(exc).__name__}: {exc}"
    return ""


def _quarantine_row(day: date, origin: str, reason: str, payload: str, article_id: str) -> dict[str, str]:
    row = {"stage": "ingest", "article_id": article_id, "origin": origin, "reason": reason,
           "payload": payload[:PAYLOAD_CHARS], "quarantined_at": day.isoformat()}
    return {key: storable_text(value) for key, value in row.items()}


def read_raw_articles(settings: Settings, ids: Iterable[str] | None = None,
                      columns: list[str] | None = None) -> pd.DataFrame:
    """Articles of the raw zone (all, or those with the given ids), in file order; columns ARTICLE_COLUMNS or
    the given subset (leave out "text" to read only the metadata: the texts are most of the zone's bytes)."""
    wanted = list(columns) if columns is not None else ARTICLE_COLUMNS
    read = wanted if ids is None or "id" in wanted else ["id", *wanted]
    frame = read_parquet_files(articles_dir(settings), columns=read,
                               keep=None if ids is None else ("id", set(ids)))
    return frame.reset_index(drop=True)[wanted]


def read_raw_quarantine(settings: Settings) -> pd.DataFrame:
    """Inputs that ingest set aside, columns QUARANTINE_COLUMNS."""
    return read_parquet_files(quarantine_dir(settings), columns=QUARANTINE_COLUMNS)[QUARANTINE_COLUMNS]


def known_article_keys(settings: Settings) -> tuple[set[str], set[str]]:
    """Ids and content hashes already in the raw zone (reads only those two columns)."""
    frame = read_parquet_files(articles_dir(settings), columns=["id", "content_hash"])
    return set(frame["id"]), set(frame["content_hash"])


def _known_quarantine_keys(settings: Settings) -> set[tuple[str, str, str]]:
    frame = read_parquet_files(quarantine_dir(settings), columns=["origin", "reason", "payload"])
    return {_quarantine_key(row) for row in frame.to_dict("records")}


def _quarantine_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """A rejection is the same one again when its origin, reason and payload are."""
    payload_hash = hashlib.sha256(str(row["payload"]).encode("utf-8")).hexdigest()
    return (str(row["origin"]), str(row["reason"]), payload_hash)


def _as_text_frame(rows: list[dict[str, Any]], schema: pa.Schema) -> pd.DataFrame:
    """Rows of an all-text raw table as a frame of its columns (a missing value is "")."""
    return pd.DataFrame(rows, columns=schema.names).fillna("").astype(str)


def _as_payload(record: dict[str, Any]) -> str:
    """The record as JSON, cut to PAYLOAD_CHARS; long values are cut first so a giant record is not dumped."""
    short = {str(k): v[:PAYLOAD_CHARS] if isinstance(v, str) else v for k, v in record.items()}
    try:
        return json.dumps(short, ensure_ascii=False, default=str)[:PAYLOAD_CHARS]
    except (ValueError, TypeError, RecursionError):  # nested too deep or otherwise not dumpable
        return ""


def _record_id(record: dict[str, Any]) -> str:
    value = record.get("id")
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def storable_text(value: Any) -> str:
    """Text that Parquet can store: an unpaired surrogate (from JSON "\\ud800" or a file name that is not
    UTF-8) becomes an escape instead of failing the whole part file."""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@contextmanager
def _progress_line(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A one-line live status on stderr when enabled (a terminal); a no-op otherwise."""
    if not enabled:
        yield lambda _text: None
        return
    from rich.console import Console

    with Console(stderr=True).status("ingesting") as status:
        yield lambda text: status.update(text)
