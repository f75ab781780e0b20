"""repair_text undoes mojibake and HTML entities; normalize_article stores the repaired text and hashes it."""

from __future__ import annotations

import unicodedata

import pytest

from sitrep.articles import ArticleError, content_hash, normalize_article
from sitrep.text_repair import repair_text


def test_utf8_read_as_windows_1252_is_undone() -> None:
    assert repair_text("Protesters gathered at the CafÃ© de Paris") == "Protesters gathered at the Café de Paris"
    assert repair_text("the armyâ€™s third brigade") == "the army\u2019s third brigade"
    assert repair_text("Â£5 million in aid") == "£5 million in aid"


def test_html_entities_are_unescaped_even_next_to_angle_brackets() -> None:
    assert repair_text("Doctors &amp; Nurses said") == "Doctors & Nurses said"
    assert repair_text("the army&#8217;s brigade") == "the army\u2019s brigade"
    # "<" in plain text is a character; ftfy's auto mode would stop unescaping once it saw one.
    assert repair_text("fewer than 10 &lt; 20 &amp; more") == "fewer than 10 < 20 & more"


def test_decomposed_accents_become_one_code_point() -> None:
    decomposed = "Ge\u0301ne\u0301ral Sylla visited Bamako"
    repaired = repair_text(decomposed)
    assert repaired == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in repaired


def test_clean_text_is_left_as_published() -> None:
    clean = "Gunmen killed 3 villagers in Kaduna on Monday, \u201cwitnesses\u201d said \u2014 police\u2019s account."
    assert repair_text(clean) == clean
    assert repair_text("") == ""


def test_normalize_article_stores_and_hashes_the_repaired_text() -> None:
    article = normalize_article({"text": "Clashes in Mâ€™bour &amp; Thiès left two dead.", "published": "2024-05-02"})
    assert article["text"] == "Clashes in M\u2019bour & Thiès left two dead."
    assert article["content_hash"] == content_hash("Clashes in M\u2019bour & Thiès left two dead.")
    # The same story, once damaged and once clean, is one story: same id (from the text) and same hash.
    clean = normalize_article({"text": "Clashes in M\u2019bour & Thiès left two dead.", "published": "2024-05-02"})
    assert (clean["id"], clean["content_hash"]) == (article["id"], article["content_hash"])


def test_text_that_repairs_to_nothing_is_refused() -> None:
    with pytest.raises(ArticleError, match="no article text"):
        normalize_article({"text": "\x00\x01", "published": "2024-05-02"})


def test_repair_is_idempotent_so_a_rerun_changes_nothing() -> None:
    damaged = "The armyâ€™s &amp; CafÃ© &#8217;report&#8217; Ge\u0301ne\u0301ral"
    once = repair_text(damaged)
    assert repair_text(once) == once
    article = normalize_article({"text": damaged, "published": "2024-05-02"})
    again = normalize_article(article)
    keys = ("id", "text", "content_hash")
    assert [again[k] for k in keys] == [article[k] for k in keys]
