"""The date of what each sentence reports: every date rule of the coder (the expressions themselves are read by
date_patterns.py).

Precision follows the codebook: 1 a day; 2 a span of days (a week, a weekend, "3-5 March"), coded to its
middle; 3 only a month, coded to mid-month, or to its first/last day when "early"/"late" is stated.
A date with no year is the latest such date not after publication; a weekday is the latest such weekday on or
before publication (an article of Thursday that says "Thursday" means that very day).

Background by age: how long before publication a date lies says nothing by itself — snippets and analysts'
notes are often coded weeks or months after the event, and a loader may not know the publication date at all.
A date is marked `is_background` only when
  * it gives only a year ("in 2014", "last year", "earlier this year"), or
  * the words around it say it recalls an earlier event: "since", a month used as a possessive ("in August's
    offensive"), a pluperfect recap ("as they had on 3 May", "which had been taken on …", "had previously …"), or
  * it lies far before the article's main event date (`article_main_date`): "the offensive of August" in an
    article about Thursday's fighting; in a text that opens with its event's day ("On 3 May 2022, …"), any other
    named day is that event's cause or sequel.

What a sentence's date means for the event (`sentence_date`): a date right after a reporting verb ("the
governor said on Monday") is when it was said and stands for the event's day only when the sentence gives no
other current date; a date that opens the sentence is never background; a day after publication with no year
stated is no event yet. A new event with no date of its own takes the day of the event just reported, or else
the last date an earlier sentence gave; "the following day" counts from the event just reported
(`new_event_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from sitrep.coding.date_patterns import (
    ABSOLUTE_DAY_KINDS,
    DAY_KINDS,
    MONTH_KINDS,
    RELATIVE_DAY_KINDS,
    DateMatch,
    raw_dates,
)

# A date this many days before the article's main event date recalls an earlier event (a month named alone, coded
# mid-month, is judged sooner: "in January" in an article about 6 February is a recap).
FAR_OLDER_DAYS = 30
FAR_OLDER_MONTH_DAYS = 14


# A full date that opens the sentence, after an optional label ("Looting: On 21 June 2022, …"), is what the
# sentence reports however long before publication it was: only dates met later in a sentence can be background.
_OPENING = re.compile(r"^\s*(?:[A-Z][\w /&-]{0,40}:\s*)?(?:(?:On|Around|About|By|In|Between|From|Sometime\s+around|"
                      r"On\s+or\s+around|Overnight\s+(?:on|of))\s+)?(?:the\s+)?$")


@dataclass(frozen=True)
class MainDate:
    """The day of an article's main event, and whether the article opens with it (see `article_main_date`)."""
    date: dt.date
    opens_article: bool = False


def main_date(matches: list[DateMatch]) -> MainDate | None:
    """The main event date among dates found (one sentence's or a whole article's): the latest calendar day named
    outright, else the latest day given relative to publication, else None (only months or years).

    A named day wins over a relative one because a relative day hangs on a publication date that may be unknown
    or much later (snippets, analysts' notes); cued background never counts."""
    days = [m.event_date for m in matches if not m.cued and m.kind in ABSOLUTE_DAY_KINDS]
    if days:
        return MainDate(max(days))
    days = [m.event_date for m in matches if not m.cued and m.kind in RELATIVE_DAY_KINDS]
    return MainDate(max(days)) if days else None


def article_main_date(sentences: list[str], published: dt.date,
                      raws: list[tuple[DateMatch, ...]] | None = None) -> MainDate | None:
    """The main event date of an article: the full date it opens with ("On 3 May 2022, …", "Looting: On 3 May,
    …": an analyst's note or a snippet stating its event's day first), else `main_date` over all its sentences.
    raws: the sentences' `raw_dates`, when the caller has read them already."""
    if raws is None:
        raws = [raw_dates(s, published) for s in sentences]
    if sentences:
        first = raws[0]
        if first and first[0].kind in DAY_KINDS and not first[0].cued and \
                _OPENING.match(sentences[0], 0, first[0].start):
            return MainDate(first[0].event_date, opens_article=True)
    return main_date([m for found in raws for m in found])


def _far_from_main(match: DateMatch, reference: MainDate | None) -> bool:
    """Whether a date recalls another event than the main one: far before it, or — in a text that opens with its
    event's day — any other calendar day (the cause or the sequel of that event, not an event of its own)."""
    if reference is None:
        return False
    if reference.opens_article:
        if match.kind in MONTH_KINDS or match.kind == "month_rel":
            return (match.event_date.year, match.event_date.month) != (reference.date.year, reference.date.month)
        return match.event_date != reference.date
    if match.kind in RELATIVE_DAY_KINDS or match.kind == "month_rel":
        return False
    limit = FAR_OLDER_MONTH_DAYS if match.kind in MONTH_KINDS else FAR_OLDER_DAYS
    return (reference.date - match.event_date).days > limit


def find_dates(sentence: str, published: dt.date, reference: MainDate | None = None,
               raw: tuple[DateMatch, ...] | None = None) -> list[DateMatch]:
    """Every date expression in the sentence, in text order, none overlapping (the longest wins).

    `reference` is the article's main event date (`article_main_date`); without it the sentence's own main date
    is used, so that a date is background by age only next to a later main event."""
    found = list(raw_dates(sentence, published) if raw is None else raw)
    if reference is None:
        reference = main_date(found)
    out = []
    for m in found:
        opening = m.kind in DAY_KINDS and _OPENING.match(sentence, 0, m.start) and re.search(r"(?:19|20)\d\d", m.text)
        background = m.cued or (_far_from_main(m, reference) and not opening)
        out.append(replace(m, is_background=bool(background)))
    return out


# ------------------------------------------------------------------------------------------------ a sentence's date

# A date right after a reporting verb is when something was said, not when it happened.
REPORTING_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|confirmed|stated|added|claimed|"
                              r"statement|according\s+to\s+(?:\w+\s+){1,4})(?:\s+(?:the|an?|its|his|her|their)"
                              r"\s+\w+)?(?:\s+\w+)?\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+)?$",
                              re.I)
# A date at the very start of the sentence ("On 23 February 2022, …") is what the sentence is about, however old.
SENTENCE_OPENING = re.compile(r"\s*(?:On|Around|By|In)?\s*$")
YEAR_STATED = re.compile(r"\b(?:19|20)\d\d\b")
# What a date after publication can be the date of: something scheduled, not something that happened.
SCHEDULED_BEFORE = re.compile(r"\b(?:elections?|polls?|vote|voting|referendum|summit|talks|deadline|hearing|trial|"
                              r"inauguration|census|conference|visit|meeting|ceremony|handover|withdrawal)\s+"
                              r"(?:\w+\s+){0,2}?(?:(?:due|scheduled|set|planned|expected)\s+)?(?:in|on|for|by|from)\s+"
                              r"(?:early\s+|mid-?|late\s+)?$", re.I)


def _scheduled(sentence: str, date_text: str) -> bool:
    at = sentence.find(date_text)
    return at > 0 and SCHEDULED_BEFORE.search(sentence[max(0, at - 60):at]) is not None


# A day given relative to the event just reported, not to the publication date.
DAY_AFTER = re.compile(r"\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after|"
                       r"the\s+following\s+(?:morning|night|evening))\b", re.I)


class EventDate(NamedTuple):
    """The date given to an event: its day, ACLED time_precision and the words that said it ("" if none)."""
    day: dt.date
    precision: int
    text: str


@dataclass(frozen=True)
class SentenceDate:
    """What a sentence's dates say about the event it reports (see `sentence_date`)."""
    day: dt.date
    precision: int
    text: str  # the date's words; "" when the sentence gives none (day is then the publication date)
    background: bool = False  # the only dates recall an earlier event
    reporting: bool = False  # the date is when something was said ("the governor said on Monday")
    future: bool = False  # after publication, with no year stated: no event yet
    day_after: str = ""  # "the following day" in a sentence with no date of its own
    # the last current date stated by this sentence or an earlier one: what a sentence with none goes on about
    carried: EventDate | None = None

    @property
    def own_text(self) -> str:
        """The words of the day the sentence itself gives to what happened ("" for a reporting date)."""
        return "" if self.reporting else self.text

    def states_current_day(self, published: dt.date) -> bool:
        return bool(self.own_text) and not self.background and self.day <= published


def sentence_date(sentence: str, published: dt.date, reference: MainDate | None, carried: EventDate | None = None,
                  raw: tuple[DateMatch, ...] | None = None) -> SentenceDate:
    """The date of what a sentence reports: its first date that is neither background nor a reporting date, else
    its first reporting date, else its first background date, else the publication date (text "").

    reference: the article's main event date (`article_main_date`); carried: the last current date that the
    sentences before this one stated; raw: the sentence's `raw_dates`, when read already."""
    found = _first_current(sentence, published, reference, raw)
    # A day after publication is no event yet. A date with its year is trusted over the publication date (snippets
    # carry a placeholder one) unless it is the date of something scheduled ("elections in January 2026").
    future = found.day > published and (not YEAR_STATED.search(found.text) or _scheduled(sentence, found.text))
    relative = DAY_AFTER.search(sentence) if not found.text else None
    found = replace(found, future=future, day_after=relative.group(0) if relative else "")
    if found.states_current_day(published):
        carried = EventDate(found.day, found.precision, found.text)
    return replace(found, carried=carried)


def _first_current(sentence: str, published: dt.date, reference: MainDate | None,
                   raw: tuple[DateMatch, ...] | None) -> SentenceDate:
    reported: SentenceDate | None = None
    background: SentenceDate | None = None
    for m in find_dates(sentence, published, reference, raw):
        if REPORTING_BEFORE.search(sentence, max(0, m.start - 60), m.start):
            reported = reported or SentenceDate(m.event_date, m.time_precision, m.text, reporting=True)
            continue
        opening = m.start <= 12 and SENTENCE_OPENING.match(sentence[:m.start])
        if m.is_background and not opening:
            background = background or SentenceDate(m.event_date, m.time_precision, m.text, background=True)
            continue
        return SentenceDate(m.event_date, m.time_precision, m.text)
    return reported or background or SentenceDate(published, 1, "")


def new_event_date(found: SentenceDate, previous: EventDate | None, published: dt.date) -> EventDate | None:
    """The date of a new event reported by a sentence whose date is `found`, the event just before it having the
    date `previous`: "the following day" counts from that event (None when that falls after publication); with
    no day of its own the event takes that event's day, or else the last day an earlier sentence stated."""
    if found.day_after and previous is not None:
        day = previous.day + dt.timedelta(days=1)
        return None if day > published else EventDate(day, previous.precision, found.day_after)
    if not found.own_text and previous is not None:
        return EventDate(previous.day, previous.precision, found.text)
    if not found.own_text and found.carried is not None:
        return EventDate(found.carried.day, found.carried.precision, found.text)
    return EventDate(found.day, found.precision, found.text)
