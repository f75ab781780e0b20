"""Dates: the article's main event date and each sentence's date (every rule is in sitrep/coding/dates.py)."""

from __future__ import annotations

from sitrep.coding.date_patterns import raw_dates
from sitrep.coding.dates import EventDate, article_main_date, sentence_date
from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources


class Dates:
    name = "dates"

    def __init__(self, resources: CoderResources | None = None) -> None:
        pass  # the date rules need no data files

    def __call__(self, doc: Document) -> Document:
        # Month and weekday names are matched capitalised ("may" is a word): read the case-restored sentences.
        texts = [doc.analysis_of(s) for s in doc.sentences]
        raws = [raw_dates(t, doc.published) for t in texts]
        # An old date is background only next to a later main event, never for its age alone.
        doc.reference = article_main_date(texts, doc.published, raws)
        doc.dates = []
        carried: EventDate | None = None
        for text, raw in zip(texts, raws, strict=True):
            found = sentence_date(text, doc.published, doc.reference, carried, raw)
            carried = found.carried
            doc.dates.append(found)
        return doc
