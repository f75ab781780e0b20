"""The publish stage over a real raw zone: one event reported by two outlets becomes one row, ids stay put."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd

from sitrep.pipeline import code_stage, publish_stage
from sitrep.pipeline.ingest import ingest_sources
from sitrep.settings import Settings, SourceConfig
from sitrep.tables import read_published
from sitrep.zones import tables_dir

REPORTS = [
    {"url": "https://wire-one.example/kharkiv-shelling", "outlet": "Wire One", "source_scale": "International",
     "published": "2025-03-05", "title": "Shelling kills two in Kharkiv",
     "text": "Russian forces shelled the city of Kharkiv in northeastern Ukraine on Tuesday, killing two civilians, "
             "regional governor Oleh Syniehubov said."},
    {"url": "https://daily-two.example/news/77", "outlet": "Daily Two", "source_scale": "National",
     "published": "2025-03-05", "title": "Kharkiv hit by Russian artillery",
     "text": "Two civilians were killed when Russian artillery shelled Kharkiv on Tuesday, officials in the "
             "northeastern Ukrainian city said."},
]


def settings_for(tmp_path: Path, records: list[dict]) -> Settings:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return Settings(data_dir=tmp_path / "data", samples_dir=inbox, sql_dir=tmp_path / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox)),))


def run_stages(settings: Settings, now: int) -> pd.DataFrame:
    ingest_sources(settings)
    code_stage(settings)
    publish_stage(settings, now=now)
    return read_published(tables_dir(settings), "events")


def test_two_outlets_one_event_two_mentions_and_stable_ids(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, REPORTS)

    events = run_stages(settings, now=1_741_200_000)

    mentions = read_published(tables_dir(settings), "event_mentions")
    assert len(events) == 1
    event = events.iloc[0]
    assert event["source"] == "Wire One; Daily Two"
    assert event["source_scale"] == "National-International"
    assert event["location"] == "Kharkiv" and event["fatalities"] == 2
    assert event["event_id_cnty"].startswith("UKR")
    assert sorted(mentions["article_id"]) == sorted(read_published(tables_dir(settings), "articles")["article_id"])

    # A third report of the same event, and a forced re-code: the id and timestamp stay put.
    third = {**REPORTS[0], "url": "https://third.example/k", "outlet": "Third Post",
             "text": "Russian shelling killed two civilians in Kharkiv on Tuesday, Ukrainian officials said."}
    settings = dataclasses.replace(settings_for(tmp_path, [*REPORTS, third]))
    again = run_stages(settings, now=1_741_300_000)
    code_stage(settings, force=True)
    publish_stage(settings, now=1_741_400_000)
    final = read_published(tables_dir(settings), "events")

    assert list(again["event_id_cnty"]) == list(events["event_id_cnty"]) == list(final["event_id_cnty"])
    assert "Third Post" in final.iloc[0]["source"]
    assert final.iloc[0]["timestamp"] == again.iloc[0]["timestamp"]
