"""Entities: statistical named entities (PERSON, ORG, GPE, LOC, …) where the coder needs them, and only there.

The NER model costs more than every rule of the coder together, so it reads only the sentences that carry
an event trigger (or an analyst's type label) and their neighbours, one before and one after (the sentences a
place of an event can come from), and of those only the ones where its spans can change something: that hold a
gazetteer match with no place cue before it (places.needs_entities; "in X" is kept whatever the model says).
The gazetteer's matches are found here for that and handed to the places stage (doc.place_candidates).
Neighbouring picked sentences are joined into one window (the model reads a name better in its whole sentence,
and fewer, longer texts batch better); all windows of the article
go through the model in one `nlp.pipe` call. The model reads the case-restored text (casing stage), at the
text's offsets.

Without a model (not installed, failed its hash check, or turned off) doc.entity_spans stays None and every
later stage behaves as it did before this stage existed.
"""

from __future__ import annotations

from sitrep.coding.document import Document
from sitrep.coding.places import Place
from sitrep.coding.resources import CoderResources
from sitrep.coding.stages.places import needs_entities, place_candidates

NEIGHBOURS = 1  # sentences read on each side of a trigger sentence


def windows(doc: Document, neighbours: int = NEIGHBOURS, only: list[Place] | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the text to read: trigger sentences and their neighbours, adjacent ones joined;
    with `only`, just those of them holding one of these places."""
    picked: set[int] = set()
    for i, reading in enumerate(doc.readings):
        if reading.trigger is not None or reading.label is not None:
            picked.update(range(max(0, i - neighbours), min(len(doc.sentences), i + neighbours + 1)))
    if only is not None:
        picked = {i for i in picked if any(doc.sentences[i].start <= p.start < doc.sentences[i].end for p in only)}
    out: list[tuple[int, int]] = []
    last = -2
    for i in sorted(picked):
        s = doc.sentences[i]
        if out and i == last + 1:
            out[-1] = (out[-1][0], max(out[-1][1], s.end))
        else:
            out.append((s.start, s.end))
        last = i
    return out


class Entities:
    name = "entities"

    def __init__(self, resources: CoderResources) -> None:
        self.resources = resources

    def __call__(self, doc: Document) -> Document:
        return self.run_many([doc])[0]

    def run_many(self, docs: list[Document]) -> list[Document]:
        """The stage over several documents, their windows read by the model in one batch (Coder.run_many)."""
        recognizer = self.resources.entity_recognizer()
        if recognizer is None:
            for doc in docs:
                doc.entity_spans = None
            return docs
        for doc in docs:
            doc.place_candidates = place_candidates(doc)
        found = recognizer.spans_in_many([(doc.analysis, windows(doc, only=[p for p in doc.place_candidates or []
                                                                            if needs_entities(p)])) for doc in docs])
        for doc, spans in zip(docs, found, strict=True):
            doc.entity_spans = [span for window in spans for span in window]
        return docs
