import dataclasses
import gzip
import socket
import time
import zlib

import pytest

from sitrep.http import (
    FetchTimeout,
    HttpLimits,
    HttpStatusError,
    PoliteClient,
    RedirectError,
    TooLarge,
    TransportFailure,
    UndecodableBody,
    WrongContentType,
    decode_body,
)
from sitrep.http.decoding import PIECE, BoundedDecoder
from sitrep.http.urls import url_problem

from .conftest import STORY, article_html


def test_fetches_a_page_with_our_user_agent(site, http_settings):
    url = site.route("/story", article_html("Title", STORY))
    with PoliteClient(http_settings) as client:
        response = client.get(url, expect="page")
    assert response.status == 200
    assert "Gunmen attacked a village" in response.text()
    assert site.hits("/story")[0].headers["user-agent"] == http_settings.user_agent


def test_retries_5xx_with_backoff_then_succeeds(site, http_settings):
    url = site.route("/flaky", article_html("Title", STORY), fail_first=2)
    slept: list[float] = []
    with PoliteClient(http_settings, sleep=slept.append) as client:
        assert client.get(url, expect="page").status == 200
    assert len(site.hits("/flaky")) == 3
    assert slept == [0.01, 0.02]  # exponential: backoff_s, then twice that


def test_gives_up_on_5xx_after_the_retries(site, http_settings):
    url = site.route("/down", b"", fail_first=99)
    with PoliteClient(http_settings) as client, pytest.raises(HttpStatusError) as err:
        client.get(url)
    assert err.value.status == 503 and err.value.transient
    assert len(site.hits("/down")) == 1 + http_settings.http_retries


def test_404_is_not_retried(site, http_settings):
    with PoliteClient(http_settings) as client, pytest.raises(HttpStatusError) as err:
        client.get(site.url("/missing"))
    assert err.value.status == 404 and not err.value.transient
    assert err.value.reason == "HTTP 404"
    assert len(site.hits("/missing")) == 1


def test_a_slow_server_times_out_without_retry(site, http_settings):
    url = site.route("/slow", article_html("Title", STORY), delay_s=1.5)
    started = time.monotonic()
    with PoliteClient(http_settings) as client, pytest.raises(FetchTimeout) as err:
        client.get(url)
    assert time.monotonic() - started < 1.4
    assert "timeout" in err.value.reason
    assert len(site.hits("/slow")) == 1


def test_connection_refused_is_retried_then_reported(http_settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    slept: list[float] = []
    with PoliteClient(http_settings, sleep=slept.append) as client, pytest.raises(TransportFailure) as err:
        client.get(f"http://127.0.0.1:{port}/x")
    assert "connection failed" in err.value.reason
    assert len(slept) == http_settings.http_retries


def test_follows_a_few_redirects_and_canonicalises_the_final_url(site, http_settings):
    site.redirect("/old", "/older")
    site.redirect("/older", "/story?utm_source=feed&id=7&fbclid=abc#top")
    site.route("/story", article_html("Title", STORY))
    with PoliteClient(http_settings) as client:
        response = client.get(site.url("/old"), expect="page")
    assert response.status == 200
    assert response.canonical_url == site.url("/story?id=7")
    assert len(response.redirects) == 2


def test_redirect_loop_is_caught(site, http_settings):
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with PoliteClient(http_settings) as client, pytest.raises(RedirectError) as err:
        client.get(site.url("/a"))
    assert "loop" in err.value.reason
    assert len(site.hits("/a")) == 1 and len(site.hits("/b")) == 1


def test_too_many_redirects(site, http_settings):
    for i in range(7):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    with PoliteClient(http_settings) as client, pytest.raises(RedirectError, match="more than 5 redirects"):
        client.get(site.url("/r0"))


def test_declared_oversized_body_is_refused_unread(site, http_settings):
    url = site.route("/big", b"x" * 100_000)
    with PoliteClient(http_settings) as client, pytest.raises(TooLarge, match="100000 bytes"):
        client.get(url)


def test_endless_body_is_cut_at_the_cap(site, http_settings):
    url = site.route("/endless", endless=True)
    started = time.monotonic()
    with PoliteClient(http_settings) as client, pytest.raises(TooLarge, match="64000-byte limit"):
        client.get(url, expect="page")
    assert time.monotonic() - started < 2


def test_wrong_content_type_is_refused(site, http_settings):
    url = site.route("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    with PoliteClient(http_settings) as client:
        with pytest.raises(WrongContentType, match="expected an HTML document, got content type 'application/pdf'"):
            client.get(url, expect="page")
        with pytest.raises(WrongContentType, match="RSS/Atom/XML"):
            client.get(url, expect="feed")


def test_rate_limit_spaces_requests_to_one_host(site, http_settings):
    # A fake clock that only moves when the client sleeps: the spacing is checked exactly, whatever the load.
    url = site.route("/story", article_html("Title", STORY))
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    polite = dataclasses.replace(http_settings, per_host_interval_s=0.5)
    with PoliteClient(polite, sleep=sleep, clock=lambda: now[0]) as client:
        for _ in range(3):
            client.get(url)
    assert len(site.hits("/story")) == 3
    assert slept == [0.5, 0.5]


def test_no_wait_between_hosts_or_when_interval_is_zero(site, http_settings):
    url = site.route("/story", article_html("Title", STORY))
    slept: list[float] = []
    with PoliteClient(http_settings, sleep=slept.append) as client:
        client.get(url)
        client.get(url)
    assert slept == []


def test_non_utf8_bodies_are_decoded_by_declared_or_detected_charset(site, http_settings):
    text = "Боевики атаковали деревню на севере страны, погибли по меньшей мере двенадцать человек."
    url = site.route("/ru", article_html("Атака", [text], charset=None).encode("cp1251"),
                     content_type="text/html; charset=windows-1251")
    meta_url = site.route("/ru-meta", article_html("Атака", [text], charset="windows-1251").encode("cp1251"),
                          content_type="text/html")
    with PoliteClient(http_settings) as client:
        assert text in client.get(url).text()
        assert text in client.get(meta_url).text()
    french = "Des hommes armés ont attaqué un village, tuant au moins douze personnes à l'aube.".encode("cp1252")
    assert "armés" in decode_body(french)             # undeclared, not UTF-8: detected
    assert decode_body("déjà".encode(), "bogus-charset") == "déjà"   # unknown label: next candidate


def test_non_http_urls_are_refused(http_settings):
    with PoliteClient(http_settings) as client, pytest.raises(Exception, match="not an http"):
        client.get("file:///etc/passwd")


# ── content encodings, decoded a piece at a time (sitrep.http.decoding) ──

def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize("encoding, pack", [
    ("gzip", gzip.compress),
    ("x-gzip", gzip.compress),
    ("deflate", zlib.compress),                                            # zlib-wrapped, as the spec says
    ("deflate", lambda b: raw_deflate(b)),                                  # raw, as many servers send it
    ("gzip, deflate", lambda b: zlib.compress(gzip.compress(b))),
    ("identity", lambda b: b),
])
def test_encoded_pages_are_decoded(site, http_settings, encoding, pack):
    page = article_html("Title", STORY).encode()
    url = site.route("/enc", pack(page), headers={"Content-Encoding": encoding})
    with PoliteClient(http_settings) as client:
        assert client.get(url, expect="page").content == page
    assert site.hits("/enc")[0].headers["accept-encoding"] == "gzip, deflate"


def test_the_cap_counts_decoded_bytes(site, http_settings):
    body = gzip.compress(b"<p>" + b"x" * 200_000 + b"</p>")       # 200 kB decoded, a few hundred bytes sent
    url = site.route("/zipped", body, headers={"Content-Encoding": "gzip"})
    with PoliteClient(http_settings) as client, pytest.raises(TooLarge, match="decoded body .* 64000-byte limit"):
        client.get(url, expect="page")


def test_corrupt_gzip_is_an_undecodable_body(site, http_settings):
    url = site.route("/corrupt", b"\x1f\x8b\x08\x00" + b"not gzip at all" * 10, headers={"Content-Encoding": "gzip"})
    with PoliteClient(http_settings) as client, pytest.raises(UndecodableBody, match="not valid gzip"):
        client.get(url, expect="page")


def test_bounded_decoder_pieces_stay_small_whatever_the_chunking():
    payload = bytes(range(256)) * 4000 + bytes(3_000_000)
    stacked = gzip.compress(zlib.compress(payload))
    decoder = BoundedDecoder("deflate, gzip")
    pieces = [p for i in range(0, len(stacked), 777) for p in decoder.feed(stacked[i:i + 777])]
    pieces += list(decoder.finish())
    assert b"".join(pieces) == payload and max(map(len, pieces)) <= PIECE


# ── URLs and limits ──

@pytest.mark.parametrize("url, problem", [
    ("https://example.org/news/1?id=2", None),
    ("  http://example.org/a  ", None),
    ("http://example.org/ünïcode", None),
    (None, "not a URL string (NoneType)"),
    ("", "empty URL"),
    ("javascript:alert(1)", "not an http(s) URL (scheme 'javascript')"),
    ("example.org/no-scheme", "not an http(s) URL (scheme 'missing')"),
    ("http://[::1", "malformed URL (Invalid IPv6 URL)"),
    ("http://example.org:99999/", "malformed URL (Port out of range 0-65535)"),
    ("http://exa mple.org/", "URL contains spaces or control characters"),
    ("http://example.org/a\x00b", "URL contains spaces or control characters"),
    ("http:///path-only", "URL has no host"),
])
def test_url_problem(url, problem):
    assert url_problem(url) == problem


def test_limits_come_from_the_http_settings(http_settings):
    limits = HttpLimits.from_settings(http_settings)
    assert (limits.timeout_s, limits.max_bytes, limits.retries,
            limits.allow_private_addresses) == (0.5, 64_000, 2, True)
    assert limits.total_s == 1.5
    strict = PoliteClient(dataclasses.replace(http_settings, allow_private_addresses=False))
    assert strict.address_policy.allow_private is False
