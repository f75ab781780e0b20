"""The article record (DESIGN.md contract): ids from content, canonical URLs, normalisation."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timezone
from typing import Any, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as date_parser

from sitrep.text_repair import repair_text

# Query parameters that only track the reader; dropping them makes one story one URL.
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|at_.*)$", re.I)


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
        return value.astimezone(timezone.utc).isoformat() if value.tzinfo else value.isoformat()
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

    defaults fill what the record lacks (outlet, source_name, source_scale, language, fetched_at)."""
    merged = {**{k: v for k, v in defaults.items() if v is not None}, **{k: v for k, v in record.items() if v not in (None, "")}}
    text = merged.get("text")
    text = repair_text(text) if isinstance(text, str) else text  # before id and hash: offsets are into repaired text
    if not isinstance(text, str) or not text.strip():
        raise ArticleError("no article text")
    url = merged.get("url") or None
    article = {
        "id": str(merged.get("id") or article_id_for(url, text)),
        "published": parse_published(merged.get("published")),
        "title": str(merged.get("title") or "").strip(),
        "text": text.strip(),
        "outlet": str(merged.get("outlet") or "").strip() or "Unknown",
        "url": canonical_url(url) if url else "",
        "language": merged.get("language") or "",
        "fetched_at": str(merged.get("fetched_at") or ""),
        "source_name": str(merged.get("source_name") or ""),
        "source_scale": str(merged.get("source_scale") or ""),
    }
    article["content_hash"] = content_hash(article["text"])
    return article
