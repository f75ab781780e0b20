import pandas as pd
import pytest

from sitrep.evaluation.scoring import (
    SPURIOUS,
    UNALIGNED,
    classification_scores,
    score_acled,
    score_case,
    score_seed,
)
from tests.evaluation.conftest import SEED_GOLD

BATTLE = {"article_id": "a", "event_id_cnty": "T1", "event_date": "2022-03-03", "time_precision": 1,
          "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
          "actor1": "Army", "actor2": "Rebels", "inter1": "State forces", "inter2": "Rebel group",
          "interaction": "State forces-Rebel group", "country": "Testland", "admin1": "Northland",
          "location": "Alpha", "latitude": 10.0, "longitude": 20.0, "geo_precision": 1, "fatalities": 2}
PROTEST = {**BATTLE, "article_id": "b", "event_id_cnty": "T2", "event_type": "Protests",
           "sub_event_type": "Peaceful protest", "disorder_type": "Demonstrations", "actor1": "Protesters (Testland)",
           "actor2": "", "inter1": "Protesters", "inter2": "", "interaction": "Protesters only", "fatalities": 0,
           "location": "Gamma", "latitude": -5.0, "longitude": 30.0}


def test_perfect_predictions_score_one_everywhere() -> None:
    scores = score_acled(pd.DataFrame([BATTLE, PROTEST]), pd.DataFrame([BATTLE, PROTEST]))
    assert all(f["accuracy"] == 1.0 for f in scores["fields"].values())
    assert scores["strict"] == {"true_positives": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores["confusions"] == [] and scores["errors"] == []


def test_fields_and_strict_counts() -> None:
    # Battle: right type, wrong sub-event, 11 km away, accents/case differ in place name, reversed actors.
    pred_battle = {**BATTLE, "sub_event_type": "Government regains territory", "latitude": 10.1,
                   "location": "ÁLPHA", "actor1": "Rebels", "actor2": "Army", "fatalities": 3,
                   "interaction": "Rebel group-State forces"}
    spurious = {**PROTEST, "article_id": "c"}
    scores = score_acled([BATTLE, PROTEST], [pred_battle, spurious])
    fields = {k: v["right"] for k, v in scores["fields"].items()}
    assert fields["event_type"] == 1 and fields["sub_event_type"] == 0
    assert fields["location name"] == 1 and fields["location within 25 km"] == 1
    assert fields["actor1"] == 0 and fields["actor pair (ordered)"] == 0 and fields["actor pair (any order)"] == 1
    assert fields["interaction"] == 1       # either order of a pair is the same interaction
    assert fields["fatalities"] == 0
    assert scores["fields"]["event_type"]["accuracy"] == 0.5   # the protest was never predicted
    assert scores["strict"]["true_positives"] == 1
    assert scores["strict"]["precision"] == 0.5 and scores["strict"]["recall"] == 0.5
    assert {(c["gold"], c["predicted"]) for c in scores["confusions"]} == {
        ("Armed clash", "Government regains territory"), ("Peaceful protest", UNALIGNED),
        (SPURIOUS, "Peaceful protest")}
    kinds = sorted(e["error"] for e in scores["errors"] if e["field"] in ("", "fatalities"))
    assert kinds == ["missed", "spurious", "wrong"]


def test_gold_numeric_codes_match_text_predictions() -> None:
    gold = {**BATTLE, "inter1": "1", "interaction": "12", "disorder_type": "Demostrations"}
    pred = {**BATTLE, "disorder_type": "Demonstrations"}
    fields = score_acled([gold], [pred])["fields"]
    assert fields["inter1"]["right"] == fields["interaction"]["right"] == fields["disorder_type"]["right"] == 1


def test_strict_needs_same_day_and_place() -> None:
    far = {**BATTLE, "latitude": 11.0}          # about 111 km north
    assert score_acled([BATTLE], [far])["strict"]["true_positives"] == 0
    other_day = {**BATTLE, "event_date": "2022-03-04"}
    assert score_acled([BATTLE], [other_day])["strict"]["true_positives"] == 0


def test_weighted_f1_by_hand() -> None:
    gold = ["A", "A", "B", "B"]
    pred = ["A", "B", "B", "none"]
    result = classification_scores(gold, pred, ["A", "B"])
    # A: p=1, r=.5, f1=2/3; B: p=.5, r=.5, f1=.5; weighted by support 2 and 2.
    assert result["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert result["per_class"]["B"]["f1"] == pytest.approx(0.5)
    assert result["weighted_f1"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert result["accuracy"] == 0.5


def test_case_uses_first_event_and_none() -> None:
    gold = [{"article_id": "1", "sub_event_type": "Peaceful protest"},
            {"article_id": "2", "sub_event_type": "Armed clash"},
            {"article_id": "3", "sub_event_type": "none"},
            {"article_id": "4", "sub_event_type": ""}]
    predicted = [{"article_id": "1", "sub_event_type": "Peaceful protest"},
                 {"article_id": "1", "sub_event_type": "Armed clash"},
                 {"article_id": "3", "sub_event_type": "Arrests"}]
    scores = score_case(gold, predicted)
    assert scores["acled_class_snippets"] == 2
    assert scores["weighted_f1_25"] == pytest.approx(0.5)        # protest right, clash missed
    assert scores["accuracy_26"] == 0.5                            # 1 and 4 right
    assert scores["per_class"]["none"]["support"] == 2
    assert {(c["gold"], c["predicted"]) for c in scores["confusions"]} == {("Armed clash", "none"), ("none", "Arrests")}


SEED_PRED = {"event_date": "2025-02-05", "event_type": "Battles", "sub_event_type": "Armed clash",
             "actor1": "Rebel Army", "actor2": "Military Forces of Testland (2010-)", "inter1": "Rebel group",
             "inter2": "State forces", "interaction": "State forces-Rebel group", "country": "Testland",
             "admin1": "Northland", "location": "Testville", "latitude": 10.1, "longitude": 20.0,
             "geo_precision": 2, "fatalities": 0, "quote": "it repelled an attack"}


def test_seed_all_checks_pass() -> None:
    figure = {"kind": "evacuated", "value": 200, "qualifier": "more than"}
    scores = score_seed(SEED_GOLD, [SEED_PRED], [figure])
    assert [c["check"] for c in scores["checks"] if not c["passed"]] == []
    assert scores["false_positives"] == []


def test_seed_failures_and_false_positive() -> None:
    wrong_date = {**SEED_PRED, "event_date": "2025-02-07"}
    extra = {**SEED_PRED, "sub_event_type": "Agreement", "event_type": "Strategic developments",
             "location": "Elsewhere", "latitude": 40.0, "actor1": "Someone", "event_date": "2024-08-01"}
    scores = score_seed(SEED_GOLD, pd.DataFrame([wrong_date, extra]),
                        pd.DataFrame([{"kind": "evacuated", "value": 200}]))
    failed = [c["check"] for c in scores["checks"] if not c["passed"]]
    assert failed == ["event 1: date in accept_dates", "figure 1: evacuated more than 200",
                      "no event beyond the gold (not_events)"]
    assert [fp["sub_event_type"] for fp in scores["false_positives"]] == ["Agreement"]


def test_seed_missing_event_fails_every_field() -> None:
    scores = score_seed(SEED_GOLD, [], [])
    assert scores["passed"] == 1       # only "no false positive" holds
