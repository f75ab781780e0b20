from pathlib import Path

import pytest

from sitrep.articles import article_id_for
from sitrep.evaluation.loaders import CASE_PUBLISHED, detect_gold_kind, load_gold
from tests.evaluation.conftest import TEXT_A, TEXT_B


def test_detects_each_kind(acled_csv: Path, case_tsv: Path, seed_dir: Path) -> None:
    assert detect_gold_kind(acled_csv) == "acled"
    assert detect_gold_kind(case_tsv) == "case"
    assert detect_gold_kind(seed_dir) == "seed"
    assert detect_gold_kind(seed_dir / "gold.json") == "seed"


def test_rejects_other_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="not a gold set"):
        load_gold(path)


def test_acled_rows_sharing_notes_are_one_article(acled_csv: Path) -> None:
    gold = load_gold(acled_csv)
    assert [a["id"] for a in gold.articles] == [article_id_for(None, TEXT_A), article_id_for(None, TEXT_B)]
    first = gold.articles[0]
    assert first["published"] == "2022-03-05"          # timestamp 1646438400 is 2022-03-05 00:00 UTC
    assert first["outlet"] == "Daily Test"             # first name of "Daily Test; Other Paper"
    assert first["source_scale"] == "National"
    assert gold.events["article_id"].tolist() == [first["id"], first["id"], gold.articles[1]["id"]]


def test_acled_codes_become_text(acled_csv: Path) -> None:
    events = load_gold(acled_csv).events
    battle, protest = events.iloc[0], events.iloc[2]
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == (
        "State forces", "Rebel group", "State forces-Rebel group")
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("Protesters", "", "Protesters only")
    assert protest["disorder_type"] == "Demonstrations"  # the export's "Demostrations" typo mended
    assert (battle["latitude"], battle["geo_precision"], battle["fatalities"]) == (10.0, 1, 2)


def test_acled_limit_counts_articles(acled_csv: Path) -> None:
    gold = load_gold(acled_csv, limit=1)
    assert len(gold.articles) == 1 and len(gold.events) == 2


def test_case_snippets_and_none_label(case_tsv: Path) -> None:
    gold = load_gold(case_tsv)
    assert len(gold.articles) == 4
    assert {a["published"] for a in gold.articles} == {CASE_PUBLISHED}
    assert gold.events["sub_event_type"].tolist() == [
        "Protest with intervention", "Shelling/artillery/missile attack", "none", "Peaceful protest"]


def test_seed_article_header_is_title(seed_dir: Path) -> None:
    gold = load_gold(seed_dir)
    article = gold.articles[0]
    assert article["title"] == "Army says it repelled attack near Testville"
    assert article["text"].startswith("The army said on Thursday")
    assert (article["published"], article["outlet"]) == ("2025-02-07", "Test Wire")
    assert gold.seed["events"][0]["location"] == "Testville"


def test_missing_gold_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "nope.csv")
