"""Gold-article scoring against numbers worked out by hand (the fixture is in conftest.py)."""

from datetime import date

import pytest

from sitrep.evaluation.article_scoring import (
    align_article,
    date_agrees,
    name_occurs,
    place_agrees,
    score_gold_articles,
)
from sitrep.evaluation.gold_articles import GoldEvent, parse_article_gold
from tests.evaluation.conftest import ERV, GOLD_ARTICLES, PREDICTIONS, VAC, gold_event, predicted


def golds() -> list:
    return [parse_article_gold(a["id"], a["gold"]) for a in GOLD_ARTICLES]


def one_event(**overrides) -> GoldEvent:
    return parse_article_gold("x", {"has_event": True, "scope": None,
                                    "events": [gold_event([VAC], "2021-05-03", "2021-05-05", **overrides)]}).events[0]


def test_date_range_widened_by_one_day_each_side() -> None:
    event = one_event()
    assert (event.date_from, event.date_to) == (date(2021, 5, 3), date(2021, 5, 5))
    for day, agrees in [("2021-05-01", False), ("2021-05-02", True), ("2021-05-04", True),
                        ("2021-05-06", True), ("2021-05-07", False), ("", False)]:
        assert date_agrees(event, {"event_date": day}) is agrees, day


def test_place_names_fold_and_whole_words() -> None:
    event = one_event(places=("Ñorville", "San José"))
    assert place_agrees(event, {"location": "NORVILLE"})
    assert place_agrees(event, {"admin3": "san jose"})
    assert place_agrees(event, {"place_text": "on the road to San Jose de Arriba"})
    assert not place_agrees(event, {"location": "Norville Heights", "place_text": "Norvilleton"})
    assert not place_agrees(one_event(), {"location": "Anywhere"})   # a gold event without places never agrees
    assert name_occurs("ica", "ica province") and not name_occurs("ica", "jamaica")


def test_only_gold_events_accepting_the_type_align() -> None:
    only_explosions = parse_article_gold("x", {"has_event": True, "scope": None,
                                               "events": [gold_event([ERV], "2021-05-04")]}).events
    attack = predicted("x", VAC, "Attack", "2021-05-04", "q")
    assert align_article(only_explosions, [attack]) == []
    bombing = predicted("x", ERV, "Remote explosive/landmine/IED", "2021-05-20", "q", country="Elsewhere")
    assert align_article(only_explosions, [attack, bombing]) == [(0, 1)]   # the type alone is agreement


def test_greedy_alignment_of_the_fixture_article() -> None:
    first = golds()[0]
    scoped = [p for p in PREDICTIONS if p["article_id"] == "art-1" and p["event_type"] != "Battles"]
    # p1 agrees with E1 on everything (8), p3 with the optional E3 on type, day, country (7); p2 ties E1 and
    # E2 at 6 but E1 is spent; p5 (Attack) finds no free gold event accepting its type.
    assert align_article(first.events, scoped) == [(0, 0), (1, 1), (2, 2)]


def test_document_measures() -> None:
    doc = score_gold_articles(golds(), PREDICTIONS)["document"]
    # art-1, art-4 found; art-2 has only invented rows; art-5 missed; art-6's only row (Battles) is out of
    # scope, so it is a true negative; art-3 (has_event null) is not scored.
    assert (doc["true_positives"], doc["false_positives"], doc["false_negatives"],
            doc["true_negatives"]) == (2, 1, 1, 1)
    assert (doc["articles_scored"], doc["unknown"]) == (5, 1)
    assert doc["precision"] == doc["recall"] == doc["f1"] == pytest.approx(2 / 3)


def test_event_measures() -> None:
    scores = score_gold_articles(golds(), PREDICTIONS)
    events = scores["events"]
    assert scores["predicted_out_of_scope"] == 3
    assert (events["predictions_in_scope"], events["aligned"], events["aligned_optional"]) == (8, 5, 2)
    assert (events["hits"], events["gold_events"], events["optional_gold_events"]) == (2, 4, 2)
    assert events["precision"] == pytest.approx(2 / 6)        # 8 predictions − 2 aligned to optional events
    assert events["recall"] == pytest.approx(2 / 4)
    assert events["f1"] == pytest.approx(0.4)
    assert events["precision_over_all_predictions"] == pytest.approx(2 / 8)


def test_aligned_pair_accuracies() -> None:
    fields = score_gold_articles(golds(), PREDICTIONS)["fields"]
    # Pairs: art-1 E1/p1 (all right), art-1 E2/p2 (date 4 days out, no fatality count), art-4 (place is only
    # an admin1 "Gamma Province", fatalities 1 for 0). Optional pairs are not judged.
    assert {k: (v["right"], v["judged"]) for k, v in fields.items()} == {
        "date": (2, 3), "country": (3, 3), "place": (2, 3), "fatalities": (1, 2)}


def test_false_positive_types_and_errors() -> None:
    scores = score_gold_articles(golds(), PREDICTIONS)
    assert scores["false_positive_events"] == 3
    assert scores["false_positive_types"] == [
        {"sub_event_type": "Attack", "count": 2, "example": "a later attack abroad"},
        {"sub_event_type": "Remote explosive/landmine/IED", "count": 1, "example": "opened a new school"}]
    kinds = sorted((e["error"], e["article_id"], e["field"]) for e in scores["errors"])
    assert kinds == [
        ("false positive article", "art-2", "has_event"),
        ("false positive event", "art-1", ""), ("false positive event", "art-2", ""),
        ("false positive event", "art-2", ""),
        ("missed article", "art-5", "has_event"), ("missed event", "art-5", ""),
        ("wrong", "art-1", "date"), ("wrong", "art-4", "fatalities"), ("wrong", "art-4", "place")]
    wrong_date = next(e for e in scores["errors"] if e["field"] == "date")
    assert (wrong_date["gold"], wrong_date["predicted"], wrong_date["quote"]) == (
        "2021-05-04", "2021-05-10", "a bomb went off")


def test_a_set_labelled_per_article_only_has_no_event_measures() -> None:
    per_article = [parse_article_gold("a", {"has_event": True, "scope": None, "events": []}),
                   parse_article_gold("b", {"has_event": False, "scope": None, "events": []})]
    preds = [predicted("a", "Protests", "Peaceful protest", "2021-01-01", "marched"),
             predicted("b", "Riots", "Mob violence", "2021-01-01", "a crowd")]
    scores = score_gold_articles(per_article, preds)
    assert scores["events"] is None and scores["fields"] is None
    assert scores["document"]["precision"] == 0.5 and scores["document"]["recall"] == 1.0
    # Only b's row is known to be false: a's events are not listed.
    assert scores["false_positive_types"] == [{"sub_event_type": "Mob violence", "count": 1, "example": "a crowd"}]
