"""Reported figures: "at least 12 people were killed", "909 Russian soldiers taken captive", "dozens injured".

A figure is a number with a kind (killed, injured, captured, …), a qualifier ("at least", "more than", …),
the range it allows (low/high) and who reported it. The words and kind cues live in
sitrep/resources/figure_lexicon.toml, compiled once into the FigureLexicon passed in as `lex`.
The deaths of a sentence are read by deaths.py, an event's fatality count by fatalities.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.coding.figure_lexicon import MAX_DIGITS, MAX_FIGURE, MULTIPLIERS, TENS, UNITS, FigureLexicon

# Where the words after a number stop being about it; ", 1 of whom died" is about a part of it.
CLAUSE_END = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|before|with)\b|\.\s"
                        r"|,\s*(?:\w+\s+)?of\s+(?:whom|which|them)\b")
KILLED_WHERE = re.compile(r"killed\s+(?:by|in|at|on|during|near|when|while|after)\b", re.I)
NOUN_KINDS = frozenset({"protesters", "civilians present"})
LEAVING_BEFORE = re.compile(r"\b(?:leaving|left)\s*$", re.I)
CAPTIVE_AFTER_OBJECT = re.compile(r"^(?:[\w'-]+\s+){0,4}?(?:captive|prisoner)\b", re.I)
CAPTURE_VERB_BEFORE = re.compile(r"\b(?:taken|took|taking|captured|capturing|take)\s*$", re.I)
REPORTER = re.compile(
    r"\b(?P<who>(?:(?:the|a|an|[A-Z][\w'’.-]*|regional|local|state|district|provincial|defen[cs]e|interior|foreign|"
    r"health|military|government|senior|top|security|police|army|news|official|hospital|medical|rescue|"
    r"emergency|village|tribal|community|rights|human)\s+){0,5}?"
    r"(?:[A-Z][\w'’.-]*|officials?|police|authorities|ministry|military|army|spokes(?:man|woman|person)|sources?|"
    r"residents?|witnesses|governor|mayor|officers?|group|agency|organi[sz]ation|monitor|observatory|media|"
    r"chief|commander|minister|administrator|leader|doctors?|medics|council|party|statement|brigade|"
    r"administration|command|service|forces|residents)"
    r"(?:\s+(?:in|of|for)\s+[A-Z][\w'-]*)?)\s+(?:said|says|reported|told|claimed|confirmed|stated|announced)\b")
ACCORDING_TO = re.compile(r"according\s+to\s+(?P<who>(?:the\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+)(?=[,.;]|$)", re.I)
SPOKESPERSON = re.compile(
    r"(?P<who>(?:the\s+)?(?:spokes(?:man|woman|person)|official|head|commander|governor|minister|chief)\s+(?:for|of)\s+"
    r"[\w'’ -]{3,50}?)(?:,\s*[A-Z][\w .'’-]+,)?\s+(?:said|says|told|reported|claimed|confirmed)\b", re.I)
# Numbers that are not counts of people: years, distances, sizes, times, money, percentages.
NOT_A_COUNT_AFTER = re.compile(
    r"^\s*-?\s*(?:%|per\s*cent|percent|km|kilomet\w*|miles?|metres?|meters?|m\b|mm\b|kg|tons?|tonnes|years?|months?|"
    r"weeks?|days?|hours?|minutes?|a\.m|p\.m|am\b|pm\b|o'clock|dollars?|euros?|rupees?|naira|usd|\$|times\b|"
    r"(?:mechani[sz]ed\s+)?battalions?|brigades?|tanks?|vehicles?|rounds?|shells?|rockets?|missiles?|drones?|"
    r"houses?|homes?|buildings?|shops?|cars?|villages?|towns?|districts?|provinces?|regions?|locations?|events?|"
    r"units?|pieces|items|(?:\w+\s+)?equipment|weapons?|guns|rifles|bullets|lakhs?|crores?|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)(?!\w)", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages\s+of)\s*$", re.I)
CURRENCY_BEFORE = re.compile(r"(?:\$|€|£|US\$|Rs\.?|INR|KES|Ksh\.?|(?<![A-Za-z])N|₦|₹)\s*$")
NOT_A_COUNT_BEFORE = re.compile(r"(?:\$|€|£|US\$|Rs\.?|No\.|number|since|in|of\s+the|age(?:d)?|on|until|by)\s*$",
                                re.I)


@dataclass(frozen=True)
class Figure:
    kind: str
    value: int
    low: int
    high: int
    qualifier: str | None
    reported_by: str
    start: int  # offsets of the quantity within the text given to find_figures
    end: int
    vague: bool = False


def _number_value(s: str, word_numbers: dict[str, int]) -> int | None:
    """The count a number text says ("1,200", "2.5 million", "forty-two"); None when it is none or over MAX_FIGURE."""
    s = " ".join(s.strip().lower().replace("–", "-").split())
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|billion)?", s)
    if m:
        digits = m.group(1).replace(",", "")
        if len(digits.split(".")[0].lstrip("0")) > MAX_DIGITS:
            return None
        value = int(round(float(digits) * MULTIPLIERS.get(m.group(2) or "", 1)))
        return value if value <= MAX_FIGURE else None
    m = re.fullmatch(rf"({TENS})[- ]({UNITS})", s)
    if m:
        return word_numbers[m.group(1)] + word_numbers[m.group(2)]
    m = re.fullmatch(r"([a-z ]+?)(?:\s+(hundred|thousand|million))?", s)
    if m and m.group(1) in word_numbers:
        value = word_numbers[m.group(1)] * MULTIPLIERS.get(m.group(2) or "", 1)
        return value if value <= MAX_FIGURE else None
    return None


def bounds(value: int, qualifier: str | None) -> tuple[int, int]:
    if qualifier == "at least":
        return value, value * 2 if value else 0
    if qualifier == "more than":
        return value + 1 if value < 100 else value, value * 2
    if qualifier in ("up to", "fewer than"):
        return 0 if qualifier == "up to" else 1, value
    if qualifier in ("about", "nearly"):
        return int(value * 0.9), int(value * 1.1 + 0.5) if qualifier == "about" else value
    return value, value


def _kind_for(text: str, start: int, end: int, lex: FigureLexicon) -> str | None:
    after = text[end:end + 120].lstrip()
    clause_after = CLAUSE_END.split(after, maxsplit=1)[0]
    before = text[max(0, start - 60):start]
    if LEAVING_BEFORE.search(before):
        before = ""  # "leaving 5 dead" / "left 3 wounded": the word after decides
    for kind, rx in lex.kind_before:
        if rx.search(before):
            return kind
    if CAPTURE_VERB_BEFORE.search(before) and CAPTIVE_AFTER_OBJECT.search(clause_after):
        return "captured"
    best: tuple[int, str] | None = None
    words = list(re.finditer(r"\S+", clause_after))[:8]
    for w in words:  # the nearest cue after the number wins
        for kind, rx in lex.kind_after:
            m = rx.match(clause_after, w.start())
            if m and kind == "killed" and re.search(r"\bof\s+$", clause_after[:w.start()]) \
                    and re.match(r"killed\s+[a-z]", clause_after[w.start():]) \
                    and not KILLED_WHERE.match(clause_after, w.start()):
                m = None  # "dozens of relatives of killed soldiers"
            if m and kind in NOUN_KINDS and any(rx2.search(clause_after, m.end()) for k2, rx2 in lex.kind_after
                                                if k2 not in NOUN_KINDS):
                m = None  # "40 protesters were arrested": arrested
            if m:
                if kind == "killed" and lex.active_object_after.match(clause_after[m.end():]) \
                        and not re.match(r"(?:were|was|have|has|had|are|is|been)\b", clause_after[w.start():], re.I) \
                        and re.search(r"kill|execut|murder|massacr|behead|lynch|shot", m.group(0), re.I):
                    return None  # "80 soldiers killed three farmers": the number did the killing
                best = (w.start(), kind)
                break
        if best:
            break
    return best[1] if best else None


def number_value(s: str, lex: FigureLexicon) -> int | None:
    """The value of a number's words ("1,200", "twenty-one", "three hundred"), None when they are no number."""
    return _number_value(s, lex.word_numbers)


def _reporter(sentence: str) -> str:
    for rx in (SPOKESPERSON, ACCORDING_TO, REPORTER):
        m = rx.search(sentence)
        if m and m.group("who").strip().lower() not in PRONOUNS:
            return m.group("who").strip()
    return ""


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "who"})


def qualifier_of(m: re.Match[str], lex: FigureLexicon) -> str | None:
    word = " ".join(m.group("qual").lower().split()) if m.group("qual") else ""
    if not word or word == "between" or (word == "some" and m.group("num") is None):
        return None
    return lex.qualifier_words.get(word)


def find_figures(text: str, lex: FigureLexicon) -> list[Figure]:
    """Figures reported in one sentence (offsets relative to text)."""
    figures: list[Figure] = []
    reporter = None
    for m in lex.quantity.finditer(text):
        if m.group("num"):
            value = number_value(m.group("num"), lex)
            if value is None:
                continue
            tail = text[m.end():m.end() + 20]
            head = text[max(0, m.start() - 12):m.start()]
            if NOT_A_COUNT_AFTER.match(tail) or (NOT_A_COUNT_BEFORE.search(head) and value >= 1900) \
                    or CURRENCY_BEFORE.search(head) or AGE_BEFORE.search(head):
                continue
            if 1900 <= value <= 2100 and not m.group("qual"):
                continue  # a year
            if re.match(r"\s*(?:and|or)\b", text[m.end("num"):m.end("num") + 5] if m.group("num2") else "", re.I) \
                    and (m.group("qual") or "").strip().lower() != "between":
                high_value = None  # "killed 3 and wounded 5" is two figures, not a range
                m_end = m.end("num")
            else:
                high_value = number_value(m.group("num2"), lex) if m.group("num2") else None
                m_end = m.end()
        else:
            value = lex.vague_numbers[" ".join(m.group("vague").lower().split())]
            high_value, m_end = None, m.end()
        kind = _kind_for(text, m.start(), m_end, lex)
        if kind is None or (m.group("vague") and kind not in ("killed", "injured", "abducted", "arrested")):
            continue
        if kind == "killed" and lex.non_human.match(text[m_end:m_end + 40]):
            continue  # "killed a dozen of their livestock"
        qualifier = qualifier_of(m, lex)
        low, high = bounds(value, qualifier)
        if high_value is not None:
            low, high = min(value, high_value), max(value, high_value)
            value = low
        if reporter is None:
            reporter = _reporter(text)
        figures.append(Figure(kind, value, low, high, qualifier, reporter, m.start(), m_end,
                              vague=m.group("vague") is not None))
    return figures

