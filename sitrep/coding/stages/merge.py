"""Merge: mentions at the same place on the same day combine into one event of the highest type (CODEBOOK
hierarchy; a protest absorbs what happens to it), and each event takes the sentences that elaborate it."""

from __future__ import annotations

from datetime import date

from schemas.acled import EVENT_TYPE_RANK
from sitrep.coding.document import Document, Mention
from sitrep.coding.places import Place
from sitrep.coding.resources import CoderResources
from sitrep.coding.stages.typing import TypeRules

# The place of an event in an article that names none: the row is kept with empty place columns.
NO_PLACE = Place(location="", admin1="", admin2="", admin3="", country="", iso=0, iso3="", region="",
                 latitude=float("nan"), longitude=float("nan"), geo_precision=3, text="", start=0, end=0,
                 population=0, kind="none")


def _key(m: Mention) -> tuple[str, date]:
    return ((m.place.location + "|" + m.place.country) if m.place else "", m.event_date)


class Merge:
    name = "merge"

    def __init__(self, resources: CoderResources) -> None:
        self.rules = TypeRules(resources.tables, resources.events)

    def __call__(self, doc: Document) -> Document:
        events, event_of = self.merged(doc.mentions)
        if not doc.places:
            for m in events:  # no place at all: keep the event, unplaced, for the validator to judge
                m.place = NO_PLACE
        by_start = {s.start: s for s in doc.sentences}
        for k, m in enumerate(events):
            for start, owner in doc.followers.items():
                if event_of[owner] == k:
                    s = by_start[start]
                    if s not in m.sentences:
                        m.sentences.append(s)
            m.sentences.sort(key=lambda s: s.start)
        doc.events = events
        return doc

    def merged(self, mentions: list[Mention]) -> tuple[list[Mention], list[int]]:
        """Events from mentions (same place and day: one event), and the index of the event each mention (by its
        index) ended up in."""
        out: list[Mention] = []
        event_of: list[int] = []
        for m in mentions:
            for i, e in enumerate(out):
                if _key(e) == _key(m) and not m.separate:
                    out[i] = self.combined(e, m)
                    event_of.append(i)
                    break
            else:
                out.append(m)
                event_of.append(len(out) - 1)
        return out, event_of

    def combined(self, a: Mention, b: Mention) -> Mention:
        keep, other = a, b
        absorbed = self.rules.absorbed(a.trigger, b.trigger, b.sentences[0].text)
        if absorbed is not None:
            keep.trigger = absorbed
        elif EVENT_TYPE_RANK[b.trigger.event_type] < EVENT_TYPE_RANK[a.trigger.event_type] and \
                not (a.trigger.event_type in ("Protests", "Riots")
                     and b.trigger.event_type == "Violence against civilians"):
            keep, other = b, a
        keep.sentences = sorted({s.start: s for s in keep.sentences + other.sentences}.values(), key=lambda s: s.start)
        keep.descriptors = keep.descriptors + [d for d in other.descriptors if d not in keep.descriptors]
        return keep
