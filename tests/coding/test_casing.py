"""Case restoration: all-capitals and all-lower-case texts put in ordinary case, length and offsets unchanged."""

from __future__ import annotations

import importlib.abc
import logging
import sys

import pytest

from sitrep.coding.casing import (
    LOWER,
    MIXED,
    UPPER,
    case_state,
    needs_restoration,
    restore_case,
)
from sitrep.coding.casing_dictionary import (
    CasingDictionary,
    build_casing_dictionary,
    english_zipf,
)

# Frequencies written for these tests (zipf: log10 per billion words), shaped like real ones: ordinary words
# frequent, "paris" rare as a lower-case word. Words missing here count as unknown to English (names).
ENGLISH = {w: 5.0 for w in (
    "the a an of in on at to and or but said says made make police arrest arrested army soldiers troops killed "
    "kidnapped five ten people after before near town village city capital district department villagers gunmen "
    "fighters attacked attack monday report reported that about peasants have has been by terrorists front "
    "national liberation embassy it may react will march marched protesters through demand food prices this "
    "first happened i think so we us they were was is are who what when th km shots fired mobile phone "
    "phones his her met officials general resigned president minister visited yesterday state mr long beach "
    "away from took place".split())}
ENGLISH |= {"paris": 2.8, "grenade": 3.4, "san": 3.3, "mobile": 4.1, "carter": 3.1}
PLACES = [("Arrest", 600), ("Police", 33_000), ("Kaduna", 760_000), ("Mobile", 190_000), ("Paris", 2_100_000),
          ("Grenade", 5_000), ("San Miguel", 160_000), ("Maiduguri", 540_000), ("Long Beach", 460_000),
          ("Capital", 0), ("San", 60_000)]


@pytest.fixture(scope="module")
def casing() -> CasingDictionary:
    return build_casing_dictionary(places=PLACES, zipf=ENGLISH)


def test_case_state_from_the_share_of_upper_case_letters() -> None:
    assert case_state("GUNMEN KILLED FIVE VILLAGERS IN KADUNA ON MONDAY").state == UPPER
    assert case_state("gunmen killed five villagers in kaduna on monday").state == LOWER
    assert case_state("Gunmen killed five villagers in Kaduna on Monday").state == MIXED
    assert case_state("THE FMLN (McDONALD'S REPORT) SAID").state == UPPER  # a few lower-case letters
    assert case_state("1990 - 2024").state == MIXED  # no letters: nothing to restore
    assert not needs_restoration("Ordinary text. Nothing to do.")
    assert needs_restoration("Ordinary title\n\nBUT THIS WHOLE PARAGRAPH OF THE REPORT IS WRITTEN IN CAPITALS.")


def test_common_words_stay_lower_even_where_a_place_is_named_so(casing) -> None:
    text = "POLICE MADE AN ARREST IN KADUNA AFTER GUNMEN KILLED FIVE PEOPLE NEAR MAIDUGURI."
    assert restore_case(text, casing) == \
        "Police made an arrest in Kaduna after gunmen killed five people near Maiduguri."
    # A city of millions may have a name that is a rare English word; a small town may not.
    assert restore_case("TROOPS MARCHED THROUGH PARIS AFTER A GRENADE ATTACK", casing) == \
        "Troops marched through Paris after a grenade attack"
    assert restore_case("his mobile phone was in the capital", casing) == "His mobile phone was in the capital"


def test_multiword_names_and_names_from_the_shipped_dictionaries(casing) -> None:
    text = "boko haram fighters attacked san miguel department and long beach on monday."
    assert restore_case(text, casing) == \
        "Boko Haram fighters attacked San Miguel department and long beach on Monday."
    assert restore_case("troops from nigeria and chad met the u.s. embassy, who met us.", casing) == \
        "Troops from Nigeria and Chad met the U.S. embassy, who met us."


def test_length_and_offsets_never_change(casing) -> None:
    text = "İSTANBUL AND STRAẞE REPORT: 10TH ARREST IN ÉVRY.\n\nPOLICE ﬁRED SHOTS."
    restored = restore_case(text, casing)
    assert len(restored) == len(text)
    assert restored.lower() == text.lower() or all(a.lower() == b.lower() for a, b in zip(restored, text, strict=False))
    assert restored.startswith("İstanbul")  # "İ" lowered would be two characters: it is kept
    assert "10th arrest" in restored and "Évry" in restored


def test_restoring_twice_changes_nothing(casing) -> None:
    once = restore_case("POLICE MADE AN ARREST IN KADUNA AFTER GUNMEN KILLED FIVE PEOPLE.", casing)
    assert restore_case(once, casing) == once


def test_only_paragraphs_in_one_case_are_restored(casing) -> None:
    mixed = "Police in Kaduna said gunmen attacked the village of Arrest, a name they use."
    caps = "POLICE MADE AN ARREST IN KADUNA AFTER GUNMEN KILLED FIVE PEOPLE."
    text = f"{mixed}\n\n{caps}\n\nKADUNA (SR) -"
    restored = restore_case(text, casing)
    first, second, third = restored.split("\n\n")
    assert first == mixed  # mixed case: left exactly as written
    assert second == "Police made an arrest in Kaduna after gunmen killed five people."
    assert third == "KADUNA (SR) -"  # too short to judge alone: takes the article's (mixed) state


def test_acronyms_numbers_sentence_starts_and_months(casing) -> None:
    text = ("THE FMLN [ARENA] REPORTED THAT PEASANTS WERE KIDNAPPED ON 3 MAY. IT MAY REACT. "
            "ON THE 10TH, 5 KM AWAY, MR. CARTER VISITED. I THINK SO.")
    assert restore_case(text, casing) == (
        "The FMLN [ARENA] reported that peasants were kidnapped on 3 May. It may react. "
        "On the 10th, 5 km away, Mr. Carter visited. I think so.")


def test_words_no_english_list_knows_are_names_and_titles_name_the_next_word(casing) -> None:
    text = "general bustillo resigned. the general resigned. president carter met officials."
    assert restore_case(text, casing) == \
        "General Bustillo resigned. The general resigned. President Carter met officials."


def test_particles_inside_names_stay_lower_case(casing) -> None:
    assert restore_case("THE ATTACK TOOK PLACE IN SAN LUIS DE LA REINA ON MONDAY", casing) == \
        "The attack took place in San Luis de la Reina on Monday"


def test_lower_case_archive_text_is_restored_with_the_same_dictionary(casing) -> None:
    text = "gunmen killed ten villagers near kaduna on monday, police said.\nthe army reported it."
    assert restore_case(text, casing) == \
        "Gunmen killed ten villagers near Kaduna on Monday, police said.\nThe army reported it."


class _NoSpellchecker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "spellchecker":
            raise ModuleNotFoundError("No module named 'spellchecker'", name=name)


def test_without_the_frequency_list_it_warns_and_relies_on_the_lexicons(monkeypatch, caplog) -> None:
    monkeypatch.delitem(sys.modules, "spellchecker", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoSpellchecker(), *sys.meta_path])
    with caplog.at_level(logging.WARNING, logger="sitrep.coding.casing_dictionary"):
        assert english_zipf() == {}
    assert "pyspellchecker is not installed" in caplog.text
    fallback = build_casing_dictionary(places=PLACES, zipf={})
    # No frequencies: no word is "unknown to English", and lexicon words still stay lower case.
    assert restore_case("GUNMEN ATTACKED TROOPS IN KADUNA", fallback) == "Gunmen attacked troops in Kaduna"


def test_real_dictionary_restores_capitals_so_that_ner_finds_the_places() -> None:
    """The shipped data end to end: gazetteer, resources, pyspellchecker's list, then the pinned NER model."""
    pytest.importorskip("spellchecker", reason="pyspellchecker is a declared dependency (pyproject.toml)")
    from sitrep.coding.casing_dictionary import get_casing_dictionary
    from sitrep.coding.entities import is_place_span, load_entity_recognizer

    dictionary = get_casing_dictionary()
    texts = ["POLICE MADE AN ARREST IN KADUNA AFTER GUNMEN KILLED FIVE VILLAGERS NEAR ZARIA.",
             "rebels shelled positions near mosul and kirkuk in northern iraq, the army said."]
    restored = [restore_case(t, dictionary) for t in texts]
    assert restored == ["Police made an arrest in Kaduna after gunmen killed five villagers near Zaria.",
                        "Rebels shelled positions near Mosul and Kirkuk in northern Iraq, the army said."]
    recognizer = load_entity_recognizer()
    assert recognizer is not None
    places = [{s.text for s in spans if is_place_span(s)} for spans in recognizer.spans(restored)]
    assert {"Kaduna", "Zaria"} <= places[0] and {"Mosul", "Kirkuk", "Iraq"} <= places[1]
    before = [{s.text for s in spans if is_place_span(s)} for spans in recognizer.spans(texts)]
    assert len(before[0]) + len(before[1]) < len(places[0]) + len(places[1])
