"""Relevance: a trigger is kept only where the sentence reports political violence, a demonstration or a strategic
development (CODEBOOK.md) and not ordinary news that borrows the words: sport and markets, court reports,
accidents, crime for gain, plans and calls, tallies and remembrances (sitrep/coding/relevance.py, whose rules are
data in resources/relevance.toml). The article's domain (from its headline and opening) is read once; each
trigger sentence is judged in its light. A trigger set aside keeps its reason on the reading, and each reading
says whether the sentence names a party, weapon or crowd of conflict (the mentions stage's lede rule reads it).
An article whose news is a court case (its first trigger sentence is a court report) only retells the
crime it tries: its later violence and arrests are the case's background, not new events."""

from __future__ import annotations

from dataclasses import replace

from sitrep.coding.document import Document
from sitrep.coding.relevance import CROWD_TYPES, Verdict, assess_article, names_conflict, sentence_relevance
from sitrep.coding.resources import CoderResources

COURT_REPORT = "court report"
RETOLD_IN_COURT = Verdict(False, "retold in a court report")


class Relevance:
    name = "relevance"

    def __init__(self, resources: CoderResources) -> None:
        self.rules = resources.relevance

    def __call__(self, doc: Document) -> Document:
        doc.context = assess_article(str(doc.article.get("title") or ""), doc.norm, self.rules)
        readings = []
        court_case = False
        first = True
        for s, reading in zip(doc.sentences, doc.readings, strict=True):
            reading = replace(reading, names_conflict=names_conflict(s.text, self.rules))
            if reading.trigger is not None:
                verdict = sentence_relevance(s.text, reading.trigger, doc.context, self.rules)
                if first and verdict.reason == COURT_REPORT:
                    court_case = True
                first = False
                if verdict.relevant and court_case and reading.trigger.event_type not in CROWD_TYPES:
                    verdict = RETOLD_IN_COURT
                if not verdict.relevant:
                    reading = replace(reading, trigger=None, irrelevant=verdict.reason)
            readings.append(reading)
        doc.readings = readings
        return doc
