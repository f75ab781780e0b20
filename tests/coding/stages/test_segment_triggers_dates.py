"""The first stages, each run alone on a hand-made Document."""

from __future__ import annotations

import datetime as dt

from sitrep.coding.stages.dates import Dates
from sitrep.coding.stages.segment import Segment
from sitrep.coding.stages.triggers import Triggers
from tests.coding.stages.conftest import FRIDAY, document


def test_segment_normalises_and_cuts_two_reports_into_clauses(resources):
    doc = document("Gunmen killed a farmer in Kaura on Monday, while troops clashed with rebels in Bama.\n\n"
                   "\u201cIt was bad,\u201d he said.")
    doc.norm = ""
    doc = Segment(resources)(doc)
    assert doc.norm[0] == "G" and "\u201c" not in doc.norm and len(doc.norm) == len(doc.text)
    assert [s.text for s in doc.sentences] == [
        "Gunmen killed a farmer in Kaura on Monday", "troops clashed with rebels in Bama.", "It was bad,  he said."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]
    assert all(doc.norm[s.start:s.end] == s.text for s in doc.sentences)


def test_triggers_reads_each_sentence(resources):
    doc = Segment(resources)(document("Looting: On 3 February 2025, men looted shops in Kaura. "
                                      "A wounded trader later died in hospital. Nothing else happened."))
    doc = Triggers(resources)(doc)
    first, second, third = doc.readings
    assert first.label == "Looting/property destruction" and first.trigger is not None
    assert second.died_later and second.label is None
    assert third.trigger is None and not third.died_later


def test_triggers_leave_out_references_to_separately_coded_events(resources):
    doc = Segment(resources)(document("After the abduction of two traders (coded separately), residents "
                                      "protested in Kaura."))
    reading = Triggers(resources)(doc).readings[0]
    assert reading.trigger is not None and reading.trigger.event_type == "Protests"


def test_dates_carry_the_last_stated_day_and_flag_reporting_dates(resources):
    doc = Segment(resources)(document("Troops shelled Kaura on Wednesday. Two soldiers died. "
                                      "The attack was confirmed, the army said on Thursday. "
                                      "The town was taken in 2019."))
    doc = Dates()(doc)
    wednesday = dt.date(2025, 2, 5)
    shelled, died, confirmed, old = doc.dates
    assert (shelled.day, shelled.text, shelled.carried.day) == (wednesday, "Wednesday", wednesday)
    assert (died.text, died.day, died.carried.day) == ("", FRIDAY, wednesday)
    assert confirmed.reporting and confirmed.own_text == "" and confirmed.carried.day == wednesday
    assert old.background
    assert doc.reference is not None and doc.reference.date == dt.date(2025, 2, 6)
