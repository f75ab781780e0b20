"""One-to-one greedy alignment of predicted events with the gold events of the same article.

Pairs are taken best-first by how much they agree, so a prediction that matches one gold event well is never
spent on a gold event it matches poorly. Agreement is ranked in the order the eval README gives — sub-event
type, event type, place within 25 km, date, actor1, place name — as bit weights, so an earlier criterion
outweighs all later ones together and the ranking never depends on tuning constants.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sitrep.evaluation.normalize import clean_text, fold, iso_date, to_float
from sitrep.geo import haversine_km

G = TypeVar("G")
P = TypeVar("P")

NEAR_KM = 25.0

# (criterion, weight): earlier criteria outweigh every later one combined.
AGREEMENT_WEIGHTS: dict[str, int] = {
    "sub_event_type": 32, "event_type": 16, "near": 8, "event_date": 4, "actor1": 2, "location": 1,
}


def distance_km(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float | None:
    """Distance between two events' coordinates; None when either lacks them."""
    coords = [to_float(e.get(k)) for e in (gold, pred) for k in ("latitude", "longitude")]
    if any(c is None for c in coords):
        return None
    return haversine_km(*coords)  # type: ignore[arg-type]


def within_km(gold: Mapping[str, Any], pred: Mapping[str, Any], km: float = NEAR_KM) -> bool:
    d = distance_km(gold, pred)
    return d is not None and d <= km


def agreements(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, bool]:
    """Which alignment criteria a gold/predicted pair agrees on."""
    return {
        "sub_event_type": bool(clean_text(gold.get("sub_event_type")))
        and clean_text(gold.get("sub_event_type")) == clean_text(pred.get("sub_event_type")),
        "event_type": bool(clean_text(gold.get("event_type")))
        and clean_text(gold.get("event_type")) == clean_text(pred.get("event_type")),
        "near": within_km(gold, pred),
        "event_date": iso_date(gold.get("event_date")) is not None
        and iso_date(gold.get("event_date")) == iso_date(pred.get("event_date")),
        "actor1": bool(clean_text(gold.get("actor1")))
        and clean_text(gold.get("actor1")) == clean_text(pred.get("actor1")),
        "location": bool(fold(gold.get("location"))) and fold(gold.get("location")) == fold(pred.get("location")),
    }


def agreement_score(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> int:
    return sum(AGREEMENT_WEIGHTS[k] for k, ok in agreements(gold, pred).items() if ok)


def greedy_pairs(golds: Sequence[G], preds: Sequence[P], score: Callable[[G, P], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment: (gold index, prediction index) pairs, best score first.

    A pair that scores nothing is not aligned: such a prediction is a different event, not a wrong coding of
    this one. Ties go to the earlier gold event, then the earlier prediction, so the result depends on nothing
    but the input order."""
    scored = [(score(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for value, gi, pi in scored:
        if value <= 0:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def align_events(gold: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """ACLED gold events and predictions aligned by agreement_score (greedy_pairs)."""
    return greedy_pairs(gold, preds, agreement_score)
