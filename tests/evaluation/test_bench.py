"""bench/bench_code.py in-process mode, with a stand-in coder and NER (the real ones are measured, not tested,
here), and its fallback to the team's own texts when ../shared is absent."""

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_code.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_code", BENCH)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_in_process_bench_reports_both_sets_against_ner_and_memory(monkeypatch: pytest.MonkeyPatch,
                                                                    acled_csv: Path) -> None:
    from sitrep.evaluation.loaders import load_gold

    articles = load_gold(acled_csv).articles
    fake = SimpleNamespace(
        code_articles=lambda articles: (pd.DataFrame({"article_id": [a["id"] for a in articles]}),
                                        pd.DataFrame(), pd.DataFrame()),
    )
    monkeypatch.setitem(__import__("sys").modules, "sitrep.coding", fake)
    bench = load_bench()
    monkeypatch.setattr(bench, "ner_recognizer", lambda: SimpleNamespace(spans=lambda texts: [[] for _ in texts]))
    report = bench.bench_in_process({"short": ("test", articles), "full": ("test", articles)}, stages=False)
    for name in ("short", "full"):
        result = report[name]
        assert (result["articles"], result["events"]) == (2, 2)
        assert result["articles_per_s"] > 0 and result["ner_alone_articles_per_s"] > 0
        assert result["coder_vs_ner_alone"] > 0 and result["target_articles_per_s"] in (400.0, 40.0)
    assert report["peak_rss_mb"] > 0


def test_without_shared_eval_the_bench_reads_the_teams_texts(tmp_path: Path) -> None:
    sets = load_bench().load_sets(tmp_path / "absent.csv", tmp_path / "absent.jsonl", None)
    short, full = sets["short"][1], sets["full"][1]
    assert len(short) >= 50 and len(full) >= 5
    assert max(len(a["text"].split()) for a in short) <= 100 <= min(len(a["text"].split()) for a in full)
