import pytest

from sitrep.evaluation.align import agreement_score, align_events, haversine_km


def test_haversine_one_degree_of_latitude() -> None:
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(51.19, 35.27, 51.19, 35.27) == 0


def test_earlier_criteria_outweigh_later_ones() -> None:
    gold = {"sub_event_type": "Armed clash", "event_type": "Battles", "event_date": "2022-03-03",
            "actor1": "A", "location": "Alpha", "latitude": 10.0, "longitude": 20.0}
    same_type_only = {"sub_event_type": "Armed clash", "event_type": "Battles"}
    everything_else = {"event_date": "2022-03-03", "actor1": "A", "location": "alpha",
                       "latitude": 10.1, "longitude": 20.0}
    assert agreement_score(gold, same_type_only) > agreement_score(gold, everything_else) > 0


def test_greedy_one_to_one_takes_best_pairs_first() -> None:
    clash = {"sub_event_type": "Armed clash", "event_type": "Battles"}
    alpha = {**clash, "location": "Alpha", "latitude": 10.0, "longitude": 20.0}
    beta = {**clash, "location": "Beta", "latitude": 12.0, "longitude": 22.0}
    gold = [dict(alpha), dict(beta)]
    preds = [dict(beta), dict(alpha), dict(alpha)]
    assert align_events(gold, preds) == [(0, 1), (1, 0)]


def test_pairs_that_agree_on_nothing_stay_unaligned() -> None:
    gold = [{"sub_event_type": "Armed clash", "event_type": "Battles", "location": "Alpha"}]
    preds = [{"sub_event_type": "Peaceful protest", "event_type": "Protests", "location": "Zeta"}]
    assert align_events(gold, preds) == []
    assert align_events(gold, []) == [] and align_events([], preds) == []
