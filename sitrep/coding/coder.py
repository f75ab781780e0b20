"""Assembly of the event coder: article → event rows (EVENT_COLUMNS) and reported figures (FIGURE_COLUMNS).

Sentence by sentence, with the publication date as anchor: a sentence with a realis event trigger, a date
that is not background and a place (its own, or the article's main place) becomes an event mention; mentions
at the same place on the same day combine into one event of the highest type (CODEBOOK hierarchy); sentences
without a trigger that follow an event in its paragraph add their figures to it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

import pandas as pd

from schemas.acled import EVENT_TYPE_OF, EVENT_TYPE_RANK, disorder_type_for, interaction_for
from schemas.columns import ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from sitrep.articles import published_date
from sitrep.coding import actors as actor_lib
from sitrep.coding.event_types import (Trigger, classify_sentence, crowd_follow_up, intervenes_on_crowd,
                                       is_background, note_prefix_type, refine_violence)
from sitrep.coding.figures import SPLIT_ACROSS, Figure, fatalities_from, find_figures, split_total
from sitrep.coding.notes import note_for
from sitrep.coding.places import outlet_country
from sitrep.coding.places import Place, find_places
from sitrep.coding.sentences import Sentence, split_clauses, split_sentences

try:  # dates.py is written in parallel; until it exists a small fallback reads explicit dates.
    from sitrep.coding.dates import DateMatch, MainDate, event_date_for
except ImportError:  # pragma: no cover - exercised only before dates.py exists
    DateMatch = MainDate = None  # type: ignore[assignment,misc]
    event_date_for = None  # type: ignore[assignment]

CODER_VERSION = "0.11.0"

# Characters mapped one-to-one so that offsets into the normalised text are offsets into the article.
_NORMALISE = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2018": "'", "\u2019": "'",
                            "\u201c": " ", "\u201d": " ", '"': " ", "\u2013": "-", "\u2014": "-"})
NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|close\s+to|around(?!\s+\d)|outskirts\s+of|vicinity\s+of|(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
    r"(?:km|kilomet(?:re|er)s?|miles)\s+(?:\w+\s+){0,2}(?:from|of))\s+(?:the\s+)?"
    # "outside the court in X" is in X: the words between may not place the event somewhere else first.
    r"(?:(?!(?:in|at|inside|on|\d+)\s)[\w'-]+\s+){0,4}$", re.I)
CROWD_SIZE = re.compile(r"\b(?:(?P<qual>about|around|some|nearly|over|more\s+than|at\s+least|up\s+to)\s+)?"
                        r"(?P<n>\d[\d,]*)\s+(?:people|protesters|demonstrators|residents|workers|students|"
                        r"farmers|supporters|activists|individuals|persons|members|teachers|women)\b", re.I)
SIZE_TAG = re.compile(r"\[size=([^\]]+)\]")


# The place of an event in an article that names none: the row is kept with empty place columns.
NO_PLACE = Place(location="", admin1="", admin2="", admin3="", country="", iso=0, iso3="", region="",
                 latitude=float("nan"), longitude=float("nan"), geo_precision=3, text="", start=0, end=0,
                 population=0, kind="none")


@dataclass
class CodedArticle:
    article_id: str
    events: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    status: str = "no_event"


@dataclass
class _Mention:
    trigger: Trigger
    sentences: list[Sentence]
    event_date: date
    time_precision: int
    date_text: str
    place: Place | None
    place_text: str
    geo_precision: int
    actors: list[actor_lib.ActorMention]
    descriptors: list[str]
    extra_actors: list[actor_lib.ActorMention] = field(default_factory=list)  # from sentences elaborating it
    last_paragraph: int = -1  # paragraph of the latest sentence said to be about this event (own or elaborating)
    separate: bool = False  # announced as another event ("Separately, …", "Also on Monday, …"): never merged

    def __post_init__(self) -> None:
        if self.last_paragraph < 0:
            self.last_paragraph = self.sentences[-1].paragraph

    @property
    def sub_event_type(self) -> str:
        return self.trigger.sub_event_type


def _hash_digits(*parts: Any, digits: int = 6) -> str:
    h = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return str(int(h[:12], 16) % 10 ** digits).zfill(digits)


def _timestamp(article: Mapping[str, Any], published: date) -> int:
    fetched = article.get("fetched_at")
    if fetched:
        try:
            dt = datetime.fromisoformat(str(fetched).replace("Z", "+00:00"))
            return int((dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp())
        except ValueError:
            pass
    return int(datetime(published.year, published.month, published.day, tzinfo=timezone.utc).timestamp())


# ------------------------------------------------------------------------------------------------ dates

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?:on\s+|earlier\s+|late\s+|last\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_EXPLICIT_DATE = re.compile(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|"
                            r"November|December)\s+(\d{4})\b", re.I)


def _event_date(sentence: str, published: date) -> tuple[date, int, str, bool]:
    """(date, time_precision, date_text, is_background) for a sentence."""
    if event_date_for is not None:
        m = event_date_for(sentence, published)
        # A date that opens the sentence ("On 23 February 2022, …") is what the sentence is about, however old.
        opening = m.text and m.start <= 12 and re.match(r"\s*(?:On|Around|By|In)?\s*$", sentence[:m.start])
        return m.event_date, m.time_precision, m.text, m.is_background and not opening
    m = _EXPLICIT_DATE.search(sentence)
    if m:
        try:
            d = date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
            around = sentence[max(0, m.start() - 8):m.start()].lower().strip().endswith("around")
            return d, 2 if around else 1, m.group(0), False
        except ValueError:
            pass
    m = _WEEKDAY.search(sentence)
    if m:
        back = (published.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        return published - timedelta(days=back), 1, m.group(0), False
    return published, 1, "", False


# ------------------------------------------------------------------------------------------------ places

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
    """Places (by id) named only to frame a later, more specific town of the sentence: a facility, district or
    home named before "… in Y", where Y is a town. ACLED codes the town the scene is in."""
    towns = [q for q in inside if q.kind == "populated place" and q.cue in ("in", "")]
    framing: set[int] = set()
    for p in inside:
        if p.kind not in ("populated place", "admin2"):
            continue
        for q in towns:
            if q.start > p.end and q.location != p.location and q.country == p.country and FRAME_GAP.fullmatch(norm, p.end, q.start):
                framing.add(id(p))
                break
    return framing


def _sentence_place(sentence: Sentence, norm: str, places: list[Place]) -> tuple[Place | None, int]:
    inside = [p for p in places if sentence.start <= p.start < sentence.end
              and not (p.kind == "country" and BORDER_BEFORE.search(norm, max(sentence.start, p.start - 40), p.start))]
    if not inside:
        return None, 0
    rank = {"populated place": 0, "admin2": 1, "admin1": 2, "country": 3}
    framing = _framing_places(norm, inside)
    # A bare name ("Grad missiles", "Sultan Murad Division") is a place less surely than a cued unit ("in X region").
    best = min(inside, key=lambda p: (rank.get(p.kind, 4) + (0 if p.cue in ("in", "near", "paren", "unit") else 2.5)
                                      + (3 if id(p) in framing else 0), p.start))
    precision = best.geo_precision
    if precision == 1 and NEAR_BEFORE.search(norm[max(sentence.start, best.start - 80):best.start]):
        precision = 2
    return best, precision


def _main_place(places: list[Place]) -> Place | None:
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


# ------------------------------------------------------------------------------------------------ actors

def _assign_actors(m: _Mention, country: str) -> tuple[str, str, str, str, str, str, str]:
    """(sub_event_type, actor1, inter1, actor2, inter2, assoc1, assoc2) for a mention (roles: actors.assign_roles)."""
    # Armed clash, Attack or Mob violence: decided by who took part (the trigger sentence's actors).
    sub = refine_violence(m.sub_event_type, m.trigger, m.sentences[0].text, actor_lib.merge_adjacent(m.actors))
    return actor_lib.assign_roles(sub, EVENT_TYPE_OF[sub], m.actors, m.trigger.start,
                                  m.trigger.text, country, m.event_date, m.descriptors,
                                  " ".join(s.text for s in m.sentences), m.extra_actors)


# ------------------------------------------------------------------------------------------------ merging

# A protest event absorbs what happens to it at the same place and day.
_PROTEST_UPGRADE = {
    "Arrests": "Protest with intervention",
    "Protest with intervention": "Protest with intervention",
    "Excessive force against protesters": "Excessive force against protesters",
    "Violent demonstration": "Violent demonstration",
    "Looting/property destruction": "Violent demonstration",
}


def _key(m: _Mention) -> tuple[str, date]:
    return ((m.place.location + "|" + m.place.country) if m.place else "", m.event_date)


def _combine(a: _Mention, b: _Mention) -> _Mention:
    ta, tb = EVENT_TYPE_OF[a.sub_event_type], EVENT_TYPE_OF[b.sub_event_type]
    keep, other = (a, b)
    if ta == "Protests" and b.sub_event_type in _PROTEST_UPGRADE and \
            intervenes_on_crowd(b.trigger, b.sentences[0].text):
        upgraded = _PROTEST_UPGRADE[b.sub_event_type]
        keep.trigger = Trigger(upgraded, EVENT_TYPE_OF[upgraded], a.trigger.start, a.trigger.end, a.trigger.priority,
                               a.trigger.text) if _rank_sub(upgraded) <= _rank_sub(a.sub_event_type) else a.trigger
    elif EVENT_TYPE_RANK[tb] < EVENT_TYPE_RANK[ta] and not (ta in ("Protests", "Riots") and tb == "Violence against civilians"):
        keep, other = b, a
    keep.sentences = sorted({s.start: s for s in keep.sentences + other.sentences}.values(), key=lambda s: s.start)
    keep.descriptors = keep.descriptors + [d for d in other.descriptors if d not in keep.descriptors]
    return keep


_PROTEST_ORDER = ["Excessive force against protesters", "Violent demonstration", "Protest with intervention",
                  "Peaceful protest"]


def _rank_sub(sub: str) -> int:
    return _PROTEST_ORDER.index(sub) if sub in _PROTEST_ORDER else 99


def _merge(mentions: list[_Mention]) -> tuple[list[_Mention], dict[int, _Mention]]:
    """Events from mentions (same place and day: one event), and the event each mention (by id) ended up in."""
    out: list[_Mention] = []
    groups: list[list[_Mention]] = []
    for m in mentions:
        for i, e in enumerate(out):
            if _key(e) == _key(m) and not m.separate:
                out[i] = _combine(e, m)
                groups[i].append(m)
                break
        else:
            out.append(m)
            groups.append([m])
    return out, {id(x): e for e, group in zip(out, groups) for x in group}


# ------------------------------------------------------------------------------------------------ mentions

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
                            r"(?<!over\s)(?<!during\s)the\s+(?:following|next)\s+day|a\s+day\s+(?:later|earlier)|meanwhile)\b", re.I)
# ACLED notes mention related events that have rows of their own ("similar protests in B and C (coded
# separately)"): they are context for this row, not events of it.
CODED_SEPARATELY = re.compile(r"\b(?:coded|recorded|reported)\s+(?:as\s+(?:a\s+)?)?separate(?:ly|\s+events?)\b", re.I)
# The toll of a whole war or campaign ("The war has killed tens of thousands") is background to any event.
WAR_TOLL = re.compile(r"\b(?:the|this|that|its)\s+(?:\w+\s+)?(?:war|conflict|insurgency|civil\s+war|crisis|unrest|"
                      r"violence|fighting|campaign)\s+(?:has|have|had)\s+(?:so\s+far\s+|since\s+\w+\s+)?(?:killed|"
                      r"left|claimed|displaced|cost)\b", re.I)
# Who was among the dead is no count of the dead ("Five women and a child were among the dead").
SUBSET_OF_DEAD = re.compile(r"\b(?:were|was|are)\s+among\s+(?:the\s+)?(?:dead|killed|victims|those\s+killed|"
                            r"fatalities|casualties)\b", re.I)
# A victim dying later of wounds from an event already reported is no new event ("succumbed to his wounds",
# "died in hospital on 22 February").
DIED_LATER = re.compile(r"\b(?:succumb(?:ed|s)\s+to\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)|died\s+"
                        r"(?:later\s+)?(?:of|from)\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)|"
                        r"(?:later\s+)?died\s+(?:later\s+)?(?:in|at)\s+(?:the\s+|a\s+)?(?:\w+\s+)?hospital)\b", re.I)
# "after the abduction of two traders (coded separately), …": a reference to an event with a row of its own.
SEPARATE_REFERENCE = re.compile(r"\b(?:following|after|during|amid|in\s+(?:retaliation|response)\s+(?:for|to)|"
                                r"as\s+part\s+of)\s+[^,;()]*(?:\([^()]*)?\b(?:coded|recorded|reported)\s+(?:as\s+(?:a\s+)?)?"
                                r"separate(?:ly|\s+events?)\b\)?", re.I)


def _without_separate_events(text: str) -> str:
    """The sentence with the clauses that refer to separately coded events blanked (offsets kept)."""
    if "separate" not in text:
        return text
    return SEPARATE_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)


# Words that put the event in another place (not merely another event, as "also on Monday" may be).
ELSEWHERE = re.compile(r"\b(?:separately|elsewhere|in\s+another\s+(?:incident|attack|area|region|town))\b", re.I)
# A date right after a reporting verb is when something was said, not when it happened.
REPORTING_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|confirmed|stated|added|claimed|"
                              r"statement|according\s+to\s+(?:\w+\s+){1,4})(?:\s+(?:the|an?|its|his|her|their)"
                              r"\s+\w+)?(?:\s+\w+)?\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+)?$",
                              re.I)
# Quotation marks in the original text: a trigger inside a quotation is someone's words, not a report.
QUOTE_CLOSE_SPEECH = re.compile(r"[\u201d\"],?\s+(?:[\w'-]+\s+){0,5}(?:said|says|told|added|wrote|explained)\b")
# Elaborations may raise the event's type only along these lines (the codebook's "highest type" within one
# event): a crowd met with force or turning violent, an abduction whose victim was killed, and a strategic
# development during which violence broke out, a battle in which ground changed hands, shells or bombs that
# carried a chemical agent.
_ELABORATION_UPGRADE = {
    "Abduction/forced disappearance": {"Attack"},
    "Looting/property destruction": {"Attack", "Armed clash", "Mob violence", "Violent demonstration",
                                     "Abduction/forced disappearance"},
    # people held and then beaten or tortured: the violence is the event (its type is the higher one)
    "Arrests": {"Attack"},
    "Change to group/activity": {"Armed clash", "Attack"},
    "Armed clash": {"Government regains territory", "Non-state actor overtakes territory"},
    # a capture the next sentence says met no resistance ("… following the withdrawal of the army")
    "Non-state actor overtakes territory": {"Non-violent transfer of territory"},
    "Government regains territory": {"Non-violent transfer of territory"},
    "Shelling/artillery/missile attack": {"Chemical weapon"},
    "Air/drone strike": {"Chemical weapon"},
}


def _sentence_date(sentence: str, published: date, reference: MainDate | None = None) -> tuple[date, int, str, bool, bool]:
    """(date, time_precision, date_text, is_background, is_reporting_date) of what a sentence reports.

    A date right after a reporting verb ("the governor said on Monday") is when it was said: it stands for the
    event's date only when the sentence gives no other current date, and it is flagged so that the sentence may
    still go on about an event reported before."""
    if event_date_for is None:
        return (*_event_date(sentence, published), False)
    from sitrep.coding.dates import find_dates

    reported: tuple[date, int, str, bool, bool] | None = None
    background: tuple[date, int, str, bool, bool] | None = None
    for m in find_dates(sentence, published, reference):  # reference: the article's main event date
        if REPORTING_BEFORE.search(sentence, max(0, m.start - 60), m.start):
            reported = reported or (m.event_date, m.time_precision, m.text, False, True)
            continue
        opening = m.start <= 12 and re.match(r"\s*(?:On|Around|By|In)?\s*$", sentence[:m.start])
        if m.is_background and not opening:
            background = background or (m.event_date, m.time_precision, m.text, True, False)
            continue
        return m.event_date, m.time_precision, m.text, False, False
    return reported or background or (published, 1, "", False, False)


def _haversine_km(a: Place, b: Place) -> float:
    import math

    if any(math.isnan(x) for x in (a.latitude, a.longitude, b.latitude, b.longitude)):
        return float("inf")
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: Place | None, b: Place | None) -> bool:
    """Whether a newly named place can be where the event already reported happened: the same town, a place
    within 25 km, or a wider unit (country, region) that contains it."""
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    if a.location == b.location or _haversine_km(a, b) <= 25:
        return True
    wider = {"country": 3, "admin1": 2, "admin2": 1}
    if a.kind == "country" or b.kind == "country":
        return True
    if (a.kind in wider or b.kind in wider) and a.admin1 == b.admin1:
        return True
    return False


def _in_quotation(original: str, s: Sentence, offset: int) -> bool:
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


# What an elaboration names as the cause of the event ("The move came after gunmen attacked …") happened before it.
CAUSE_BEFORE = re.compile(r"\b(?:(?:came|comes|followed|follows)\s+(?:\w+\s+){0,2}(?:after|amid)|in\s+response\s+to|"
                          r"in\s+retaliation\s+for|(?:triggered|prompted|sparked|provoked)\s+by)\b[^.;]*$", re.I)


def _upgraded(main: Trigger, new: Trigger, sentence: str = "") -> Trigger:
    """The main trigger, raised to the elaboration's type where the codebook's hierarchy makes it one event
    (an arrest raises a protest only when it is an arrest of the crowd, not "the officer was arrested for …")."""
    if main.event_type == "Protests" and new.sub_event_type in _PROTEST_UPGRADE and \
            (not sentence or intervenes_on_crowd(new, sentence)):
        target = _PROTEST_UPGRADE[new.sub_event_type]
    elif main.event_type == "Protests" and new.sub_event_type == "Mob violence":
        target = "Violent demonstration"
    elif new.sub_event_type in _ELABORATION_UPGRADE.get(main.sub_event_type, ()) and \
            not (sentence and CAUSE_BEFORE.search(sentence, 0, new.start)):
        target = new.sub_event_type
    else:
        return main
    if main.event_type == "Protests" and _rank_sub(target) > _rank_sub(main.sub_event_type):
        return main
    return Trigger(target, EVENT_TYPE_OF[target], main.start, main.end, main.priority, main.text)


def _event_clauses(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences, with those that join two reports ("…, while …") cut into their clauses when each clause has
    an event trigger of its own."""
    out: list[Sentence] = []
    for s in sentences:
        clauses = split_clauses(s)
        if len(clauses) > 1 and all(classify_sentence(c.text) is not None for c in clauses):
            out.extend(clauses)
        else:
            out.append(s)
    return out


YEAR_STATED = re.compile(r"\b(?:19|20)\d\d\b")
# A day given relative to the event just reported, not to the publication date.
DAY_AFTER = re.compile(r"\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after|"
                       r"the\s+following\s+(?:morning|night|evening))\b", re.I)


def _build_mentions(text: str, norm: str, sentences: list[Sentence], places: list[Place], main_place: Place | None,
                    published: date) -> tuple[list[_Mention], dict[int, _Mention]]:
    """Event mentions of an article, one per new event, and the sentences that only elaborate one.

    A sentence with a realis trigger starts a new event only when it names a different day, or a different place
    in a new paragraph or after a "separately"; otherwise (no own date and place, a pronoun or "the attack…",
    a casualty count) it elaborates the event just reported and adds its sentences, actors and figures to it."""
    mentions: list[_Mention] = []
    followers: dict[int, _Mention] = {}  # sentence start → the event a sentence elaborates
    current: _Mention | None = None
    last_dated: tuple[date, int] | None = None
    # An old date is background only next to a later main event (dates.py), never for its age alone.
    from sitrep.coding.dates import article_main_date
    reference = article_main_date([s.text for s in sentences], published)
    # A sentence with no trigger that goes on about no event may name who is about to act ("Armed herders
    # invaded three villages. Two persons were killed."): its actors stand for the next event's parties.
    lead_in: Sentence | None = None
    for i, s in enumerate(sentences):
        trig = None if mentions and DIED_LATER.search(s.text) else classify_sentence(_without_separate_events(s.text))
        prefix_sub = note_prefix_type(s.text) if i == 0 or s.start == 0 else None
        if prefix_sub:
            trig = Trigger(prefix_sub, EVENT_TYPE_OF[prefix_sub], trig.start if trig else 0, trig.end if trig else 0,
                           100, trig.text if trig else "")
        event_day, precision, date_text, background, reported = _sentence_date(s.text, published, reference)
        own_date = "" if reported else date_text  # the day the sentence itself gives to what happened
        if own_date and not background and event_day <= published:
            last_dated = (event_day, precision)  # what a later sentence with no date of its own goes on about
        if trig is None:
            lead_in = s
            if current is not None and s.paragraph - current.last_paragraph <= 1 and \
                    (not own_date or event_day == current.event_date) and not background:
                lead_in = None
                followers[s.start] = current
                current.last_paragraph = s.paragraph
                if current.trigger.event_type in ("Protests", "Riots"):
                    crowd = crowd_follow_up(s.text)
                    if crowd is not None and not _in_quotation(text, s, crowd.start):
                        current.trigger = _upgraded(current.trigger, crowd)
            continue
        # A day stated with its year after publication says the publication date is a placeholder (a snippet's
        # loader default), not that the event is yet to come: the stated day stands.
        future = event_day > published and not YEAR_STATED.search(date_text)
        if background or (is_background(s.text) and not date_text) or future or WAR_TOLL.search(s.text):
            current = None
            continue
        place, geo = _sentence_place(s, norm, places)
        earlier = _earlier_event(mentions, current, s, trig, place, own_date, event_day)
        if earlier is not None:  # a lead that summed up two events, then a paragraph on the first of them
            current = earlier
        if current is not None and (earlier is not None or _continues(current, s, trig, place, own_date, event_day)
                                    or _refers_back(current, s, trig, place)):
            current.trigger = _upgraded(current.trigger, trig, s.text)
            if place is not None and _refines(place, current):
                current.place, current.place_text, current.geo_precision = place, place.text, geo
            current.last_paragraph = s.paragraph
            current.extra_actors.extend(actor_lib.find_actors(
                s.text, current.place.country if current.place else "", current.event_date,
                armed_context=current.trigger.event_type in ("Battles", "Explosions/Remote violence")))
            followers[s.start] = current
            continue
        if prefix_sub is None and _in_quotation(text, s, trig.start):
            continue  # someone's words, not the reporter's account of an event
        if mentions and CODED_SEPARATELY.search(s.text):
            continue
        relative = DAY_AFTER.search(s.text) if not date_text else None
        if relative and current is not None:  # "the following day": counted from the event just reported
            event_day, precision = current.event_date + timedelta(days=1), current.time_precision
            own_date = date_text = relative.group(0)
            if event_day > published:
                continue
        elif not own_date and current is not None:  # a new event with no date of its own: the last one's day
            event_day, precision = current.event_date, current.time_precision
        elif not own_date and last_dated is not None:  # … or the last date an earlier sentence gave
            event_day, precision = last_dated
        place_text = place.text if place else ""
        if place is None:
            place = current.place if current is not None and current.place is not None else main_place
            geo = place.geo_precision if place else 0
            if place is not None and ELSEWHERE.search(s.text):
                geo = 3  # "Separately, …" in a place we cannot find: only the wider area is known
        country = place.country if place else ""
        etype = trig.event_type
        acts = actor_lib.find_actors(s.text, country, event_day, armed_context=etype in ("Battles",
                                     "Explosions/Remote violence"), admin1=place.admin1 if place else "")
        current = _Mention(trig, [s], event_day, precision, date_text, place, place_text, geo, acts,
                           actor_lib.descriptors_in(s.text, country) if etype in ("Protests", "Riots") else [])
        current.separate = bool(mentions) and SEPARATE_EVENT.search(s.text) is not None
        if lead_in is not None and lead_in.paragraph == s.paragraph and sentences[i - 1] is lead_in:
            current.extra_actors.extend(actor_lib.find_actors(
                lead_in.text, country, event_day, armed_context=etype in ("Battles", "Explosions/Remote violence"),
                admin1=place.admin1 if place else ""))
        mentions.append(current)
    return mentions, followers


def _earlier_event(mentions: list[_Mention], current: _Mention | None, s: Sentence, trig: Trigger,
                   place: Place | None, date_text: str, event_day: date) -> _Mention | None:
    """An event reported before the current one that a sentence goes back to: it names that event's day (not the
    current one's), and no other place, or one that can be the same scene."""
    if not date_text or current is None or event_day == current.event_date or SEPARATE_EVENT.search(s.text):
        return None
    for m in reversed(mentions):
        if m is current or m.event_date != event_day:
            continue
        if place is None or _same_place(place, m.place) or (
                m.place is not None and place.admin1 == m.place.admin1 and place.country == m.place.country
                and m.trigger.event_type == trig.event_type):
            return m
        return None
    return None


# "confirmed the arrest", "Monday's attack", "this latest strike": an event already reported, named again.
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|[A-Z][a-z]+day's|(?:last|this)\s+\w+'s)\s+"
                             r"(?:(?:latest|deadly|reported|alleged|overnight|night|morning|same)\s+)?$")


def _refers_back(current: _Mention, s: Sentence, trig: Trigger, place: Place | None) -> bool:
    """Whether a trigger is a definite reference to the event just reported (of its type, at a place it can be)."""
    if trig.event_type != current.trigger.event_type or SEPARATE_EVENT.search(s.text):
        return False
    if not DEFINITE_BEFORE.search(s.text, max(0, trig.start - 40), trig.start):
        return False
    return _same_place(place, current.place) and s.paragraph - current.last_paragraph <= 2


_PLACE_RANK = {"populated place": 0, "admin2": 1, "admin1": 2, "country": 3}


def _refines(place: Place, current: _Mention) -> bool:
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


def _continues(current: _Mention, s: Sentence, trig: Trigger, place: Place | None, date_text: str,
               event_day: date) -> bool:
    """Whether a sentence with a trigger goes on about the current event rather than reporting a new one."""
    if date_text and event_day != current.event_date:
        return False
    if SEPARATE_EVENT.search(s.text):
        return False
    if _same_place(place, current.place):
        return True
    if place is not None and (place.kind == "country" or place.cue == "") \
            and s.paragraph - current.last_paragraph <= 1:
        return True  # "Russia said Ukraine had deployed …": a bare name is no new scene
    # A different place: the same event only when the sentence refers back to it within the same paragraph.
    same_paragraph = s.paragraph == current.last_paragraph
    return same_paragraph and (not date_text or bool(ANAPHORIC_OPENING.match(s.text)))


# ------------------------------------------------------------------------------------------------ place lists

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


def _split_by_place(m: _Mention, norm: str, places: list[Place]) -> list[_Mention]:
    """One mention per listed place of its opening sentence (the mention itself when there is no list)."""
    if CODED_SEPARATELY.search(m.sentences[0].text):
        return [m]  # the other places have rows of their own elsewhere
    listed = listed_places(m.sentences[0], norm, places)
    if not listed or m.place is None or (m.place_text and not any(p.location == m.place.location for p in listed)):
        return [m]
    out = []
    for p in listed:
        geo = 2 if NEAR_BEFORE.search(norm[max(m.sentences[0].start, p.start - 80):p.start]) else p.geo_precision
        out.append(_Mention(m.trigger, list(m.sentences), m.event_date, m.time_precision, m.date_text, p, p.text,
                            geo, m.actors, m.descriptors, list(m.extra_actors), m.last_paragraph))
    return out


# ------------------------------------------------------------------------------------------------ main


# Sub-event types that involve no deaths by definition (ACLED codes any killing as a violent event of its own, or
# raises the type: an abduction whose victim is killed is an Attack), so figures near them are someone else's dead
# ("bodies of 1,000 soldiers were returned in the exchange").
# (Arrests, looting and abductions with reported deaths are more often a violent event typed too low: their
# figures are kept, and an abduction whose victim was killed is an Attack, as the codebook says.)
NON_LETHAL = frozenset({"Peaceful protest", "Protest with intervention", "Agreement", "Change to group/activity",
                        "Non-violent transfer of territory", "Headquarters or base established"})


# Violence by a crowd that was demonstrating ("youths set tyres alight during the march", "in protest against").
DURING_DEMONSTRATION = re.compile(r"\b(?:during|at|amid|in)\s+(?:an?\s+|the\s+|their\s+)?(?:\w+\s+)?(?:demonstrations?|"
                                  r"protests?|rall(?:y|ies)|march(?:es)?|sit-ins?)\b", re.I)


def _tags(m: _Mention, etype: str, text: str) -> str:
    if etype not in ("Protests", "Riots"):
        return ""
    joined = " ".join(s.text for s in m.sentences)
    tag = SIZE_TAG.search(text)
    if tag:
        return f"crowd size={tag.group(1).strip()}"
    size = CROWD_SIZE.search(joined)
    if size:
        qual = (size.group("qual") or "").lower()
        word = {"about": "around", "some": "around", "nearly": "around", "over": "more than"}.get(qual, qual)
        return f"crowd size={(word + ' ') if word else ''}{size.group('n').replace(',', '')}"
    return "crowd size=no report"


def code_article(article: Mapping[str, Any]) -> CodedArticle:
    """Code one article (see the package docstring for the contract)."""
    article_id = str(article.get("id") or "")
    text = str(article.get("text") or "")
    published = published_date(article)
    coded = CodedArticle(article_id)
    if not text.strip():
        return coded
    norm = text.translate(_NORMALISE)
    sentences = _event_clauses(split_sentences(norm))
    outlet = str(article.get("outlet") or "")
    # The outlet's country only settles namesakes the text itself leaves open (a weak prior, see places.py).
    places = find_places(text, prior_country=outlet_country(outlet, str(article.get("url") or "") or None))
    main_place = _main_place(places)
    scale = str(article.get("source_scale") or "") or "Other"
    timestamp = _timestamp(article, published)

    mentions, followers = _build_mentions(text, norm, sentences, places, main_place, published)

    events, event_of = _merge(mentions)
    if not places:
        for m in events:  # no place at all: keep the event, unplaced, for the validator to judge
            m.place = NO_PLACE
    by_start = {s.start: s for s in sentences}
    for m in events:
        for start, owner in followers.items():
            if event_of.get(id(owner)) is m:
                s = by_start[start]
                if s not in m.sentences:
                    m.sentences.append(s)
        m.sentences.sort(key=lambda s: s.start)
    # One event per place of a list of scenes ("shelled A, B and C"), each with its own share of the dead.
    scenes = [(p, i, len(parts)) for m in events for parts in [_split_by_place(m, norm, places)]
              for i, p in enumerate(parts)]

    figures_by_sentence: dict[int, str] = {}
    for m, part, n_parts in scenes:
        if m.place is None:
            continue
        country = m.place.country
        sub, a1, i1, a2, i2, as1, as2 = _assign_actors(m, country)
        if sub == "Mob violence" and DURING_DEMONSTRATION.search(m.sentences[0].text):
            sub = "Violent demonstration"  # rioters who were demonstrating: the codebook's violent demonstration
        etype = EVENT_TYPE_OF[sub]
        fat, low, high, known = fatalities_from([s.text for s in m.sentences if not SUBSET_OF_DEAD.search(s.text)])
        if sub == "Abduction/forced disappearance" and fat > 0:
            sub = "Attack"
        if sub in NON_LETHAL:
            fat, low, high = 0, 0, 0
        elif n_parts > 1 and not any(SPLIT_ACROSS.search(s.text) for s in m.sentences):
            # A total for the whole list (a stated split is already this event's share in fatalities_from).
            fat, low, high = (split_total(v, n_parts)[part] for v in (fat, low, high))
        first = m.sentences[0]
        quote_start, quote_end = first.start, first.end
        scene = [m.place.location] if n_parts > 1 else []  # keeps ids of single-place events as they were
        event_id = (m.place.iso3 or "XXX") + _hash_digits(article_id, quote_start, sub, *scene)
        for s in m.sentences:
            figures_by_sentence.setdefault(s.start, event_id)
        row = {
            "event_id_cnty": event_id,
            "event_date": m.event_date.isoformat(),
            "year": m.event_date.year,
            "time_precision": m.time_precision,
            "disorder_type": disorder_type_for(etype, sub),
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": a1, "assoc_actor_1": as1, "inter1": i1,
            "actor2": a2, "assoc_actor_2": as2, "inter2": i2,
            "interaction": interaction_for(i1, i2 or None),
            "civilian_targeting": "Civilian targeting" if i2 == "Civilians" and etype != "Riots" or
                                  (i2 == "Civilians" and sub == "Mob violence") else "",
            "iso": int(m.place.iso), "region": m.place.region, "country": country,
            "admin1": m.place.admin1, "admin2": m.place.admin2, "admin3": m.place.admin3,
            "location": m.place.location,
            "latitude": round(float(m.place.latitude), 4), "longitude": round(float(m.place.longitude), 4),
            "geo_precision": int(m.geo_precision or m.place.geo_precision),
            "source": outlet, "source_scale": scale,
            "notes": note_for(m.event_date, m.time_precision, text[quote_start:quote_end], m.place.location,
                              m.place.admin1, fat, known),
            "fatalities": int(fat),
            "tags": _tags(m, etype, text),
            "timestamp": timestamp,
            "article_id": article_id,
            "quote": text[quote_start:quote_end], "quote_start": quote_start, "quote_end": quote_end,
            "date_text": m.date_text, "place_text": m.place_text,
            "fatalities_low": int(low), "fatalities_high": int(max(high, fat)),
            "confidence": _confidence(m, len(scenes)),
            "coder_version": CODER_VERSION,
        }
        coded.events.append(row)

    for s in sentences:
        for f in find_figures(s.text):
            coded.figures.append(_figure_row(article_id, s, f, figures_by_sentence.get(s.start, ""), text))
    coded.status = "coded" if coded.events else "no_event"
    return coded


def _confidence(m: _Mention, events_in_article: int) -> float:
    """How sure the coder is that this row is a real event, rightly typed, placed and dated (0..1).

    Weighted evidence, strongest first: where the place came from (the event's own sentence naming the town
    itself, "near" it, or only a region; or only the article's main place), the trigger's strength (lexicon
    priority), whether the date was stated and to the day, and whether the
    article reports this event alone (rows of a many-event article are more often split or placed wrongly)."""
    trigger = min(m.trigger.priority, 60) / 60  # a note's type prefix says what, not where: no extra weight
    if m.place is None or m.place is NO_PLACE:
        place = 0.0
    elif m.place_text:
        place = {1: 1.0, 2: 0.6}.get(int(m.geo_precision or m.place.geo_precision), 0.25)
    else:
        place = 0.15  # borrowed from the article's main place
    day = 0.0 if not m.date_text else (1.0 if m.time_precision == 1 else 0.6)
    alone = 1.0 if events_in_article <= 1 else 0.3
    score = 0.1 + 0.4 * place + 0.2 * trigger + 0.15 * day + 0.15 * alone
    return round(min(max(score, 0.05), 0.99), 2)


def _figure_row(article_id: str, s: Sentence, f: Figure, event_id: str, text: str) -> dict[str, Any]:
    start = s.start + f.start
    return {
        "figure_id": "F" + _hash_digits(article_id, start, f.kind, digits=12),
        "article_id": article_id, "event_id_cnty": event_id, "kind": f.kind, "value": int(f.value),
        "low": int(f.low), "high": int(f.high), "qualifier": f.qualifier or "", "reported_by": f.reported_by,
        "quote": text[s.start:s.end], "quote_start": s.start, "quote_end": s.end, "coder_version": CODER_VERSION,
    }


def code_articles(articles: Iterable[Mapping[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Code a batch: (events, figures, status) frames with exactly EVENT_COLUMNS, FIGURE_COLUMNS and
    ARTICLE_STATUS_COLUMNS."""
    events: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    status: list[dict[str, Any]] = []
    for article in articles:
        coded = code_article(article)
        events.extend(coded.events)
        figures.extend(coded.figures)
        status.append({"article_id": coded.article_id, "status": coded.status, "events": len(coded.events),
                       "reason": "" if coded.events else "no event trigger with a place and a current date",
                       "coder_version": CODER_VERSION})
    return (pd.DataFrame(events, columns=EVENT_COLUMNS), pd.DataFrame(figures, columns=FIGURE_COLUMNS),
            pd.DataFrame(status, columns=ARTICLE_STATUS_COLUMNS))
