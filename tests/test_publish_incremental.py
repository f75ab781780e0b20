"""The publish stage takes in only what is new: a night rewrites the partitions holding a touched row and no
other, keeps ids and untouched timestamps, equals a full publish of the same inputs, tombstones what a re-code
removes, and a rerun writes nothing. Coded batches are written here directly (no coder run)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from schemas.columns import ARTICLE_COLUMNS
from sitrep.coding.version import CODER_VERSION
from sitrep.pipeline import publish_stage
from sitrep.pipeline.code import PART_COLUMNS
from sitrep.pipeline.ingest import ARTICLE_SCHEMA
from sitrep.settings import Settings
from sitrep.store import atomic_write_parquet
from sitrep.tables import PUBLISHED_TABLES_NAMES, TableStore, read_published
from sitrep.zones import append_part, articles_dir, next_coded_batch, tables_dir
from tests.test_merge import mention

T0, T1, T2 = 1_740_000_000, 1_740_086_400, 1_740_172_800


def settings_for(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", samples_dir=tmp_path, sql_dir=tmp_path, sources=())


def row(article: str, provisional: str, **values) -> dict:
    return mention(article_id=article, event_id_cnty=provisional, coder_version=CODER_VERSION, **values)


def night(settings: Settings, day: date, rows: list[dict], no_event: tuple[str, ...] = (),
          new_raw: bool = True) -> None:
    """What ingest and code leave for one night: a raw part for the new articles, one coded batch."""
    articles = sorted({r["article_id"] for r in rows} | set(no_event))
    if new_raw:
        raw = pd.DataFrame([{c: "" for c in ARTICLE_COLUMNS} | {
            "id": a, "published": f"{day.isoformat()}T06:00:00Z", "url": f"https://news.example/{a}",
            "language": "en", "ingest_date": day.isoformat()} for a in articles])
        append_part(articles_dir(settings), day, raw, raw["id"], ARTICLE_SCHEMA)
    status = [{"article_id": a, "status": "no_event" if a in no_event else "coded",
               "events": sum(r["article_id"] == a for r in rows), "reason": "", "coder_version": CODER_VERSION}
              for a in articles]
    figures = [{"figure_id": f"{r['article_id']}-{r['event_id_cnty']}", "article_id": r["article_id"],
                "event_id_cnty": r["event_id_cnty"], "kind": "killed", "value": 3.0, "low": None, "high": None,
                "qualifier": "", "reported_by": "", "quote": r["quote"], "quote_start": 10, "quote_end": 32,
                "coder_version": CODER_VERSION} for r in rows]
    frames = {"mentions": rows, "figures": figures, "status": status}
    for part, path in next_coded_batch(settings, CODER_VERSION).items():
        atomic_write_parquet(pd.DataFrame(frames[part], columns=PART_COLUMNS[part]), path)


def partitions(settings: Settings) -> dict[str, dict[str, str]]:
    manifest = TableStore(tables_dir(settings)).read_manifest()
    assert manifest is not None
    return {t: {k: p.path for k, p in parts.items()} for t, parts in manifest.tables.items()}


OLD = row("a1", "UKR901", event_date="2019-05-02", year=2019)          # a 2019 event
IZIUM = dict(location="Izium", latitude=49.2120, longitude=37.2560)
RECENT = row("b1", "UKR902", event_date="2025-02-06", **IZIUM)
SECOND = row("c1", "UKR903", event_date="2025-02-06", source="Outlet C", **IZIUM)   # the same event, elsewhere


def test_a_night_rewrites_only_the_partitions_it_touches_and_a_rerun_writes_nothing(tmp_path):
    settings = settings_for(tmp_path)
    night(settings, date(2025, 2, 6), [OLD, RECENT])
    first = publish_stage(settings, now=T0)
    assert first.written == list(PUBLISHED_TABLES_NAMES)
    before, ids = partitions(settings), read_published(tables_dir(settings), "events")

    night(settings, date(2025, 2, 7), [SECOND])
    second = publish_stage(settings, now=T1)
    after = partitions(settings)
    events = read_published(tables_dir(settings), "events").set_index("location")
    assert after["events"]["year=2019"] == before["events"]["year=2019"]       # untouched year: same file
    assert after["events"]["year=2025"] != before["events"]["year=2025"]
    assert after["articles"]["year=2025"] != before["articles"]["year=2025"]
    assert after["deleted_events"] == before["deleted_events"] and after["quarantine"] == before["quarantine"]
    assert second.written == ["events", "figures", "articles", "event_mentions"]
    assert events.at["Izium", "source"] == "Outlet A; Outlet C" and events.at["Izium", "timestamp"] == T1
    assert events.at["Kupiansk", "timestamp"] == T0
    assert dict(zip(ids["location"], ids["event_id_cnty"], strict=True)) == events["event_id_cnty"].to_dict()

    files = sorted(p.relative_to(tmp_path).as_posix() for p in tables_dir(settings).rglob("*"))
    manifest = (tables_dir(settings) / "manifest.json").read_bytes()
    assert publish_stage(settings, now=T2).written == []
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tables_dir(settings).rglob("*")) == files
    assert (tables_dir(settings) / "manifest.json").read_bytes() == manifest


def test_a_night_equals_a_full_publish_of_the_same_inputs(tmp_path):
    settings = settings_for(tmp_path)
    night(settings, date(2025, 2, 6), [OLD, RECENT])
    publish_stage(settings, now=T0)
    night(settings, date(2025, 2, 7), [SECOND, row("d1", "UKR904", event_date="2025-02-07", location="Balakliia",
                                                   latitude=49.4627, longitude=36.8586)])
    publish_stage(settings, now=T1)
    incremental = {t: read_published(tables_dir(settings), t) for t in PUBLISHED_TABLES_NAMES}
    files = partitions(settings)
    (tables_dir(settings) / "manifest.json").unlink()          # the next publish is a full one
    publish_stage(settings, now=T2)
    for name in PUBLISHED_TABLES_NAMES:
        pd.testing.assert_frame_equal(read_published(tables_dir(settings), name), incremental[name])
    assert partitions(settings) == files                        # the same bytes, partition by partition


def test_a_recode_that_drops_an_event_tombstones_it_and_empties_its_year(tmp_path):
    settings = settings_for(tmp_path)
    night(settings, date(2025, 2, 6), [OLD, RECENT])
    publish_stage(settings, now=T0)
    old_id = read_published(tables_dir(settings), "events").set_index("article_id").at["a1", "event_id_cnty"]

    night(settings, date(2025, 2, 7), [], no_event=("a1",), new_raw=False)    # a1 re-coded: no event after all
    publish_stage(settings, now=T1)
    assert "year=2019" not in partitions(settings)["events"]
    assert read_published(tables_dir(settings), "deleted_events").to_dict("records") == [
        {"event_id_cnty": old_id, "deleted_at": T1, "reason": f"no longer coded by coder {CODER_VERSION}"}]
    articles = read_published(tables_dir(settings), "articles").set_index("article_id")
    assert articles.at["a1", "status"] == "no_event"
    assert set(read_published(tables_dir(settings), "figures")["article_id"]) == {"b1"}
