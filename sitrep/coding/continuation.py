"""Whether a sentence goes on about the event just reported or reports a new one: the rules of the mentions stage.

A sentence with a realis trigger starts a new event only when it names a different day, or a different place in a
new paragraph or after a "separately"; otherwise (no own date and place, a pronoun or "the attack…", a casualty
count) it elaborates the event just reported.
"""

from __future__ import annotations

import math
import re
from datetime import date

from sitrep.coding.document import Mention
from sitrep.coding.lexicon import Trigger
from sitrep.coding.places import Place
from sitrep.coding.sentences import Sentence
from sitrep.geo import haversine_km

# A sentence that opens on a pronoun or a definite description of an event or its parties goes on about the event
# just reported ("The attackers fled", "They also burned houses", "The blast damaged …").
ANAPHORIC_OPENING = re.compile(
    r"^\W*(?:(?:later|afterwards|subsequently|then|meanwhile|during\s+the\s+\w+|in\s+the\s+(?:incident|attack|"
    r"clash(?:es)?|exchange|operation|fighting|raid|ambush|explosion|blast|strike|protest|demonstration|riot|"
    r"violence|process|aftermath)),?\s+)?(?:they|he|she|it|this|these|those|both|the|his|her|their|its|one|"
    r"another|two|three|four|five|several|some|all|many|most|a\s+(?:number|total))\b", re.I)
# Words that announce a different event: it never continues the one before.
SEPARATE_EVENT = re.compile(r"\b(?:separately|elsewhere|in\s+(?:a|another)\s+(?:separate|different|similar)?\s*"
                            r"(?:incident|attack|development|event)|in\s+another|also\s+on\s+\w+day|"
                            r"(?<!over\s)(?<!during\s)the\s+(?:following|next)\s+day|a\s+day\s+(?:later|earlier)|"
                            r"meanwhile|(?:further|farther)\s+(?:north|south|east|west|afield|inland))\b", re.I)
# ACLED notes mention related events that have rows of their own ("similar protests in B and C (coded
# separately)"): they are context for this row, not events of it.
CODED_SEPARATELY = re.compile(r"\b(?:coded|recorded|reported)\s+(?:as\s+(?:a\s+)?)?separate(?:ly|\s+events?)\b", re.I)
# The toll of a whole war or campaign ("The war has killed tens of thousands") is background to any event.
WAR_TOLL = re.compile(r"\b(?:the|this|that|its)\s+(?:\w+\s+)?(?:war|conflict|insurgency|civil\s+war|crisis|unrest|"
                      r"violence|fighting|campaign)\s+(?:has|have|had)\s+(?:so\s+far\s+|since\s+\w+\s+)?(?:killed|"
                      r"left|claimed|displaced|cost)\b", re.I)

# Words that put the event in another place (not merely another event, as "also on Monday" may be).
ELSEWHERE = re.compile(r"\b(?:separately|elsewhere|in\s+another\s+(?:incident|attack|area|region|town)|"
                       r"(?:further|farther)\s+(?:north|south|east|west|afield|inland|upriver|downriver))\b", re.I)
# Quotation marks in the original text: a trigger inside a quotation is someone's words, not a report.
QUOTE_CLOSE_SPEECH = re.compile(r"[\u201d\"],?\s+(?:[\w'-]+\s+){0,5}(?:said|says|told|added|wrote|explained)\b")


def _distance_km(a: Place, b: Place) -> float:
    if any(math.isnan(x) for x in (a.latitude, a.longitude, b.latitude, b.longitude)):
        return float("inf")
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def same_place(a: Place | None, b: Place | None) -> bool:
    """Whether a newly named place can be where the event already reported happened: the same town, a place
    within 25 km, or a wider unit (country, region) that contains it."""
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    if a.location == b.location or _distance_km(a, b) <= 25:
        return True
    wider = {"country": 3, "admin1": 2, "admin2": 1}
    if a.kind == "country" or b.kind == "country":
        return True
    if (a.kind in wider or b.kind in wider) and a.admin1 == b.admin1:
        return True
    return False

def in_quotation(original: str, s: Sentence, offset: int) -> bool:
    """True when position `offset` of the sentence lies inside a quotation in the original text: between an
    opening and a closing mark with more than a few words between them (a word or two in quotes is a scare
    quote, as in troops "foiled" an attack), or before a closing mark and a speech verb (a quotation begun in
    an earlier sentence)."""
    # The sentence splitter leaves an opening mark just before the sentence out of it (“We are sure the …); a
    # straight mark right after a full stop closes the sentence before ("… fight." Troops …).
    start, k = s.start, s.start - 1
    while k >= 0 and original[k] in " \t":
        k -= 1
    if k >= 0 and (original[k] == "\u201c" or (original[k] == '"' and (k == 0 or original[k - 1].isspace()))):
        start = k
    sentence = original[start:s.end]
    offset += s.start - start
    head = sentence[:offset]
    opened = max(head.rfind("\u201c"), head.rfind('"') if head.count('"') % 2 == 1 else -1)
    if opened >= 0 and head.rfind("\u201d") < opened:
        close = min((i for i in (sentence.find("\u201d", offset), sentence.find('"', offset)) if i >= 0),
                    default=len(sentence))
        return len(sentence[opened + 1:close].split()) > 4
    if "\u201c" in head or '"' in head:
        return False
    return bool(QUOTE_CLOSE_SPEECH.search(sentence, offset))

def earlier_event(mentions: list[Mention], current: Mention | None, s: Sentence, trig: Trigger,
                   place: Place | None, date_text: str, event_day: date) -> Mention | None:
    """An event reported before the current one that a sentence goes back to: it names that event's day (not the
    current one's), and no other place, or one that can be the same scene."""
    if not date_text or current is None or event_day == current.event_date or SEPARATE_EVENT.search(s.text):
        return None
    for m in reversed(mentions):
        if m is current or m.event_date != event_day:
            continue
        if place is None or same_place(place, m.place) or (
                m.place is not None and place.admin1 == m.place.admin1 and place.country == m.place.country
                and m.trigger.event_type == trig.event_type):
            return m
        return None
    return None


# "confirmed the arrest", "Monday's attack", "this latest strike": an event already reported, named again.
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|[A-Z][a-z]+day's|(?:last|this)\s+\w+'s)\s+"
                             r"(?:(?:latest|deadly|reported|alleged|overnight|night|morning|same)\s+)?$")


def refers_back(current: Mention, s: Sentence, trig: Trigger, place: Place | None) -> bool:
    """Whether a trigger is a definite reference to the event just reported (of its type, at a place it can be)."""
    if trig.event_type != current.trigger.event_type or SEPARATE_EVENT.search(s.text):
        return False
    if not DEFINITE_BEFORE.search(s.text, max(0, trig.start - 40), trig.start):
        return False
    return same_place(place, current.place) and s.paragraph - current.last_paragraph <= 2


_PLACE_RANK = {"populated place": 0, "admin2": 1, "admin1": 2, "country": 3}


def refines(place: Place, current: Mention) -> bool:
    """Whether a place named by a sentence elaborating the event says more exactly where it happened: the event
    had no place of its own, or only a wider unit (country, region) that contains the new place."""
    if place.kind == "country":
        return False
    if not current.place_text or current.place is None:
        return True
    old = current.place
    if _PLACE_RANK.get(place.kind, 4) >= _PLACE_RANK.get(old.kind, 4) or place.country != old.country:
        return False
    return old.kind == "country" or (old.kind == "admin1" and place.admin1 == old.admin1) or \
        (old.kind == "admin2" and place.admin2 == old.admin2 and place.admin1 == old.admin1)


def continues(current: Mention, s: Sentence, trig: Trigger, place: Place | None, date_text: str,
               event_day: date) -> bool:
    """Whether a sentence with a trigger goes on about the current event rather than reporting a new one."""
    if date_text and event_day != current.event_date:
        return False
    if SEPARATE_EVENT.search(s.text):
        return False
    if same_place(place, current.place):
        return True
    if place is not None and (place.kind == "country" or place.cue == "") \
            and s.paragraph - current.last_paragraph <= 1:
        return True  # "Russia said Ukraine had deployed …": a bare name is no new scene
    # A different place: the same event only when the sentence refers back to it within the same paragraph.
    same_paragraph = s.paragraph == current.last_paragraph
    return same_paragraph and (not date_text or bool(ANAPHORIC_OPENING.match(s.text)))
