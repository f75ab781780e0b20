"""Feed source: an RSS or Atom feed whose new items are fetched as pages.

    [[sources]]
    name = "example-wire"
    kind = "feed"
    url = "https://example.org/world/rss.xml"

We fetch the feed ourselves (sitrep.http: polite, size-capped, conditional GET with the stored ETag and
Last-Modified) and hand feedparser only bytes, after refusing any document that declares XML entities (the
"billion laughs" family). Each item whose canonical URL was not seen before is fetched and reduced to its main
text by sitrep.sources.html.extract_article; the item's own title and date fill what the page lacks.

Failures: a feed that cannot be fetched or parsed raises FeedError (ingest reports it for this source and goes on
with the others); an item that fails becomes a Rejected item with the reason (a quarantine row): no link, a link
that is not a well-formed http(s) URL, a host on a refused address (loopback, private … see sitrep.http.addresses),
a page that cannot be fetched or has no text.

State: at the end of a complete read the new validators and seen URLs are *staged*; ingest commits them with
sitrep.sources.state.commit_staged_states once the raw zone is written. When an item failed for a reason that may
pass (5xx, timeout), the feed's validators are not kept, so the next run reads the feed again and retries it."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring

from sitrep.articles import canonical_url
from sitrep.http import FetchError, PoliteClient
from sitrep.http.urls import url_problem
from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Rejected, SourceItem
from sitrep.sources.pages import fetch_page_record, is_transient, seen_urls_of
from sitrep.sources.state import SourceState, load_state, stage_state

log = logging.getLogger(__name__)

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


class FeedError(Exception):
    """A whole feed failed (unreachable, not a feed, malformed, hostile); the message is the reason."""


def read_feed(source: SourceConfig, settings: Settings, client: PoliteClient | None = None) -> Iterator[SourceItem]:
    """Yield a Fetched record for every new item of the feed (a Rejected one for an item that fails)."""
    if not source.url:
        raise FeedError(f"source {source.name!r}: kind 'feed' needs a url")
    state = load_state(settings, source.name)
    http = client or PoliteClient(settings)
    try:
        yield from _read_feed(source, settings, http, state)
    finally:
        if client is None:
            http.close()


def _read_feed(source: SourceConfig, settings: Settings, http: PoliteClient,
               state: SourceState) -> Iterator[SourceItem]:
    try:
        response = http.get(source.url or "", expect="feed", headers=state.conditional_headers())
    except FetchError as exc:
        raise FeedError(f"feed {source.url}: {exc.reason}") from exc
    if response.not_modified:
        log.info("feed %s: not modified since the last run", source.name)
        return
    parsed = parse_feed_bytes(response.content, url=response.url, content_type=response.headers.get("content-type"))
    feed_language = _language_code(parsed.feed.get("language"))
    feed_title = (parsed.feed.get("title") or "").strip()

    seen = set(state.seen_urls)
    done: list[str] = []
    counts = {"fetched": 0, "rejected": 0, "skipped": 0}
    retry_later = False
    for entry in parsed.entries:
        link = entry.get("link")
        hints = {"title": _text(entry.get("title")), "published": _entry_published(entry),
                 "language": _entry_language(entry) or feed_language, "outlet": feed_title}
        problem = _link_problem(link)
        if problem:
            counts["rejected"] += 1
            yield Rejected(origin=f"{source.url}#{_text(entry.get('id')) or hints['title'] or '?'}",
                           reason=problem, payload=_entry_payload(entry))
            continue
        link = link.strip()
        canon = canonical_url(link)
        if canon in seen:
            counts["skipped"] += 1
            continue
        seen.add(canon)
        item = fetch_page_record(http, link, defaults={"outlet": source.outlet, "language": source.language},
                                 hints=hints)
        counts["fetched" if not isinstance(item, Rejected) else "rejected"] += 1
        if is_transient(item):
            retry_later = True
        else:
            done.extend(seen_urls_of(item, canon))
        yield item
    log.info("feed %s: %d items fetched, %d rejected, %d already read", source.name, counts["fetched"],
             counts["rejected"], counts["skipped"])
    keep_validators = not retry_later
    stage_state(settings, source.name, SourceState(
        etag=response.headers.get("etag") if keep_validators else None,
        last_modified=response.headers.get("last-modified") if keep_validators else None,
        seen_urls=state.with_seen(done),
    ))


def parse_feed_bytes(content: bytes, url: str = "", content_type: str | None = None) -> feedparser.FeedParserDict:
    """RSS/Atom bytes as feedparser's result; raises FeedError for hostile or unreadable documents."""
    if not content.strip():
        raise FeedError(f"feed {url}: empty document")
    refuse_entity_declarations(content, url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"feed {url}: malformed feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"feed {url}: not an RSS or Atom document")
    return parsed


def refuse_entity_declarations(content: bytes, url: str = "") -> None:
    """Raise FeedError when the document declares entities or external references: no feed needs them, and
    expanding them is how entity bombs work. defusedxml finds them in well-formed XML; for XML too broken to
    parse, any <!ENTITY at all is refused."""
    try:
        defused_fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"feed {url}: refused: document declares XML entities ({type(exc).__name__})") from exc
    except (ParseError, ValueError):
        if _ENTITY_DECLARATION.search(content):
            raise FeedError(f"feed {url}: refused: document declares XML entities") from None


def _link_problem(link: object) -> str | None:
    """Why a feed item's link cannot be fetched (the item is rejected, the rest of the feed is read), or None.
    The host's address is checked later, at connect time (sitrep.http.addresses)."""
    if link is None or (isinstance(link, str) and not link.strip()):
        return "feed item has no link"
    problem = url_problem(link)
    return f"feed item link {str(link)[:200]!r} is unusable: {problem}" if problem else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entry_published(entry: dict[str, Any]) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:6], tzinfo=UTC).isoformat()  # type: ignore[misc]  # six fields, then tzinfo
            except (TypeError, ValueError):
                continue
    return ""


def _entry_language(entry: dict[str, Any]) -> str:
    """An item's own language when the feed says it: RSS dc:language, or Atom xml:lang on the entry (feedparser
    puts it on the title's detail, inherited from the feed when the entry has none)."""
    detail = entry.get("title_detail") or {}
    return _language_code(entry.get("language")) or _language_code(detail.get("language"))


def _language_code(value: str | None) -> str:
    """"en-US" → "en": the raw zone stores ISO 639-1 codes."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else ""


def _entry_payload(entry: dict[str, Any]) -> str:
    keep = {k: str(entry.get(k, "")) for k in ("id", "title", "link", "published", "summary")}
    return json.dumps(keep, ensure_ascii=False)[:2000]
