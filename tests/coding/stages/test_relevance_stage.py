"""The relevance stage alone, on hand-made documents: it sets aside the trigger of ordinary news with its reason,
keeps the trigger of an event, and marks which sentences name a party, weapon or crowd of conflict (what the
mentions stage's lede rule reads)."""

from __future__ import annotations

from sitrep.coding.document import SentenceReading
from sitrep.coding.sentences import split_sentences
from sitrep.coding.stages.relevance import Relevance

from .conftest import document, trigger

TEXT = ("Gunmen attacked a village near Maiduguri on Thursday. "
        "The home side struck with a late attack to win the cup match against the visitors on Saturday.")


def _read(resources):
    doc = document(TEXT)
    doc.sentences = split_sentences(doc.norm)
    event, match = doc.sentences
    doc.readings = [SentenceReading(trigger(event.text, "attacked", "Attack")),
                    SentenceReading(trigger(match.text, "attack", "Attack", offset=0))]
    return Relevance(resources)(doc)


def test_an_attack_by_gunmen_keeps_its_trigger(resources):
    doc = _read(resources)
    kept = doc.readings[0]
    assert kept.trigger is not None and kept.irrelevant == "" and kept.names_conflict


def test_a_late_attack_in_a_cup_match_is_set_aside_as_sport(resources):
    doc = _read(resources)
    dropped = doc.readings[1]
    assert dropped.trigger is None and "sport" in dropped.irrelevant and not dropped.names_conflict


def test_the_article_context_is_read_once_for_the_document(resources):
    doc = _read(resources)
    assert doc.context is not None and doc.context.conflict


COURT_TEXT = ("Three men accused of the killing of a shopkeeper appeared in the regional court on Monday. "
              "The shopkeeper was stabbed to death outside his store in the township in March. "
              "Police fired rubber bullets to disperse protesters outside the court.")


def test_a_court_report_retells_its_crime_but_a_protest_outside_is_news(resources):
    """An article whose first event sentence is a court report tells the crime it tries as background; a crowd
    at the court is still news."""
    doc = document(COURT_TEXT)
    doc.sentences = split_sentences(doc.norm)
    hearing, crime, crowd = doc.sentences
    doc.readings = [SentenceReading(trigger(hearing.text, "killing", "Attack")),
                    SentenceReading(trigger(crime.text, "stabbed", "Attack")),
                    SentenceReading(trigger(crowd.text, "disperse protesters", "Protest with intervention"))]
    doc = Relevance(resources)(doc)
    assert [r.irrelevant for r in doc.readings] == ["court report", "retold in a court report", ""]
    assert doc.readings[2].trigger is not None
