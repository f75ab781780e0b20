"""Pages source: a configured list of article URLs, each fetched and reduced to its main text.

    [[sources]]
    name = "ministry-statements"
    kind = "pages"
    urls = ["https://example.org/news/1", "https://example.org/news/2"]

A page already read in an earlier run (by canonical URL, see sitrep.sources.state) is not fetched again.
`fetch_page_record` is shared with the feed source, so a page reads the same whichever way it came in."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sitrep.articles import canonical_url
from sitrep.http import FetchError, PoliteClient
from sitrep.http.urls import url_problem
from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched, Rejected, SourceItem
from sitrep.sources.html import extract_article
from sitrep.sources.state import SourceState, load_state, stage_state

log = logging.getLogger(__name__)

# Below this many words the "main text" is navigation, a paywall notice or a cookie banner, not an article.
MIN_TEXT_WORDS = 20


def read_pages(source: SourceConfig, settings: Settings, client: PoliteClient | None = None) -> Iterator[SourceItem]:
    """Fetch each configured URL not read before; a page that fails becomes a Rejected item with the reason."""
    if not source.urls:
        raise ValueError(f"source {source.name!r}: kind 'pages' needs a list of urls")
    state = load_state(settings, source.name)
    seen = set(state.seen_urls)
    done: list[str] = []
    counts = {"fetched": 0, "rejected": 0, "skipped": 0}
    http = client or PoliteClient(settings)
    try:
        for url in source.urls:
            problem = url_problem(url)
            if problem:
                counts["rejected"] += 1
                yield Rejected(origin=str(url), reason=f"page URL is unusable: {problem}",
                               payload=_payload(str(url), {}))
                continue
            url = url.strip()
            canon = canonical_url(url)
            if canon in seen:
                counts["skipped"] += 1
                continue
            seen.add(canon)
            item = fetch_page_record(http, url, defaults={"outlet": source.outlet, "language": source.language})
            counts["fetched" if isinstance(item, Fetched) else "rejected"] += 1
            if not is_transient(item):
                done.extend(seen_urls_of(item, canon))
            yield item
    finally:
        if client is None:
            http.close()
    log.info("pages %s: %d fetched, %d rejected, %d already read", source.name, counts["fetched"],
             counts["rejected"], counts["skipped"])
    # Reached only when the caller read every item: the state is staged for ingest to commit.
    stage_state(settings, source.name, SourceState(etag=state.etag, last_modified=state.last_modified,
                                                   seen_urls=state.with_seen(done)))


def fetch_page_record(http: PoliteClient, url: str, defaults: dict[str, Any] | None = None,
                      hints: dict[str, Any] | None = None) -> Fetched | Rejected:
    """One article page as a Fetched record, or a Rejected item saying why not.

    defaults win over what the page says (the operator's outlet and language); hints fill what the page lacks
    (a feed item's title, date and language)."""
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    hints = {k: v for k, v in (hints or {}).items() if v}
    try:
        response = http.get(url, expect="page")
        html = response.text()
    except FetchError as exc:
        return TransientRejected(origin=url, reason=f"page fetch failed: {exc.reason}",
                                 payload=_payload(url, hints)) if exc.transient else \
            Rejected(origin=url, reason=f"page fetch failed: {exc.reason}", payload=_payload(url, hints))
    page = extract_article(html, url=response.url)
    words = len((page.get("text") or "").split())
    if words < MIN_TEXT_WORDS:
        return Rejected(origin=url, reason=f"page has no main text ({words} words)", payload=_payload(url, hints))
    record = {
        "url": canonical_url(response.url),
        "title": page.get("title") or hints.get("title") or "",
        "text": page["text"],
        # The feed's own date is the publication date the outlet declares; the page's is a fallback.
        "published": hints.get("published") or page.get("published") or "",
        "outlet": defaults.get("outlet") or hints.get("outlet") or page.get("outlet") or "",
        "language": defaults.get("language") or hints.get("language") or page.get("language") or "",
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return Fetched(record=record, origin=url)


class TransientRejected(Rejected):
    """A page that failed for a reason that may pass (5xx, timeout): quarantined now, tried again next run."""


def is_transient(item: SourceItem) -> bool:
    return isinstance(item, TransientRejected)


def seen_urls_of(item: SourceItem, *urls: str) -> list[str]:
    """The canonical URLs that mark this item as read: the URL asked for and, for a page, the one that answered."""
    found = list(urls)
    if isinstance(item, Fetched) and item.record.get("url"):
        found.append(item.record["url"])
    return found


def _payload(url: str, hints: dict[str, Any]) -> str:
    return json.dumps({"url": url, **{k: str(v) for k, v in hints.items()}}, ensure_ascii=False)[:2000]
