"""Scoring predicted event rows against gold articles, as ../shared/eval/README.md defines it.

    score_gold_articles(golds, predicted, top_false_positives=10) -> dict

Per article: predicted has_event = at least one predicted row in the gold's scope; document P/R/F1 over the
articles whose has_event is true or false (null is not scored).
Per event: predictions in scope are aligned one-to-one with the article's gold events whose accepted types
include the prediction's type, greedily by agreement (type 3, date within the range ±1 day 2, country 2,
place 1). A non-optional aligned pair is a hit when date and country agree; precision = hits / (predictions
in scope − those aligned to optional events), recall = hits / non-optional gold events. Aligned-pair
accuracies (date, country, place, fatalities) are over the non-optional aligned pairs — an optional event is
neither credited nor blamed — place over those whose gold names a place, fatalities over those whose gold
count is known.

An article is scored per event when its gold lists its events: it has gold events, or has_event is false (no
event, so every prediction there is false). An article marked has_event true with no event list (a set
labelled per article only) is scored per article only; a set with no gold events at all has no event measures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from sitrep.evaluation.align import greedy_pairs
from sitrep.evaluation.gold_articles import ArticleGold, GoldEvent
from sitrep.evaluation.normalize import clean_text, fold, iso_date, to_int
from sitrep.evaluation.scoring import _records_by_article, prf

Prediction = Mapping[str, Any]

AGREEMENT_WEIGHTS: dict[str, int] = {"type": 3, "date": 2, "country": 2, "place": 1}
DATE_SLACK = timedelta(days=1)
PLACE_COLUMNS = ("location", "admin1", "admin2", "admin3")
ALIGNED_FIELDS = ("date", "country", "place", "fatalities")


def in_scope(pred: Prediction, scope: tuple[str, ...] | None) -> bool:
    return scope is None or clean_text(pred.get("event_type")) in scope


def type_accepted(gold: GoldEvent, pred: Prediction) -> bool:
    return clean_text(pred.get("event_type")) in gold.event_types


def predicted_day(pred: Prediction) -> date | None:
    text = iso_date(pred.get("event_date"))
    return date.fromisoformat(text) if text else None


def date_agrees(gold: GoldEvent, pred: Prediction) -> bool:
    """The predicted day lies within the gold range widened by a day each side."""
    day = predicted_day(pred)
    if day is None or gold.date_from is None or gold.date_to is None:
        return False
    return gold.date_from - DATE_SLACK <= day <= gold.date_to + DATE_SLACK


def country_agrees(gold: GoldEvent, pred: Prediction) -> bool:
    return bool(fold(gold.country)) and fold(gold.country) == fold(pred.get("country"))


def name_occurs(name: str, text: str) -> bool:
    """A folded name occurs in a folded text as whole words ("ica" is not in "jamaica")."""
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def place_agrees(gold: GoldEvent, pred: Prediction) -> bool:
    """A gold place name equals the predicted location or an admin name, or occurs in the raw place text."""
    names = [fold(p) for p in gold.places if fold(p)]
    predicted_names = {fold(pred.get(c)) for c in PLACE_COLUMNS} - {""}
    place_text = fold(pred.get("place_text"))
    return any(n in predicted_names or name_occurs(n, place_text) for n in names)


def fatalities_agree(gold: GoldEvent, pred: Prediction) -> bool:
    return gold.fatalities is not None and to_int(pred.get("fatalities")) == gold.fatalities


def agreement_score(gold: GoldEvent, pred: Prediction) -> int:
    """0 when the gold event does not accept the prediction's type (the pair may not align)."""
    if not type_accepted(gold, pred):
        return 0
    return (AGREEMENT_WEIGHTS["type"] + AGREEMENT_WEIGHTS["date"] * date_agrees(gold, pred)
            + AGREEMENT_WEIGHTS["country"] * country_agrees(gold, pred)
            + AGREEMENT_WEIGHTS["place"] * place_agrees(gold, pred))


def align_article(golds: Sequence[GoldEvent], preds: Sequence[Prediction]) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold index, prediction index) pairs by agreement_score (align.greedy_pairs)."""
    return greedy_pairs(golds, preds, agreement_score)


FIELD_CHECKS = {"date": date_agrees, "country": country_agrees, "place": place_agrees,
                "fatalities": fatalities_agree}


@dataclass
class Tally:
    """Counts over a whole gold set."""
    doc: Counter[str] = field(default_factory=Counter)          # tp, fp, fn, tn
    events: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)        # aligned-pair field → right
    judged: Counter[str] = field(default_factory=Counter)       # aligned-pair field → pairs judged
    false_positive_types: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)      # sub-event type → first false positive's quote
    errors: list[dict[str, Any]] = field(default_factory=list)


def event_listed(gold: ArticleGold) -> bool:
    """The gold lists this article's events (so every prediction not aligned with one is false)."""
    return bool(gold.events) or gold.has_event is False


def gold_summary(gold: GoldEvent) -> str:
    dates = "?" if gold.date_from is None else (
        str(gold.date_from) if gold.date_from == gold.date_to else f"{gold.date_from}..{gold.date_to}")
    return f"{'/'.join(gold.event_types)} | {dates} | {gold.country} | {', '.join(gold.places)}"


def gold_field_value(name: str, gold: GoldEvent) -> str:
    return {"date": gold_summary(gold).split(" | ")[1], "country": gold.country, "place": ", ".join(gold.places),
            "fatalities": "" if gold.fatalities is None else str(gold.fatalities)}[name]


def predicted_field_value(name: str, pred: Prediction) -> str:
    if name == "place":
        names = [clean_text(pred.get(c)) for c in PLACE_COLUMNS]
        return " / ".join(n for n in names if n) + f" (place text: {clean_text(pred.get('place_text'))})"
    if name == "date":
        return iso_date(pred.get("event_date")) or ""
    if name == "fatalities":
        count = to_int(pred.get("fatalities"))
        return "" if count is None else str(count)
    return clean_text(pred.get(name))


def error_row(article_id: str, error: str, pred: Prediction | None, field_name: str = "", gold_value: str = "",
              predicted_value: str = "") -> dict[str, Any]:
    pred = pred or {}
    return {"article_id": article_id, "error": error, "field": field_name, "gold": gold_value,
            "predicted": predicted_value, "predicted_event_type": clean_text(pred.get("event_type")),
            "predicted_sub_event_type": clean_text(pred.get("sub_event_type")),
            "event_date": iso_date(pred.get("event_date")) or "", "location": clean_text(pred.get("location")),
            "place_text": clean_text(pred.get("place_text")), "quote": clean_text(pred.get("quote"))}


def score_document(gold: ArticleGold, scoped: Sequence[Prediction], tally: Tally) -> None:
    if gold.has_event is None:
        return
    predicted = bool(scoped)
    tally.doc[{(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[
        (gold.has_event, predicted)]] += 1
    if predicted and not gold.has_event:
        types = ", ".join(sorted({clean_text(p.get("sub_event_type")) for p in scoped}))
        tally.errors.append(error_row(gold.article_id, "false positive article", scoped[0], "has_event", "false",
                                      f"{len(scoped)} event(s): {types}"))
    elif gold.has_event and not predicted:
        tally.errors.append(error_row(gold.article_id, "missed article", None, "has_event", "true", "false"))


def score_events(gold: ArticleGold, scoped: Sequence[Prediction], tally: Tally) -> None:
    pairs = align_article(gold.events, scoped)
    pred_of = dict(pairs)
    tally.events["predictions"] += len(scoped)
    tally.events["gold_required"] += sum(not e.optional for e in gold.events)
    tally.events["gold_optional"] += sum(e.optional for e in gold.events)
    tally.events["aligned"] += len(pairs)
    for gi, g in enumerate(gold.events):
        if gi not in pred_of:
            if not g.optional:
                tally.errors.append(error_row(gold.article_id, "missed event", None, "", gold_summary(g)))
            continue
        p = scoped[pred_of[gi]]
        if g.optional:
            tally.events["aligned_optional"] += 1
            continue
        tally.events["hits"] += date_agrees(g, p) and country_agrees(g, p)
        for name, check in FIELD_CHECKS.items():
            if (name == "fatalities" and g.fatalities is None) or (name == "place" and not g.places):
                continue   # the gold does not know it: nothing to judge
            tally.judged[name] += 1
            if check(g, p):
                tally.right[name] += 1
            else:
                tally.errors.append(error_row(gold.article_id, "wrong", p, name, gold_field_value(name, g),
                                              predicted_field_value(name, p)))
    for pi in sorted(set(range(len(scoped))) - set(pred_of.values())):
        p = scoped[pi]
        sub_type = clean_text(p.get("sub_event_type")) or "(none)"
        tally.false_positive_types[sub_type] += 1
        tally.examples.setdefault(sub_type, clean_text(p.get("quote")))
        tally.errors.append(error_row(gold.article_id, "false positive event", p))


def score_gold_articles(golds: Sequence[ArticleGold], predicted: pd.DataFrame | Sequence[Prediction],
                        top_false_positives: int = 10) -> dict[str, Any]:
    """Document and event measures, aligned-pair accuracies and the commonest false-positive sub-event types."""
    by_article = _records_by_article(predicted)
    tally = Tally()
    out_of_scope = 0
    for gold in golds:
        preds = by_article.get(gold.article_id, [])
        scoped = [p for p in preds if in_scope(p, gold.scope)]
        out_of_scope += len(preds) - len(scoped)
        score_document(gold, scoped, tally)
        if event_listed(gold):
            score_events(gold, scoped, tally)
    return summarise(golds, tally, out_of_scope, top_false_positives)


def summarise(golds: Sequence[ArticleGold], tally: Tally, out_of_scope: int, top: int) -> dict[str, Any]:
    d, e = tally.doc, tally.events
    has_event_list = any(g.events for g in golds)
    credited = e["predictions"] - e["aligned_optional"]
    events = {"articles_scored": sum(event_listed(g) for g in golds), "predictions_in_scope": e["predictions"],
              "aligned": e["aligned"], "aligned_optional": e["aligned_optional"],
              "gold_events": e["gold_required"], "optional_gold_events": e["gold_optional"], "hits": e["hits"],
              **prf(e["hits"], credited, e["gold_required"]),
              # For comparison with figures that did not exempt predictions aligned to optional events.
              "precision_over_all_predictions": e["hits"] / e["predictions"] if e["predictions"] else 0.0,
              } if has_event_list else None
    fields = {name: {"right": tally.right[name], "judged": tally.judged[name],
                     "accuracy": tally.right[name] / tally.judged[name] if tally.judged[name] else 0.0}
              for name in ALIGNED_FIELDS} if has_event_list else None
    ordered = sorted(tally.false_positive_types.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {
        "kind": "articles",
        "articles": len(golds),
        "predicted_out_of_scope": out_of_scope,
        "document": {"articles_scored": d["tp"] + d["fp"] + d["fn"] + d["tn"], "unknown": sum(
            g.has_event is None for g in golds), "true_positives": d["tp"], "false_positives": d["fp"],
            "false_negatives": d["fn"], "true_negatives": d["tn"],
            **prf(d["tp"], d["tp"] + d["fp"], d["tp"] + d["fn"])},
        "events": events,
        "fields": fields,
        "false_positive_events": sum(tally.false_positive_types.values()),
        "false_positive_types": [{"sub_event_type": t, "count": n, "example": tally.examples[t]} for t, n in ordered],
        "errors": tally.errors,
    }
