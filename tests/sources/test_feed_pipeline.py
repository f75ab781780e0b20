"""Issue 4's acceptance, stage by stage without Prefect: two feeds on 127.0.0.1, one broken; the good one's
articles are ingested and coded, the broken one is reported; a second run fetches nothing new and adds no rows."""

from __future__ import annotations

import dataclasses

from sitrep.pipeline import code_stage, publish_stage
from sitrep.pipeline.ingest import ingest_sources, read_raw_articles
from sitrep.settings import SourceConfig
from sitrep.tables import read_published
from sitrep.zones import tables_dir

from .conftest import article_html

PAGES = {
    "/jos": ("Gunmen kill 9 in central Nigeria", [
        "Gunmen killed nine villagers in an attack on Mangu in Nigeria's Plateau State on Monday, police said.",
        "The attackers arrived on motorcycles and opened fire on residents, a police spokesman said by phone.",
        "Troops were later deployed to the area.",
    ]),
    "/kharkiv": ("Russian shelling hits Kharkiv", [
        "Russian artillery shelled the Ukrainian city of Kharkiv on Tuesday, killing two civilians, the regional "
        "governor said.",
        "Several apartment blocks were damaged in the strike, according to local officials.",
    ]),
}


def rss(site) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link>"
        f"<pubDate>Wed, 05 Mar 2025 0{i}:00:00 GMT</pubDate></item>"
        for i, (path, (title, _)) in enumerate(PAGES.items()))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"<link>{site.url('/')}</link><description>news</description>{items}</channel></rss>")


def test_good_feed_coded_broken_feed_reported_and_rerun_adds_nothing(site, http_settings):
    for path, (title, paragraphs) in PAGES.items():
        site.route(path, article_html(title, paragraphs))
    site.route("/good.xml", rss(site), content_type="application/rss+xml", etag='"v1"')
    site.route("/broken.xml", "<rss><channel><title>cut off mid-docum", content_type="application/rss+xml")
    settings = dataclasses.replace(http_settings, sql_dir=http_settings.data_dir / "sql", sources=(
        SourceConfig(name="good", kind="feed", url=site.url("/good.xml"), outlet="Example Wire",
                     source_scale="International"),
        SourceConfig(name="broken", kind="feed", url=site.url("/broken.xml"), outlet="Broken Times"),
    ))

    first = ingest_sources(settings)
    coded = code_stage(settings)
    published = publish_stage(settings, now=1_741_000_000)

    assert first.new == 2
    assert [e.source for e in first.errors] == ["broken"] and first.errors[0].reason
    assert sorted(read_raw_articles(settings)["url"]) == sorted(site.url(p) for p in PAGES)
    assert coded.coded + coded.no_event == 2 and coded.coded >= 1
    events = read_published(tables_dir(settings), "events")
    assert len(events) == published.events and set(events["source"]) == {"Example Wire"}

    pages_before = sum(len(site.hits(p)) for p in PAGES)
    second = ingest_sources(settings)
    recoded = code_stage(settings)
    republished = publish_stage(settings, now=1_741_999_999)

    assert site.hits("/good.xml")[-1].headers.get("if-none-match") == '"v1"'   # conditional GET → 304
    assert sum(len(site.hits(p)) for p in PAGES) == pages_before                 # no page fetched again
    assert second.new == 0 and recoded.coded == recoded.no_event == 0
    assert republished.written == []
    assert [e.source for e in second.errors] == ["broken"]
