"""bench/bench_code.py in-process mode, with a stand-in coder (the real one is measured, not tested, here)."""

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


def test_in_process_bench_reports_speed_and_memory(monkeypatch: pytest.MonkeyPatch, acled_csv: Path) -> None:
    fake = SimpleNamespace(
        code_article=lambda article: SimpleNamespace(events=[], figures=[], status="no_event"),
        code_articles=lambda articles: (pd.DataFrame({"article_id": [a["id"] for a in articles]}),
                                        pd.DataFrame(), pd.DataFrame()),
    )
    monkeypatch.setitem(__import__("sys").modules, "sitrep.coding", fake)
    bench = load_bench()
    result = bench.bench_in_process(bench.load_articles(acled_csv, None))
    assert (result["articles"], result["events"]) == (2, 2)
    assert result["articles_per_s"] > 0 and result["peak_rss_mb"] > 0


def test_missing_gold_file_exits_2(tmp_path: Path) -> None:
    assert load_bench().main([str(tmp_path / "absent.csv")]) == 2
