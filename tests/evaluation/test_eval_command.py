import json
import logging
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.evaluation import runner
from sitrep.evaluation.loaders import load_gold

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


def fake_coder(article: Mapping[str, Any]) -> SimpleNamespace:
    """A stand-in coder: every text is a peaceful protest in Gamma on 5 March 2022; "flood" texts raise."""
    if "flood" in article["text"]:
        raise RuntimeError("coder bug")
    event = {"article_id": article["id"], "event_type": "Protests", "sub_event_type": "Peaceful protest",
             "event_date": "2022-03-05", "location": "Gamma", "latitude": -5.0, "longitude": 30.0,
             "quote": article["text"][:20]}
    return SimpleNamespace(events=[event], figures=[])


@pytest.fixture
def with_fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "evaluate", lambda gold, show_progress=None: runner.score_gold(
        gold, runner.code_gold_articles(gold.articles, False, code_article=fake_coder)))


def test_eval_acled_writes_json_and_errors(with_fake_coder: None, acled_csv: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_csv = tmp_path / "scores.json", tmp_path / "errors.csv"
    assert main(["eval", str(acled_csv), "--json", str(out_json), "--errors", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    assert "sub_event_type" in printed and "Armed clash" in printed
    scores = json.loads(out_json.read_text())
    # the fake protest in article A agrees with no battle
    assert (scores["gold_events"], scores["predicted_events"], scores["aligned"]) == (3, 2, 1)
    assert scores["strict"]["true_positives"] == 1       # the protest
    assert "errors" not in scores
    assert out_csv.read_text().splitlines()[0].startswith("article_id,error,field")


def test_eval_case_counts_coder_failures_as_no_event(with_fake_coder: None, case_tsv: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "scores.json"
    assert main(["eval", str(case_tsv), "--json", str(out_json)]) == 0
    scores = json.loads(out_json.read_text())
    assert scores["coder_failures"] == 1
    assert scores["accuracy_26"] == 0.5     # the protest snippet, and the flood (raised → none)


def test_eval_seed_prints_checks(with_fake_coder: None, seed_dir: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_csv = tmp_path / "errors.csv"
    assert main(["eval", str(seed_dir), "--errors", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    assert "FAIL" in printed and "event 1: sub_event_type" in printed
    assert "failed check" in out_csv.read_text()


def test_progress_log_lines_without_terminal(monkeypatch: pytest.MonkeyPatch, case_tsv: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(runner, "LOG_EVERY_S", 0.0)
    with caplog.at_level(logging.INFO, logger="sitrep.evaluation.runner"):
        result = runner.code_gold_articles(load_gold(case_tsv).articles, False, code_article=fake_coder)
    assert any("coded 4/4 articles" in r.getMessage() for r in caplog.records)
    assert len(result.events) == 3 and len(result.failures) == 1


def test_bad_limit_is_a_user_error(acled_csv: Path) -> None:
    assert main(["eval", str(acled_csv), "--limit", "0"]) == 1


@pytest.mark.skipif(not (SHARED_EVAL / "acled_2022h1.csv").exists(), reason="../shared/eval is absent")
def test_shared_acled_gold_loads_whole() -> None:
    gold = load_gold(SHARED_EVAL / "acled_2022h1.csv", limit=200)
    assert len(gold.articles) == 200
    assert set(gold.events["article_id"]) == {a["id"] for a in gold.articles}
    assert gold.events["interaction"].str.len().gt(0).all()
    assert not gold.events["disorder_type"].str.contains("Demostrations").any()


def test_exit_code_when_the_coder_fails_on_everything(monkeypatch: pytest.MonkeyPatch, case_tsv: Path) -> None:
    def broken(article: Mapping[str, Any]) -> SimpleNamespace:
        raise NotImplementedError

    monkeypatch.setattr(runner, "evaluate", lambda gold, show_progress=None: runner.score_gold(
        gold, runner.code_gold_articles(gold.articles, False, code_article=broken)))
    assert main(["eval", str(case_tsv)]) == 1


def test_eval_gold_articles_prints_and_writes_the_hand_worked_numbers(
        monkeypatch: pytest.MonkeyPatch, gold_articles_jsonl: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.evaluation.conftest import PREDICTIONS

    def coder_of_fixture(article: Mapping[str, Any]) -> SimpleNamespace:
        """Returns the fixture's predicted rows for the article (test_article_scoring.py works them out)."""
        return SimpleNamespace(events=[p for p in PREDICTIONS if p["article_id"] == article["id"]], figures=[])

    monkeypatch.setattr(runner, "evaluate", lambda gold, show_progress=None: runner.score_gold(
        gold, runner.code_gold_articles(gold.articles, False, code_article=coder_of_fixture)))
    out_json, out_csv = tmp_path / "scores.json", tmp_path / "errors.csv"
    assert main(["eval", str(gold_articles_jsonl), "--json", str(out_json), "--errors", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    assert "document (has_event)" in printed and "0.667" in printed        # P = R = F1 = 2/3
    assert "events (date and country agree)" in printed and "0.400" in printed
    assert "Commonest false-positive sub-event types" in printed and "a later attack abroad" in printed
    scores = json.loads(out_json.read_text())
    assert scores["kind"] == "articles" and "errors" not in scores
    assert scores["events"]["hits"] == 2 and scores["fields"]["place"]["accuracy"] == pytest.approx(2 / 3)
    rows = out_csv.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("article_id,error,field,gold,predicted") and len(rows) == 1 + 9
