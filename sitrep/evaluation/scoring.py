"""Metrics for the three gold kinds. Every scorer takes predictions as plain data (frames or dicts), so it is
tested without the coder.

    score_acled(gold_events, predicted_events) -> dict      per-field accuracy, strict event P/R/F1, confusions
    score_case(gold_labels, predicted_events) -> dict        weighted F1 (25 classes; 25 + "none"), per class
    score_seed(gold_json, predicted_events, predicted_figures) -> dict   named pass/fail checks
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from schemas.acled import SUB_EVENT_TYPES
from sitrep.evaluation.align import align_events, distance_km, within_km
from sitrep.evaluation.loaders import NO_EVENT
from sitrep.evaluation.normalize import (
    clean_text,
    disorder_text,
    fold,
    inter_text,
    interaction_text,
    iso_date,
    qualifier_text,
    to_float,
    to_int,
)

Event = Mapping[str, Any]
UNALIGNED = "(no aligned event)"   # gold side of a confusion with no prediction, and vice versa
SPURIOUS = "(no gold event)"


def _same_text(field: str) -> Callable[[Event, Event], bool]:
    return lambda g, p: clean_text(g.get(field)) == clean_text(p.get(field))


def _same_folded(field: str) -> Callable[[Event, Event], bool]:
    return lambda g, p: fold(g.get(field)) == fold(p.get(field))


def _same_int(field: str) -> Callable[[Event, Event], bool]:
    return lambda g, p: to_int(g.get(field)) is not None and to_int(g.get(field)) == to_int(p.get(field))


# Field name → check on an aligned (gold, prediction) pair, in the order the report prints them.
ACLED_FIELD_CHECKS: dict[str, Callable[[Event, Event], bool]] = {
    "event_type": _same_text("event_type"),
    "sub_event_type": _same_text("sub_event_type"),
    "disorder_type": lambda g, p: disorder_text(g.get("disorder_type")) == disorder_text(p.get("disorder_type")),
    "actor1": _same_text("actor1"),
    "actor pair (ordered)": lambda g, p: (clean_text(g.get("actor1")), clean_text(g.get("actor2")))
    == (clean_text(p.get("actor1")), clean_text(p.get("actor2"))),
    "actor pair (any order)": lambda g, p: sorted([clean_text(g.get("actor1")), clean_text(g.get("actor2"))])
    == sorted([clean_text(p.get("actor1")), clean_text(p.get("actor2"))]),
    "inter1": lambda g, p: inter_text(g.get("inter1")) == inter_text(p.get("inter1")),
    "interaction": lambda g, p: interaction_text(g.get("interaction")) == interaction_text(p.get("interaction")),
    "country": _same_folded("country"),
    "admin1": _same_folded("admin1"),
    "location name": _same_folded("location"),
    "location within 25 km": within_km,
    "event_date": lambda g, p: iso_date(g.get("event_date")) is not None
    and iso_date(g.get("event_date")) == iso_date(p.get("event_date")),
    "time_precision": _same_int("time_precision"),
    "geo_precision": _same_int("geo_precision"),
    "fatalities": _same_int("fatalities"),
}

# Which value of an event a field's error row shows.
FIELD_VALUE: dict[str, Callable[[Event], Any]] = {
    "actor pair (ordered)": lambda e: f"{clean_text(e.get('actor1'))} | {clean_text(e.get('actor2'))}",
    "actor pair (any order)": lambda e: f"{clean_text(e.get('actor1'))} | {clean_text(e.get('actor2'))}",
    "inter1": lambda e: inter_text(e.get("inter1")),
    "interaction": lambda e: interaction_text(e.get("interaction")),
    "disorder_type": lambda e: disorder_text(e.get("disorder_type")),
    "location name": lambda e: clean_text(e.get("location")),
    "location within 25 km": lambda e: f"{e.get('latitude')},{e.get('longitude')}",
    "event_date": lambda e: iso_date(e.get("event_date")) or "",
}


def field_value(field: str, event: Event) -> str:
    getter = FIELD_VALUE.get(field, lambda e: clean_text(e.get(field)))
    return str(getter(event))


def strict_match(gold: Event, pred: Event) -> bool:
    """The strict event criterion: same event type, same day, within 25 km."""
    return (clean_text(gold.get("event_type")) == clean_text(pred.get("event_type"))
            and iso_date(gold.get("event_date")) is not None
            and iso_date(gold.get("event_date")) == iso_date(pred.get("event_date"))
            and within_km(gold, pred))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _records_by_article(frame: pd.DataFrame | Sequence[Event]) -> dict[str, list[dict[str, Any]]]:
    records = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else [dict(r) for r in frame]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(str(record.get("article_id")), []).append(record)
    return grouped


def score_acled(gold_events: pd.DataFrame | Sequence[Event], predicted: pd.DataFrame | Sequence[Event],
                top_confusions: int = 15) -> dict[str, Any]:
    """Align predictions with the gold events of each article, then score per field and strictly.

    Predictions for articles without gold events count as predicted events (they lower precision)."""
    gold_by_article = _records_by_article(gold_events)
    pred_by_article = _records_by_article(predicted)
    n_gold = sum(len(v) for v in gold_by_article.values())
    n_pred = sum(len(v) for v in pred_by_article.values())
    field_right: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    aligned = strict_tp = 0
    for article_id in sorted(set(gold_by_article) | set(pred_by_article)):
        gold, preds = gold_by_article.get(article_id, []), pred_by_article.get(article_id, [])
        pairs = align_events(gold, preds)
        aligned += len(pairs)
        pred_of = {gi: pi for gi, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in pred_of:
                confusions[(clean_text(g.get("sub_event_type")), UNALIGNED)] += 1
                errors.append(_error_row(article_id, g, None, "missed", "", field_value("sub_event_type", g), ""))
                continue
            p = preds[pred_of[gi]]
            strict_tp += strict_match(g, p)
            if clean_text(g.get("sub_event_type")) != clean_text(p.get("sub_event_type")):
                confusions[(clean_text(g.get("sub_event_type")), clean_text(p.get("sub_event_type")))] += 1
            for field, check in ACLED_FIELD_CHECKS.items():
                if check(g, p):
                    field_right[field] += 1
                else:
                    errors.append(_error_row(article_id, g, p, "wrong", field,
                                             field_value(field, g), field_value(field, p)))
        for pi in sorted(set(range(len(preds))) - set(pred_of.values())):
            p = preds[pi]
            confusions[(SPURIOUS, clean_text(p.get("sub_event_type")))] += 1
            errors.append(_error_row(article_id, None, p, "spurious", "", "", field_value("sub_event_type", p)))
    return {
        "kind": "acled",
        "articles": len(set(gold_by_article) | set(pred_by_article)),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "aligned": aligned,
        "fields": {f: {"right": field_right[f], "accuracy": field_right[f] / n_gold if n_gold else 0.0}
                   for f in ACLED_FIELD_CHECKS},
        "strict": {"true_positives": strict_tp, **prf(strict_tp, n_pred, n_gold)},
        "confusions": _confusion_list(confusions, top_confusions),
        "errors": errors,
    }


def _error_row(article_id: str, gold: Event | None, pred: Event | None, kind: str, field: str,
               gold_value: str, pred_value: str) -> dict[str, Any]:
    distance = distance_km(gold, pred) if gold is not None and pred is not None else None
    return {
        "article_id": article_id, "error": kind, "field": field, "gold": gold_value, "predicted": pred_value,
        "gold_event_id": clean_text((gold or {}).get("event_id_cnty")),
        "gold_sub_event_type": clean_text((gold or {}).get("sub_event_type")),
        "predicted_sub_event_type": clean_text((pred or {}).get("sub_event_type")),
        "distance_km": None if distance is None else round(distance, 1),
        "quote": clean_text((pred or {}).get("quote")),
    }


def _confusion_list(confusions: Counter[tuple[str, str]], top: int | None) -> list[dict[str, Any]]:
    ordered = sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"gold": g, "predicted": p, "count": n} for (g, p), n in (ordered[:top] if top else ordered)]


# --- CASE snippets: classification of the first predicted event ------------------------------------------

def first_sub_event_types(predicted: pd.DataFrame | Sequence[Event], article_ids: Iterable[str]) -> dict[str, str]:
    """Each article's first predicted sub-event type, "none" when the coder found no event."""
    by_article = _records_by_article(predicted)
    return {a: (clean_text(by_article[a][0].get("sub_event_type")) or NO_EVENT) if by_article.get(a) else NO_EVENT
            for a in article_ids}


def classification_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Per-class precision/recall/F1 and support-weighted F1 over labels (as sklearn's average="weighted").

    A prediction outside labels is simply wrong: it counts against recall of the gold class only."""
    per_class: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        support = sum(1 for g in gold if g == label)
        per_class[label] = {**prf(tp, n_pred, support), "support": support, "predicted": n_pred}
    total = sum(c["support"] for c in per_class.values())
    weighted = sum(c["f1"] * c["support"] for c in per_class.values()) / total if total else 0.0
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    return {"weighted_f1": weighted, "accuracy": accuracy, "n": len(gold), "per_class": per_class}


def score_case(gold_labels: pd.DataFrame | Sequence[Event], predicted: pd.DataFrame | Sequence[Event],
               top_confusions: int = 15) -> dict[str, Any]:
    """gold_labels: article_id, sub_event_type ("none" for a non-ACLED snippet); predicted: event rows."""
    records = gold_labels.to_dict("records") if isinstance(gold_labels, pd.DataFrame) else list(gold_labels)
    gold = {str(r["article_id"]): clean_text(r.get("sub_event_type")) or NO_EVENT for r in records}
    pred = first_sub_event_types(predicted, gold)
    ids = list(gold)
    acled_ids = [a for a in ids if gold[a] in SUB_EVENT_TYPES]
    on_25 = classification_scores([gold[a] for a in acled_ids], [pred[a] for a in acled_ids], SUB_EVENT_TYPES)
    on_26 = classification_scores([gold[a] for a in ids], [pred[a] for a in ids], [*SUB_EVENT_TYPES, NO_EVENT])
    confusions = Counter((gold[a], pred[a]) for a in ids if gold[a] != pred[a])
    return {
        "kind": "case",
        "snippets": len(ids),
        "acled_class_snippets": len(acled_ids),
        "weighted_f1_25": on_25["weighted_f1"],
        "weighted_f1_26": on_26["weighted_f1"],
        "accuracy_25": on_25["accuracy"],
        "accuracy_26": on_26["accuracy"],
        "per_class": on_26["per_class"],
        "confusions": _confusion_list(confusions, top_confusions),
        "errors": [{"article_id": a, "error": "wrong", "field": "sub_event_type", "gold": gold[a],
                    "predicted": pred[a]} for a in ids if gold[a] != pred[a]],
    }


# --- Seed article: named checks ---------------------------------------------------------------------------

def _seed_event_as_acled(gold_event: Mapping[str, Any]) -> dict[str, Any]:
    """The seed's gold event in the shape align_events reads (its first actor as actor1)."""
    actors = list(gold_event.get("actors") or [])
    return {**gold_event, "actor1": actors[0] if actors else "", "actor2": actors[1] if len(actors) > 1 else ""}


def seed_event_checks(gold: Mapping[str, Any], pred: Mapping[str, Any] | None) -> dict[str, bool]:
    """Each documented criterion of one gold event against its aligned prediction (None: all fail)."""
    names = ["event_type", "sub_event_type", "actors", "inter per actor", "interaction", "country", "admin1",
             "location within accept_within_km", "date in accept_dates", "geo_precision", "fatalities"]
    if pred is None:
        return {n: False for n in names}
    gold_actors = list(gold.get("actors") or [])
    pred_actors = [clean_text(pred.get(k)) for k in ("actor1", "actor2") if clean_text(pred.get(k))]
    pred_inter = {clean_text(pred.get("actor1")): inter_text(pred.get("inter1")),
                  clean_text(pred.get("actor2")): inter_text(pred.get("inter2"))}
    gold_inter = {a: inter_text(v) for a, v in (gold.get("inter") or {}).items()}
    accept_dates = {iso_date(d) for d in (gold.get("accept_dates") or [gold.get("event_date")])}
    km = to_float(gold.get("accept_within_km")) or 25.0
    return {
        "event_type": clean_text(gold.get("event_type")) == clean_text(pred.get("event_type")),
        "sub_event_type": clean_text(gold.get("sub_event_type")) == clean_text(pred.get("sub_event_type")),
        "actors": sorted(gold_actors) == sorted(pred_actors),
        "inter per actor": bool(gold_inter) and all(pred_inter.get(a) == t for a, t in gold_inter.items()),
        "interaction": interaction_text(gold.get("interaction")) == interaction_text(pred.get("interaction")),
        "country": fold(gold.get("country")) == fold(pred.get("country")),
        "admin1": fold(gold.get("admin1")) == fold(pred.get("admin1")),
        "location within accept_within_km": within_km(gold, pred, km),
        "date in accept_dates": iso_date(pred.get("event_date")) in accept_dates,
        "geo_precision": to_int(gold.get("geo_precision")) == to_int(pred.get("geo_precision")),
        "fatalities": to_int(gold.get("fatalities")) == to_int(pred.get("fatalities")),
    }


def figure_matches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    return (fold(gold.get("kind")) == fold(pred.get("kind"))
            and to_float(gold.get("value")) == to_float(pred.get("value"))
            and qualifier_text(gold.get("qualifier")) == qualifier_text(pred.get("qualifier")))


def score_seed(gold_json: Mapping[str, Any], predicted_events: pd.DataFrame | Sequence[Event],
               predicted_figures: pd.DataFrame | Sequence[Event]) -> dict[str, Any]:
    """Pass/fail checks: each gold event field by field, each gold figure, and no event beyond the gold."""
    events = (predicted_events.to_dict("records") if isinstance(predicted_events, pd.DataFrame)
              else list(predicted_events))
    figures = (predicted_figures.to_dict("records") if isinstance(predicted_figures, pd.DataFrame)
               else list(predicted_figures))
    gold_events = [_seed_event_as_acled(e) for e in gold_json.get("events", [])]
    pairs = dict(align_events(gold_events, events))
    checks: list[dict[str, Any]] = []
    for gi, gold in enumerate(gold_events):
        pred = events[pairs[gi]] if gi in pairs else None
        label = f"event {gi + 1}"
        checks.append({"check": f"{label}: found", "passed": pred is not None,
                       "detail": clean_text((pred or {}).get("quote"))[:160]})
        for name, passed in seed_event_checks(gold, pred).items():
            checks.append({"check": f"{label}: {name}", "passed": passed, "detail": _seed_detail(name, gold, pred)})
    unused = list(range(len(figures)))
    for fi, gold_fig in enumerate(gold_json.get("figures", [])):
        hit = next((i for i in unused if figure_matches(gold_fig, figures[i])), None)
        if hit is not None:
            unused.remove(hit)
        want = f"{gold_fig.get('kind')} {gold_fig.get('qualifier') or ''} {gold_fig.get('value')}".replace("  ", " ")
        checks.append({"check": f"figure {fi + 1}: {want}", "passed": hit is not None,
                       "detail": clean_text(gold_fig.get("about"))})
    false_positives = [{"sub_event_type": clean_text(e.get("sub_event_type")),
                        "event_date": iso_date(e.get("event_date")),
                        "location": clean_text(e.get("location")), "actor1": clean_text(e.get("actor1")),
                        "quote": clean_text(e.get("quote"))}
                       for i, e in enumerate(events) if i not in pairs.values()]
    checks.append({"check": "no event beyond the gold (not_events)", "passed": not false_positives,
                   "detail": f"{len(false_positives)} false positive(s)"})
    return {
        "kind": "seed",
        "checks": checks,
        "passed": sum(c["passed"] for c in checks),
        "total": len(checks),
        "false_positives": false_positives,
        "not_events": list(gold_json.get("not_events", [])),
        "extra_figures": len(unused),
        "predicted_events": len(events),
        "predicted_figures": len(figures),
    }


def _seed_detail(name: str, gold: Mapping[str, Any], pred: Mapping[str, Any] | None) -> str:
    """What was predicted, for a failed check's line."""
    if pred is None:
        return ""
    shown = {
        "actors": lambda e: f"{clean_text(e.get('actor1'))} | {clean_text(e.get('actor2'))}",
        "inter per actor": lambda e: f"{inter_text(e.get('inter1'))} | {inter_text(e.get('inter2'))}",
        "location within accept_within_km": lambda e: (
            f"{clean_text(e.get('location'))} ({e.get('latitude')}, {e.get('longitude')})"),
        "date in accept_dates": lambda e: iso_date(e.get("event_date")) or "",
    }.get(name, lambda e: clean_text(e.get(name)))
    return f"predicted {shown(pred)!s}"
