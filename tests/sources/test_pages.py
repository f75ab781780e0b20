import dataclasses
from datetime import date

from sitrep.near_duplicates import duplicate_ids, read_links
from sitrep.pipeline.ingest import ingest_sources, read_raw_articles, read_raw_quarantine
from sitrep.settings import SourceConfig
from sitrep.sources import Fetched, Rejected
from sitrep.sources.pages import read_pages
from sitrep.sources.state import commit_staged_states, load_state

from .conftest import OTHER_STORY, STORY, article_html


def test_pages_are_fetched_extracted_and_failures_rejected(site, http_settings):
    site.route("/a", article_html("Village attack", STORY, published="2025-02-04", site_name="Daily Example"))
    site.route("/empty", article_html("Cookie wall", []))
    site.route("/pdf", b"%PDF", content_type="application/pdf")
    source = SourceConfig(name="statements", kind="pages",
                          urls=(site.url("/a?utm_source=x"), site.url("/gone"), site.url("/empty"), site.url("/pdf")))
    items = list(read_pages(source, http_settings))
    assert isinstance(items[0], Fetched)
    assert items[0].record["url"] == site.url("/a")
    assert items[0].record["published"] == "2025-02-04"
    assert items[0].record["outlet"] == "Daily Example"
    assert [i.reason.split(" (")[0] for i in items[1:]] == [
        "page fetch failed: HTTP 404", "page has no main text",
        "page fetch failed: expected an HTML document, got content type 'application/pdf'"]
    assert all(isinstance(i, Rejected) for i in items[1:])


def test_pages_read_before_are_not_fetched_again(site, http_settings):
    site.route("/a", article_html("Village attack", STORY, published="2025-02-04"))
    source = SourceConfig(name="statements", kind="pages", urls=(site.url("/a"),))
    assert len(list(read_pages(source, http_settings))) == 1
    commit_staged_states(http_settings)
    assert list(read_pages(source, http_settings)) == []
    assert len(site.hits("/a")) == 1


def test_ingest_reads_feeds_and_pages_links_copies_and_commits_state(site, http_settings):
    site.route("/a", article_html("Village attack", STORY, published="2025-02-04"))
    wire_copy = ["(Wire) - " + STORY[0].replace("local officials said", "officials said"), *STORY[1:],
                 "Reporting by a correspondent; editing by a desk editor. Our standards apply."]
    site.route("/copy", article_html("Gunmen kill 12 in village", wire_copy, published="2025-02-04"))
    site.route("/b", article_html("Capital protest", OTHER_STORY, published="2025-02-05"))
    site.route("/feed.xml",
               '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>en</language>'
               f'<item><title>A</title><link>{site.url("/a")}</link></item>'
               f'<item><title>Gone</title><link>{site.url("/gone")}</link></item>'
               f'<item><title>Copy</title><link>{site.url("/copy")}</link></item></channel></rss>',
               content_type="application/rss+xml", etag='"v1"')
    settings = dataclasses.replace(http_settings, sources=(
        SourceConfig(name="wire", kind="feed", url=site.url("/feed.xml"), source_scale="International"),
        SourceConfig(name="broken", kind="feed", url=site.url("/missing.xml")),
        SourceConfig(name="statements", kind="pages", urls=(site.url("/b"),)),
    ))
    result = ingest_sources(settings, ingest_date=date(2025, 2, 6))

    assert result.new == 3 and result.near_duplicates == 1
    assert [e.source for e in result.errors] == ["broken"] and "HTTP 404" in result.errors[0].reason
    articles = read_raw_articles(settings).set_index("url")
    assert articles.loc[site.url("/a"), "source_scale"] == "International"
    links = read_links(settings)
    assert links["duplicate_of"].tolist() == [articles.loc[site.url("/a"), "id"]]
    assert duplicate_ids(settings) == {articles.loc[site.url("/copy"), "id"]}
    assert read_raw_quarantine(settings)["reason"].tolist() == ["page fetch failed: HTTP 404"]
    assert load_state(settings, "wire").etag == '"v1"'
    assert load_state(settings, "broken").etag is None

    again = ingest_sources(settings, ingest_date=date(2025, 2, 7))   # 304 and already-read pages: nothing new
    assert (again.new, again.seen, again.near_duplicates) == (0, 0, 0)
    assert len(site.hits("/a")) == 1
