"""The golden set of the event coder: frozen inputs, coded through the public API, as diffable lines.

Inputs: every article of data/samples, read through the folder source and normalised as ingest does (rejected
files are not articles and so have no lines; an article in a language the coder does not code is skipped, as the
code stage skips it), then the team's frozen articles in inputs.jsonl (one-sentence reports, paragraphs, long
articles, non-events).

Output: one JSON object per line, per article its status line, then its event rows, then its figure rows, each
with every column of schemas.columns (ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS) in column order,
articles sorted by id. Floats are rounded to FLOAT_DECIMALS; NaN (an unplaced event's coordinates) is null.

No column is volatile: `timestamp` comes from the record's own fetched_at or else its publication day, because the
ingest day (wall clock) that the pipeline would write into fetched_at is deliberately not set here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from schemas.columns import ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from sitrep.articles import ArticleError, normalize_article
from sitrep.coding import code_articles
from sitrep.language import detect_language
from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched
from sitrep.sources.folder import read_folder

GOLDEN_DIR = Path(__file__).resolve().parent
ROOT = GOLDEN_DIR.parents[2]
INPUTS = GOLDEN_DIR / "inputs.jsonl"
EXPECTED = GOLDEN_DIR / "expected.jsonl"
# The same inputs coded without the NER model (its fallback: the gazetteer alone decides what a place is).
EXPECTED_NO_NER = GOLDEN_DIR / "expected_no_ner.jsonl"
SAMPLES = ROOT / "data" / "samples"
FLOAT_DECIMALS = 4

# Table of a line → its columns, in the order lines of one article are written.
TABLES: dict[str, list[str]] = {"status": ARTICLE_STATUS_COLUMNS, "event": EVENT_COLUMNS, "figure": FIGURE_COLUMNS}
KEY_FIELDS = ("article", "table", "row")


def sample_articles(folder: Path = SAMPLES) -> list[dict[str, Any]]:
    """The articles of the samples folder as the pipeline would code them (without the ingest day)."""
    settings = Settings(data_dir=ROOT / "data", samples_dir=folder, sql_dir=ROOT / "sql", sources=())
    source = SourceConfig(name="samples", kind="folder", path=str(folder))
    articles = []
    for item in read_folder(source, settings):
        if not isinstance(item, Fetched):
            continue  # rejected at ingest: quarantined, never coded
        try:
            article = normalize_article(item.record, source_name=source.name)
        except ArticleError:
            continue  # quarantined at ingest too
        language = article["language"] or detect_language(article["text"])
        if language and language not in settings.languages:
            continue  # kept raw, not coded (sitrep.pipeline skips unsupported languages)
        articles.append(article)
    return articles


def frozen_articles(path: Path = INPUTS) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def golden_articles() -> list[dict[str, Any]]:
    articles = sample_articles() + frozen_articles()
    ids = [a["id"] for a in articles]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"golden inputs share ids: {duplicates}")
    return articles


def _plain(value: Any) -> Any:
    """A JSON-stable value: native types, floats rounded, NaN as null."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar → Python scalar
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, FLOAT_DECIMALS)
    return value


def golden_lines(articles: Iterable[Mapping[str, Any]],
                 code: Callable[[Iterable[Mapping[str, Any]]], Any] = code_articles) -> list[dict[str, Any]]:
    """Code the articles (with `code`, the default coder's code_articles unless given) and return every output
    row as a line dict (key fields first, then columns in order)."""
    events, figures, status = code(articles)
    frames = {"status": status, "event": events, "figure": figures}
    by_article: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table, frame in frames.items():
        for record in frame.to_dict("records"):
            rows = by_article.setdefault(str(record["article_id"]), {t: [] for t in TABLES})[table]
            line = {"article": str(record["article_id"]), "table": table, "row": len(rows)}
            line.update((column, _plain(record[column])) for column in TABLES[table])
            rows.append(line)
    return [line for article_id in sorted(by_article) for table in TABLES for line in by_article[article_id][table]]


def render(lines: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def read_expected(path: Path = EXPECTED) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _key(line: Mapping[str, Any]) -> tuple[str, str, int]:
    return str(line["article"]), str(line["table"]), int(line["row"])


def differences(expected: list[dict[str, Any]], got: list[dict[str, Any]], limit: int = 25) -> list[str]:
    """Compact report of the first differences: rows missing or new, and per differing column expected vs got."""
    want = {_key(line): line for line in expected}
    have = {_key(line): line for line in got}
    out: list[str] = []
    for key in sorted(set(want) | set(have)):
        a, b = want.get(key), have.get(key)
        name = f"{key[0]} {key[1]}[{key[2]}]"
        if a is None or b is None:
            row = a or b or {}
            what = row.get("sub_event_type") or row.get("kind") or row.get("status") or ""
            out.append(f"{name}: {'missing (expected, not produced)' if b is None else 'new (produced, not expected)'}"
                       f" {what}".rstrip())
        else:
            for column in dict.fromkeys(list(a) + list(b)):
                if a.get(column, "<absent>") != b.get(column, "<absent>") and len(out) < limit:
                    out.append(f"{name} {column}: expected {a.get(column, '<absent>')!r}, "
                               f"got {b.get(column, '<absent>')!r}")
        if len(out) >= limit:
            out.append("… (more differences not shown)")
            break
    if not out and [_key(x) for x in expected] != [_key(x) for x in got]:
        out.append("same rows, different order")
    return out
