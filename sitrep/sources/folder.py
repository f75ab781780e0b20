"""The folder inbox: every article file dropped into a folder (and its subfolders), read in path order.

    .txt          one article in the sample format (below)
    .jsonl        one article record per line (DESIGN.md contract: id?, published, title, text, outlet, url, ...)
    .html, .htm   one saved web page; main text, title and date extracted by sitrep.sources.html

The .txt format is the seed articles' one, with optional header lines before the blank line:

     date 2025-03-04 Gunmen kill nine in central Nigeria village
     outlet AFP                 (optional; else the source's outlet, else the file's folder name)
     scale International        (optional; else the source's source_scale)
     url https://...            (optional; gives the article its id)
     language en                (optional; else detected at ingest)

    Body paragraphs ...

A file that cannot become a record (unreadable, not UTF-8, empty, no date, bad JSON line, page without text,
over settings.max_inbox_file_bytes) is yielded as Rejected with the reason, never raised: one bad file must not
stop the inbox. So is every entry that is not read at all (a FIFO, socket or device, a symlink loop, a symlink
out of the inbox or to a folder): sitrep.sources.inbox_entries lists them without opening them. A .jsonl file
is read line by line, each line capped at the same size, so one bad or giant line costs only itself.

Origins are "<source name>:<path below the inbox>" (":<line>" for a .jsonl line): never absolute paths."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched, Rejected, SourceItem
from sitrep.sources.html import extract_article
from sitrep.sources.inbox_entries import (
    InboxEntry,
    TooLarge,
    capped_lines,
    open_regular,
    read_capped,
    walk_inbox,
)

PAYLOAD_CHARS = 2000
ARTICLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2}(?:T\S+)?)(?:\s+(.*?))?\s*$")
_HEADER_LINE = re.compile(r"^\s*(outlet|scale|url|language)\s+(\S.*?)\s*$")
# Header names in the file → fields of the article record.
_HEADER_FIELDS = {"outlet": "outlet", "scale": "source_scale", "url": "url", "language": "language"}


def read_folder(source: SourceConfig, settings: Settings) -> Iterator[SourceItem]:
    """Yield one item per article in source.path (per line for .jsonl), files sorted by path.

    Raises FileNotFoundError at once (not on first iteration) when the folder does not exist."""
    if not source.path:
        raise ValueError(f"source {source.name!r}: a folder source needs a path")
    folder = Path(source.path)
    if not folder.is_dir():
        raise FileNotFoundError(f"source {source.name!r}: inbox folder {folder} does not exist")
    return _read_files(folder, source, settings.max_inbox_file_bytes)


def inbox_files(folder: Path) -> list[Path]:
    """Readable files of the inbox in path order (hidden files, READMEs and refused entries left out)."""
    return [entry.path for entry in walk_inbox(folder) if entry.path is not None]


def origin_of(source: SourceConfig, relative: str) -> str:
    """Where an item came from: the source's name and the path below its folder, so that moving the data
    dir or the inbox changes no quarantine key, and no absolute local path is ever published."""
    return f"{source.name}:{relative}"


def _read_files(folder: Path, source: SourceConfig, limit: int) -> Iterator[SourceItem]:
    for entry in walk_inbox(folder):
        origin = origin_of(source, entry.relative)
        if entry.path is None:
            yield Rejected(origin, entry.refused)
            continue
        if entry.suffix not in ARTICLE_SUFFIXES:
            yield Rejected(origin, f"unsupported file type {entry.suffix or '(none)'} "
                                   f"(expected {', '.join(ARTICLE_SUFFIXES)})")
            continue
        if entry.suffix == ".jsonl":
            yield from _jsonl_items(entry, origin, source, limit)
            continue
        try:
            data = read_capped(entry.path, limit)
        except TooLarge as exc:
            yield Rejected(origin, f"file too large: {exc.size} bytes (limit {exc.limit})")
            continue
        except OSError as exc:
            yield Rejected(origin, f"unreadable file: {exc.strerror or exc}")
            continue
        if not data.strip():
            yield Rejected(origin, "empty file")
            continue
        if entry.suffix in (".html", ".htm"):
            # Pages declare their own encoding; trafilatura reads it from the bytes.
            yield _page_item(entry, origin, data, source)
            continue
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Rejected(origin, f"not UTF-8 text: {exc.reason} at byte {exc.start}",
                           data[:PAYLOAD_CHARS * 4].decode("utf-8", "replace")[:PAYLOAD_CHARS])
            continue
        yield _text_item(entry, origin, content, source)


def _defaults(source: SourceConfig, entry: InboxEntry) -> dict[str, Any]:
    """What the source config (or, for the outlet, the file's folder) says when the file does not."""
    folder = Path(entry.relative).parent.name or Path(source.path or "").name
    return {
        "outlet": source.outlet or folder,
        "source_scale": source.source_scale,
        "language": source.language,
        "source_name": source.name,
    }


def _with_defaults(record: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    merged = dict(record)
    for key, value in defaults.items():
        if value and merged.get(key) in (None, ""):
            merged[key] = value
    return merged


def parse_text_article(content: str) -> dict[str, Any]:
    """A .txt article as a record (published, title, text and any header fields); ValueError says what is wrong."""
    lines = content.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ValueError("empty file")
    date_line = _DATE_LINE.match(lines[first])
    if not date_line:
        raise ValueError("no date line: the first line must be ' date YYYY-MM-DD Title'")
    record: dict[str, Any] = {"published": date_line.group(1), "title": (date_line.group(2) or "").strip()}
    body_start = first + 1
    for line in lines[first + 1:]:
        header = _HEADER_LINE.match(line)
        if not header:
            break
        record[_HEADER_FIELDS[header.group(1)]] = header.group(2)
        body_start += 1
    record["text"] = "\n".join(lines[body_start:]).strip()
    if not record["text"]:
        raise ValueError("no article text after the header")
    return record


def _text_item(entry: InboxEntry, origin: str, content: str, source: SourceConfig) -> SourceItem:
    try:
        record = parse_text_article(content)
    except ValueError as exc:
        return Rejected(origin, str(exc), content[:PAYLOAD_CHARS])
    return Fetched(_with_defaults(record, _defaults(source, entry)), origin)


def _jsonl_items(entry: InboxEntry, origin: str, source: SourceConfig, limit: int) -> Iterator[SourceItem]:
    """One item per non-blank line; a line that is too long, not UTF-8 or not a JSON object is rejected on
    its own and the next line is read."""
    assert entry.path is not None
    defaults = _defaults(source, entry)
    records = 0
    try:
        with open_regular(entry.path) as fh:
            for number, raw, length in capped_lines(fh, limit):
                if raw is not None and not raw.strip():
                    continue
                records += 1
                yield _jsonl_item(raw, number, length, f"{origin}:{number}", defaults, limit)
    except OSError as exc:
        yield Rejected(origin, f"unreadable file: {exc.strerror or exc}")
        return
    if not records:
        yield Rejected(origin, "empty file")


def _jsonl_item(raw: bytes | None, number: int, length: int, origin: str, defaults: dict[str, Any],
                limit: int) -> SourceItem:
    if raw is None:
        return Rejected(origin, f"line {number}: line too long: {length} bytes (limit {limit})")
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejected(origin, f"line {number}: not UTF-8 text: {exc.reason} at byte {exc.start}",
                        raw[:PAYLOAD_CHARS * 4].decode("utf-8", "replace")[:PAYLOAD_CHARS])
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(origin, f"line {number}: invalid JSON: {exc.msg} at column {exc.colno}", line[:PAYLOAD_CHARS])
    except RecursionError:
        return Rejected(origin, f"line {number}: invalid JSON: nested too deeply", line[:PAYLOAD_CHARS])
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        return Rejected(origin, f"line {number}: invalid JSON: {exc}", line[:PAYLOAD_CHARS])
    if not isinstance(record, dict):
        return Rejected(origin, f"line {number}: a record must be a JSON object, not {type(record).__name__}",
                        line[:PAYLOAD_CHARS])
    return Fetched(_with_defaults(record, defaults), origin)


def _page_item(entry: InboxEntry, origin: str, data: bytes, source: SourceConfig) -> SourceItem:
    payload = data[:PAYLOAD_CHARS * 4].decode("utf-8", "replace")[:PAYLOAD_CHARS]
    try:
        page = extract_article(data)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup; the file is the problem
        return Rejected(origin, f"unparseable page: {type(exc).__name__}: {exc}", payload)
    if not page["text"]:
        return Rejected(origin, "no main text found in page", payload)
    if not page["published"]:
        return Rejected(origin, "no publication date in page metadata", payload)
    record = {key: value for key, value in page.items() if value}
    return Fetched(_with_defaults(record, _defaults(source, entry)), origin)
