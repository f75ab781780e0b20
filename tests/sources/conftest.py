"""A real HTTP server on 127.0.0.1 (port 0) that serves whatever a test puts on it, hostile cases included.

    site.route("/feed.xml", body=rss_bytes, content_type="application/rss+xml", etag='"v1"')
    site.route("/flaky", body=page, fail_first=2)           # two 503s, then the page
    site.route("/slow", body=page, delay_s=2)               # headers only after 2 s
    site.route("/endless", endless=True)                    # a body that never ends (bounded: 5 s, 50 MB)
    site.route("/drip", body=page, drip_s=0.3)              # status line and headers one byte every 0.3 s
    site.redirect("/a", "/b")                               # 302

Two servers (on two ports): the fixtures `site` and `other_site`.

Every request is logged (path with query, headers) in site.requests. No test here touches any other address."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitrep.settings import Settings


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None            # answer 304 when the request's If-None-Match matches
    last_modified: str | None = None   # answer 304 when the request's If-Modified-Since equals it
    fail_first: int = 0                # answer 503 this many times first
    delay_s: float = 0.0               # wait before answering
    endless: bool = False              # stream a body that does not end
    drip_s: float = 0.0                # send the status line and headers one byte every drip_s seconds (≤ 8 s)
    served: int = 0


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": to}, content_type=None)

    def hits(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]


def _handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            with site.lock:
                site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()},
                                             time.monotonic()))
                route = site.routes.get(urlsplit(self.path).path)
                if route is not None:
                    route.served += 1
            if route is None:
                return self._answer(404, b"not found", "text/plain")
            if route.delay_s:
                time.sleep(route.delay_s)
            if route.served <= route.fail_first:
                return self._answer(503, b"try later", "text/plain")
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return self._answer(304, b"", None, {"ETag": route.etag})
            if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                return self._answer(304, b"", None, {"Last-Modified": route.last_modified})
            if route.endless:
                return self._endless(route)
            if route.drip_s:
                return self._drip(route)
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = route.etag
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            self._answer(route.status, route.body, route.content_type, extra)

        def _answer(self, status: int, body: bytes, content_type: str | None,
                    headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            try:
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except OSError:   # the client hung up (a cap or a deadline cut it off): nothing to report
                self.close_connection = True

        def _endless(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type or "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            chunk = b"<p>" + b"x" * 8189 + b"</p>"
            started, sent = time.monotonic(), 0
            # Bounded so the server stops by itself even if a client never hangs up.
            while time.monotonic() - started < 5 and sent < 50_000_000:
                try:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return
                sent += len(chunk)

        def _drip(self, route: Route) -> None:
            head = (f"HTTP/1.1 200 OK\r\nContent-Type: {route.content_type or 'text/html'}\r\n"
                    f"Content-Length: {len(route.body)}\r\nConnection: close\r\n\r\n").encode("ascii")
            self.close_connection = True
            started = time.monotonic()
            for i in range(len(head)):
                # Bounded so the server stops by itself: after 8 s it hangs up mid-headers.
                if time.monotonic() - started > 8:
                    return
                try:
                    self.wfile.write(head[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(route.drip_s)
            try:
                self.wfile.write(route.body)
            except OSError:
                return

    return Handler


@contextmanager
def serve_site() -> Iterator[Site]:
    """A Site on 127.0.0.1, port chosen by the system, stopped when the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(Site("")))
    host, port = server.server_address[:2]
    the_site = Site(f"http://{host}:{port}")
    server.RequestHandlerClass = _handler_for(the_site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield the_site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site():
    with serve_site() as the_site:
        yield the_site


@pytest.fixture
def other_site():
    """A second server on another port (redirects between two servers)."""
    with serve_site() as the_site:
        yield the_site


@pytest.fixture
def http_settings(tmp_path: Path) -> Settings:
    """Settings for fetching from the test server: short timeout, small cap, no host interval, quick retries.
    The server is on 127.0.0.1, which the default address policy refuses: these tests allow it explicitly."""
    return Settings(
        data_dir=tmp_path / "data", samples_dir=tmp_path / "samples", sql_dir=tmp_path / "sql", sources=(),
        http_timeout_s=0.5, max_page_bytes=64_000, per_host_interval_s=0.0, http_retries=2, http_backoff_s=0.01,
        allow_private_addresses=True,
    )


def http_date(ts: float) -> str:
    return formatdate(ts, usegmt=True)


def article_html(title: str, paragraphs: list[str], published: str | None = None, lang: str = "en",
                 charset: str | None = "utf-8", site_name: str | None = None) -> str:
    """A news page as outlets write them: navigation, the article, a footer."""
    meta = [f'<meta charset="{charset}">' if charset else ""]
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if site_name:
        meta.append(f'<meta property="og:site_name" content="{site_name}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(meta)}<title>{title}</title></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f'<article><h1>{title}</h1>{body}</article>'
            f'<footer>Copyright the outlet. All rights reserved.</footer></body></html>')


STORY = [
    "Gunmen attacked a village in the north of the country on Tuesday, killing at least 12 people and burning "
    "dozens of homes, local officials said.",
    "The attackers arrived on motorcycles shortly after dawn and opened fire on residents gathered at the "
    "market, according to a district administrator who spoke by telephone.",
    "Security forces were deployed to the area later in the day, and a search for the attackers was under way. "
    "By evening nobody had owned up to the raid, the third such assault in the province this month.",
]

OTHER_STORY = [
    "Protesters gathered in the capital on Wednesday to demand the release of detained journalists, witnesses "
    "said, as police fired tear gas to disperse the crowd near the parliament building.",
    "At least 30 people were arrested, according to a rights group that monitors the demonstrations, and "
    "several were taken to hospital with injuries.",
    "The government said the journalists were held on charges of spreading false news about the conflict in "
    "the north of the country, which it denies has worsened.",
]
