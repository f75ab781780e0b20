"""Printing scores as readable tables (rich), and writing them as JSON and an error CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.store import atomic_write_bytes


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _confusion_table(confusions: list[Mapping[str, Any]], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("gold")
    table.add_column("predicted")
    table.add_column("count", justify="right")
    for row in confusions:
        table.add_row(row["gold"], row["predicted"], str(row["count"]))
    return table


def print_acled(scores: Mapping[str, Any], console: Console) -> None:
    console.print(f"[bold]ACLED gold[/bold]: {scores['articles']} articles, {scores['gold_events']} gold events, "
                  f"{scores['predicted_events']} predicted, {scores['aligned']} aligned")
    fields = Table(title="Per field (share of gold events right)", title_justify="left")
    fields.add_column("field")
    fields.add_column("right", justify="right")
    fields.add_column("of gold", justify="right")
    fields.add_column("accuracy", justify="right")
    for name, f in scores["fields"].items():
        fields.add_row(name, str(f["right"]), str(scores["gold_events"]), _pct(f["accuracy"]))
    console.print(fields)
    s = scores["strict"]
    strict = Table(title="Strict events (type, date, ≤25 km)", title_justify="left")
    for col in ("true positives", "precision", "recall", "F1"):
        strict.add_column(col, justify="right")
    strict.add_row(str(s["true_positives"]), _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]))
    console.print(strict)
    console.print(_confusion_table(scores["confusions"], "Commonest sub-event confusions (gold → predicted)"))


def print_case(scores: Mapping[str, Any], console: Console) -> None:
    console.print(f"[bold]CASE snippets[/bold]: {scores['snippets']} snippets, "
                  f"{scores['acled_class_snippets']} of the 25 ACLED classes")
    summary = Table(title="Sub-event type of the first predicted event", title_justify="left")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_row("weighted F1, 25 ACLED classes", f"{scores['weighted_f1_25']:.3f}")
    summary.add_row("weighted F1, 25 classes + none", f"{scores['weighted_f1_26']:.3f}")
    summary.add_row("accuracy, 25 ACLED classes", _pct(scores["accuracy_25"]))
    summary.add_row("accuracy, 25 classes + none", _pct(scores["accuracy_26"]))
    console.print(summary)
    per_class = Table(title="Per class (all snippets)", title_justify="left")
    per_class.add_column("class")
    for col in ("support", "predicted", "precision", "recall", "F1"):
        per_class.add_column(col, justify="right")
    for label, c in scores["per_class"].items():
        per_class.add_row(label, str(c["support"]), str(c["predicted"]), f"{c['precision']:.2f}",
                          f"{c['recall']:.2f}", f"{c['f1']:.2f}")
    console.print(per_class)
    console.print(_confusion_table(scores["confusions"], "Commonest confusions (gold → predicted)"))


def print_seed(scores: Mapping[str, Any], console: Console) -> None:
    console.print(f"[bold]Seed article[/bold]: {scores['predicted_events']} predicted events, "
                  f"{scores['predicted_figures']} predicted figures")
    checks = Table(title=f"Checks: {scores['passed']}/{scores['total']} passed", title_justify="left")
    checks.add_column("check")
    checks.add_column("result")
    checks.add_column("detail", overflow="fold")
    for c in scores["checks"]:
        checks.add_row(c["check"], "[green]pass[/green]" if c["passed"] else "[red]FAIL[/red]",
                       "" if c["passed"] and not c["check"].endswith("found") else c["detail"])
    console.print(checks)
    if scores["false_positives"]:
        fps = Table(title="False positives (predicted events that are not the gold event)", title_justify="left")
        for col in ("sub_event_type", "event_date", "location", "actor1", "quote"):
            fps.add_column(col, overflow="fold")
        for fp in scores["false_positives"]:
            fps.add_row(*(str(fp[c] or "") for c in ("sub_event_type", "event_date", "location", "actor1", "quote")))
        console.print(fps)
    console.print("Not events per the gold: " + "; ".join(scores["not_events"]))


def _measure_table(title: str, rows: Sequence[tuple[str, ...]], columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("measure")
    for col in columns:
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(*row)
    return table


def print_gold_articles(scores: Mapping[str, Any], console: Console) -> None:
    d, e = scores["document"], scores["events"]
    console.print(f"[bold]Gold articles[/bold]: {scores['articles']} articles, {d['articles_scored']} scored per "
                  f"article ({d['unknown']} unknown), {scores['predicted_out_of_scope']} predicted rows out of scope")
    rows = [("document (has_event)", f"{d['true_positives']}/{d['true_positives'] + d['false_positives']}/"
             f"{d['true_positives'] + d['false_negatives']}", f"{d['precision']:.3f}", f"{d['recall']:.3f}",
             f"{d['f1']:.3f}")]
    if e is not None:
        rows.append(("events (date and country agree)",
                     f"{e['hits']}/{e['predictions_in_scope'] - e['aligned_optional']}/{e['gold_events']}",
                     f"{e['precision']:.3f}", f"{e['recall']:.3f}", f"{e['f1']:.3f}"))
    console.print(_measure_table("Detection", rows, ("correct/predicted/gold", "precision", "recall", "F1")))
    if e is None:
        console.print("no gold event list: scored per article only")
    else:
        console.print(f"{e['aligned']} predictions aligned ({e['aligned_optional']} with optional gold events, "
                      f"{e['optional_gold_events']} optional gold events in all)")
        fields = [(name, str(f["right"]), str(f["judged"]), f"{f['accuracy']:.3f}")
                  for name, f in scores["fields"].items()]
        console.print(_measure_table("Aligned pairs (non-optional gold events)", fields,
                                     ("right", "pairs", "accuracy")))
    fps = Table(title=f"Commonest false-positive sub-event types ({scores['false_positive_events']} unaligned "
                      f"predictions in articles whose events the gold lists)", title_justify="left")
    fps.add_column("sub_event_type")
    fps.add_column("count", justify="right")
    fps.add_column("example", overflow="fold")
    for row in scores["false_positive_types"]:
        fps.add_row(row["sub_event_type"], str(row["count"]), row["example"][:200])
    console.print(fps)


def print_scores(scores: Mapping[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    printers = {"acled": print_acled, "case": print_case, "seed": print_seed, "articles": print_gold_articles}
    printers[scores["kind"]](scores, console)


def scores_without_errors(scores: Mapping[str, Any]) -> dict[str, Any]:
    """The numbers only: the error rows go to their own CSV."""
    return {k: v for k, v in scores.items() if k != "errors"}


def write_scores_json(scores: Mapping[str, Any], path: Path) -> None:
    atomic_write_bytes(path, json.dumps(scores_without_errors(scores), indent=2, default=str).encode("utf-8"))


def write_errors_csv(errors: Sequence[Mapping[str, Any]], path: Path) -> None:
    columns: list[str] = []
    for row in errors:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or ["article_id", "error"])
    writer.writeheader()
    writer.writerows(errors)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
