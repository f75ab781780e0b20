"""Hostile input (issue 9): one input never affects another article's rows, and never stops a source.

Every test here failed on the code before the fix (commit 81800b7) and passes after. Big inputs are made
sparse or the caps are set low in the test's settings, so that the whole file runs in seconds. Only names that
existed before the fix are imported at module level, so that each test fails on its own assertion there."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import tracemalloc
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from schemas import EventSchema
from sitrep.articles import normalize_article
from sitrep.pipeline import code_stage, publish_stage
from sitrep.pipeline.ingest import (
    ARTICLE_SCHEMA,
    ingest_sources,
    read_raw_articles,
    read_raw_quarantine,
)
from sitrep.settings import PROJECT_ROOT, Settings, SourceConfig
from sitrep.store import atomic_write_parquet
from sitrep.tables import read_published
from sitrep.validate import SchemaViolation, split_valid
from sitrep.zones import tables_dir

DAY = date(2025, 11, 6)
NOW = 1_762_400_000
KILLING = "Gunmen killed five villagers in the town of Maiduguri in Borno State, Nigeria, on Monday, police said."
SHELLING = ("Russian shelling killed two civilians and wounded seven others in the city of Kherson on Sunday, "
            "the regional governor said.")
GOOD_EVENT = json.loads((PROJECT_ROOT / "tests" / "schemas" / "sample_rows.json").read_text())["events"]


def txt(published: str, body: str, title: str = "Title") -> str:
    return f" date {published} {title}\n outlet Wire\n\n{body}\n"


def make_settings(tmp_path: Path, inbox: Path | None = None, **overrides) -> Settings:
    inbox = inbox or tmp_path / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    return Settings(data_dir=tmp_path / "data", samples_dir=inbox, sql_dir=PROJECT_ROOT / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox), source_scale="National"),),
                    **overrides)


def quarantine_reasons(settings: Settings) -> dict[str, str]:
    rows = read_raw_quarantine(settings)
    return dict(zip(rows["origin"], rows["reason"], strict=True))


def stored_ids(settings: Settings) -> set[str]:
    return set(read_raw_articles(settings, columns=["id"])["id"])


# ─────────────────────────────────────────── item 1: implausible dates ──

@pytest.mark.parametrize("published", ["9999-12-31", "3000-01-01", "0001-01-01", "1899-12-31", "2025-11-09"])
def test_implausible_publication_date_is_quarantined_at_ingest(tmp_path, published):
    settings = make_settings(tmp_path)
    (settings.samples_dir / "a_bad.txt").write_text(txt(published, KILLING), encoding="utf-8")
    (settings.samples_dir / "b_tomorrow.txt").write_text(txt("2025-11-08", SHELLING), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.new, result.rejected) == (1, 1)     # two days ahead is still a date (time zones, feeds)
    assert quarantine_reasons(settings)["inbox:a_bad.txt"].startswith(f"implausible publication date {published}")


def test_event_date_outside_pandas_range_quarantines_only_its_own_rows():
    rows = pd.DataFrame([{**GOOD_EVENT, "event_id_cnty": "UKR1", "article_id": "good"},
                         {**GOOD_EVENT, "event_id_cnty": "UKR2", "article_id": "far", "event_date": "9999-12-31",
                          "year": 9999},
                         {**GOOD_EVENT, "event_id_cnty": "UKR3", "article_id": "old", "event_date": "0001-01-01",
                          "year": 1}])
    result = split_valid(rows, EventSchema, quarantined_at="2025-11-06")
    assert result.valid["article_id"].tolist() == ["good"]
    assert result.quarantine["article_id"].tolist() == ["far", "old"]
    assert result.quarantine["reason"].str.contains("event_date: coerce_dtype").all()


def _store_raw(settings: Settings, *records: dict) -> None:
    """Articles in the raw zone as an earlier run (before the date check) wrote them."""
    articles = [{**normalize_article(r, source_name="inbox", source_scale="National"), "ingest_date": DAY.isoformat()}
                for r in records]
    path = settings.raw_dir / "articles" / f"ingest_date={DAY}" / "part-earlier.parquet"
    atomic_write_parquet(pd.DataFrame(articles, columns=ARTICLE_SCHEMA.names), path, schema=ARTICLE_SCHEMA)


def test_a_stored_article_dated_9999_does_not_empty_the_published_dataset(tmp_path):
    settings = make_settings(tmp_path)
    _store_raw(settings, {"id": "good1", "published": "2025-03-10", "text": KILLING, "outlet": "Wire"},
               {"id": "good2", "published": "2025-04-06", "text": SHELLING, "outlet": "Wire"},
               {"id": "far", "published": "9999-12-31", "text": KILLING.replace("five", "six"), "outlet": "Wire"})
    code_stage(settings, since=date(2025, 1, 1))          # a window over an out-of-range date must not raise
    code_stage(settings)
    published = publish_stage(settings, now=NOW)
    events = read_published(tables_dir(settings), "events")
    assert published.events >= 2 and set(events["article_id"]) == {"good1", "good2"}
    articles = read_published(tables_dir(settings), "articles").set_index("article_id")
    assert articles.loc["far", "status"] == "quarantined"
    assert set(articles.loc[["good1", "good2"], "status"]) == {"coded"}


def test_publish_refuses_a_table_where_most_articles_fail_validation_but_not_one_bad_article():
    one_bad = pd.DataFrame([{**GOOD_EVENT, "event_id_cnty": f"UKR{i}", "article_id": "bad", "fatalities": -1}
                            for i in range(1, 9)] + [{**GOOD_EVENT, "event_id_cnty": "UKR9", "article_id": "ok"}])
    assert len(split_valid(one_bad, EventSchema, quarantined_at="x").quarantine) == 8  # one article: no escalation
    most_bad = pd.DataFrame([{**GOOD_EVENT, "event_id_cnty": f"UKR{i}", "article_id": f"a{i}",
                              "fatalities": -1 if i <= 3 else 2} for i in range(1, 5)])
    with pytest.raises(SchemaViolation, match="3 of 4 articles failed validation"):
        split_valid(most_bad, EventSchema, quarantined_at="x")


# ─────────────────────────────────────────── item 3: numbers that overflow ──

def test_number_parsing_never_overflows_and_huge_numbers_are_no_figure():
    from sitrep.coding.fatalities import _int_word
    from sitrep.coding.figures import _number_value, find_figures
    from sitrep.coding.resources import default_resources

    lex = default_resources().figures
    assert _number_value("1" * 31, lex.word_numbers) is None and _number_value("9" * 400, lex.word_numbers) is None
    assert _number_value("120 million", lex.word_numbers) is None
    assert _number_value("12 million", lex.word_numbers) == 12_000_000
    assert _int_word("9" * 5000, lex) == 0 and _int_word("7", lex) == 7
    assert [f.value for f in find_figures("10^30 people were killed in the attack.", lex)] == []
    assert [f.value for f in find_figures("5e30 people were killed in the attack.", lex)] == []


def test_a_31_digit_toll_or_an_int64_overflow_in_one_article_never_fails_the_batch(tmp_path, monkeypatch):
    import sitrep.coding as coding

    settings = make_settings(tmp_path)
    huge = KILLING.replace("five", "1234567890123456789012345678901")
    _store_raw(settings, {"id": "huge", "published": "2025-03-10", "text": huge, "outlet": "Wire"},
               {"id": "good", "published": "2025-04-06", "text": SHELLING, "outlet": "Wire"},
               {"id": "wild", "published": "2025-03-11", "text": KILLING, "outlet": "Wire"})
    real_code_many = coding.code_many

    def overflowing(articles):  # a coder bug that makes one article's row overflow int64 at the batch write
        outcomes = real_code_many(articles)
        for article, coded in zip(articles, outcomes, strict=True):
            if article["id"] == "wild":
                coded.events[0]["fatalities"] = 2**70
        return outcomes

    monkeypatch.setattr(coding, "code_many", overflowing)
    result = code_stage(settings)
    assert (result.coded, result.failed) == (2, 1)
    publish_stage(settings, now=NOW)
    figures = read_published(tables_dir(settings), "figures")
    assert set(figures["article_id"]) == {"good"}          # a 31-digit number is no figure
    events = read_published(tables_dir(settings), "events")
    assert "huge" in set(events["article_id"]) and events["fatalities"].max() < 10**9
    articles = read_published(tables_dir(settings), "articles").set_index("article_id")
    assert articles.loc["wild", "status"] == "quarantined" and "OverflowError" in articles.loc["wild", "reason"]


# ─────────────────────────────────────────── item 4: sources that used to abort ──

def test_bad_jsonl_records_are_quarantined_one_by_one_and_the_next_file_is_read(tmp_path):
    settings = make_settings(tmp_path)
    good = {"published": "2025-03-10", "text": KILLING, "outlet": "Wire"}
    lines = [json.dumps({**good, "url": 123}), json.dumps({**good, "url": {"href": "x"}}),
             json.dumps({**good, "url": "http://[::1"}), json.dumps({**good, "url": "https://a.example:99999/"}),
             "[" * 1000 + "]" * 1000, '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
             json.dumps({**good, "text": "Bad \ud800 surrogate"}), json.dumps({**good, "language": ["en"]}),
             json.dumps({**good, "title": {"nested": [[[]]]}}), json.dumps(good)]
    (settings.samples_dir / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (settings.samples_dir / "b.txt").write_text(txt("2025-04-06", SHELLING), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert result.errors == []
    assert (result.seen, result.new, result.rejected) == (11, 2, 9)
    reasons = quarantine_reasons(settings)
    assert sorted(reasons) == sorted(f"inbox:a.jsonl:{n}" for n in range(1, 10))
    assert reasons["inbox:a.jsonl:1"].startswith("malformed url")
    assert reasons["inbox:a.jsonl:3"] == "malformed url: Invalid IPv6 URL"
    assert "nested too deeply" in reasons["inbox:a.jsonl:6"]
    assert "surrogate" in reasons["inbox:a.jsonl:7"]


def test_a_record_that_raises_anything_is_quarantined_alone(tmp_path, monkeypatch):
    import sitrep.pipeline.ingest as ingest

    settings = make_settings(tmp_path)
    (settings.samples_dir / "a.txt").write_text(txt("2025-03-10", KILLING + " Poison."), encoding="utf-8")
    (settings.samples_dir / "b.txt").write_text(txt("2025-04-06", SHELLING), encoding="utf-8")
    real_detect = ingest.detect_language
    monkeypatch.setattr(ingest, "detect_language",
                        lambda text: (_ for _ in ()).throw(KeyError("boom")) if "Poison" in text else real_detect(text))
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.errors, result.new, result.rejected) == ([], 1, 1)
    assert quarantine_reasons(settings)["inbox:a.txt"] == "record could not be ingested: KeyError: 'boom'"


def test_oversized_file_and_jsonl_line_are_quarantined_without_being_held_in_memory(tmp_path):
    settings = make_settings(tmp_path, max_inbox_file_bytes=1_000_000)
    inbox = settings.samples_dir
    with open(inbox / "a_huge.txt", "wb") as fh:
        fh.truncate(50_000_000)                       # sparse: 50 MB that take no disk
    with open(inbox / "b_lines.jsonl", "wb") as fh:
        fh.write(json.dumps({"published": "2025-03-10", "text": KILLING}).encode() + b"\n")
        fh.seek(30_000_000, os.SEEK_CUR)             # a 30 MB line of NULs, then a good line
        fh.write(b"\n" + json.dumps({"published": "2025-04-06", "text": SHELLING}).encode() + b"\n")
    (inbox / "c.txt").write_text(txt("2025-04-07", SHELLING.replace("two", "three")), encoding="utf-8")
    tracemalloc.start()
    try:
        result = ingest_sources(settings, ingest_date=DAY)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.errors, result.new, result.rejected) == ([], 3, 2)
    reasons = quarantine_reasons(settings)
    assert reasons["inbox:a_huge.txt"] == "file too large: 50000000 bytes (limit 1000000)"
    assert reasons["inbox:b_lines.jsonl:2"] == "line 2: line too long: 30000001 bytes (limit 1000000)"
    assert peak < 20_000_000


@pytest.fixture
def alarm():
    """Fail instead of hanging should anything open a FIFO for a blocking read."""
    def timed_out(*_):
        raise TimeoutError("reading the inbox blocked")
    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_fifos_sockets_devices_and_symlink_loops_are_counted_and_quarantined_never_opened(tmp_path, alarm):
    settings = make_settings(tmp_path)
    inbox = settings.samples_dir
    os.mkfifo(inbox / "a_fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(inbox / "b_socket.jsonl"))
    os.symlink("c_loop.txt", inbox / "c_loop.txt")
    os.symlink("/dev/null", inbox / "d_null.txt")    # outside the inbox: refused before its kind matters
    os.symlink("missing.txt", inbox / "e_dangling.txt")
    (inbox / "f_good.txt").write_text(txt("2025-03-10", KILLING), encoding="utf-8")
    try:
        result = ingest_sources(settings, ingest_date=DAY)
    finally:
        server.close()
    assert (result.seen, result.new, result.rejected) == (6, 1, 5)
    assert quarantine_reasons(settings) == {
        "inbox:a_fifo.txt": "not a regular file (a FIFO): not read",
        "inbox:b_socket.jsonl": "not a regular file (a socket): not read",
        "inbox:c_loop.txt": "symlink loop: not read",
        "inbox:d_null.txt": "symlink pointing outside the inbox: refused",
        "inbox:e_dangling.txt": "broken symlink: its target does not exist",
    }


def test_a_device_in_the_inbox_is_quarantined_never_opened(tmp_path, alarm):
    settings = make_settings(tmp_path)
    try:
        os.mknod(settings.samples_dir / "a_zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))   # like /dev/zero
    except (PermissionError, OSError):
        pytest.skip("creating a device node is not allowed here")
    (settings.samples_dir / "b_good.txt").write_text(txt("2025-03-10", KILLING), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.seen, result.new, result.rejected) == (2, 1, 1)
    assert quarantine_reasons(settings) == {"inbox:a_zero.txt": "not a regular file (a character device): not read"}


def test_a_file_name_that_is_not_utf8_does_not_fail_the_run(tmp_path):
    settings = make_settings(tmp_path)
    (settings.samples_dir / os.fsdecode(b"a_caf\xe9.txt")).write_text("no date line\n", encoding="utf-8")
    (settings.samples_dir / "b.txt").write_text(txt("2025-03-10", KILLING), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.new, result.rejected) == (1, 1)
    assert list(quarantine_reasons(settings)) == ["inbox:a_caf\\udce9.txt"]


# ─────────────────────────────────────────── item 8: size cap on articles ──

def test_a_long_text_is_cut_said_in_quarantine_and_still_ingested_and_coded(tmp_path):
    settings = make_settings(tmp_path, max_article_chars=1_000)
    body = KILLING + " " + "The market stayed closed. " * 200
    (settings.samples_dir / "a.txt").write_text(txt("2025-03-10", body), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.new, result.rejected) == (1, 0)
    [text] = read_raw_articles(settings, columns=["text"])["text"]
    assert len(text) == 1_000 and text.startswith(KILLING)
    [row] = read_raw_quarantine(settings).to_dict("records")
    assert (row["stage"], row["origin"], row["reason"], row["payload"]) == (
        "ingest", "inbox:a.txt", f"text cut from {len(body.strip())} to 1000 characters", "")
    assert ingest_sources(settings, ingest_date=DAY).quarantine_file is None      # a rerun writes nothing
    assert code_stage(settings).coded == 1


# ─────────────────────────────────────────── item 11: symlinks out of the inbox ──

def test_a_symlink_out_of_the_inbox_is_refused_without_content_or_path(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(" date 2025-03-10 Secret\n\nThe key is hunter2.\n", encoding="utf-8")
    settings = make_settings(tmp_path)
    os.symlink(secret, settings.samples_dir / "a_link.txt")
    os.symlink(secret.parent, settings.samples_dir / "b_folder")
    (settings.samples_dir / "real.txt").write_text(txt("2025-03-10", KILLING), encoding="utf-8")
    os.symlink("real.txt", settings.samples_dir / "c_inside.txt")   # inside the inbox: read (a duplicate)
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.new, result.duplicates, result.rejected) == (1, 1, 2)
    rows = read_raw_quarantine(settings)
    assert dict(zip(rows["origin"], rows["reason"], strict=True)) == {
        "inbox:a_link.txt": "symlink pointing outside the inbox: refused",
        "inbox:b_folder": "symlink pointing outside the inbox: refused"}
    dumped = rows.to_json()
    assert "hunter2" not in dumped and str(tmp_path) not in dumped


# ─────────────────────────────────────────── origins relative to the source ──

def test_moving_the_inbox_and_data_dir_quarantines_nothing_again(tmp_path):
    first = make_settings(tmp_path / "one")
    (first.samples_dir / "bad.txt").write_text("no date line\n", encoding="utf-8")
    (first.samples_dir / "a.jsonl").write_text("{not json\n", encoding="utf-8")
    assert ingest_sources(first, ingest_date=DAY).quarantined == 2
    (tmp_path / "one").rename(tmp_path / "two")
    moved = make_settings(tmp_path / "two")
    assert ingest_sources(moved, ingest_date=DAY).quarantined == 0
    assert sorted(read_raw_quarantine(moved)["origin"]) == ["inbox:a.jsonl:1", "inbox:bad.txt"]


# ─────────────────────────────────────────── one rule for what is coded ──

def test_one_rule_decides_what_is_coded_for_ingest_counts_and_the_code_stage(tmp_path):
    settings = make_settings(tmp_path)
    digits = "12 345 678 910 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36"
    (settings.samples_dir / "a.txt").write_text(txt("2025-03-10", digits), encoding="utf-8")
    result = ingest_sources(settings, ingest_date=DAY)
    assert read_raw_articles(settings, columns=["language"])["language"].tolist() == [""]
    assert result.unsupported_language == 0           # language unknown: counted as codable ...
    coded = code_stage(settings)
    assert (coded.not_coded, coded.coded + coded.no_event) == (0, 1)   # ... and coded

    from sitrep.language import is_codable

    assert is_codable({"id": "a", "language": ""}, settings) and is_codable({"id": "a", "language": "en-GB"}, settings)
    assert not is_codable({"id": "a", "language": "fr"}, settings)
    assert not is_codable({"id": "a", "language": "en"}, settings, {"a"})


# ─────────────────────────────────────────── near-duplicate hashing memory ──

def test_near_duplicate_signature_of_a_giant_text_is_bounded_in_memory():
    import hashlib

    import numpy as np

    from sitrep.near_duplicates import _A, _B, _PRIME, shingles, signature

    text = " ".join(f"w{i}" for i in range(170_000))     # ~1.2 M characters, 170,000 distinct shingles
    tracemalloc.start()
    try:
        sig = signature(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sig is not None
    assert peak < 100_000_000
    # Below the cap a signature is what it always was (all shingles in one matrix), so stored links still hold.
    small = text[:60_000]
    hashes = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little")
                       for s in shingles(small)], dtype=np.uint64)
    expected = ((hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME).min(axis=0).astype(np.uint32)
    assert (signature(small) == expected).all()
