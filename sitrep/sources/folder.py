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

A file that cannot become a record (unreadable, not UTF-8, empty, no date, bad JSON line, page without text) is
yielded as Rejected with the reason, never raised: one bad file must not stop the inbox."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched, Rejected, SourceItem
from sitrep.sources.html import extract_article

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
    return _read_files(folder, source)


def inbox_files(folder: Path) -> list[Path]:
    """Files of the inbox in path order; hidden files and READMEs are not inputs."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if path.stem.upper() == "README":
            continue
        files.append(path)
    return files


def _read_files(folder: Path, source: SourceConfig) -> Iterator[SourceItem]:
    for path in inbox_files(folder):
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES:
            yield Rejected(str(path), f"unsupported file type {suffix or '(none)'} (expected {', '.join(ARTICLE_SUFFIXES)})")
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Rejected(str(path), f"unreadable file: {exc.strerror or exc}")
            continue
        if not data.strip():
            yield Rejected(str(path), "empty file")
            continue
        if suffix in (".html", ".htm"):
            # Pages declare their own encoding; trafilatura reads it from the bytes.
            yield _page_item(path, data, source)
            continue
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Rejected(str(path), f"not UTF-8 text: {exc.reason} at byte {exc.start}",
                           data.decode("utf-8", "replace")[:PAYLOAD_CHARS])
            continue
        if suffix == ".txt":
            yield _text_item(path, content, source)
        else:
            yield from _jsonl_items(path, content, source)


def _defaults(source: SourceConfig, path: Path) -> dict[str, Any]:
    """What the source config (or, for the outlet, the file's folder) says when the file does not."""
    return {
        "outlet": source.outlet or path.parent.name,
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


def _text_item(path: Path, content: str, source: SourceConfig) -> SourceItem:
    try:
        record = parse_text_article(content)
    except ValueError as exc:
        return Rejected(str(path), str(exc), content[:PAYLOAD_CHARS])
    return Fetched(_with_defaults(record, _defaults(source, path)), str(path))


def _jsonl_items(path: Path, content: str, source: SourceConfig) -> Iterator[SourceItem]:
    defaults = _defaults(source, path)
    records = 0
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        records += 1
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(origin, f"line {number}: invalid JSON: {exc.msg} at column {exc.colno}", line[:PAYLOAD_CHARS])
            continue
        if not isinstance(record, dict):
            yield Rejected(origin, f"line {number}: a record must be a JSON object, not {type(record).__name__}",
                           line[:PAYLOAD_CHARS])
            continue
        yield Fetched(_with_defaults(record, defaults), origin)
    if not records:
        yield Rejected(str(path), "empty file")


def _page_item(path: Path, data: bytes, source: SourceConfig) -> SourceItem:
    payload = data.decode("utf-8", "replace")[:PAYLOAD_CHARS]
    try:
        page = extract_article(data)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup; the file is the problem
        return Rejected(str(path), f"unparseable page: {type(exc).__name__}: {exc}", payload)
    if not page["text"]:
        return Rejected(str(path), "no main text found in page", payload)
    if not page["published"]:
        return Rejected(str(path), "no publication date in page metadata", payload)
    record = {key: value for key, value in page.items() if value}
    return Fetched(_with_defaults(record, _defaults(source, path)), str(path))
