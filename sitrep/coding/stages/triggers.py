"""Triggers: each sentence's realis event trigger, the type a note's opening label names, and whether it only
tells of a victim of an earlier event dying later."""

from __future__ import annotations

import re

from sitrep.coding.document import Document, SentenceReading
from sitrep.coding.event_types import classify_sentence, note_prefix_type
from sitrep.coding.resources import CoderResources

# A victim dying later of wounds from an event already reported is no new event ("succumbed to his wounds",
# "died in hospital on 22 February").
DIED_LATER = re.compile(r"\b(?:succumb(?:ed|s)\s+to\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)|died\s+"
                        r"(?:later\s+)?(?:of|from)\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)|"
                        r"(?:later\s+)?died\s+(?:later\s+)?(?:in|at)\s+(?:the\s+|a\s+)?(?:\w+\s+)?hospital)\b", re.I)
# "after the abduction of two traders (coded separately), …": a reference to an event with a row of its own.
SEPARATE_REFERENCE = re.compile(r"\b(?:following|after|during|amid|in\s+(?:retaliation|response)\s+(?:for|to)|"
                                r"as\s+part\s+of)\s+[^,;()]*(?:\([^()]*)?\b(?:coded|recorded|reported)\s+(?:as\s+(?:a\s+)?)?"
                                r"separate(?:ly|\s+events?)\b\)?", re.I)


def without_separate_events(text: str) -> str:
    """The sentence with the clauses that refer to separately coded events blanked (offsets kept)."""
    if "separate" not in text:
        return text
    return SEPARATE_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)


class Triggers:
    name = "triggers"

    def __init__(self, resources: CoderResources) -> None:
        self.lexicon = resources.events

    def __call__(self, doc: Document) -> Document:
        doc.readings = []
        for i, s in enumerate(doc.sentences):
            died_later = bool(DIED_LATER.search(s.text))
            # Read in ordinary case: the lexicon's proper-name tests ("took Kidal", a capitalised word inside a
            # name) mean nothing in a wire report written in capitals ("TOOK PLACE").
            trigger = classify_sentence(without_separate_events(doc.analysis_of(s)), self.lexicon)
            label = note_prefix_type(s.text, self.lexicon) if i == 0 or s.start == 0 else None
            doc.readings.append(SentenceReading(trigger, label, died_later))
        return doc
