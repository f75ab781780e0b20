"""The casing and entities stages, and how the places, dates and actors stages read what they leave.

Model-dependent tests use the real pinned NER model and are skipped when it is not installed (the fallback,
which must then behave as before, is tested by test_fallback_without_model.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.coding.coder import Coder
from sitrep.coding.document import Document, SentenceReading
from sitrep.coding.entities import EntitySpan, get_entity_recognizer
from sitrep.coding.sentences import split_sentences
from sitrep.coding.stages import default_stages
from sitrep.coding.stages.casing import Casing
from sitrep.coding.stages.dates import Dates
from sitrep.coding.stages.entities import Entities, windows
from sitrep.coding.stages.places import Places, names_not_places
from sitrep.coding.stages.segment import Segment

from .conftest import town, trigger

CAPS = "GUNMEN KILLED FOUR TRADERS IN MAIDUGURI ON MONDAY, POLICE SAID. THE ATTACKERS FLED ON MOTORCYCLES."
needs_model = pytest.mark.skipif(get_entity_recognizer() is None, reason="the pinned NER model is not installed")


def _article(text: str) -> dict:
    return {"id": "c1", "published": "2025-02-07", "text": text, "outlet": "Test Wire"}


def _through(names: list[str], text: str, resources) -> Document:
    doc = Document.from_article(_article(text))
    for stage in default_stages(resources):
        doc = stage(doc)
        if stage.name == names[-1]:
            return doc
    raise AssertionError(names)


def test_casing_restores_a_capitals_text_at_the_same_offsets(resources):
    doc = _through(["casing"], CAPS, resources)
    assert doc.text == CAPS and len(doc.analysis_text) == len(CAPS) == len(doc.analysis_norm)
    assert doc.case_restored and "Maiduguri" in doc.analysis_text and "Monday" in doc.analysis_text
    assert doc.analysis_text.lower() == CAPS.lower()


def test_casing_leaves_a_mixed_case_text_as_it_is(resources):
    text = "Gunmen killed four traders in Maiduguri on Monday, police said."
    doc = Casing(resources)(Segment(resources)(Document.from_article(_article(text))))
    assert doc.analysis_text is doc.text and not doc.case_restored
    assert doc.analysis_of(doc.sentences[0]) is doc.sentences[0].text


def test_dates_are_read_in_a_capitals_text(resources):
    # Weekday and month names are matched capitalised only; the dates stage reads the restored sentences.
    doc = _through(["dates"], CAPS, resources)
    assert doc.dates[0].day == dt.date(2025, 2, 3)
    without = Dates(resources)(Segment(resources)(Document.from_article(_article(CAPS))))
    assert without.dates[0].day != dt.date(2025, 2, 3)


def test_places_are_found_in_a_capitals_text_and_quoted_as_written(resources):
    doc = _through(["places"], CAPS, resources)
    maiduguri = [p for p in doc.places if p.location == "Maiduguri"]
    assert maiduguri and maiduguri[0].text == "MAIDUGURI"
    assert doc.sentence_places[0].place is not None and doc.sentence_places[0].place.location == "Maiduguri"


def test_a_capitals_article_is_coded_with_its_place_and_day(resources):
    row = Coder(resources).code_article(_article(CAPS)).events[0]
    assert (row["location"], row["event_date"], row["place_text"]) == ("Maiduguri", "2025-02-03", "MAIDUGURI")
    assert "GUNMEN KILLED FOUR TRADERS" in row["notes"]  # notes quote the text as written


def _doc_with_triggers(sentences: list[str], with_trigger: set[int]) -> Document:
    text = " ".join(sentences)
    doc = Document.from_article(_article(text))
    doc.norm = text
    doc.sentences = split_sentences(text)
    assert len(doc.sentences) == len(sentences)
    doc.readings = [SentenceReading(trigger(s.text, s.text.split()[1], "Attack") if i in with_trigger else None)
                    for i, s in enumerate(doc.sentences)]
    return doc


def test_entities_read_trigger_sentences_and_their_neighbours_only():
    sentences = [f"Sentence number {i} is here." for i in range(8)]
    doc = _doc_with_triggers(sentences, {2, 7})
    s = doc.sentences
    # 1-3 joined into one window, 6-7 another; 0, 4 and 5 are never read.
    assert windows(doc) == [(s[1].start, s[3].end), (s[6].start, s[7].end)]
    assert windows(_doc_with_triggers(sentences, set())) == []
    # Only the picked sentences holding a place the model could drop are read.
    assert windows(doc, only=[town("Here", s[3].start + 5)]) == [(s[3].start, s[3].end)]
    assert windows(doc, only=[town("Here", s[4].start + 5)]) == []


def test_names_not_places_strict_and_soft():
    text = "Fighters of Monguno Brigade attacked Bama, then moved to Dikwa."
    brigade, bama, dikwa = text.index("Monguno"), text.index("Bama"), text.index("Dikwa")
    places = [town("Monguno", brigade, cue=""), town("Bama", bama, cue=""), town("Dikwa", dikwa, cue="")]
    spans = [EntitySpan(brigade, brigade + len("Monguno Brigade"), "ORG", "Monguno Brigade"),
             EntitySpan(bama, bama + 4, "PERSON", "Bama"), EntitySpan(dikwa, dikwa + 5, "GPE", "Dikwa")]
    assert [p.location for p in names_not_places(places, spans, "strict")] == ["Dikwa"]
    assert [p.location for p in names_not_places(places, spans, "soft", text)] == ["Dikwa"]
    # Soft keeps a name the text also cues as a place ("in Bama"), or that a place span names elsewhere.
    cued = [town("Monguno", brigade, cue=""), town("Bama", bama, cue="in"), town("Dikwa", dikwa, cue="")]
    elsewhere = [*spans, EntitySpan(200, 207, "GPE", "Monguno")]
    assert [p.location for p in names_not_places(cued, elsewhere, "soft")] == ["Monguno", "Bama", "Dikwa"]
    assert [p.location for p in names_not_places(cued, elsewhere, "strict")] == ["Dikwa"]
    # Soft also keeps a match listed right after a kept place or a unit, and a country in an organisation's name.
    listed = "Rebels attacked Bama and Monguno. The Chad Army Forces replied."
    b, m, c = listed.index("Bama"), listed.index("Monguno"), listed.index("Chad")
    found = [town("Bama", b), town("Monguno", m, cue=""), town("Chad", c, cue="", kind="country")]
    names = [EntitySpan(m, m + 7, "PERSON", "Monguno"), EntitySpan(c - 4, c + 16, "ORG", "The Chad Army Forces")]
    assert [p.location for p in names_not_places(found, names, "strict", listed)] == ["Bama"]
    assert [p.location for p in names_not_places(found, names, "soft", listed)] == ["Bama", "Monguno", "Chad"]
    unit = "Troops raided Kodo village, Dikwa."
    k = unit.index("Dikwa")
    assert names_not_places([town("Dikwa", k, cue="")], [EntitySpan(k, k + 5, "PERSON", "Dikwa")], "soft", unit)
    dateline = "QUETTA - Troops freed the passengers."
    assert names_not_places([town("Quetta", 0, cue="")], [EntitySpan(0, 6, "ORG", "QUETTA")], "soft", dateline)
    village = "Gunmen attacked the village of Solenzo."
    v = village.index("Solenzo")
    assert names_not_places([town("Solenzo", v, cue="")], [EntitySpan(v, v + 7, "PERSON", "Solenzo")], "soft", village)
    # Where the model read nothing, the gazetteer alone decides.
    assert names_not_places(places, []) == places


@needs_model
def test_entities_stage_stores_spans_at_text_offsets(resources):
    text = "Police arrested Jackson Mahalapye, a trader, in Gaborone on Monday. The weather was fine."
    doc = _through(["entities"], text, resources)
    assert doc.entity_spans is not None
    labels = {(doc.text[s.start:s.end], s.label) for s in doc.entity_spans}
    assert ("Jackson Mahalapye", "PERSON") in labels and ("Gaborone", "GPE") in labels


@needs_model
def test_a_person_named_like_a_town_is_not_geocoded(resources):
    text = "Gunmen shot dead businessman Victoria Lagos outside his shop in Kano on Monday, police said."
    doc = _through(["places"], text, resources)
    assert "Lagos" not in {p.location for p in doc.places} and "Kano" in {p.location for p in doc.places}
    fallback = Places(resources)(_through(["dates"], text, resources))  # no entities stage: the gazetteer alone
    assert "Lagos" in {p.location for p in fallback.places}


@needs_model
def test_no_model_means_no_spans():
    from sitrep.coding.resources import CoderResources

    off = CoderResources.load(use_entities=False)
    doc = _through(["entities"], CAPS, off)
    assert doc.entity_spans is None
    assert Entities(off)(doc).entity_spans is None
