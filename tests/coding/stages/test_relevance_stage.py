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
