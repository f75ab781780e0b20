"""Places: the article's places (found with the outlet's country as a weak prior), its main place, and the place
each sentence names for its scene.

Places are found in the case-restored text (casing stage). When the entities stage ran, a gazetteer match that
the NER model reads as part of a PERSON or ORG name ("President Goodluck Jonathan", "the Kano Pillars") is a
name, not a place, and is dropped (names_not_places). Where the model read nothing (sentences far from any
trigger) or no model is installed, the gazetteer alone decides, as before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.coding.document import Document, SentencePlace
from sitrep.coding.entities import EntitySpan, covering, is_place_span
from sitrep.coding.places import Place, find_places, outlet_country
from sitrep.coding.resources import CoderResources
from sitrep.coding.sentences import Sentence

# "near X", "outskirts of X", "10 km north of X": the event was close to X, not in it (geo_precision 2).
NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|close\s+to|around(?!\s+\d)|outskirts\s+of|vicinity\s+of|(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
    r"(?:km|kilomet(?:re|er)s?|miles)\s+(?:\w+\s+){0,2}(?:from|of))\s+(?:the\s+)?"
    # "outside the court in X" is in X: the words between may not place the event somewhere else first.
    r"(?:(?!(?:in|at|inside|on|\d+)\s)[\w'-]+\s+){0,4}$", re.I)

# A country named as a neighbour ("near the border with Burkina Faso") is where the event was not.
BORDER_BEFORE = re.compile(r"\b(?:borders?\s+(?:with|of)|bordering|neighbou?ring|frontier\s+with)\s+(?:the\s+)?$", re.I)


# What lies between a place that only frames the scene and the town the scene is in: a few words with no list or
# clause break ("the X hospital in Y", "X District Police Department in Y", "protesters from X marched in Y").
# A lower-case unit word right after the name ("X town in Y", "X municipality building in Y") says X is itself a
# place of the scene, not a facility named after one ("X city during a rally in Y" still frames).
FRAME_GAP = re.compile(r"(?!\s+(?:town|village|city|area|district|neighbou?rhood|municipality|locality|suburb|quarter|"
                       r"camp|sub-district|county|province|region)(?:\s+[\w'-]+)?\s+in\s)"
                       r"(?:\s+(?!and\b|or\b|in\b|at\b)[\w'.-]+){0,6}\s+in\s+(?:the\s+)?(?:town\s+of\s+)?")


def _framing_places(norm: str, inside: list[Place]) -> set[int]:
    """Places (their indices in `inside`) named only to frame a later, more specific town of the sentence: a
    facility, district or home named before "… in Y", where Y is a town. ACLED codes the town the scene is in."""
    towns = [q for q in inside if q.kind == "populated place" and q.cue in ("in", "")]
    framing: set[int] = set()
    for i, p in enumerate(inside):
        if p.kind not in ("populated place", "admin2"):
            continue
        for q in towns:
            if q.start > p.end and q.location != p.location and q.country == p.country and \
                    FRAME_GAP.fullmatch(norm, p.end, q.start):
                framing.add(i)
                break
    return framing


def sentence_place(sentence: Sentence, norm: str, places: list[Place]) -> SentencePlace:
    """The place of a sentence's scene: the most exact unit it names with a place cue, a town rather than the
    facility or district that only frames it; "near" it makes an exact town precision 2."""
    inside = [p for p in places if sentence.start <= p.start < sentence.end
              and not (p.kind == "country" and BORDER_BEFORE.search(norm, max(sentence.start, p.start - 40), p.start))]
    if not inside:
        return SentencePlace(None, 0)
    rank = {"populated place": 0, "admin2": 1, "admin1": 2, "country": 3}
    framing = _framing_places(norm, inside)
    # A bare name ("Grad missiles", "Sultan Murad Division") is a place less surely than a cued unit ("in X region").
    best = inside[min(range(len(inside)), key=lambda i: (
        rank.get(inside[i].kind, 4) + (0 if inside[i].cue in ("in", "near", "paren", "unit") else 2.5)
        + (3 if i in framing else 0), inside[i].start))]
    precision = best.geo_precision
    if precision == 1 and NEAR_BEFORE.search(norm[max(sentence.start, best.start - 80):best.start]):
        precision = 2
    return SentencePlace(best, precision)


def main_place(places: list[Place]) -> Place | None:
    """The article's main place: the most mentioned populated place of its most mentioned country."""
    if not places:
        return None
    counts: dict[str, int] = {}
    for p in places:
        counts[p.country] = counts.get(p.country, 0) + 1
    country = max(counts, key=lambda c: (counts[c], -min(p.start for p in places if p.country == c)))
    local = [p for p in places if p.country == country and p.kind != "country"]
    if not local:
        return next(p for p in places if p.country == country)
    by_name: dict[str, int] = {}
    for p in local:
        by_name[p.location] = by_name.get(p.location, 0) + 1
    top = max(by_name, key=lambda n: by_name[n])
    return next(p for p in local if p.location == top)


# How a gazetteer match inside a PERSON/ORG span is treated: "strict" drops it always; "soft" keeps it when the
# text also says it is a place (a place cue before it, a GPE/LOC/FAC span of the same name, a list or unit it
# continues, or a country inside an organisation's name), since the small model reads many lesser-known towns as
# people or organisations ("Rebels shelled Goma"). Soft measured better on every set (strict lost ACLED country
# 98.0% → 79.4%: country names inside actor names such as "Chad Army Forces" were dropped).
NAME_RULE = "soft"
PLACE_CUES = frozenset({"in", "near", "unit", "paren"})
NAME_SPAN_LABELS = frozenset({"PERSON", "ORG"})


# Between two names of one list of places ("in Bama and Dikwa", "visited A, B, C") or a place and the unit it
# lies in ("Kodo village, Borno", "Ngala district (near Gamboru), Borno").
LIST_GAP = re.compile(r"(?:\s+(?:village|town|city|district|municipality|municipalities|province|region|county|area|"
                      r"department|state))?(?:\s*\([^()]{0,60}\))?\s*(?:,\s*(?:and\s+)?|\s(?:and|or)\s+)", re.I)

UNIT_BEFORE = re.compile(r"\b(?:village|town|city|district|municipality|municipalities|province|region|county|area|"
                         r"department|state)(?:(?:\s*\([^()]{0,60}\))?\s*,|\s+of)\s*$", re.I)
# A dateline opening the text ("QUETTA - ", "KANO, Nigeria (Wire) -"): the place the report was filed from.
DATELINE = re.compile(r"[^\n]{0,40}?\s[-\u2013\u2014]\s")
# A span that is the bare name of a big city, a region or a country ("Drones hit Zaporizhzhia", "aid sent to Chad")
# is the small model guessing: few people or organisations are named by such a name alone.
BIG_PLACE = 100_000


def names_not_places(places: list[Place], spans: list[EntitySpan], rule: str = NAME_RULE,
                     text: str = "") -> list[Place]:
    """places without the gazetteer matches that sit inside a PERSON or ORG span (see NAME_RULE). The soft rule
    keeps such a match when it has a place cue, a place span of the same name, is listed right after a kept place
    ("in Bama and Dikwa"), names the unit a place lies in ("Kodo village, Borno", "the village of X"),
    opens the text as its dateline ("QUETTA - "), is a country in an organisation's name, or is the whole span
    and the name of a big city, a region or a country."""
    placed = {span.text.casefold() for span in spans if is_place_span(span)}
    kept: list[Place] = []
    for p in places:
        name = covering(p.start, p.end, spans, NAME_SPAN_LABELS)
        if name is not None and rule != "strict":
            listed = bool(text) and (bool(kept) and kept[-1].end <= p.start and
                                     LIST_GAP.fullmatch(text, kept[-1].end, p.start) is not None
                                     or UNIT_BEFORE.search(text, max(0, p.start - 80), p.start) is not None
                                     or not text[:p.start].strip() and DATELINE.match(text, p.start) is not None)
            bare = name.start == p.start and name.end == p.end and \
                (p.kind in ("country", "admin1") or p.population >= BIG_PLACE)
            # A country in an organisation's name ("Chad Army Forces") still says whose the event is.
            in_org_name = p.kind == "country" and name.label == "ORG"
            if p.cue in PLACE_CUES or p.text.casefold() in placed or listed or in_org_name or bare:
                name = None
        if name is None:
            kept.append(p)
    return kept


def needs_entities(place: Place, rule: str = NAME_RULE) -> bool:
    """Could the NER model's spans drop this gazetteer match (a cued match is kept whatever they say)."""
    return rule == "strict" or place.cue not in PLACE_CUES


def place_candidates(doc: Document) -> list[Place]:
    """The gazetteer's places in the case-restored text, each with its text as written (rows quote it)."""
    article = doc.article
    outlet = str(article.get("outlet") or "")
    # The outlet's country only settles namesakes the text itself leaves open (a weak prior, see places).
    places = find_places(doc.analysis, prior_country=outlet_country(outlet, str(article.get("url") or "") or None))
    if doc.case_restored:
        places = [replace(p, text=doc.text[p.start:p.end]) for p in places]
    return places


class Places:
    name = "places"

    def __init__(self, resources: CoderResources | None = None) -> None:
        pass  # the gazetteer and its tables are the place finder's (sitrep.coding.places)

    def __call__(self, doc: Document) -> Document:
        places = doc.place_candidates if doc.place_candidates is not None else place_candidates(doc)
        spans = doc.entity_spans
        doc.places = places if spans is None else names_not_places(places, spans, text=doc.analysis)
        doc.main_place = main_place(doc.places)
        doc.sentence_places = [sentence_place(s, doc.norm, doc.places) for s in doc.sentences]
        return doc
