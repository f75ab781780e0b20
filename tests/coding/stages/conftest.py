"""Hand-made documents for the stage tests: articles, places, triggers and dates written by these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.acled import EVENT_TYPE_OF
from sitrep.coding.document import Document
from sitrep.coding.lexicon import Trigger
from sitrep.coding.places import Place
from sitrep.coding.resources import CoderResources, default_resources

FRIDAY = dt.date(2025, 2, 7)


@pytest.fixture(scope="session")
def resources() -> CoderResources:
    return default_resources()


def document(text: str, published: dt.date = FRIDAY, **fields) -> Document:
    doc = Document.from_article({"id": "t1", "published": published.isoformat(), "text": text,
                                 "outlet": "Test Wire", "source_scale": "National"})
    doc.norm = text
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc


def town(name: str, start: int, country: str = "Nigeria", admin1: str = "Borno", lat: float = 11.8,
         lon: float = 13.15, cue: str = "in", kind: str = "populated place") -> Place:
    return Place(location=name, admin1=admin1, admin2="", admin3="", country=country, iso=566, iso3="NGA",
                 region="Western Africa", latitude=lat, longitude=lon, geo_precision=1, text=name, start=start,
                 end=start + len(name), population=1000, kind=kind, cue=cue)


def trigger(sentence: str, word: str, sub: str, offset: int = 0, priority: int = 50) -> Trigger:
    start = sentence.index(word)
    return Trigger(sub, EVENT_TYPE_OF[sub], start + offset, start + offset + len(word), priority, word)
