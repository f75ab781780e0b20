"""The fatality count of an event, as the codebook has it: reported deaths only, the lowest figure when sources
disagree, vague words at fixed values (several → 3, dozens → 12, …), a total over several events split between
them, and ACLED's own closing statements ("3 fatalities.", "Fatalities coded as 7.", "… split across 4 events")
taken as written.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sitrep.coding.deaths import ATTACKER_COUNTED, CLAIM_BETWEEN, SUICIDE_ACT, ZERO_DEATHS, Deaths, sentence_deaths
from sitrep.coding.figure_lexicon import MAX_DIGITS, MAX_FIGURE, FigureLexicon

ZERO_CODED = re.compile(r"\b(?:no|zero)\s+(?:fatalities|deaths|casualties)\s+(?:have\s+been|has\s+been|were|was|are)\s+"
                        r"(?:coded|recorded\s+in\s+this\s+event)", re.I)
# "(fatalities coded to X event)": the deaths belong to the row of another place.
CODED_TO_OTHER = re.compile(r"\bfatalities\s+(?:were\s+)?(?:coded|counted|attributed)\s+(?:to|in|under)\s+"
                            r"(?:the\s+)?(?P<place>.+?)\s+event\b", re.I)


def _int_word(n: str, lex: FigureLexicon) -> int:
    """A statement's count ("7", "seven"); 0 when it is none or over MAX_FIGURE."""
    if n.isdigit():
        return int(n) if len(n.lstrip("0")) <= MAX_DIGITS and int(n) <= MAX_FIGURE else 0
    return lex.word_numbers.get(n.lower(), 0)


def split_total(total: int, parts: int) -> list[int]:
    """A total spread over parts events: equal shares, the remainder one each to the first events.

    split_total(13, 2) == [7, 6]; split_total(5, 6) == [1, 1, 1, 1, 1, 0]."""
    if parts <= 1:
        return [total]
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def _statement(sentences: list[str], lex: FigureLexicon) -> tuple[int | None, int | None]:
    """(coded value, split parts) from ACLED-style statements; None where the text has none.

    "14 fatalities split across 7 events coded as 2": 2 is this event's share (parts None);
    "coded as 10 and split between 2 locations": 10 is the total, to be split."""
    coded: int | None = None
    parts: int | None = None
    for s in sentences:
        if re.search(r"fatalit|casualt|death|killed|dead|\bcoded\b", s, re.I) is None:
            continue
        c = lex.coded_as.search(s) or lex.coded_for.search(s)
        if c and re.search(r"fatalit|casualt|death|killed|dead|split|spread", s, re.I):
            coded = _int_word(c.group("n"), lex)
        m = lex.split_across.search(s)
        if m and not (c and c.start() > m.start()):
            parts = _int_word(m.group("k"), lex) or None
            more = lex.split_also.match(s, m.end())  # "over 2 days and 2 locations": 4 events
            if more and parts:
                parts *= _int_word(more.group("k"), lex) or 1
        elif m:
            parts = None
        if ZERO_CODED.search(s) or (ZERO_DEATHS.search(s) and sentence_deaths(s, lex) is None):
            coded = 0  # "There were no fatalities." (not "no other casualties", which the pattern leaves out)
    return coded, parts


def _killed_in_other_event(sentence: str, before: str) -> bool:
    m = CODED_TO_OTHER.search(sentence)
    return m is not None and m.group("place").strip().lower() not in before.lower()


def _adds(sentence: str, deaths: Deaths, lex: FigureLexicon) -> bool:
    """A later sentence adds victims when an "also"/"another"/"later died" sits by its first victim phrase
    (but "another source said" disagrees rather than adds)."""
    a, b = max(0, deaths.start - 40), min(len(sentence), deaths.end + 25)
    if CLAIM_BETWEEN.search(sentence, 0, deaths.start):
        return False  # "the group said it killed 7": a competing claim, not more dead
    return lex.additive.search(sentence, a, b) is not None and OTHER_SOURCE.search(sentence, a, b) is None


OTHER_SOURCE = re.compile(r"\b(?:other|another|second|further)\s+(?:\w+\s+)?(?:sources?|reports?|accounts?|media)\b",
                          re.I)


class FatalityCount(NamedTuple):
    """The deaths of one event: the count, the range it allows, and whether the text said anything about deaths."""
    value: int
    low: int
    high: int
    known: bool


def fatalities_from(sentences: list[str], lex: FigureLexicon) -> FatalityCount:
    """The fatality count of the sentences of one event.

    known is False when nothing about deaths was said (notes then say "Casualties unknown.").
    An ACLED coding statement wins ("Fatalities coded as 7.", "3 fatalities."); otherwise each sentence's
    deaths are counted; a later sentence that adds victims ("another", "also", "later died") adds, one that
    restates or disagrees gives the lowest; a total "split across K events" gives this event the first share."""
    coded, parts = _statement(sentences, lex)
    total: tuple[int, int, int] | None = None
    if coded is not None:
        total = (coded, coded, coded)
    closing: int | None = None
    for i, s in enumerate(sentences):
        if coded is not None:
            break
        m = lex.closing_fatalities.search(s)
        if m:
            n = _int_word(m.group("n"), lex)
            closing = n if closing is None else min(closing, n)
            continue
        if _killed_in_other_event(s, " ".join(sentences[:i])):
            continue
        found = sentence_deaths(s, lex)
        if found is None:
            continue
        if total is None:
            total = (found.value, found.low, found.high)
        elif _adds(s, found, lex):
            total = (total[0] + found.value, total[1] + found.low, total[2] + found.high)
        elif found.value < total[0]:
            total = (found.value, found.low, found.high)  # sources disagree: the lowest
    if closing is not None:
        total = (closing, closing, closing)
    elif coded is None and any(lex.suicide_attacker.search(s) and SUICIDE_ACT.search(s) for s in sentences) \
            and not any(ATTACKER_COUNTED.search(s) for s in sentences):
        t = total or (0, 0, 0)
        total = (t[0] + 1, t[1] + 1, t[2] + 1)  # the suicide attacker counts among the dead
    if total is None:
        return FatalityCount(0, 0, 0, any(ZERO_DEATHS.search(s) for s in sentences))
    value, low, high = total
    if parts:
        value, low, high = (split_total(value, parts)[0], split_total(low, parts)[0],
                            split_total(high, parts)[0])
    return FatalityCount(value, low, max(high, value), True)
