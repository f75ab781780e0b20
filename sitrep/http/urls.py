"""URL checks shared by the fetcher and the sources: is this something we can fetch, and which server is it."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import httpx


def url_problem(url: object) -> str | None:
    """Why url cannot be fetched (one phrase), or None when it is a well-formed http(s) URL with a host."""
    if not isinstance(url, str):
        return f"not a URL string ({type(url).__name__})"
    text = url.strip()
    if not text:
        return "empty URL"
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        return "URL contains spaces or control characters"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number in range)
    except ValueError as exc:
        return f"malformed URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"not an http(s) URL (scheme {scheme or 'missing'!r})"
    if not parts.hostname:
        return "URL has no host"
    try:
        httpx.URL(text)
    except (httpx.InvalidURL, ValueError) as exc:
        return f"malformed URL ({exc})"
    return None


def origin_of(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the default port filled in: what a redirect must keep to stay on one server."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)
