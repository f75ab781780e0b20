"""Gold sets as article records plus gold labels: an ACLED CSV, a CASE-style TSV, the seed folder, or gold
articles (JSONL records with a `gold` member, read by gold_articles.py).

    load_gold(path, limit=None) -> GoldSet

The articles are ready for sitrep.coding.code_article; the gold is plain data the scorer reads.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sitrep.articles import article_id_for, normalize_article
from sitrep.evaluation.normalize import (
    clean_text,
    disorder_text,
    inter_text,
    interaction_text,
    iso_date,
    to_float,
    to_int,
)

if TYPE_CHECKING:
    from sitrep.evaluation.gold_articles import ArticleGold

# CASE snippets carry no publication date; any fixed day keeps relative dates deterministic.
CASE_PUBLISHED = "2020-01-01"
NO_EVENT = "none"

# Gold event columns for an ACLED set, after normalisation (numeric codes as text, typo mended).
GOLD_EVENT_COLUMNS: list[str] = [
    "article_id", "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "inter1", "inter2", "interaction", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "fatalities",
]


@dataclass
class GoldSet:
    kind: str                                   # "acled" | "case" | "seed" | "articles"
    path: Path
    articles: list[dict[str, Any]]              # article records, in file order
    events: pd.DataFrame                        # acled: GOLD_EVENT_COLUMNS; case: article_id, sub_event_type
    seed: dict[str, Any] = field(default_factory=dict)   # the seed's gold.json
    article_gold: list[ArticleGold] = field(default_factory=list)   # articles: each article's gold, in order


def detect_gold_kind(path: Path) -> str:
    """'seed' for a folder or a .json file, 'articles' for a .jsonl of records carrying `gold`, 'case' for a
    TSV of snippets, 'acled' for an ACLED CSV."""
    from sitrep.evaluation.gold_articles import is_gold_articles_file  # it imports GoldSet from here

    if path.is_dir() or path.suffix.lower() == ".json":
        return "seed"
    if path.suffix.lower() == ".jsonl":
        if is_gold_articles_file(path):
            return "articles"
        raise ValueError(f"{path}: not a gold set (a .jsonl gold set has a `gold` member in each record)")
    with open(path, encoding="utf-8", newline="") as fh:
        header = fh.readline()
    if "\t" in header and "snippet" in header.split("\t"):
        return "case"
    columns = next(csv.reader([header]))
    if "notes" in columns and "event_type" in columns:
        return "acled"
    if path.suffix.lower() == ".tsv":
        return "case"
    raise ValueError(f"{path}: not a gold set (expected an ACLED CSV, a TSV with a snippet column, or gold.json)")


def load_gold(path: Path | str, limit: int | None = None) -> GoldSet:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such gold file or folder")
    kind = detect_gold_kind(path)
    if kind == "acled":
        return load_acled_gold(path, limit)
    if kind == "case":
        return load_case_gold(path, limit)
    if kind == "articles":
        from sitrep.evaluation.gold_articles import load_gold_articles

        return load_gold_articles(path, limit)
    return load_seed_gold(path)


def _published_from_timestamp(value: Any) -> str:
    seconds = to_float(value)
    if seconds is None:
        raise ValueError(f"unreadable timestamp {value!r}")
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def load_acled_gold(path: Path, limit: int | None = None) -> GoldSet:
    """Each distinct notes text is one article; its rows are its gold events. limit counts articles."""
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"notes", "event_type", "sub_event_type", "timestamp"} - set(rows.columns)
    if missing:
        raise ValueError(f"{path}: ACLED CSV lacks columns {sorted(missing)}")
    articles: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    for row in rows.to_dict("records"):
        text = row["notes"].strip()
        if not text:
            continue
        article_id = article_id_for(None, text)
        if article_id not in articles:
            if limit is not None and len(articles) >= limit:
                continue
            articles[article_id] = normalize_article({
                "id": article_id,
                "text": text,
                "published": _published_from_timestamp(row["timestamp"]),
                "outlet": clean_text(row.get("source", "")).split(";")[0].strip(),
                "source_scale": row.get("source_scale", ""),
                "source_name": "acled-eval",
                "language": "en",
            })
        events.append(gold_event_from_acled_row(row, article_id))
    return GoldSet("acled", path, list(articles.values()), pd.DataFrame(events, columns=GOLD_EVENT_COLUMNS))


def gold_event_from_acled_row(row: dict[str, Any], article_id: str) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "event_id_cnty": clean_text(row.get("event_id_cnty")),
        "event_date": iso_date(row.get("event_date")),
        "time_precision": to_int(row.get("time_precision")),
        "disorder_type": disorder_text(row.get("disorder_type")),
        "event_type": clean_text(row.get("event_type")),
        "sub_event_type": clean_text(row.get("sub_event_type")),
        "actor1": clean_text(row.get("actor1")),
        "actor2": clean_text(row.get("actor2")),
        "inter1": inter_text(row.get("inter1")),
        "inter2": inter_text(row.get("inter2")),
        "interaction": interaction_text(row.get("interaction")),
        "country": clean_text(row.get("country")),
        "admin1": clean_text(row.get("admin1")),
        "location": clean_text(row.get("location")),
        "latitude": to_float(row.get("latitude")),
        "longitude": to_float(row.get("longitude")),
        "geo_precision": to_int(row.get("geo_precision")),
        "fatalities": to_int(row.get("fatalities")),
    }


def load_case_gold(path: Path, limit: int | None = None) -> GoldSet:
    """One article per snippet; gold is its ACLED sub-event type, or "none" for a non-ACLED class."""
    rows = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    if "snippet" not in rows.columns:
        raise ValueError(f"{path}: TSV lacks a snippet column")
    articles: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for n, row in enumerate(rows.to_dict("records")):
        if limit is not None and len(articles) >= limit:
            break
        text = row["snippet"].strip()
        if not text:
            continue
        article_id = f"case-{clean_text(row.get('id')) or n}"
        articles.append(normalize_article({
            "id": article_id, "text": text, "published": CASE_PUBLISHED, "outlet": "CASE 2021",
            "source_name": "case-eval", "language": "en",
        }))
        labels.append({"article_id": article_id,
                       "sub_event_type": clean_text(row.get("sub_event_type")) or NO_EVENT,
                       "case_label": clean_text(row.get("case_label"))})
    return GoldSet("case", path, articles, pd.DataFrame(labels, columns=["article_id", "sub_event_type", "case_label"]))


# The seed article's first line: " date 2025-02-07 <headline>".
SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$")


def load_seed_gold(path: Path) -> GoldSet:
    """The seed folder (or its gold.json): one article, its gold events, figures and not-events."""
    gold_path = path / "gold.json" if path.is_dir() else path
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
    first, _, rest = raw.partition("\n")
    header = SEED_HEADER.match(first)
    title, text = (header.group(2).strip(), rest) if header else ("", raw)
    article = normalize_article({
        "id": article_id_for(None, text), "text": text, "title": title,
        "published": gold.get("published") or (header.group(1) if header else None),
        "outlet": gold.get("outlet"), "source_scale": gold.get("source_scale"),
        "source_name": "seed-eval", "language": "en",
    })
    return GoldSet("seed", path, [article], pd.DataFrame(gold.get("events", [])), seed=gold)
