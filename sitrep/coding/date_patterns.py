"""Date expressions in a sentence → calendar dates with ACLED time_precision, anchored on the publication date.

Precision follows the codebook: 1 a day; 2 a span of days (a week, a weekend, "3-5 March"), coded to its
middle; 3 only a month, coded to mid-month, or to its first/last day when "early"/"late" is stated.
A date with no year is the latest such date not after publication; a weekday is the latest such weekday on or
before publication (an article of Thursday that says "Thursday" means that very day).
`raw_dates` reads them with the cues of their own words (`cued`); dates.py judges them against the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DateMatch:
    event_date: dt.date
    time_precision: int
    text: str
    start: int
    end: int
    is_background: bool = False
    kind: str = ""  # which pattern found it (iso, dmy, weekday, in_month, …)
    cued: bool = False  # background by its own words (a year only, "since", a pluperfect recap), whatever its age


_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}

# Month names are matched capitalised only: "may" and "march" are also common words.
MONTH = (r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{name}>(?:19|20)\d\d)"


def _m(name: str = "month") -> str:
    return MONTH.format(name=name)


def _d(name: str = "day") -> str:
    return DAY.format(name=name)


def _y(name: str = "year") -> str:
    return YEAR.format(name=name)


_I = re.IGNORECASE
# (kind, pattern); earlier kinds win when two matches start at the same place and have the same length.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    *(("range", re.compile(rf"\b{span}\s+(?:of\s+)?{_m()}(?:,?\s+{_y()})?")) for span in (
        rf"between\s+(?:the\s+)?{_d('d1')}\s+and\s+(?:the\s+)?{_d('d2')}",
        rf"from\s+(?:the\s+)?{_d('d1')}\s+(?:to|until|till)\s+(?:the\s+)?{_d('d2')}",
        rf"{_d('d1')}\s*(?:-|–|to)\s*{_d('d2')}")),
    ("range_md", re.compile(rf"\b{_m()}\s+{_d('d1')}\s*(?:-|–|to|and)\s*{_d('d2')}\b(?:,?\s+{_y()})?")),
    ("dmy_short", re.compile(r"\b(?P<day>[0-3]?\d)-(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-"
                             r"(?P<year>\d\d)\b")),
    ("dmy", re.compile(rf"\b(?:the\s+)?{_d()}\s+(?:of\s+)?{_m()}(?:,?\s+{_y()})?(?!\w)")),
    ("mdy", re.compile(rf"\b{_m()}\s+{_d()}\b(?!:)(?:,?\s+{_y()})?")),
    ("part_month", re.compile(rf"\b(?P<part>early|mid|middle of|late|end of|beginning of|start of)[\s-]+"
                              rf"{_m()}(?:,?\s+{_y()})?", _I)),
    ("month_year", re.compile(rf"\b{_m()},?\s+{_y()}\b")),
    ("month_year_rel", re.compile(rf"\b(?:(?:in|during|since|by|until)\s+)?{_m()}\s+(?:of\s+)?(?P<which>last|this)"
                                  r"\s+year\b")),
    ("in_month", re.compile(rf"\b(?:in|during|since|last|this|by|until)\s+{_m()}(?!\s*[0-3]?\d)\b")),
    ("nth", re.compile(r"\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z])")),
    ("weekday", re.compile(r"\b(?:(?P<last>last|this\s+past|past)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday)\b")),
    ("relative_day", re.compile(r"\b(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|overnight|"
                                r"last\s+night|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today)\b",
                                _I)),
    ("days_ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+days?\s+ago\b", _I)),
    ("week", re.compile(r"\b(?P<which>last|this|earlier\s+this|past)\s+week\b", _I)),
    ("weekend", re.compile(r"\b(?:the|this|last|over\s+the|during\s+the|past)\s+weekend\b", _I)),
    ("month_rel", re.compile(r"\b(?P<which>earlier\s+this|this|last|late\s+last|early\s+last)\s+month\b", _I)),
    ("year_rel", re.compile(r"\b(?P<which>last|this|earlier\s+this|past)\s+year\b", _I)),
    ("year", re.compile(rf"\b(?:in|since|during|by|until|from|of)\s+{_y()}\b")),
]


def _latest_not_after(month: int, day: int, published: dt.date) -> dt.date | None:
    """The date with this month and day in the publication year, or the year before if that is later."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_date(month: int, year: int | None, day_of: str, published: dt.date) -> dt.date:
    """A month given alone: first, middle (15th) or last day; with no year, the latest such month."""
    if year is None:
        year = published.year if month <= published.month else published.year - 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, {"first": 1, "mid": 15, "last": last}[day_of])


def _middle(a: dt.date, b: dt.date) -> dt.date:
    return a + (b - a) // 2


def _latest_weekday(weekday: int, published: dt.date, strictly_before: bool = False) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def _interpret(kind: str, m: re.Match[str], published: dt.date) -> tuple[dt.date, int, bool] | None:
    """(date, precision, year_only) of one match, or None when it is no real date (31 February)."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    month = _MONTHS[g["month"].lower().rstrip(".")] if g.get("month") and not g["month"].isdigit() else (
        int(g["month"]) if g.get("month") else None)
    if kind == "iso":
        found = _safe_date(year, month, int(g["day"]))
        return (found, 1, False) if found else None
    if kind in ("range", "range_md"):
        d1, d2 = int(g["d1"]), int(g["d2"])
        if not (1 <= d1 < d2 <= 31):
            return None
        first = _safe_date(year, month, d1) if year else _latest_not_after(month, d1, published)
        last = _safe_date(first.year, month, d2) if first else None
        return (_middle(first, last), 2, False) if first and last else None
    if kind == "dmy_short":
        found = _safe_date(2000 + int(g["year"]), month, int(g["day"]))
        return (found, 1, False) if found else None
    if kind in ("dmy", "mdy"):
        day = int(g["day"])
        found = _safe_date(year, month, day) if year else _latest_not_after(month, day, published)
        return (found, 1, False) if found else None
    if kind == "part_month":
        part = g["part"].lower()
        day_of = "first" if part in ("early", "beginning of", "start of") else "last" if part in (
            "late", "end of") else "mid"
        return _month_date(month, year, day_of, published), 3, False
    if kind == "month_year":
        return _month_date(month, year, "mid", published), 3, False
    if kind == "month_year_rel":  # "in February last year": that month of the year before publication
        return _month_date(month, published.year - (g["which"] == "last"), "mid", published), 3, False
    if kind == "in_month":
        return _month_date(month, None, "mid", published), 3, False
    if kind == "nth":
        day = int(g["day"])
        for back in (0, 1):
            first_of = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1) if back else published
            found = _safe_date(first_of.year, first_of.month, day)
            if found and found <= published:
                return found, 1, False
        return None
    if kind == "weekday":
        weekday = _WEEKDAYS[g["weekday"].lower()]
        # "last Thursday" in a Thursday article is a week earlier; a bare "Thursday" is the day itself.
        return _latest_weekday(weekday, published, strictly_before=bool(g.get("last"))), 1, False
    if kind == "relative_day":
        word = " ".join(g["word"].lower().split())
        back = 2 if word.startswith("the day before") else 1 if word in ("yesterday", "overnight", "last night") else 0
        return published - dt.timedelta(days=back), 1, False
    if kind == "days_ago":
        n = g["n"].lower()
        days = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        return published - dt.timedelta(days=days), 1, False
    if kind == "week":
        which = " ".join(g["which"].lower().split())
        monday = published - dt.timedelta(days=published.weekday())
        if which in ("last", "past"):
            return monday - dt.timedelta(days=4), 2, False  # Thursday, the middle of last Monday–Sunday
        return _middle(monday, published), 2, False
    if kind == "weekend":
        saturday = _latest_weekday(5, published)
        return saturday, 2, False
    if kind == "month_rel":
        which = " ".join(g["which"].lower().split())
        if which.endswith("last"):
            prev = published.replace(day=1) - dt.timedelta(days=1)
            day_of = "first" if which.startswith("early") else "last" if which.startswith("late") else "mid"
            return _month_date(prev.month, prev.year, day_of, published), 3, False
        if which == "earlier this":
            return _middle(published.replace(day=1), published), 3, False
        return min(published.replace(day=15), published), 3, False
    if kind == "year_rel":
        which = " ".join(g["which"].lower().split())
        target = published.year - 1 if which in ("last", "past") else published.year
        return dt.date(target, 7, 1) if target < published.year else min(dt.date(target, 7, 1), published), 3, True
    if kind == "year":
        return dt.date(year, 7, 1) if year < published.year else min(dt.date(year, 7, 1), published), 3, True
    return None


# An exact day said to be approximate ("Around 23 February 2022", "about 3 March") is a span coded to that day;
# ACLED's notes say which span in a parenthetical after it: "(week of)", "(month of)", "(between 14 - 15 June)".
_APPROXIMATE_BEFORE = re.compile(r"\b(?:around|about|circa|approximately|on\s+or\s+around|on\s+or\s+about|"
                                 r"sometime\s+(?:around|on))\s+(?:the\s+)?$", _I)
_SPAN_AFTER = re.compile(r"\s*\((?P<span>week\s+of|month\s+of|between\b[^()]*|as\s+reported|"
                         r"on\s+or\s+around|[^()]*\bweek\b[^()]*|[^()]*\bmonth\b[^()]*)\)", _I)
DAY_KINDS = frozenset({"iso", "dmy", "mdy", "dmy_short"})


def _qualified_precision(sentence: str, kind: str, start: int, end: int, precision: int) -> int:
    """Precision of an exact day read with its qualifiers: "around" → 2, a "(month of)" after it → 3."""
    if kind not in DAY_KINDS:
        return precision
    span = _SPAN_AFTER.match(sentence, end)
    if span:
        words = span.group("span").lower()
        if "month" in words:
            return 3
        if "week" in words or words.startswith("between"):
            return 2
    if _APPROXIMATE_BEFORE.search(sentence, max(0, start - 30), start):
        return 2
    return precision


# Kinds that name a calendar day or span of days outright; those anchored on the publication date; and those that
# name only a month.
ABSOLUTE_DAY_KINDS = frozenset({"iso", "range", "range_md", "dmy_short", "dmy", "mdy"})
RELATIVE_DAY_KINDS = frozenset({"nth", "weekday", "relative_day", "days_ago", "week", "weekend"})
MONTH_KINDS = frozenset({"part_month", "month_year", "in_month"})

# Words that make a date recall an earlier event whatever its age. Relative days ("since Monday", "had left on
# Tuesday") are exempt: a day of this week is news however it is phrased.
_SINCE_BEFORE = re.compile(r"\b(?:since|ever\s+since)\s+(?:the\s+)?(?:early\s+|mid-?|late\s+)?$", _I)
_MONTH_POSSESSIVE_AFTER = re.compile(r"'s?\s")
# A month in which something began: the start of what is still going on ("the war that began in February 2022").
_BEGAN_BEFORE = re.compile(r"\b(?:began|begun|started|launched|erupted|broke\s+out|beginning|start|outbreak)\s+"
                           r"(?:(?:back\s+)?in\s+)?$", _I)
# A pluperfect recap in the date's clause: "as they had on …", "which had been captured on …", "had previously …".
# A bare "said … had" is reported speech about the news itself and is no cue.
_RECAP_BEFORE = re.compile(
    r"(?:\b(?:as|like|which|who|whom|where|when)\s+(?:[\w'-]+\s+){0,4}?had\b|"
    r"\bhad\s+(?:[\w'-]+\s+)?(?:previously|earlier|already|once|first)\b)[^,;:.()]*$", _I)


def _cued(sentence: str, kind: str, m: re.Match[str], year_only: bool) -> bool:
    """Whether the date's own words make it background (see the module docstring)."""
    if year_only:
        return True
    if kind in RELATIVE_DAY_KINDS or kind == "month_rel":
        return False
    if m.group(0).lower().startswith("since") or _SINCE_BEFORE.search(sentence, max(0, m.start() - 20), m.start()):
        return True
    if kind in MONTH_KINDS:
        lead = re.match(r"(?:in|during)\s+", m.group(0), _I)  # in_month's match opens with its preposition
        head = sentence[max(0, m.start() - 30):m.start()] + (lead.group(0) if lead else "")
        if _MONTH_POSSESSIVE_AFTER.match(sentence, m.end()) or _BEGAN_BEFORE.search(head):
            return True
    return bool(_RECAP_BEFORE.search(sentence, max(0, m.start() - 80), m.start()))


def raw_dates(sentence: str, published: dt.date) -> tuple[DateMatch, ...]:
    """The dates of a sentence in text order, none overlapping (the longest wins), with their cues, not yet
    judged against a main date."""
    raw: list[tuple[int, int, int, str, re.Match[str]]] = []
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(sentence):
            raw.append((m.start(), -(m.end() - m.start()), rank, kind, m))
    raw.sort(key=lambda item: (item[0], item[1], item[2]))
    found: list[DateMatch] = []
    taken_until = -1
    for start, _, _, kind, m in raw:
        if start < taken_until:
            continue
        value = _interpret(kind, m, published)
        if value is None:
            continue
        date, precision, year_only = value
        precision = _qualified_precision(sentence, kind, m.start(), m.end(), precision)
        cued = _cued(sentence, kind, m, year_only)
        found.append(DateMatch(date, precision, m.group(0), m.start(), m.end(), cued, kind, cued))
        taken_until = m.end()
    return tuple(found)
