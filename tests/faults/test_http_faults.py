"""Issue 9, HTTP part: hostile servers and hostile feeds, reproduced against real servers on 127.0.0.1.

Each test here failed on the fetcher as it was (commit 81800b7) and passes now:
- headers sent one byte at a time are cut off by the total deadline (item 6);
- stacked Content-Encodings are decoded a piece at a time and cut at the cap, never inflated whole (item 4);
- links, redirects and sources on internal addresses are refused before any request is sent (item 7);
- `snapshot pull` uses the same client and does not follow a redirect to another server;
- a malformed link in a feed (or a page list) is one rejected item, not the end of the source.

No test connects anywhere but 127.0.0.1: other addresses appear only as literals given to the policy function
or as answers of a fixed resolver table, and the policy refuses those before any socket is opened."""

from __future__ import annotations

import dataclasses
import gzip
import ipaddress
import time
import tracemalloc
import zlib

import pandas as pd
import pytest
from sources.conftest import (  # noqa: F401
    OTHER_STORY,
    STORY,
    article_html,
    http_settings,
    other_site,
    site,
)

from sitrep.http import FetchError, PoliteClient, TooLarge
from sitrep.pipeline.ingest import ingest_sources
from sitrep.settings import SourceConfig
from sitrep.snapshots import publish_snapshot, pull_snapshot
from sitrep.sources import Fetched, Rejected
from sitrep.sources.feeds import read_feed
from sitrep.sources.pages import read_pages
from sitrep.store import atomic_write_parquet


def strict(settings):
    """The defaults a deployment runs with: non-public addresses refused."""
    return dataclasses.replace(settings, allow_private_addresses=False)


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{title}</title><link>{link}</link>"
                      f"<pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate></item>" for title, link in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>http://news.test/</link><description>news</description>{entries}</channel></rss>")


# ───────────────────────────── item 6: a total deadline over connect, headers and body ─────────────────────────────

def test_headers_sent_one_byte_at_a_time_are_cut_off_by_the_total_deadline(site, http_settings):
    url = site.route("/drip", article_html("Title", STORY), drip_s=0.3)   # each byte well inside the read timeout
    settings = dataclasses.replace(http_settings, http_timeout_s=1.0)
    started = time.monotonic()
    with PoliteClient(settings, retries=0) as client, pytest.raises(FetchError) as err:
        client.get(url, expect="page")
    elapsed = time.monotonic() - started
    assert elapsed < 4.5, f"held for {elapsed:.1f}s under timeout_s=1"
    assert type(err.value).__name__ == "FetchTimeout" and "total deadline" in err.value.reason
    assert err.value.transient


def test_one_deadline_covers_a_chain_of_slow_redirects(site, http_settings):
    for i in range(5):   # each hop answers in 0.8 s, inside the 1 s read timeout; the chain takes 4 s
        site.route(f"/hop{i}", status=302, headers={"Location": f"/hop{i + 1}"}, content_type=None, delay_s=0.8)
    site.route("/hop5", article_html("Title", STORY))
    settings = dataclasses.replace(http_settings, http_timeout_s=1.0)
    started = time.monotonic()
    with PoliteClient(settings, retries=0) as client, pytest.raises(FetchError, match="total deadline"):
        client.get(site.url("/hop0"), expect="page")
    assert time.monotonic() - started < 3.6


def test_a_dripping_feed_is_a_source_error_within_the_deadline(site, http_settings):
    url = site.route("/feed.xml", rss([("a", "http://news.test/a")]), content_type="application/rss+xml",
                     drip_s=0.3)
    settings = dataclasses.replace(http_settings, http_timeout_s=1.0, http_retries=0)
    source = SourceConfig(name="drip", kind="feed", url=url)
    started = time.monotonic()
    result = ingest_sources(settings, sources=[source])
    assert time.monotonic() - started < 4.5
    assert [e.source for e in result.errors] == ["drip"] and "total deadline" in result.errors[0].reason


# ───────────────────────────── item 4: the cap applies to the decoded bytes ─────────────────────────────

def _gzip_zeros(megabytes: int) -> bytes:
    """gzip of that many MB of zeros, made a megabyte at a time (the test itself never holds it inflated)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """200 MB of zeros, gzipped twice: about a kilobyte on the wire."""
    return gzip.compress(_gzip_zeros(200), 9)


def _peak_mb_during(call) -> tuple[float, BaseException | None]:
    tracemalloc.start()
    try:
        call()
        failure = None
    except BaseException as exc:  # noqa: BLE001 (returned to the test to assert on)
        failure = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 1e6, failure


def test_gzip_gzip_bomb_is_cut_at_the_decoded_cap_without_being_inflated(site, http_settings, gzip_bomb):
    url = site.route("/bomb", gzip_bomb, headers={"Content-Encoding": "gzip, gzip"})
    assert len(gzip_bomb) < http_settings.max_page_bytes   # what crosses the wire is small: only decoding is big
    with PoliteClient(http_settings) as client:
        peak_mb, failure = _peak_mb_during(lambda: client.get(url, expect="page"))
    assert peak_mb < 10, f"{peak_mb:.0f} MB allocated while decoding a {len(gzip_bomb)}-byte body"
    assert isinstance(failure, TooLarge), failure
    assert "decoded body" in failure.reason and "64000-byte limit" in failure.reason


def test_deflate_then_gzip_stack_is_capped_the_same_way(site, http_settings):
    body = gzip.compress(zlib.compress(bytes(20 << 20), 9), 9)   # applied: deflate, then gzip
    url = site.route("/stack", body, headers={"Content-Encoding": "deflate, gzip"})
    with PoliteClient(http_settings) as client:
        peak_mb, failure = _peak_mb_during(lambda: client.get(url, expect="page"))
    assert peak_mb < 10, f"{peak_mb:.0f} MB allocated while decoding a {len(body)}-byte body"
    assert isinstance(failure, TooLarge), failure


def test_an_encoding_we_cannot_decode_is_refused_not_stored_as_text(site, http_settings):
    url = site.route("/br", b"\x1b\x4e\x00\xf8\x25\x14\x6c\x6c\x84\x1c" * 50, headers={"Content-Encoding": "br"})
    with PoliteClient(http_settings) as client, pytest.raises(FetchError) as err:
        client.get(url, expect="page")
    assert type(err.value).__name__ == "UndecodableBody" and "unsupported content encoding 'br'" in err.value.reason


def test_too_many_stacked_encodings_are_refused(site, http_settings):
    body = article_html("Title", STORY).encode()
    for _ in range(4):
        body = gzip.compress(body)
    url = site.route("/layers", body, headers={"Content-Encoding": "gzip, gzip, gzip, gzip"})
    with PoliteClient(http_settings) as client, pytest.raises(FetchError, match="4 stacked content encodings"):
        client.get(url, expect="page")


# ───────────────────────────── item 7: internal addresses ─────────────────────────────

def test_default_policy_refuses_a_loopback_page_and_sends_no_request(site, http_settings):
    url = site.route("/story", article_html("Title", STORY))
    with PoliteClient(strict(http_settings)) as client, pytest.raises(FetchError) as err:
        client.get(url, expect="page")
    assert type(err.value).__name__ == "ForbiddenAddress" and not err.value.transient
    assert "127.0.0.1 is a non-public address (loopback)" in err.value.reason
    assert site.requests == []


def test_a_loopback_feed_is_a_source_error_and_a_loopback_page_a_quarantine_row(site, http_settings):
    feed = site.route("/feed.xml", rss([("a", site.url("/story"))]), content_type="application/rss+xml")
    page = site.route("/story", article_html("Title", STORY))
    settings = strict(http_settings)
    result = ingest_sources(settings, sources=[SourceConfig(name="wire", kind="feed", url=feed),
                                               SourceConfig(name="list", kind="pages", urls=(page,))])
    assert [e.source for e in result.errors] == ["wire"] and "non-public address" in result.errors[0].reason
    assert result.new == 0 and result.rejected == 1
    rows = pd.read_parquet(result.quarantine_file)
    assert rows["origin"].tolist() == [page] and "refused: 127.0.0.1 is a non-public address" in rows["reason"][0]
    assert site.requests == []


def table_resolver(table: dict[str, list[str]]):
    """Host names as a fixed table (no DNS): tells the policy what a name resolves to; the transport only ever
    connects to the answers the policy allowed, here 127.0.0.1."""
    def resolve(host: str, port: int, timeout: float | None) -> list[str]:
        if host in table:
            return table[host]
        return [str(ipaddress.ip_address(host))]
    return resolve


def trusting_only_127_0_0_1(**table: list[str]):
    from sitrep.http.addresses import AddressPolicy

    return AddressPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),), resolver=table_resolver(table))


NAMES = {"news.test": ["127.0.0.1"], "metadata.test": ["169.254.169.254"], "intranet.test": ["10.1.2.3"],
         "mixed.test": ["127.0.0.1", "192.168.1.10"], "ula.test": ["fd00::5"],
         "mapped.test": ["::ffff:169.254.169.254"]}


def test_feed_item_links_to_internal_hosts_are_rejected_and_the_rest_is_fetched(site, http_settings):
    port = site.base_url.rsplit(":", 1)[1]
    site.route("/story", article_html("Title", STORY))
    links = [f"http://{name}:{port}/latest/meta-data/" for name in NAMES if name != "news.test"]
    feed = site.route("/feed.xml", rss([(f"item {i}", link) for i, link in enumerate(links)]
                                       + [("good", f"http://news.test:{port}/story")]),
                      content_type="application/rss+xml")
    feed = feed.replace("127.0.0.1", "news.test")
    source = SourceConfig(name="wire", kind="feed", url=feed)
    settings = strict(http_settings)
    with PoliteClient(settings, address_policy=trusting_only_127_0_0_1(**NAMES)) as client:
        items = list(read_feed(source, settings, client))
    rejected = {item.origin: item.reason for item in items if isinstance(item, Rejected)}
    assert [i.record["url"] for i in items if isinstance(i, Fetched)] == [f"http://news.test:{port}/story"]
    assert sorted(rejected) == sorted(links)
    assert "169.254.169.254 is a non-public address (link-local" in rejected[links[0]]
    assert "10.1.2.3 is a non-public address (private)" in rejected[links[1]]
    assert "192.168.1.10" in rejected[links[2]]                      # one private answer is enough to refuse
    assert "unique-local" in rejected[links[3]] and "carries the link-local" in rejected[links[4]]
    assert [r.path for r in site.requests] == ["/feed.xml", "/story"]


def test_a_redirect_hop_to_an_internal_host_is_refused(site, http_settings):
    port = site.base_url.rsplit(":", 1)[1]
    site.redirect("/old", f"http://metadata.test:{port}/latest/meta-data/iam")
    site.redirect("/moved", f"http://news.test:{port}/hop")
    site.redirect("/hop", f"http://intranet.test:{port}/admin")
    settings = strict(http_settings)
    with PoliteClient(settings, address_policy=trusting_only_127_0_0_1(**NAMES)) as client:
        for path in ("/old", "/moved"):
            with pytest.raises(FetchError) as err:
                client.get(f"http://news.test:{port}{path}", expect="page")
            assert type(err.value).__name__ == "ForbiddenAddress"
            assert "metadata.test resolves to 169.254.169.254" in err.value.reason or "10.1.2.3" in err.value.reason
    assert [r.path for r in site.requests] == ["/old", "/moved", "/hop"]


def test_the_address_checked_is_the_address_connected(site, http_settings):
    """One lookup per connection: no second resolution (DNS rebinding) between the check and the connect."""
    from sitrep.http.addresses import AddressPolicy

    answers = iter([["127.0.0.1"], ["169.254.169.254"]])   # a rebinding name: public-looking first, then not
    calls: list[str] = []

    def rebinding(host: str, port: int, timeout: float | None) -> list[str]:
        calls.append(host)
        return next(answers)

    port = site.base_url.rsplit(":", 1)[1]
    site.route("/story", article_html("Title", STORY))
    policy = AddressPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),), resolver=rebinding)
    with PoliteClient(strict(http_settings), address_policy=policy) as client:
        assert client.get(f"http://rebind.test:{port}/story", expect="page").status == 200
    assert calls == ["rebind.test"] and len(site.requests) == 1


REFUSED = ["127.0.0.1", "127.255.255.254", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
           "169.254.169.254", "100.64.0.1", "192.0.2.1", "198.18.0.1", "224.0.0.1", "239.255.255.250",
           "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1",
           "fec0::1", "ff02::1", "100::1", "2001:db8::1", "2001::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
           "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "[::1]"]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2606:4700:4700::1111",
          "2a00:1450:4001:81a::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"]


@pytest.mark.parametrize("address", REFUSED)
def test_policy_refuses_non_public_address_literals(address):
    from sitrep.http.addresses import AddressPolicy, non_public_reason

    assert non_public_reason(address)
    assert "non-public address" in AddressPolicy().refusal(address)
    assert AddressPolicy(allow_private=True).refusal(address) is None


@pytest.mark.parametrize("address", PUBLIC)
def test_policy_allows_public_address_literals(address):
    from sitrep.http.addresses import AddressPolicy, non_public_reason

    assert non_public_reason(address) is None and AddressPolicy().refusal(address) is None


def test_policy_refuses_a_name_when_any_answer_is_non_public_and_odd_ipv4_spellings():
    from sitrep.http.addresses import AddressPolicy, AddressRefused, system_resolve

    policy = AddressPolicy(resolver=table_resolver({"mixed.test": ["93.184.216.34", "10.0.0.7"],
                                                    "public.test": ["93.184.216.34", "2606:4700::6810:84e5"]}))
    with pytest.raises(AddressRefused, match="mixed.test resolves to 10.0.0.7"):
        policy.resolve("mixed.test", 80)
    assert policy.resolve("public.test", 80) == ["93.184.216.34", "2606:4700::6810:84e5"]
    # Numeric spellings the system resolver reads locally (no DNS query): all of them are 127.0.0.1.
    for spelling in ("2130706433", "127.1"):
        assert system_resolve(spelling, 80, 1.0) == ["127.0.0.1"]
        with pytest.raises(AddressRefused, match="loopback"):
            AddressPolicy().resolve(spelling, 80, 1.0)


# ───────────────────────────── malformed links in feeds and page lists ─────────────────────────────

def test_malformed_feed_links_are_rejected_items_and_the_feed_is_read_on(site, http_settings):
    port = site.base_url.rsplit(":", 1)[1]
    good = site.route("/story", article_html("Title", STORY))
    # Every host here is 127.0.0.1 (or none): the old fetcher did try some of them.
    bad = ["javascript:alert(1)", "http://[::1", "http://127.0.0.1:99999/x", f"http://127.0.0.1:{port}/a b",
           f"http://127.0.0.1:{port}/a&#127;b", f"http://127.0.0.1:{port}/a&#x200B;b", "mailto:desk@news.test",
           "http://127.0.0.1:8o/x"]
    feed = site.route("/feed.xml", rss([("empty", "")] + [(f"bad {i}", b) for i, b in enumerate(bad)]
                                       + [("good", good)]), content_type="application/rss+xml")
    source = SourceConfig(name="wire", kind="feed", url=feed)
    items = list(read_feed(source, http_settings))
    fetched = [i for i in items if isinstance(i, Fetched)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [i.record["url"] for i in fetched] == [good]
    assert len(rejected) == 1 + len(bad) and all(r.reason for r in rejected)
    assert rejected[0].reason == rejected[2].reason == "feed item has no link"   # feedparser drops http://[::1
    assert "malformed URL (Port out of range" in rejected[3].reason
    assert all("spaces or control characters" in r.reason for r in rejected[4:7])
    assert "not an http(s) URL (scheme 'javascript')" in rejected[1].reason
    assert "not an http(s) URL (scheme 'mailto')" in rejected[7].reason and "malformed URL" in rejected[8].reason
    assert [r.path for r in site.requests] == ["/feed.xml", "/story"]


def test_malformed_and_non_string_page_urls_are_rejected_and_the_list_is_read_on(site, http_settings):
    good = site.route("/story", article_html("Title", STORY))
    source = SourceConfig(name="list", kind="pages", urls=("http://[::1", 42, "javascript:void(0)", " ", good))
    items = list(read_pages(source, http_settings))
    assert [type(i).__name__ for i in items] == ["Rejected"] * 4 + ["Fetched"]
    assert "not a URL string (int)" in items[1].reason and "empty URL" in items[3].reason


# ───────────────────────────── snapshot pull over http ─────────────────────────────

def _published(tmp_path) -> dict[str, bytes]:
    tables = tmp_path / "tables"
    frame = pd.DataFrame({"event_id_cnty": ["UKR1"], "fatalities": [3]})
    atomic_write_parquet(frame, tables / "events.parquet")
    publish_snapshot(tables, str(tmp_path / "snaps"), keep=3, code_version="test", schema_version="1")
    root = tmp_path / "snaps"
    return {"/" + p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _cli_in(tmp_path, monkeypatch, http_table: str):
    """The `sitrep` command run from tmp_path with a sitrep.toml whose [http] table is http_table."""
    from sitrep.cli import main

    (tmp_path / "sitrep.toml").write_text(f"[http]\n{http_table}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    return main


def test_snapshot_pull_does_not_follow_a_redirect_to_another_server(tmp_path, site, other_site, monkeypatch,
                                                                   capsys):
    for path, data in _published(tmp_path).items():
        other_site.route(f"/snaps{path}", data, content_type="application/octet-stream")
        site.redirect(f"/snaps{path}", other_site.url(f"/snaps{path}"))
    main = _cli_in(tmp_path, monkeypatch, "allow_private_addresses = true")
    assert main(["snapshot", "pull", "--from", site.url("/snaps"), "--to", str(tmp_path / "down")]) == 1
    assert "redirect to another server refused" in capsys.readouterr().err
    assert other_site.requests == [] and len(site.requests) == 1
    assert not (tmp_path / "down").exists() or list((tmp_path / "down").iterdir()) == []


def test_snapshot_pull_refuses_a_loopback_source_by_default(tmp_path, site):
    for path, data in _published(tmp_path).items():
        site.route(f"/snaps{path}", data, content_type="application/octet-stream")
    with pytest.raises(FetchError) as err:
        pull_snapshot(site.url("/snaps"), None, tmp_path / "down")
    assert type(err.value).__name__ == "ForbiddenAddress" and site.requests == []


def test_snapshot_cli_reports_a_refused_source_in_one_line(tmp_path, site, monkeypatch, capsys):
    main = _cli_in(tmp_path, monkeypatch, "")   # the default policy
    for path, data in _published(tmp_path).items():
        site.route(f"/snaps{path}", data, content_type="application/octet-stream")
    assert main(["snapshot", "pull", "--from", site.url("/snaps"), "--to", str(tmp_path / "down")]) == 1
    assert "non-public address (loopback)" in capsys.readouterr().err
    assert site.requests == []


def test_snapshot_pull_from_a_dripping_server_ends_within_the_deadline(tmp_path, site, monkeypatch, capsys):
    for path, data in _published(tmp_path).items():
        site.route(f"/snaps{path}", data, content_type="application/octet-stream", drip_s=0.3)
    main = _cli_in(tmp_path, monkeypatch, "allow_private_addresses = true\ntimeout_s = 1.0\nretries = 0")
    started = time.monotonic()
    assert main(["snapshot", "pull", "--from", site.url("/snaps"), "--to", str(tmp_path / "down")]) == 1
    assert time.monotonic() - started < 4.5
    assert "total deadline" in capsys.readouterr().err
