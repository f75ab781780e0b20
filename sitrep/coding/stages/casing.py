"""Casing: a copy of the text with its all-capitals and all-lower-case paragraphs put in ordinary case.

Wire reports in capitals ("SOLDIERS KILLED 3 IN SAN MIGUEL ON 3 MAY") and lower-case archives defeat every
reader of names: the place finder looks for capitalised words, month and weekday names are matched capitalised,
the NER model reads word shapes. restore_case changes case only, never length, so the places, dates, actors and
entities stages read doc.analysis_text / doc.analysis_norm at the offsets of doc.text, while quotes and notes
are still cut from the text as written. A mixed-case text is left as it is (analysis_text is text itself).
"""

from __future__ import annotations

from sitrep.coding.casing import needs_restoration, restore_case
from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources
from sitrep.coding.stages.segment import NORMALISE


class Casing:
    name = "casing"

    def __init__(self, resources: CoderResources) -> None:
        self.resources = resources

    def __call__(self, doc: Document) -> Document:
        if not needs_restoration(doc.text):
            doc.analysis_text, doc.analysis_norm = doc.text, doc.norm or doc.text.translate(NORMALISE)
            return doc
        doc.analysis_text = restore_case(doc.text, self.resources.casing_dictionary())
        doc.analysis_norm = doc.analysis_text.translate(NORMALISE)
        return doc
