"""Places: the article's places (found with the outlet's country as a weak prior), its main place, and the place
each sentence names for its scene."""

from __future__ import annotations

import re

from sitrep.coding.document import Document, SentencePlace
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


class Places:
    name = "places"

    def __init__(self, resources: CoderResources | None = None) -> None:
        pass  # the gazetteer and its tables are the place finder's (sitrep.coding.places)

    def __call__(self, doc: Document) -> Document:
        article = doc.article
        outlet = str(article.get("outlet") or "")
        # The outlet's country only settles namesakes the text itself leaves open (a weak prior, see places).
        doc.places = find_places(doc.text, prior_country=outlet_country(outlet, str(article.get("url") or "") or None))
        doc.main_place = main_place(doc.places)
        doc.sentence_places = [sentence_place(s, doc.norm, doc.places) for s in doc.sentences]
        return doc
