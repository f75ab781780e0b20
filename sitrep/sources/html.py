"""One HTML page as an article record: main text, title, publication date and language, via trafilatura.

Shared by every source that meets HTML (the folder inbox's .html files, fetched pages, feed entries that link to
a page), so a page gives the same record whichever way it came in."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import trafilatura

# Only the page's own metadata (meta tags, JSON-LD, URL) may date it: htmldate's "extensive search" also reads
# dates out of the body, and a body date is usually the date of an event, not of the article.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Below this many words the "main text" is page furniture trafilatura fell back to (a menu, a caption), not an
# article; even a one-paragraph news brief is longer.
MIN_ARTICLE_WORDS = 15

_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def extract_article(html: str | bytes, url: str | None = None) -> dict[str, Any]:
    """The page's article as a record: title, text, published (ISO date or ""), language ("" if unknown), url,
    outlet (the page's site name, "" if it names none). text is "" when the page has no main text (fewer than
    MIN_ARTICLE_WORDS words)."""
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    ) if html else None
    if extracted is None:
        return {"title": "", "text": "", "published": "", "language": _page_language(html), "url": url or "",
                "outlet": ""}
    doc = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    title = (doc.get("title") or "").strip()
    text = _without_leading_title(doc.get("text") or "", title)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        text = ""
    # trafilatura falls back to the URL's host for the site name; an outlet should be a name the page gives.
    sitename = (doc.get("sitename") or "").strip()
    page_url = doc.get("url") or url or ""
    hosts = {(doc.get("hostname") or "").lower(), (urlsplit(page_url).hostname or "").lower()}
    return {
        "title": title,
        "text": text,
        "published": doc.get("date") or "",
        "language": (doc.get("language") or _page_language(html)).lower(),
        "url": page_url,
        "outlet": "" if sitename.lower().removeprefix("www.") in {h.removeprefix("www.") for h in hosts} else sitename,
    }


def _without_leading_title(text: str, title: str) -> str:
    """Pages repeat the headline as the body's first line; the record keeps it in title only."""
    text = text.strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return rest.strip()
    return text


def _page_language(html: str | bytes | None) -> str:
    if not html:
        return ""
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    match = _HTML_LANG.search(raw[:5000])
    return match.group(1).decode("ascii").lower() if match else ""
