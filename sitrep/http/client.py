"""The polite fetcher: one httpx.Client for every feed and page a run reads.

It identifies itself (User-Agent), waits between two requests to the same host (per_host_interval_s), retries
only what may pass on a second try (5xx answers, connection failures) with exponential backoff, follows at most
MAX_REDIRECTS redirects itself (so a loop is caught, and a caller may refuse any that leaves the first URL's
origin), streams bodies and stops once the DECODED body passes max_page_bytes (sitrep.http.decoding: a gzip bomb
is never inflated), and checks the content type before anyone parses the bytes. Every failure is a FetchError
whose `reason` is one short sentence fit for a quarantine row.

Addresses: every connection (the first URL, each redirect hop, each feed item link) goes only to addresses the
AddressPolicy allows (sitrep.http.addresses: public unicast unless [http] allow_private_addresses); a refusal is
ForbiddenAddress and no request is sent.

Timeouts: http_timeout_s bounds connecting and each read; the whole request (DNS, connect, TLS, status line,
headers, body) must also be complete within TOTAL_TIME_FACTOR x http_timeout_s (sitrep.http.transport bounds
every socket operation by what is left of that deadline), so a server that drips its headers or its body one
byte at a time is cut off too.

A PoliteClient is for one thread at a time (its deadline and per-host clock are its own state)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.articles import canonical_url
from sitrep.http.addresses import AddressPolicy, AddressRefused
from sitrep.http.charset import UndecodableText, decode_text
from sitrep.http.decoding import ACCEPT_ENCODING, PIECE, BoundedDecoder, DecodingRefused
from sitrep.http.errors import (  # noqa: F401 (the errors are part of this module's interface)
    FetchError,
    FetchTimeout,
    ForbiddenAddress,
    HttpStatusError,
    InvalidUrl,
    RedirectError,
    TooLarge,
    TransportFailure,
    UndecodableBody,
    WrongContentType,
)
from sitrep.http.transport import Deadline, guarded_transport
from sitrep.http.urls import origin_of, url_problem
from sitrep.settings import Settings

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
TOTAL_TIME_FACTOR = 3
RETRY_STATUSES = frozenset({500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

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


@dataclass(frozen=True)
class HttpLimits:
    """What one client may do; from Settings ([http] of sitrep.toml) or given directly (snapshot pulls)."""

    user_agent: str = "sitrep/0.1 (+https://example.org/sitrep)"
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    per_host_interval_s: float = 1.0
    retries: int = 3
    backoff_s: float = 1.0
    allow_private_addresses: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> HttpLimits:
        return cls(user_agent=settings.user_agent, timeout_s=settings.http_timeout_s,
                   max_bytes=settings.max_page_bytes, per_host_interval_s=settings.per_host_interval_s,
                   retries=settings.http_retries, backoff_s=settings.http_backoff_s,
                   allow_private_addresses=settings.allow_private_addresses)

    @property
    def total_s(self) -> float:
        return TOTAL_TIME_FACTOR * self.timeout_s


@dataclass
class OpenBody:
    """An answer whose body is still on the wire: `chunks()` yields it decoded, capped and within the deadline."""

    response: FetchResponse
    chunks: Callable[[], Iterator[bytes]]


def decode_body(content: bytes, declared: str | None = None, url: str = "") -> str:
    """Bytes as text (sitrep.http.charset.decode_text); UndecodableBody when no charset reads them."""
    try:
        return decode_text(content, declared)
    except UndecodableText as exc:
        raise UndecodableBody(url, str(exc)) from exc


class PoliteClient:
    """Use as a context manager: `with PoliteClient(settings) as client: client.get(url, expect="feed")`."""

    def __init__(
        self,
        settings: Settings | HttpLimits,
        *,
        retries: int | None = None,
        backoff_s: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        address_policy: AddressPolicy | None = None,
    ) -> None:
        self.limits = settings if isinstance(settings, HttpLimits) else HttpLimits.from_settings(settings)
        self.retries = self.limits.retries if retries is None else retries
        self.backoff_s = self.limits.backoff_s if backoff_s is None else backoff_s
        self.address_policy = address_policy or AddressPolicy(allow_private=self.limits.allow_private_addresses)
        self._sleep = sleep
        self._clock = clock
        self._last_request_at: dict[str, float] = {}
        self._deadline = Deadline()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.limits.timeout_s),
            headers={"User-Agent": self.limits.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,   # followed here, so loops, long chains and origin changes are caught
            transport=guarded_transport(self.address_policy, self._deadline),
            trust_env=False,          # no proxy from the environment: the address policy checks the server itself
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, expect: Expect = "any", headers: dict[str, str] | None = None,
            stay_on_origin: bool = False) -> FetchResponse:
        """GET url and return its body, or a 304 answer (empty body) when conditional headers were sent and the
        resource has not changed. Raises a FetchError subclass on any failure."""
        with self.open(url, expect=expect, headers=headers, stay_on_origin=stay_on_origin) as body:
            body.response.content = b"".join(body.chunks())
            return body.response

    @contextmanager
    def open(self, url: str, *, expect: Expect = "any", headers: dict[str, str] | None = None,
             stay_on_origin: bool = False, max_bytes: int | None = None,
             total_s: float | None = None) -> Iterator[OpenBody]:
        """GET url, following redirects, and give its headers with a body still to read (in the with block).

        stay_on_origin: refuse a redirect to another scheme, host or port. max_bytes, total_s: this request's
        cap on the decoded body and its total deadline (default: the limits')."""
        cap = self.limits.max_bytes if max_bytes is None else max_bytes
        total = self.limits.total_s if total_s is None else total_s
        request_headers = {"Accept": _ACCEPT_HEADER[expect], **(headers or {})}
        problem = url_problem(url)
        if problem:
            raise InvalidUrl(str(url), problem)
        redirects: list[str] = []
        current = url.strip()
        try:
            while True:
                # One deadline for the whole chain of redirects: started by the first request (a retry restarts it).
                response = self._send_with_retries(current, request_headers, total, first=not redirects)
                try:
                    result = FetchResponse(url=str(response.url), status=response.status_code,
                                           headers={k.lower(): v for k, v in response.headers.items()})
                    if result.status in REDIRECT_STATUSES:
                        current = self._next_hop(url, current, result, redirects, stay_on_origin)
                        continue
                    result.redirects = redirects
                    if result.status >= 400:
                        raise HttpStatusError(current, f"HTTP {result.status}", result.status)
                    if result.not_modified or 300 <= result.status < 400:
                        yield OpenBody(result, lambda: iter(()))
                        return
                    self._check_content_type(result, expect)
                    yield OpenBody(result, self._body_reader(response, current, cap))
                    return
                finally:
                    response.close()
        finally:
            self._deadline.clear()

    # ── one request, with retries ──

    def _send_with_retries(self, url: str, headers: dict[str, str], total_s: float, first: bool) -> httpx.Response:
        """The answer's status line and headers (body unread). The deadline starts with the first request of a
        fetch and again with each retry; the polite pause before a redirect hop does not count against it."""
        attempt = 0
        while True:
            waited = self._wait_for_host(url)
            if first or attempt:
                self._deadline.start(total_s)
            else:
                self._deadline.extend(waited)
            try:
                with self._fetch_errors(url):
                    response = self._client.send(self._client.build_request("GET", url, headers=headers),
                                                 stream=True)
            except TransportFailure as exc:
                # Connection failures may pass; a read timeout (FetchTimeout) is a slow server a retry only waits on.
                if attempt >= self.retries:
                    raise
                failure: FetchError = exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                response.close()
                failure = HttpStatusError(url, f"HTTP {response.status_code}", response.status_code)
                if attempt >= self.retries:
                    raise failure
            delay = self.backoff_s * (2 ** attempt)
            log.info("retrying %s in %.2fs after: %s", url, delay, failure.reason)
            self._sleep(delay)
            attempt += 1

    def _next_hop(self, first: str, current: str, result: FetchResponse, redirects: list[str],
                  stay_on_origin: bool) -> str:
        location = result.headers.get("location")
        if not location:
            raise RedirectError(current, "redirect without a Location header", result.status)
        try:
            target = urljoin(current, location.strip())
        except ValueError as exc:
            raise RedirectError(current, f"redirect to a malformed URL ({exc})", result.status) from exc
        problem = url_problem(target)
        if problem:
            raise RedirectError(current, f"redirect to an unusable URL: {problem}", result.status)
        if target in redirects or target == first:
            raise RedirectError(first, f"redirect loop back to {target}", result.status)
        redirects.append(target)
        if len(redirects) > MAX_REDIRECTS:
            raise RedirectError(first, f"more than {MAX_REDIRECTS} redirects", result.status)
        if stay_on_origin and origin_of(target) != origin_of(first):
            raise RedirectError(first, f"redirect to another server refused ({target})", result.status)
        return target

    @contextmanager
    def _fetch_errors(self, url: str) -> Iterator[None]:
        """httpx's and the policy's exceptions as FetchErrors with a reason fit for a quarantine row."""
        timeout = self.limits.timeout_s
        try:
            yield
        except AddressRefused as exc:
            raise ForbiddenAddress(url, exc.reason) from exc
        except DecodingRefused as exc:
            raise UndecodableBody(url, str(exc)) from exc
        except httpx.TimeoutException as exc:
            if self._deadline.passed:
                raise FetchTimeout(url, f"no complete answer within the {self._deadline.total_s:g}s total "
                                        f"deadline") from exc
            if isinstance(exc, httpx.ConnectTimeout):
                raise TransportFailure(url, f"connect timeout after {timeout:g}s") from exc
            raise FetchTimeout(url, f"read timeout after {timeout:g}s") from exc
        except httpx.TransportError as exc:
            raise TransportFailure(url, f"connection failed: {type(exc).__name__}: {exc}".rstrip(": ")) from exc
        except httpx.InvalidURL as exc:
            raise InvalidUrl(url, f"invalid URL: {exc}") from exc

    def _wait_for_host(self, url: str) -> float:
        """Pause until per_host_interval_s has passed since the last request to url's host; the seconds waited."""
        host = (urlsplit(url).hostname or "").lower()
        interval = self.limits.per_host_interval_s
        last = self._last_request_at.get(host)
        wait = 0.0
        if last is not None and interval > 0:
            wait = max(0.0, last + interval - self._clock())
            if wait > 0:
                self._sleep(wait)
        self._last_request_at[host] = self._clock()
        return wait

    def _check_content_type(self, result: FetchResponse, expect: Expect) -> None:
        accepted = _ACCEPTED_TYPES[expect]
        ctype = result.content_type
        if accepted and ctype and not any(token in ctype for token in accepted):
            wanted = "an RSS/Atom/XML" if expect == "feed" else "an HTML"
            raise WrongContentType(result.url, f"expected {wanted} document, got content type {ctype!r}",
                                   result.status)

    def _body_reader(self, response: httpx.Response, url: str, cap: int) -> Callable[[], Iterator[bytes]]:
        """Checks what can be checked before reading (declared length, encodings), then the chunk reader."""
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise TooLarge(url, f"body of {int(declared)} bytes is over the {cap}-byte limit", response.status_code)
        encoding = response.headers.get("content-encoding")
        with self._fetch_errors(url):
            decoder = BoundedDecoder(encoding)
        what = f"decoded body (Content-Encoding {encoding})" if encoding else "body"

        def chunks() -> Iterator[bytes]:
            size = raw = 0
            with self._fetch_errors(url):
                for piece in _decoded(response.iter_raw(PIECE), decoder):
                    if isinstance(piece, int):
                        raw += piece
                        if raw > cap:
                            raise TooLarge(url, f"body is over the {cap}-byte limit", response.status_code)
                        continue
                    size += len(piece)
                    if size > cap:
                        raise TooLarge(url, f"{what} is over the {cap}-byte limit", response.status_code)
                    yield piece

        return chunks


def _decoded(raw_chunks: Iterator[bytes], decoder: BoundedDecoder) -> Iterator[bytes | int]:
    """Each raw chunk's size (an int, for the cap on what crosses the wire), then its decoded pieces."""
    for chunk in raw_chunks:
        yield len(chunk)
        yield from decoder.feed(chunk)
    yield from decoder.finish()
