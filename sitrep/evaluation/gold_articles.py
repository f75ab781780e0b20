"""Gold articles: a JSONL file of article records, each with a `gold` object (../shared/eval/README.md).

    is_gold_articles_file(path) -> bool                a .jsonl whose first object carries `gold`
    load_gold_articles(path, limit=None) -> GoldSet    kind "articles": article records + ArticleGold per article

A record is `id, published, title, text, outlet, url` (read as `sitrep code` reads it) plus
`gold: {has_event, scope, events}`. A malformed line is a clear error naming the file and line: a gold set
with a silently dropped line would score something other than what it claims to.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from sitrep.articles import ArticleError, normalize_article
from sitrep.evaluation.loaders import GoldSet
from sitrep.evaluation.normalize import clean_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GoldEvent:
    event_types: tuple[str, ...]                 # accepted event types
    sub_event_types: tuple[str, ...] | None      # accepted sub-event types; None: any
    date_from: date | None                       # None: the gold does not know the date
    date_to: date | None
    country: str
    places: tuple[str, ...]                      # widest first
    fatalities: int | None                       # None: not known
    actors: tuple[str, ...]
    optional: bool                               # a matching prediction is neither credited nor blamed


@dataclass(frozen=True)
class ArticleGold:
    article_id: str
    has_event: bool | None                       # None: unknown, not scored per article
    scope: tuple[str, ...] | None                # event types the gold covers; None: all types
    events: tuple[GoldEvent, ...]


class GoldArticleError(ValueError):
    """A gold-article line that does not follow the format."""


def is_gold_articles_file(path: Path) -> bool:
    """A .jsonl file whose first non-blank line is a JSON object with a `gold` member."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "gold" in first
    return False


def _string_list(value: Any, what: str) -> tuple[str, ...]:
    """A list of names; one bare string is a list of one."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldArticleError(f"{what} must be a list of strings, not {value!r}")
    return tuple(clean_text(v) for v in value if clean_text(v))


def _iso_day(value: Any, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise GoldArticleError(f"{what} is not an ISO date: {value!r}") from None


def _fatalities(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise GoldArticleError(f"fatalities must be a count or null, not {value!r}")
    return value


def parse_gold_event(raw: Any, where: str = "") -> GoldEvent:
    """One gold event; a reversed date range (a typo in the gold) is read as the days between the two, with a
    warning, rather than refusing the whole set or making the event's date unmatchable."""
    if not isinstance(raw, dict):
        raise GoldArticleError(f"a gold event must be an object, not {raw!r}")
    event_types = _string_list(raw.get("event_type"), "event_type")
    if not event_types:
        raise GoldArticleError("a gold event needs at least one accepted event_type")
    date_from = _iso_day(raw.get("date_from"), "date_from")
    date_to = _iso_day(raw.get("date_to"), "date_to") or date_from
    date_from = date_from or date_to
    if date_from and date_to and date_from > date_to:
        log.warning("%sdate_from %s is after date_to %s: read as %s..%s", where, date_from, date_to, date_to, date_from)
        date_from, date_to = date_to, date_from
    sub_types = raw.get("sub_event_type")
    return GoldEvent(
        event_types=event_types,
        sub_event_types=None if sub_types is None else _string_list(sub_types, "sub_event_type"),
        date_from=date_from, date_to=date_to,
        country=clean_text(raw.get("country")),
        places=_string_list(raw.get("places"), "places"),
        fatalities=_fatalities(raw.get("fatalities")),
        actors=_string_list(raw.get("actors"), "actors"),
        optional=bool(raw.get("optional", False)),
    )


def parse_article_gold(article_id: str, raw: Any, where: str = "") -> ArticleGold:
    if not isinstance(raw, dict):
        raise GoldArticleError(f"gold must be an object, not {raw!r}")
    has_event = raw.get("has_event")
    if has_event is not None and not isinstance(has_event, bool):
        raise GoldArticleError(f"has_event must be true, false or null, not {has_event!r}")
    scope = raw.get("scope")
    events = raw.get("events") or []
    if not isinstance(events, list):
        raise GoldArticleError(f"events must be a list, not {events!r}")
    return ArticleGold(article_id, has_event, None if scope is None else _string_list(scope, "scope"),
                       tuple(parse_gold_event(e, where) for e in events))


def parse_gold_article_line(record: Mapping[str, Any], where: str = "") -> tuple[dict[str, Any], ArticleGold]:
    """One line's article record (as `sitrep code` would read it) and its gold; where prefixes warnings."""
    if "gold" not in record:
        raise GoldArticleError("the record has no gold member")
    article = normalize_article({k: v for k, v in record.items() if k != "gold"})
    return article, parse_article_gold(article["id"], record["gold"], where)


def load_gold_articles(path: Path | str, limit: int | None = None) -> GoldSet:
    """Articles in file order and their gold; limit counts articles. Ids must be unique (gold is keyed by them)."""
    path = Path(path)
    articles: list[dict[str, Any]] = []
    golds: list[ArticleGold] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if limit is not None and len(articles) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise GoldArticleError("the line is not a JSON object")
                article, gold = parse_gold_article_line(record, f"{path}:{number}: ")
            except (json.JSONDecodeError, ArticleError, GoldArticleError) as exc:
                raise GoldArticleError(f"{path}:{number}: {exc}") from None
            if article["id"] in seen:
                raise GoldArticleError(f"{path}:{number}: article id {article['id']!r} occurs twice")
            seen.add(article["id"])
            articles.append(article)
            golds.append(gold)
    events = pd.DataFrame([{"article_id": g.article_id, **asdict(e)} for g in golds for e in g.events],
                          columns=["article_id", *GoldEvent.__dataclass_fields__])
    return GoldSet("articles", path, articles, events, article_gold=golds)
