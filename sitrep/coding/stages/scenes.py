"""Scenes: one scene per event, or one per place of a list of scenes its opening sentence names ("clashes in
A, B and C": ACLED codes one event per place, each with its share of the dead)."""

from __future__ import annotations

import re

from sitrep.coding.continuation import CODED_SEPARATELY
from sitrep.coding.document import Document, Mention, Scene
from sitrep.coding.places import Place
from sitrep.coding.resources import CoderResources
from sitrep.coding.sentences import Sentence
from sitrep.coding.stages.places import NEAR_BEFORE

# What may stand between two places of one list: "A, B and C", "A and in B", "A (district), B".
_LIST_JOINER = re.compile(r"\s*(?:\([^()]*\)\s*)*(?:,\s*(?:and\s+)?|\s*and\s+)(?:(?:also\s+)?(?:in|at|near)\s+)?"
                          r"(?:the\s+)?(?:(?:villages?|towns?|cities|city|areas?)\s+of\s+)?$", re.I)
# A list is a list of scenes only when it is introduced as where something happened.
_LIST_CUE = re.compile(r"\b(?:in|at|near|on|across|around|villages?\s+of|towns?\s+of|areas?\s+of|"
                       r"localities\s+of|shelled|struck|attacked|bombed|raided|targeted|hit|captured|seized|"
                       r"retook|recaptured)\s+(?:the\s+)?$", re.I)
# A comma list goes on to an "and" ("A, B and C"); without one, "A, B" is a town and its wider area.
_LIST_AND_AHEAD = re.compile(r"(?:\s*\([^()]*\))*\s*(?:,\s*[^\W\d][\w' -]{0,30}?)*,?\s+and\s+", re.I)
# Names of a list that qualify an institution ("Plymouth, Canton and Salem high schools") are not scenes.
_NOT_A_SCENE_AFTER = re.compile(r"\s+(?:high\s+)?(?:schools?|universit|colleges?|roads?|streets?|highways?|"
                                r"hospitals?|mosques?|churches|church|markets?|camps?|clubs?|teams?)\b", re.I)
# A route or a front line names two places for one event.
_ROUTE_BEFORE = re.compile(r"\b(?:between|from|road|highway|route|axis|line|border)\b[^,.;]{0,40}$", re.I)


def _in_brackets(norm: str, start: int, at: int) -> bool:
    """Whether position `at` lies inside brackets opened after `start` ("Bani Hasan (Abs)": Abs qualifies)."""
    head = norm[start:at]
    return head.count("(") > head.count(")") or head.count("[") > head.count("]")


def listed_places(s: Sentence, norm: str, places: list[Place]) -> list[Place]:
    """The places of a sentence that form one list of scenes ("clashes in A, B and C"): ACLED codes one event
    per place. Empty when the sentence names fewer than two distinct towns in such a list."""
    inside = sorted((p for p in places if s.start <= p.start < s.end and p.kind in ("populated place", "admin2")
                     and not _in_brackets(norm, s.start, p.start)), key=lambda p: p.start)
    best: list[Place] = []
    run: list[Place] = []
    for p in inside:
        between = norm[run[-1].end:p.start] if run else ""
        if run and p.text.lower() in {run[-1].admin1.lower(), run[-1].admin2.lower(), run[-1].country.lower()}:
            continue  # "Troitske, Donetsk": the town's region, not a second scene
        if run and _LIST_JOINER.match(between) and p.country == run[0].country and \
                ("and" in between.split() or _LIST_AND_AHEAD.match(norm, p.end)):
            run.append(p)
        else:
            run = [p] if _LIST_CUE.search(norm[max(s.start, p.start - 30):p.start]) and \
                not _ROUTE_BEFORE.search(norm[max(s.start, p.start - 60):p.start]) else []
        distinct = {q.location for q in run}
        if len(distinct) >= 2 and len(run) > len(best) and not _NOT_A_SCENE_AFTER.match(norm, run[-1].end):
            best = list(run)
    if not best or best[0] is not inside[0]:
        return []  # a list after the scene ("protest in A over killings in B and C") names other places
    seen: set[str] = set()
    out = []
    for p in best:
        if p.location not in seen:
            seen.add(p.location)
            out.append(p)
    return out if len(out) >= 2 else []


def split_by_place(m: Mention, norm: str, places: list[Place]) -> list[Mention]:
    """One mention per listed place of its opening sentence (the mention itself when there is no list)."""
    if CODED_SEPARATELY.search(m.sentences[0].text):
        return [m]  # the other places have rows of their own elsewhere
    listed = listed_places(m.sentences[0], norm, places)
    if not listed or m.place is None or (m.place_text and not any(p.location == m.place.location for p in listed)):
        return [m]
    out = []
    for p in listed:
        geo = 2 if NEAR_BEFORE.search(norm[max(m.sentences[0].start, p.start - 80):p.start]) else p.geo_precision
        out.append(Mention(m.trigger, list(m.sentences), m.event_date, m.time_precision, m.date_text, p, p.text, geo,
                           actors=m.actors, descriptors=m.descriptors, extra_actors=list(m.extra_actors),
                           last_paragraph=m.last_paragraph))
    return out


class Scenes:
    name = "scenes"

    def __init__(self, resources: CoderResources | None = None) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        doc.scenes = [Scene(p, i, len(parts)) for m in doc.events for parts in [split_by_place(m, doc.norm, doc.places)]
                      for i, p in enumerate(parts)]
        return doc
