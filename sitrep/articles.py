"""The article record (DESIGN.md contract): ids from content, canonical URLs, normalisation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as date_parser

from sitrep.text_repair import repair_text

# Query parameters that only track the reader; dropping them makes one story one URL.
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|at_.*)$",
                             re.I)


class ArticleError(ValueError):
    """A record that cannot become an article; the message is the quarantine reason."""


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, query, ""))


def normalized_text(text: str) -> str:
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text: the same story stored twice has one hash."""
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()


def article_id_for(url: str | None, text: str) -> str:
    """An article's id: a hash of its canonical URL, else of its text (DESIGN.md)."""
    basis = canonical_url(url) if url else normalized_text(text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def parse_published(value: Any) -> str:
    """ISO date or datetime in, ISO string out (date only when no time was given)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        raise ArticleError("missing publication date")
    try:
        parsed = date_parser.parse(value.strip())
    except (ValueError, OverflowError) as exc:
        raise ArticleError(f"unreadable publication date {value!r}") from exc
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return parsed.date().isoformat()
    return parsed.isoformat()


def published_date(article: Mapping[str, Any]) -> date:
    """The article's publication day: the anchor for relative dates."""
    return date_parser.parse(str(article["published"])).date()


def normalize_article(record: Mapping[str, Any], **defaults: Any) -> dict[str, Any]:
    """A raw record (from a file, a feed, a page) as an article dict; raises ArticleError with the reason.

    defaults fill what the record lacks (outlet, source_name, source_scale, language, fetched_at). Every field
    is checked for its type here, so that a record of the wrong shape is refused with a reason instead of
    raising later (a number as url, a list as title, a lone surrogate that Parquet cannot store)."""
    merged = {**{k: v for k, v in defaults.items() if v is not None},
              **{k: v for k, v in record.items() if v not in (None, "")}}
    text = merged.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError("no article text")
    fields = {name: _text_field(merged, name) for name in TEXT_FIELDS}
    # Repaired before the id and the hash are taken: every offset the coder keeps is into the stored, repaired text.
    fields["text"] = repair_text(_text_field(merged, "text"))
    if not fields["text"].strip():
        raise ArticleError("no article text")
    if not isinstance(merged.get("url") or "", str):
        raise ArticleError(f"malformed url: a url must be text, not {type(merged['url']).__name__}")
    try:
        url = canonical_url(fields["url"]) if fields["url"] else ""
    except ValueError as exc:  # urlsplit refuses "http://[::1", a port that is not a number or out of range
        raise ArticleError(f"malformed url: {exc}") from None
    article = {
        "id": fields["id"] or article_id_for(fields["url"] or None, fields["text"]),
        "published": parse_published(merged.get("published")),
        "title": fields["title"].strip(),
        "text": fields["text"].strip(),
        "outlet": fields["outlet"].strip() or "Unknown",
        "url": url,
        "language": fields["language"],
        "fetched_at": fields["fetched_at"],
        "source_name": fields["source_name"],
        "source_scale": fields["source_scale"],
    }
    article["content_hash"] = content_hash(article["text"])
    return article


# Record fields stored as text; numbers are accepted and written as text, other shapes are refused.
TEXT_FIELDS = ("id", "title", "outlet", "url", "language", "fetched_at", "source_name", "source_scale")


def _text_field(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ArticleError(f"field {name!r} must be text, not {type(value).__name__}")
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ArticleError(f"field {name!r} is not valid Unicode text (an unpaired surrogate)") from None
    return text


# A publication date outside this range is a typo or a placeholder (9999-12-31, 0001-01-01), not a date.
EARLIEST_PUBLISHED = date(1900, 1, 1)
FUTURE_DAYS_ALLOWED = 2     # time zones and feeds that date tomorrow's paper today


def check_published_plausible(published: str, run_day: date) -> None:
    """Raise ArticleError unless the ISO date published falls between 1900-01-01 and two days after run_day."""
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        raise ArticleError(f"unreadable publication date {published!r}") from None
    latest = run_day + timedelta(days=FUTURE_DAYS_ALLOWED)
    if not EARLIEST_PUBLISHED <= day <= latest:
        raise ArticleError(f"implausible publication date {published[:10]} (outside "
                           f"{EARLIEST_PUBLISHED.isoformat()}..{latest.isoformat()})")
