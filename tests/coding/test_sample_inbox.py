"""The sample inbox's long articles (data/samples, written by the team) coded as the pipeline codes them: ordinary
news that borrows the words of conflict gives no event, text in capitals or in lower case with mojibake is coded
as well as clean text, and a long wire story with quotes and background gives its own events only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.coding.coder import Coder
from tests.coding.golden.build import sample_articles


@pytest.fixture(scope="module")
def coded() -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each sample article by the start of its title → (the article as ingest stores it, its event rows)."""
    coder = Coder()
    return {str(a.get("title") or ""): (a, coder.code_article(a).events) for a in sample_articles()}


def _events(coded: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]], title_start: str) -> list[dict[str, Any]]:
    matches = [rows for title, (_, rows) in coded.items() if title.startswith(title_start)]
    assert len(matches) == 1, f"no single sample titled {title_start!r}"
    return matches[0]


@pytest.mark.parametrize("title_start, why", [
    ("Nigerian stocks rally", "a market report: 'rally', 'lead the charge', 'under attack', 'routed'"),
    ("Kenya: shopkeeper shot dead", "crime for gain with no political actor; an arrest for cattle theft"),
    ("Uganda: trial of 32", "a court report retelling a riot of the year before; a cumulative detention count"),
    ("Football: Pirates' attack", "a match report: 'attack', 'clash', 'shot', 'killed', 'battle'"),
])
def test_ordinary_news_gives_no_event(coded, title_start: str, why: str) -> None:
    rows = _events(coded, title_start)
    assert rows == [], f"{why}: got {[(r['sub_event_type'], r['quote'][:80]) for r in rows]}"


def test_all_capitals_wire_report_is_coded_and_placed(coded) -> None:
    rows = _events(coded, "BURKINA FASO: GUNMEN KILL 14")
    assert [(r["sub_event_type"], r["country"], r["admin1"], r["location"], r["fatalities"]) for r in rows] == [
        ("Attack", "Burkina Faso", "Sahel", "Djibo", 14)]
    assert rows[0]["event_date"] == "2025-05-04"  # "ON SUNDAY" in a report of Tuesday 6 May


def test_lower_case_article_with_mojibake_is_repaired_and_coded(coded) -> None:
    article, rows = next(v for t, v in coded.items() if t.startswith("ghana: traders close shops"))
    assert "â€" not in article["text"] and "government’s new levy" in article["text"]
    assert [(r["sub_event_type"], r["country"], r["admin1"], r["location"]) for r in rows] == [
        ("Peaceful protest", "Ghana", "Ashanti", "Kumasi")]


def test_long_wire_story_gives_its_own_events_not_its_background(coded) -> None:
    rows = _events(coded, "DR Congo: ADF rebels kill 23")
    by_type = {(r["sub_event_type"], r["event_date"]): r for r in rows}
    attack = by_type[("Attack", "2025-10-12")]  # "on Sunday night", in a report of Tuesday 14 October
    assert attack["actor1"].startswith("ADF") and attack["admin1"] == "Nord-Kivu" and attack["fatalities"] == 23
    m23 = [r for r in rows if "M23" in f"{r['actor1']} {r['actor2']}"]
    assert [(r["sub_event_type"], r["event_date"]) for r in m23] == [("Armed clash", "2025-10-13")]
    # Background: the ADF's toll "since January", the seizure of Goma "in January", a march planned for Thursday.
    assert all(r["fatalities"] < 100 for r in rows)
    assert not any(r["sub_event_type"] in ("Non-state actor overtakes territory", "Peaceful protest") for r in rows)


def test_no_sample_event_is_dated_after_its_article(coded) -> None:
    for article, rows in coded.values():
        published = dt.date.fromisoformat(str(article["published"])[:10])
        late = [(r["event_date"], r["quote"][:80]) for r in rows if dt.date.fromisoformat(r["event_date"]) > published]
        assert late == [], f"{article.get('title')}: events after publication {late}"
