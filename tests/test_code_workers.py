"""Coding on two worker processes gives what one process gives: the same rows in the same order, for
`sitrep code` (byte for byte the same Parquet files) and for the code stage (the same coded batch).

The articles are a few of the team's frozen golden inputs (tests/coding/golden/inputs.jsonl), cut into batches of
three so that both workers code several batches."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sitrep.cli import main
from sitrep.pipeline import code_stage
from sitrep.pipeline.ingest import ingest_sources
from sitrep.settings import PROJECT_ROOT, Settings, SourceConfig
from sitrep.zones import coded_batches

GOLDEN_INPUTS = PROJECT_ROOT / "tests" / "coding" / "golden" / "inputs.jsonl"
ARTICLES = 10


def few_articles(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [line for line in GOLDEN_INPUTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    # every fourth article: one-sentence reports, paragraphs and long articles alike
    path.write_text("\n".join(lines[::4][:ARTICLES]) + "\n", encoding="utf-8")
    return path


def test_sitrep_code_writes_the_same_files_on_one_and_on_two_workers(tmp_path):
    inbox = few_articles(tmp_path / "articles.jsonl")
    outputs = {}
    for workers in (1, 2):
        events, figures = tmp_path / f"events-{workers}.parquet", tmp_path / f"figures-{workers}.parquet"
        assert main(["code", str(inbox), "-o", str(events), "--figures", str(figures), "--workers", str(workers),
                     "--batch-size", "3"]) == 0
        outputs[workers] = (events.read_bytes(), figures.read_bytes())
    assert outputs[1] == outputs[2]
    events = pd.read_parquet(tmp_path / "events-2.parquet")
    assert len(events) >= 5 and events["article_id"].nunique() >= 5  # the comparison is not of empty files


def settings_for(root: Path, inbox: Path) -> Settings:
    return Settings(data_dir=root / "data", samples_dir=inbox.parent, sql_dir=PROJECT_ROOT / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox.parent)),))


def test_the_code_stage_writes_the_same_batch_on_one_and_on_two_workers(tmp_path):
    inbox = few_articles(tmp_path / "inbox" / "articles.jsonl")
    parts = {}
    for workers in (1, 2):
        settings = settings_for(tmp_path / f"run-{workers}", inbox)
        ingest_sources(settings)
        result = code_stage(settings, workers=workers, batch_size=3)
        assert result.coded + result.no_event + result.not_coded == ARTICLES and result.failed == 0
        assert result.coded >= 5
        from sitrep.coding import CODER_VERSION

        parts[workers] = {part: [pd.read_parquet(p) for p in coded_batches(settings, CODER_VERSION, part)]
                          for part in ("mentions", "figures", "status")}
    for part, frames in parts[1].items():
        assert len(frames) == len(parts[2][part]) == 1
        pd.testing.assert_frame_equal(frames[0], parts[2][part][0])
    assert json.loads(parts[2]["status"][0].to_json(orient="records"))[0]["article_id"]
