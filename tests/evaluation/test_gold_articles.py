import json
import logging
from datetime import date
from pathlib import Path

import pytest

from sitrep.evaluation.gold_articles import GoldArticleError, load_gold_articles
from sitrep.evaluation.loaders import detect_gold_kind, load_gold
from tests.evaluation.conftest import GOLD_ARTICLES, MUC_SCOPE, gold_article, gold_event

SHARED_ARTICLES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "articles"


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_detects_gold_articles_and_refuses_plain_jsonl(gold_articles_jsonl: Path, tmp_path: Path) -> None:
    assert detect_gold_kind(gold_articles_jsonl) == "articles"
    plain = write_jsonl(tmp_path / "plain.jsonl", [{"id": "a", "text": "x"}])
    with pytest.raises(ValueError, match="gold"):
        load_gold(plain)


def test_loads_records_and_gold(gold_articles_jsonl: Path) -> None:
    gold = load_gold(gold_articles_jsonl)
    assert gold.kind == "articles"
    assert [a["id"] for a in gold.articles] == [a["id"] for a in GOLD_ARTICLES]
    assert gold.articles[0]["outlet"] == "Test Wire" and gold.articles[0]["published"] == "2021-05-08"
    assert "gold" not in gold.articles[0]
    first, third, fourth = gold.article_gold[0], gold.article_gold[2], gold.article_gold[3]
    assert first.scope == tuple(MUC_SCOPE) and fourth.scope is None
    assert third.has_event is None and third.events[0].date_from is None
    assert [e.optional for e in first.events] == [False, False, True]
    assert first.events[0].places == ("Northland", "Ñorville") and first.events[1].fatalities is None
    assert len(gold.events) == 6          # 3 + 1 + 1 + 1


def test_limit_counts_articles(gold_articles_jsonl: Path) -> None:
    assert len(load_gold(gold_articles_jsonl, limit=2).article_gold) == 2


def test_one_day_and_reversed_range(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    one_day = gold_event(["Riots"], "2021-02-03")
    one_day["date_to"] = None
    reversed_range = gold_event(["Riots"], "2021-03-09", "2021-03-02")
    path = write_jsonl(tmp_path / "g.jsonl", [gold_article("a", "text", True, None, [one_day, reversed_range])])
    with caplog.at_level(logging.WARNING):
        events = load_gold_articles(path).article_gold[0].events
    assert (events[0].date_from, events[0].date_to) == (date(2021, 2, 3), date(2021, 2, 3))
    assert (events[1].date_from, events[1].date_to) == (date(2021, 3, 2), date(2021, 3, 9))
    assert "g.jsonl:1: date_from 2021-03-09 is after date_to 2021-03-02" in caplog.text


@pytest.mark.parametrize("bad, message", [
    ({"has_event": "yes", "scope": None, "events": []}, "has_event must be"),
    ({"has_event": True, "scope": None, "events": [{"event_type": []}]}, "at least one accepted event_type"),
    ({"has_event": True, "scope": None, "events": [gold_event(["Riots"], "3 May")]}, "not an ISO date"),
    ({"has_event": True, "scope": None, "events": [gold_event(["Riots"], None, fatalities=-1)]}, "fatalities"),
])
def test_bad_gold_names_file_and_line(tmp_path: Path, bad: dict, message: str) -> None:
    good = gold_article("a", "text", False, None, [])
    path = write_jsonl(tmp_path / "g.jsonl", [good, {**good, "id": "b", "gold": bad}])
    with pytest.raises(GoldArticleError, match=rf"g\.jsonl:2: .*{message}"):
        load_gold_articles(path)


def test_duplicate_ids_and_missing_text(tmp_path: Path) -> None:
    good = gold_article("a", "text", False, None, [])
    with pytest.raises(GoldArticleError, match="occurs twice"):
        load_gold_articles(write_jsonl(tmp_path / "d.jsonl", [good, good]))
    with pytest.raises(GoldArticleError, match="g.jsonl:1: no article text"):
        load_gold_articles(write_jsonl(tmp_path / "g.jsonl", [{**good, "text": " "}]))


@pytest.mark.skipif(not (SHARED_ARTICLES / "muc4_dev.jsonl").exists(), reason="../shared/eval is absent")
@pytest.mark.parametrize("name", ["muc4_dev.jsonl", "glocon_sample.jsonl"])
def test_shared_gold_articles_load(name: str) -> None:
    gold = load_gold(SHARED_ARTICLES / name)
    assert gold.kind == "articles" and len(gold.articles) == len(gold.article_gold) > 500
