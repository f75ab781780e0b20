"""The near-duplicate index kept on disk: extended night by night, it must equal one rebuilt from the raw zone,
and a missing, corrupt or stale file is rebuilt (with a log line)."""

import json
import logging
from datetime import date
from pathlib import Path

import numpy as np

from sitrep import near_duplicate_store as store
from sitrep.near_duplicates import NearDuplicateIndex, SignatureTable, read_links, signature
from sitrep.pipeline.ingest import ingest_sources
from sitrep.settings import Settings, SourceConfig

DAYS = [date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 3)]
PLACES = ["the northern market town", "a river port", "the border crossing", "a mining camp", "the capital's suburbs",
          "a hill village", "the old quarter", "a refugee settlement"]
VERBS = ["attacked", "shelled", "raided", "surrounded", "stormed", "besieged"]


def story(n: int) -> str:
    """A distinct team-written report per n (different place, actor, count and closing words)."""
    return (f"Armed men {VERBS[n % len(VERBS)]} {PLACES[n % len(PLACES)]} on day {n} of the month, killing {n + 2} "
            f"people and wounding {n * 3 + 1} others, officials said in a statement numbered {n * 7}. The attackers "
            f"came from group {n * 11} and left after {n % 5 + 1} hours; witnesses counted {n + 40} homes burned. "
            f"Relief workers from agency {n * 13} reached the area the next morning with {n + 9} trucks.")


def copy_of(n: int) -> str:
    """Another outlet's run of story n: a dateline and a footer around the same wire text."""
    return f"CITY (Wire) - {story(n)} Reporting by correspondent {n}; editing by the desk."


def night_records(night: int) -> list[dict]:
    """Night 0: stories 0-9; later nights: new stories, copies of earlier ones and copies within the night."""
    if night == 0:
        texts = [story(n) for n in range(10)]
    else:
        base = 10 * night
        texts = [story(base + k) for k in range(5)] + [copy_of(night - 1), copy_of(base), copy_of(base + 2)]
    return [{"id": f"n{night}-{k}", "published": "2025-04-30", "title": f"Report {night}-{k}", "text": text,
             "language": "en"} for k, text in enumerate(texts)]


def settings_for(tmp_path: Path, name: str) -> Settings:
    inbox = tmp_path / name / "inbox"
    inbox.mkdir(parents=True)
    return Settings(data_dir=tmp_path / name / "data", samples_dir=inbox, sql_dir=tmp_path / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox)),))


def run_night(settings: Settings, night: int) -> None:
    lines = "\n".join(json.dumps(r) for r in night_records(night)) + "\n"
    (settings.samples_dir / f"night{night}.jsonl").write_text(lines, encoding="utf-8")
    ingest_sources(settings, ingest_date=DAYS[night])


def stored(settings: Settings) -> tuple[list[str], np.ndarray, list[str]]:
    found = store.load_index(store.index_path(settings), set(store.article_parts(settings)))
    assert found is not None
    return found


def test_the_index_extended_each_night_equals_one_rebuilt_from_the_zone(tmp_path):
    settings = settings_for(tmp_path, "incremental")
    for night in range(3):
        run_night(settings, night)
    ids, signatures, parts = stored(settings)
    assert parts == store.article_parts(settings) and len(parts) == 3
    links = read_links(settings)
    assert set(links["article_id"]) == {"n1-5", "n1-6", "n1-7", "n2-5", "n2-6", "n2-7"}
    assert dict(zip(links["article_id"], links["duplicate_of"], strict=True))["n2-5"] == "n0-1"

    store.index_path(settings).unlink()                       # the rebuild: from the raw zone alone
    rebuilt, covered, changed = store.open_index(settings)
    assert changed and covered == parts
    rebuilt_ids, rebuilt_signatures = rebuilt.contents()
    assert rebuilt_ids == ids and np.array_equal(rebuilt_signatures, signatures)
    assert "n1-5" not in rebuilt and len(rebuilt) == 10 + 5 + 5


def test_links_are_the_same_with_the_index_kept_or_rebuilt_every_night(tmp_path):
    kept, rebuilt = settings_for(tmp_path, "kept"), settings_for(tmp_path, "rebuilt")
    for night in range(3):
        run_night(kept, night)
        store.index_path(rebuilt).unlink(missing_ok=True)     # as before the index was kept: read it all again
        run_night(rebuilt, night)
    columns = ["article_id", "duplicate_of", "similarity"]
    a = read_links(kept).sort_values("article_id").reset_index(drop=True)[columns]
    b = read_links(rebuilt).sort_values("article_id").reset_index(drop=True)[columns]
    assert len(a) == 6 and a.equals(b)


def test_a_corrupt_index_file_is_rebuilt_with_a_log_line(tmp_path, caplog):
    settings = settings_for(tmp_path, "corrupt")
    run_night(settings, 0)
    good_ids, good_signatures, _ = stored(settings)
    store.index_path(settings).write_bytes(b"PK\x03\x04 not a zip any more")
    with caplog.at_level(logging.INFO, logger="sitrep.near_duplicate_store"):
        run_night(settings, 1)
    assert any("unreadable" in r.getMessage() and "rebuilding" in r.getMessage() for r in caplog.records)
    ids, signatures, parts = stored(settings)
    assert ids[:10] == good_ids and np.array_equal(signatures[:10], good_signatures) and len(parts) == 2
    assert set(read_links(settings)["article_id"]) == {"n1-5", "n1-6", "n1-7"}


def test_a_missing_index_file_is_built_with_a_log_line(tmp_path, caplog):
    settings = settings_for(tmp_path, "missing")
    run_night(settings, 0)
    store.index_path(settings).unlink()
    with caplog.at_level(logging.INFO, logger="sitrep.near_duplicate_store"):
        run_night(settings, 1)
    assert any("no index file" in r.getMessage() for r in caplog.records)
    assert len(stored(settings)[2]) == 2


def test_a_file_of_other_parameters_or_a_part_the_zone_lacks_is_rebuilt(tmp_path, monkeypatch, caplog):
    settings = settings_for(tmp_path, "stale")
    run_night(settings, 0)
    parts = set(store.article_parts(settings))
    assert store.load_index(store.index_path(settings), parts) is not None
    with caplog.at_level(logging.INFO, logger="sitrep.near_duplicate_store"):
        assert store.load_index(store.index_path(settings), set()) is None            # the zone was replaced
        monkeypatch.setattr(store, "FORMAT_VERSION", store.FORMAT_VERSION + 1)
        assert store.load_index(store.index_path(settings), parts) is None
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "not in the raw zone" in messages and "another format" in messages


def test_a_part_written_after_the_index_was_saved_is_read_into_it(tmp_path):
    """A run killed after writing its articles and before saving the index: the next run catches up."""
    settings = settings_for(tmp_path, "catch-up")
    run_night(settings, 0)
    saved = store.index_path(settings).read_bytes()
    run_night(settings, 1)
    after = stored(settings)
    store.index_path(settings).write_bytes(saved)             # the index as it was before night 1
    index, covered, changed = store.open_index(settings)
    ids, signatures = index.contents()
    assert changed and covered == after[2] and ids == after[0] and np.array_equal(signatures, after[1])


def test_the_sorted_band_table_finds_what_the_bucket_dict_finds():
    texts = [(f"s{n}", story(n)) for n in range(40)] + [(f"c{n}", copy_of(n)) for n in range(0, 40, 3)]
    buckets = NearDuplicateIndex.from_texts(texts)
    ids, signatures = buckets.contents()
    table = NearDuplicateIndex(base=SignatureTable.build(ids, signatures))
    queries = [copy_of(n) + " Updated." for n in range(45)] + [story(n) for n in range(0, 45, 4)]
    found = [(buckets.match(q), table.match(q)) for q in queries]
    assert all(a == b for a, b in found)
    assert sum(a is not None for a, _ in found) >= 40
    assert all(s is not None for s in (signature(t) for _, t in texts))
