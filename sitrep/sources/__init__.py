"""Sources: one module per kind (folder inbox, feed, page list). Each yields SourceItems.

    read_source(source, settings) -> Iterator[SourceItem]

A Fetched item carries a raw record (fields of the article contract: published, title, text, outlet, url,
language, fetched_at …) and where it came from; a Rejected item is an input that could not become a record,
with the reason — it ends up in the quarantine table, so nothing is lost. A source never raises for one bad
input (only for a whole-source failure such as a missing folder); ingest guards each record again on its own.
Origins never hold absolute local paths: they are published in the quarantine table and key it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sitrep.settings import Settings, SourceConfig


@dataclass(frozen=True)
class Fetched:
    record: dict[str, Any]
    origin: str                      # "<source>:<path below its folder>[:<line>]" for the inbox, or a URL


@dataclass(frozen=True)
class Rejected:
    origin: str
    reason: str
    payload: str = ""                # what was read, truncated, so the input can be inspected later


@dataclass
class SourceError:
    """A whole source failed (unreachable feed, missing folder): reported in the run summary."""

    source: str
    reason: str


SourceItem = Fetched | Rejected


@dataclass
class SourceReport:
    name: str
    items: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)


def read_source(source: SourceConfig, settings: Settings) -> Iterator[SourceItem]:
    """Dispatch on the source's kind."""
    if source.kind == "folder":
        from sitrep.sources.folder import read_folder

        return read_folder(source, settings)
    if source.kind == "feed":
        from sitrep.sources.feeds import read_feed

        return read_feed(source, settings)
    if source.kind == "pages":
        from sitrep.sources.pages import read_pages

        return read_pages(source, settings)
    raise ValueError(f"source {source.name!r}: unknown kind {source.kind!r} (folder, feed or pages)")
