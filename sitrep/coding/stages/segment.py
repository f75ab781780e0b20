"""Segment: the normalised text and its sentences, those that join two reports cut into their clauses."""

from __future__ import annotations

from sitrep.coding.document import Document
from sitrep.coding.event_types import classify_sentence
from sitrep.coding.lexicon import Lexicon
from sitrep.coding.resources import CoderResources
from sitrep.coding.sentences import Sentence, split_clauses, split_sentences

# Characters mapped one-to-one so that offsets into the normalised text are offsets into the article.
NORMALISE = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2018": "'", "\u2019": "'",
                           "\u201c": " ", "\u201d": " ", '"': " ", "\u2013": "-", "\u2014": "-"})


def event_clauses(sentences: list[Sentence], lexicon: Lexicon) -> list[Sentence]:
    """Sentences, with those that join two reports ("…, while …") cut into their clauses when each clause has
    an event trigger of its own."""
    out: list[Sentence] = []
    for s in sentences:
        clauses = split_clauses(s)
        if len(clauses) > 1 and all(classify_sentence(c.text, lexicon) is not None for c in clauses):
            out.extend(clauses)
        else:
            out.append(s)
    return out


class Segment:
    name = "segment"

    def __init__(self, resources: CoderResources) -> None:
        self.lexicon = resources.events

    def __call__(self, doc: Document) -> Document:
        doc.norm = doc.text.translate(NORMALISE)
        doc.sentences = event_clauses(split_sentences(doc.norm), self.lexicon)
        return doc
