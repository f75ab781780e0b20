import dataclasses
import time

import pytest

from sitrep.settings import SourceConfig
from sitrep.sources import Fetched, Rejected
from sitrep.sources.feeds import FeedError, read_feed
from sitrep.sources.state import commit_staged_states, discard_staged_states, load_state, staged_state

from .conftest import OTHER_STORY, STORY, article_html, http_date


def rss(items: list[dict], language: str = "en-gb", title: str = "Example Wire") -> str:
    rows = []
    for item in items:
        date = f"<pubDate>{item['date']}</pubDate>" if item.get("date") else ""
        link = f"<link>{item['link']}</link>" if item.get("link") else ""
        rows.append(f"<item><title>{item['title']}</title>{link}{date}<description>teaser</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>news</description><language>{language}</language>"
            f'{"".join(rows)}</channel></rss>')


def atom(entries: list[dict]) -> str:
    rows = "".join(
        f'<entry><title>{e["title"]}</title><link href="{e["link"]}"/><id>{e["link"]}</id>'
        f'<updated>{e["date"]}</updated></entry>' for e in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
            f"<title>Agence Exemple</title><id>urn:x</id><updated>2025-02-05T00:00:00Z</updated>{rows}</feed>")


def feed_source(site, path="/feed.xml", **kw) -> SourceConfig:
    return SourceConfig(name=kw.pop("name", "wire"), kind="feed", url=site.url(path), **kw)


@pytest.fixture(autouse=True)
def _no_leftover_state(http_settings):
    yield
    discard_staged_states(http_settings)


def two_story_site(site, **feed_kw):
    site.route("/a", article_html("Village attack", STORY, published="2025-01-01"))
    site.route("/b", article_html("Capital protest", OTHER_STORY))
    body = rss([
        {"title": "Gunmen kill 12", "link": site.url("/a?utm_source=rss&utm_medium=feed"),
         "date": "Tue, 04 Feb 2025 08:00:00 GMT"},
        {"title": "Protest in capital", "link": site.url("/b"), "date": "Wed, 05 Feb 2025 09:30:00 GMT"},
    ])
    site.route("/feed.xml", body, content_type="application/rss+xml; charset=utf-8", **feed_kw)


def test_good_rss_yields_new_items_as_records(site, http_settings):
    two_story_site(site)
    items = list(read_feed(feed_source(site, outlet=None), http_settings))
    assert [type(i) for i in items] == [Fetched, Fetched]
    first = items[0].record
    assert first["url"] == site.url("/a")                    # tracking parameters dropped
    assert first["published"] == "2025-02-04T08:00:00+00:00"  # the feed's date beats the page's
    assert first["title"] == "Village attack"
    assert first["text"].startswith("Gunmen attacked a village")
    assert first["language"] == "en"                          # the feed declares en-gb
    assert first["outlet"] == "Example Wire"                  # the feed's title when the config names none
    assert items[1].record["text"].startswith("Protesters gathered")


def test_configured_outlet_and_language_win(site, http_settings):
    two_story_site(site)
    items = list(read_feed(feed_source(site, outlet="The Wire", language="fr"), http_settings))
    assert {i.record["outlet"] for i in items} == {"The Wire"}
    assert {i.record["language"] for i in items} == {"fr"}


def test_good_atom_with_page_date_when_feed_has_none(site, http_settings):
    site.route("/c", article_html("Attaque", STORY, published="2025-02-03T10:00:00Z"))
    site.route("/feed.atom", atom([{"title": "Attaque", "link": site.url("/c"), "date": "2025-02-04T06:00:00Z"}]),
               content_type="application/atom+xml")
    items = list(read_feed(feed_source(site, "/feed.atom"), http_settings))
    assert len(items) == 1 and items[0].record["language"] == "fr"
    assert items[0].record["published"] == "2025-02-04T06:00:00+00:00"

    site.route("/feed2.xml", rss([{"title": "Undated", "link": site.url("/c")}]),
               content_type="application/rss+xml")
    undated = list(read_feed(feed_source(site, "/feed2.xml", name="undated"), http_settings))
    assert undated[0].record["published"].startswith("2025-02-03")   # from the page


def test_conditional_get_on_the_second_run(site, http_settings):
    two_story_site(site, etag='"v1"', last_modified=http_date(time.time() - 3600))
    source = feed_source(site)
    assert len(list(read_feed(source, http_settings))) == 2
    assert site.hits("/feed.xml")[0].headers.get("if-none-match") is None
    commit_staged_states(http_settings)
    assert load_state(http_settings, "wire").etag == '"v1"'

    assert list(read_feed(source, http_settings)) == []
    second = site.hits("/feed.xml")[1].headers
    assert second["if-none-match"] == '"v1"' and "if-modified-since" in second
    assert len(site.hits("/a")) == 1 and len(site.hits("/b")) == 1


def test_seen_items_are_skipped_without_fetching(site, http_settings):
    two_story_site(site)  # no validators: the feed is read again, its known items are not
    source = feed_source(site)
    list(read_feed(source, http_settings))
    commit_staged_states(http_settings)
    site.route("/c", article_html("New", STORY))
    site.route("/feed.xml", rss([{"title": "Old", "link": site.url("/a?utm_campaign=x")},
                                 {"title": "New", "link": site.url("/c"), "date": "Thu, 06 Feb 2025 08:00:00 GMT"}]),
               content_type="application/rss+xml")
    items = list(read_feed(source, http_settings))
    assert [i.record["url"] for i in items] == [site.url("/c")]
    assert len(site.hits("/a")) == 1


def test_state_advances_only_when_committed(site, http_settings):
    two_story_site(site, etag='"v1"')
    source = feed_source(site)
    list(read_feed(source, http_settings))
    assert staged_state(http_settings, "wire") is not None
    discard_staged_states(http_settings)          # the run's ingest failed
    assert len(list(read_feed(source, http_settings))) == 2   # everything read again
    assert "if-none-match" not in site.hits("/feed.xml")[1].headers


def test_item_failures_become_rejected_items_and_the_rest_still_run(site, http_settings):
    site.route("/a", article_html("Village attack", STORY))
    site.route("/empty", article_html("Nothing here", []))
    site.route("/down", b"", fail_first=99)
    site.redirect("/loop1", "/loop2")
    site.redirect("/loop2", "/loop1")
    site.route("/feed.xml", rss([
        {"title": "404", "link": site.url("/gone")},
        {"title": "empty", "link": site.url("/empty")},
        {"title": "5xx", "link": site.url("/down")},
        {"title": "loop", "link": site.url("/loop1")},
        {"title": "no link"},
        {"title": "good", "link": site.url("/a")},
    ]), content_type="text/xml", etag='"v1"')
    items = list(read_feed(feed_source(site), http_settings))
    reasons = [i.reason for i in items if isinstance(i, Rejected)]
    reasons[1] = reasons[1].split(" (")[0]   # "(N words)" depends on the extractor
    assert reasons == ["page fetch failed: HTTP 404", "page has no main text",
                       "page fetch failed: HTTP 503", f"page fetch failed: redirect loop back to {site.url('/loop1')}",
                       "feed item has no link"]
    assert isinstance(items[-1], Fetched)
    state = staged_state(http_settings, "wire")
    # The 503 item may pass next time: it is not marked as read and the feed's validators are not kept.
    assert site.url("/down") not in state.seen_urls and site.url("/gone") in state.seen_urls
    assert state.etag is None


@pytest.mark.parametrize("body, content_type, reason", [
    ("<rss><channel><title>broken", "application/rss+xml", "malformed feed"),
    ("<html><body>not a feed</body></html>", "text/html", "expected an RSS/Atom/XML document"),
    ("", "application/rss+xml", "empty document"),
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
     '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title>'
     "<item><title>&lol3;</title><link>http://x/</link></item></channel></rss>",
     "application/rss+xml", "declares XML entities"),
    ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item>&x;',
     "application/rss+xml", "declares XML entities"),
])
def test_a_bad_feed_fails_as_a_whole_with_a_reason(site, http_settings, body, content_type, reason):
    site.route("/feed.xml", body, content_type=content_type)
    with pytest.raises(FeedError, match=reason):
        list(read_feed(feed_source(site), http_settings))


def test_unreachable_and_oversized_feeds_fail_with_a_reason(site, http_settings):
    with pytest.raises(FeedError, match="HTTP 404"):
        list(read_feed(feed_source(site, "/nope.xml"), http_settings))
    site.route("/huge.xml", "<rss>" + "x" * 100_000, content_type="application/rss+xml")
    with pytest.raises(FeedError, match="limit"):
        list(read_feed(feed_source(site, "/huge.xml"), http_settings))


def test_non_utf8_feed_is_read_by_its_declared_encoding(site, http_settings):
    site.route("/a", article_html("Village attack", STORY))
    body = rss([{"title": "Атака на деревню", "link": site.url("/a")}], language="ru")
    body = body.replace('encoding="utf-8"', 'encoding="windows-1251"').encode("cp1251")
    site.route("/feed.xml", body, content_type="application/rss+xml")
    items = list(read_feed(feed_source(site), http_settings))
    assert items[0].record["language"] == "ru"
    # the page has a title of its own; the feed's (decoded) title is the fallback
    assert items[0].record["title"] == "Village attack"


def test_feed_behind_a_slow_server_times_out_as_a_whole(site, http_settings):
    site.route("/feed.xml", rss([]), content_type="application/rss+xml", delay_s=1.0)
    with pytest.raises(FeedError, match="timeout"):
        list(read_feed(feed_source(site), dataclasses.replace(http_settings, http_timeout_s=0.2)))


def test_a_public_dtd_without_entities_is_accepted_and_html_entities_are_read():
    from sitrep.sources.feeds import parse_feed_bytes

    body = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>T</title>'
            b"<item><title>Caf&#233;&nbsp;attack</title><link>http://x/a</link></item></channel></rss>")
    parsed = parse_feed_bytes(body, "http://x/feed")
    assert parsed.entries[0].title.startswith("Café")   # a character reference read, an HTML entity tolerated


def test_an_atom_entry_of_its_own_language_keeps_it(site, http_settings):
    site.route("/d", article_html("Attack", STORY, lang=""))
    site.route("/e", article_html("Attaque", STORY[::-1], lang=""))
    rows = (f'<entry xml:lang="en-GB"><title>Attack</title><link href="{site.url("/d")}"/><id>d</id>'
            f'<updated>2025-02-04T06:00:00Z</updated></entry>'
            f'<entry><title>Attaque</title><link href="{site.url("/e")}"/><id>e</id>'
            f'<updated>2025-02-04T07:00:00Z</updated></entry>')
    body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
            f"<title>Agence</title><id>urn:y</id><updated>2025-02-05T00:00:00Z</updated>{rows}</feed>")
    site.route("/mixed.atom", body, content_type="application/atom+xml")
    items = list(read_feed(feed_source(site, "/mixed.atom", name="mixed"), http_settings))
    assert [i.record["language"] for i in items] == ["en", "fr"]     # the entry's own, else the feed's
