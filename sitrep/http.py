"""The polite fetcher: one httpx.Client for every feed and page a run reads.

It identifies itself (User-Agent), waits between two requests to the same host (per_host_interval_s), retries
only what may pass on a second try (5xx answers, connection failures) with exponential backoff, follows at most
MAX_REDIRECTS redirects itself (so a loop is caught), streams bodies and stops reading past max_page_bytes, and
checks the content type before anyone parses the bytes. Every failure is a FetchError whose `reason` is one
short sentence fit for a quarantine row.

Timeouts: http_timeout_s bounds connecting and each read; a whole body must also arrive within
TOTAL_TIME_FACTOR × http_timeout_s, so a server that drips bytes forever is cut off too."""

from __future__ import annotations

import codecs
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Literal
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.articles import canonical_url
from sitrep.settings import Settings

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
TOTAL_TIME_FACTOR = 3
RETRY_STATUSES = frozenset({500, 502, 503, 504})

Expect = Literal["feed", "page", "any"]

# What each kind of fetch accepts. A missing Content-Type is let through: the parser decides.
_ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "feed": ("xml", "rss", "atom"),
    "page": ("text/html", "application/xhtml+xml"),
    "any": (),
}
_ACCEPT_HEADER = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    "any": "*/*",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)


class FetchError(Exception):
    """A URL that could not be fetched; `reason` says why in one sentence."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.status = status

    @property
    def transient(self) -> bool:
        """Worth trying again on a later run (server trouble), as opposed to a permanent refusal."""
        return False


class HttpStatusError(FetchError):
    @property
    def transient(self) -> bool:
        return self.status is not None and (self.status >= 500 or self.status == 429)


class TransportFailure(FetchError):
    """No answer: connection refused or reset, DNS failure, timeout."""

    @property
    def transient(self) -> bool:
        return True


class FetchTimeout(FetchError):
    """The server accepted the connection but did not send the body in time (not retried within a run)."""

    @property
    def transient(self) -> bool:
        return True


class TooLarge(FetchError):
    pass


class WrongContentType(FetchError):
    pass


class RedirectError(FetchError):
    pass


class UndecodableBody(FetchError):
    pass


@dataclass
class FetchResponse:
    url: str                       # the URL that answered (after redirects)
    status: int
    headers: dict[str, str]        # lower-case names
    content: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def canonical_url(self) -> str:
        return canonical_url(self.url)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def declared_charset(self) -> str | None:
        match = re.search(r"charset\s*=\s*\"?([^\";\s]+)", self.headers.get("content-type", ""), re.I)
        return match.group(1) if match else None

    def text(self) -> str:
        return decode_body(self.content, self.declared_charset, self.url)


def decode_body(content: bytes, declared: str | None = None, url: str = "") -> str:
    """Bytes as text: the charset the server declared, else the one the document declares, else UTF-8, else a
    detected one. A body none of these can read raises UndecodableBody."""
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(content[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.insert(0, "utf-16")
    candidates.append("utf-8-sig")
    for name in candidates:
        try:
            return content.decode(_codec_name(name))
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return content.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    raise UndecodableBody(url, "body is not text in any charset it declares or that could be detected")


def _codec_name(name: str) -> str:
    # Servers that say iso-8859-1 usually mean windows-1252 (as browsers assume).
    lowered = name.strip().lower()
    return "cp1252" if lowered in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else lowered


class PoliteClient:
    """Use as a context manager: `with PoliteClient(settings) as client: client.get(url, expect="feed")`."""

    def __init__(
        self,
        settings: Settings,
        *,
        retries: int | None = None,
        backoff_s: float | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.retries = settings.http_retries if retries is None else retries
        self.backoff_s = settings.http_backoff_s if backoff_s is None else backoff_s
        self._sleep = sleep
        self._clock = clock
        self._last_request_at: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.http_timeout_s),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,   # followed here, so loops and long chains are caught
            transport=transport,
        )

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, expect: Expect = "any", headers: dict[str, str] | None = None) -> FetchResponse:
        """GET url and return its body, or a 304 answer (empty body) when conditional headers were sent and the
        resource has not changed. Raises a FetchError subclass on any failure."""
        request_headers = {"Accept": _ACCEPT_HEADER[expect], **(headers or {})}
        redirects: list[str] = []
        current = url
        while True:
            response = self._get_with_retries(current, request_headers, expect)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise RedirectError(current, "redirect without a Location header", response.status)
                target = urljoin(current, location)
                if target in redirects or target == url:
                    raise RedirectError(url, f"redirect loop back to {target}", response.status)
                redirects.append(target)
                if len(redirects) > MAX_REDIRECTS:
                    raise RedirectError(url, f"more than {MAX_REDIRECTS} redirects", response.status)
                current = target
                continue
            response.redirects = redirects
            return response

    # ── one request, with retries ──

    def _get_with_retries(self, url: str, headers: dict[str, str], expect: Expect) -> FetchResponse:
        attempt = 0
        while True:
            try:
                response = self._get_once(url, headers, expect)
            except TransportFailure as exc:
                # Connection failures may pass; a read timeout (FetchTimeout) is a slow server a retry only waits on.
                if attempt >= self.retries:
                    raise
                failure: FetchError = exc
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                failure = HttpStatusError(url, f"HTTP {response.status}", response.status)
                if attempt >= self.retries:
                    raise failure
            delay = self.backoff_s * (2 ** attempt)
            log.info("retrying %s in %.2fs after: %s", url, delay, failure.reason)
            self._sleep(delay)
            attempt += 1

    def _get_once(self, url: str, headers: dict[str, str], expect: Expect) -> FetchResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(url, f"not an http(s) URL (scheme {scheme or 'missing'!r})")
        self._wait_for_host(url)
        deadline = self._clock() + TOTAL_TIME_FACTOR * self.settings.http_timeout_s
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                result = FetchResponse(url=str(response.url), status=response.status_code,
                                       headers={k.lower(): v for k, v in response.headers.items()})
                if result.status in (304,) or 300 <= result.status < 400 or result.status in RETRY_STATUSES:
                    return result
                if result.status >= 400:
                    raise HttpStatusError(url, f"HTTP {result.status}", result.status)
                self._check_content_type(result, expect)
                result.content = self._read_capped(response, url, deadline)
                return result
        except httpx.ConnectTimeout as exc:
            raise TransportFailure(url, f"connect timeout after {self.settings.http_timeout_s:g}s") from exc
        except httpx.TimeoutException as exc:
            raise FetchTimeout(url, f"read timeout after {self.settings.http_timeout_s:g}s") from exc
        except httpx.TransportError as exc:
            raise TransportFailure(url, f"connection failed: {type(exc).__name__}: {exc}".rstrip(": ")) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL: {exc}") from exc

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        interval = self.settings.per_host_interval_s
        last = self._last_request_at.get(host)
        if last is not None and interval > 0:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request_at[host] = self._clock()

    def _check_content_type(self, result: FetchResponse, expect: Expect) -> None:
        accepted = _ACCEPTED_TYPES[expect]
        ctype = result.content_type
        if accepted and ctype and not any(token in ctype for token in accepted):
            wanted = "an RSS/Atom/XML" if expect == "feed" else "an HTML"
            raise WrongContentType(result.url, f"expected {wanted} document, got content type {ctype!r}",
                                   result.status)

    def _read_capped(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        cap = self.settings.max_page_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise TooLarge(url, f"body of {int(declared)} bytes is over the {cap}-byte limit", response.status_code)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise TooLarge(url, f"body is over the {cap}-byte limit", response.status_code)
            if self._clock() > deadline:
                raise FetchTimeout(url, f"body not complete within {TOTAL_TIME_FACTOR * self.settings.http_timeout_s:g}s")
            chunks.append(chunk)
        return b"".join(chunks)
