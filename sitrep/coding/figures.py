"""Reported figures: "at least 12 people were killed", "909 Russian soldiers taken captive", "dozens injured".

A figure is a number with a kind (killed, injured, captured, …), a qualifier ("at least", "more than", …),
the range it allows (low/high) and who reported it. The fatality count of an event follows the codebook:
the lowest reported figure; vague words get fixed values (several → 3, dozens → 12, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "a hundred": 100, "a thousand": 1000, "both": 2, "twin": 2, "single": 1, "lone": 1,
}
# Codebook values for vague quantities.
VAGUE_NUMBERS: dict[str, int] = {
    "several": 3, "a few": 3, "few": 3, "some": 3, "a handful of": 3, "a handful": 3, "a number of": 3,
    "a couple of": 2, "a couple": 2, "many": 10, "tens of": 10, "scores of": 20, "numerous": 10,
    "dozens of": 12, "dozens": 12, "hundreds of": 100, "hundreds": 100, "thousands of": 1000,
    "thousands": 1000, "multiple": 3, "various": 3, "an unknown number of": 10, "unknown number of": 10,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIER_WORDS: dict[str, str] = {
    "at least": "at least", "a minimum of": "at least", "no fewer than": "at least", "no less than": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "a little over": "more than", "just over": "more than", "slightly more than": "more than",
    "up to": "up to", "as many as": "up to", "at most": "up to",
    "about": "about", "around": "about", "some": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "almost": "nearly", "nearly": "nearly",
    "close to": "nearly", "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
}

_word_alt = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if w not in ("a", "an")), key=len, reverse=True))
_vague_alt = "|".join(sorted((re.escape(w) for w in VAGUE_NUMBERS), key=len, reverse=True))
_qual_alt = "|".join(sorted((re.escape(w) for w in QUALIFIER_WORDS), key=len, reverse=True))

NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s*(?:million|thousand|billion)\b)?"
    rf"|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine))\b"
    rf"|(?:{_word_alt})\b(?:\s+(?:hundred|thousand|million)\b)?"
)
# A quantity: optional qualifier, then a number (or a range) or a vague word.
QUANTITY = re.compile(
    rf"(?<![\w.])(?P<qual>(?:{_qual_alt})\s+)?"
    rf"(?:(?P<num>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<num2>{NUMBER}))?|(?P<vague>{_vague_alt})\b)",
    re.I,
)
SINGULAR = re.compile(r"\b(?:a|an|one)\b", re.I)

# Kind words: what a figure counts. The order matters: the first kind whose cue sits near the number wins.
KIND_AFTER: list[tuple[str, re.Pattern[str]]] = [
    ("killed", re.compile(
        r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|being|reportedly|also|"
        r"allegedly|all)\s+)*(?:killed|dead|died|dies|slain|perished|executed|murdered|lynched|beheaded|"
        r"shot\s+dead|burned\s+to\s+death|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|"
        r"deaths?|fatalit(?:y|ies)|bodies|corpses|casualties\s+were\s+killed)\b", re.I)),
    ("injured", re.compile(
        r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|being|reportedly|also|"
        r"seriously|critically|slightly|severely|all)\s+)*(?:injured|wounded|hurt|injuries|hospitali[sz]ed)\b", re.I)),
    ("captured", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                            r"(?:captured|taken\s+captive|taken\s+prisoner|prisoners\s+of\s+war)\b", re.I)),
    ("abducted", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                            r"(?:abducted|kidnapped|taken\s+hostage|hostages)\b", re.I)),
    ("arrested", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                            r"(?:arrested|apprehended)\b", re.I)),
    ("detained", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                            r"(?:detained|in\s+custody|held)\b", re.I)),
    ("missing", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|are|is|have\s+been|remain|remained|still)\s+)*"
                           r"(?:missing|unaccounted)\b", re.I)),
    ("displaced", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                             r"(?:displaced|forced\s+to\s+flee|fled|refugees|made\s+homeless)\b", re.I)),
    ("evacuated", re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
                             r"evacuated\b", re.I)),
    ("civilians present", re.compile(
        r"^(?:[\w'.-]+,?\s+){0,6}?(?:(?:are|were|is|was|remain|remained|still|who)\s+)*(?:living|live|lived|trapped|"
        r"stranded|sheltering|residing|reside)\b", re.I)),
    ("protesters", re.compile(r"^(?:[\w'-]+\s+){0,3}?(?:protesters|demonstrators|people\s+(?:protested|rallied|"
                              r"marched|gathered))\b", re.I)),
]
# Cues before the number: "killing 12", "the death toll rose to 30", "taken 909 Russian soldiers captive".
KIND_BEFORE: list[tuple[str, re.Pattern[str]]] = [
    ("killed", re.compile(r"\b(?:kill(?:ed|ing|s)?|left|leaving|claim(?:ed|ing)\s+the\s+lives\s+of|"
                          r"death\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|is|was|stands\s+at)|shot\s+dead|executed|"
                          r"massacred|murdered|lynched|bodies\s+of|toll\s+(?:rose|climbed)\s+to)\s*$", re.I)),
    ("injured", re.compile(r"\b(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt(?:ing)?)\s*$", re.I)),
    ("abducted", re.compile(r"\b(?:abduct(?:ed|ing)|kidnapp?(?:ed|ing))\s*$", re.I)),
    ("arrested", re.compile(r"\b(?:arrest(?:ed|ing)|apprehend(?:ed|ing))\s*$", re.I)),
    ("detained", re.compile(r"\b(?:detain(?:ed|ing))\s*$", re.I)),
    ("displaced", re.compile(r"\b(?:displac(?:ed|ing))\s*$", re.I)),
    ("evacuated", re.compile(r"\b(?:evacuat(?:ed|ing))\s*$", re.I)),
]
CAPTIVE_AFTER_OBJECT = re.compile(r"^(?:[\w'-]+\s+){0,4}?(?:captive|prisoner)\b", re.I)
CAPTURE_VERB_BEFORE = re.compile(r"\b(?:taken|took|taking|captured|capturing|take)\s*$", re.I)
# ACLED-style closing statements: "3 fatalities.", "Fatalities coded to 10."
FATALITY_STATEMENT = re.compile(
    rf"\bfatalities\s+(?:were\s+)?coded\s+(?:to|as|at)\s+(?P<n1>\d+)|(?P<n2>\d+|{_word_alt})\s+fatalit(?:y|ies)\b", re.I)
REPORTER = re.compile(
    r"(?P<who>(?:(?:the|[A-Z][\w'.-]*)\s+){0,5}?(?:[A-Z][\w'.-]*|officials?|police|authorities|ministry|military|army|"
    r"spokes(?:man|woman|person)|sources?|residents?|witnesses|governor|"
    r"officers?|group|agency|organi[sz]ation|monitor|observatory)(?:\s+(?:in|of|for)\s+[A-Z][\w'-]*)?)\s+(?:said|says|reported|told|claimed|confirmed|stated)\b")
ACCORDING_TO = re.compile(r"according\s+to\s+(?P<who>(?:the\s+)?(?:[\w'-]+\s+){0,5}?[\w'-]+)(?=[,.;]|$)", re.I)
# Numbers that are not counts of people: years, distances, sizes, times, money, percentages.
NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:%|per\s*cent|percent|km|kilomet|miles?|metres?|meters?|m\b|kg|tons?|tonnes|years?|months?|weeks?|"
    r"days?|hours?|minutes?|a\.m|p\.m|am\b|pm\b|o'clock|dollars?|euros?|rupees?|naira|usd|\$|times\b|"
    r"(?:mechani[sz]ed\s+)?battalions?|brigades?|tanks?|vehicles?|rounds?|shells?|rockets?|missiles?|drones?|"
    r"houses?|homes?|buildings?|shops?|cars?|villages?|towns?|districts?|provinces?|regions?|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)", re.I)
NOT_A_COUNT_BEFORE = re.compile(r"(?:\$|€|£|US\$|Rs\.?|No\.|number|since|in|of\s+the|age(?:d)?|on|until|by)\s*$", re.I)


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


def _number_value(s: str) -> int | None:
    s = s.strip().lower().replace("–", "-")
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|billion)?", s)
    if m:
        base = float(m.group(1).replace(",", ""))
        return int(round(base * MULTIPLIERS.get(m.group(2) or "", 1)))
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](\w+)", s)
    if m and m.group(2) in WORD_NUMBERS:
        return WORD_NUMBERS[m.group(1)] + WORD_NUMBERS[m.group(2)]
    m = re.fullmatch(r"([a-z ]+?)(?:\s+(hundred|thousand|million))?", s)
    if m and m.group(1) in WORD_NUMBERS:
        return WORD_NUMBERS[m.group(1)] * MULTIPLIERS.get(m.group(2) or "", 1)
    return None


def _bounds(value: int, qualifier: str | None) -> tuple[int, int]:
    if qualifier == "at least":
        return value, value * 2 if value else 0
    if qualifier == "more than":
        return value + 1 if value < 100 else value, value * 2
    if qualifier in ("up to", "fewer than"):
        return 0 if qualifier == "up to" else 1, value
    if qualifier in ("about", "nearly"):
        return int(value * 0.9), int(value * 1.1 + 0.5) if qualifier == "about" else value
    return value, value


def _kind_for(text: str, start: int, end: int) -> str | None:
    after = text[end:end + 120].lstrip()
    clause_after = re.split(r"[;:]|,\s+(?:and|but|while|as|after|before)\b|\.\s", after, maxsplit=1)[0]
    before = text[max(0, start - 60):start]
    for kind, rx in KIND_BEFORE:
        if rx.search(before):
            return kind
    if CAPTURE_VERB_BEFORE.search(before) and CAPTIVE_AFTER_OBJECT.search(clause_after):
        return "captured"
    for kind, rx in KIND_AFTER:
        if rx.search(clause_after):
            return kind
    return None


SPOKESPERSON = re.compile(
    r"(?P<who>(?:the\s+)?(?:spokes(?:man|woman|person)|official|head|commander|governor|minister|chief)\s+(?:for|of)\s+"
    r"[\w'’ -]{3,50}?)(?:,\s*[A-Z][\w .'’-]+,)?\s+(?:said|says|told|reported|claimed|confirmed)\b", re.I)


def _reporter(sentence: str) -> str:
    m = SPOKESPERSON.search(sentence)
    if m:
        return m.group("who").strip()
    m = ACCORDING_TO.search(sentence)
    if m:
        return m.group("who").strip()
    m = REPORTER.search(sentence)
    if m:
        return m.group("who").strip()
    return ""


def find_figures(text: str) -> list[Figure]:
    """Figures reported in one sentence (offsets relative to text)."""
    figures: list[Figure] = []
    reporter = None
    for m in QUANTITY.finditer(text):
        if m.group("num") is None and m.group("vague") is None:
            continue
        if m.group("num"):
            value = _number_value(m.group("num"))
            if value is None:
                continue
            tail = text[m.end():m.end() + 20]
            head = text[max(0, m.start() - 12):m.start()]
            if NOT_A_COUNT_AFTER.match(tail) or (NOT_A_COUNT_BEFORE.search(head) and value >= 1900):
                continue
            if 1900 <= value <= 2100 and not m.group("qual"):
                continue  # a year
            high_value = _number_value(m.group("num2")) if m.group("num2") else None
        else:
            value = VAGUE_NUMBERS[m.group("vague").lower()]
            high_value = None
        kind = _kind_for(text, m.start(), m.end())
        if kind is None or (m.group("vague") and kind not in ("killed", "injured", "abducted", "arrested")):
            continue
        qualifier = QUALIFIER_WORDS[" ".join(m.group("qual").lower().split())] if m.group("qual") else None
        if m.group("qual") and m.group("qual").strip().lower() == "some" and m.group("num") is None:
            qualifier = None
        low, high = _bounds(value, qualifier)
        if high_value is not None:
            low, high = min(value, high_value), max(value, high_value)
            value = low
        if reporter is None:
            reporter = _reporter(text)
        figures.append(Figure(kind, value, low, high, qualifier, reporter, m.start(), m.end(),
                              vague=m.group("vague") is not None))
    return figures


# Singular victims: "killed a man", "a policeman was killed", "shot dead a trader".
SINGLE_KILLED = re.compile(
    r"\b(?:killed|killing|shot\s+dead|murdered|lynched|beheaded|executed|hacked\s+to\s+death|beat\s+to\s+death|"
    r"stabbed\s+to\s+death)\s+(?:a|an|one|the|his|her|their)\s+(?!number\b|unknown\b|total\b)[\w-]+"
    r"|\b(?:a|an|one)\s+(?:[\w'-]+\s+){0,5}?(?:was|has\s+been|had\s+been|were)\s+(?:\w+\s+)?(?:killed|shot\s+dead|"
    r"murdered|lynched|beheaded|executed|found\s+dead|stabbed\s+to\s+death|beaten\s+to\s+death|hacked\s+to\s+death)\b"
    r"|\b(?:a|an|one)\s+(?:[\w'-]+\s+){0,4}?died\b"
    r"|\b(?:body|corpse)\s+of\s+(?:a|an)\b",
    re.I,
)
UNKNOWN_DEATHS = re.compile(
    r"\b(?:killing|killed|kills)\s+(?:and\s+(?:injuring|wounding)\s+)?(?:an\s+)?unknown\s+number|"
    r"\bunknown\s+number\s+of\s+(?:[\w-]+\s+){0,3}(?:were\s+)?(?:killed|dead|died)|"
    r"\b(?:killing|killed)\s+and\s+(?:injuring|wounding)\s+(?:an\s+)?unknown", re.I)
PLURAL_KILLED = re.compile(
    r"\b(?:killing|killed|shot\s+dead|massacred)\s+(?:several\s+)?(?:civilians|people|villagers|soldiers|"
    r"fighters|militants|members|residents|troops|policemen|officers|farmers|worshippers|passengers)\b", re.I)


def fatalities_from(sentences: list[str]) -> tuple[int, int, int, bool]:
    """(fatalities, low, high, known) for the sentences of one event.

    known is False when nothing about deaths was said (notes then say "Casualties unknown.").
    An explicit closing statement ("3 fatalities.", "Fatalities coded to 10.") wins; otherwise the
    killed figures of each sentence are summed per sentence and the lowest sentence total is taken
    (sources disagreeing), and the singular and vague cases fall back to the codebook values."""
    for s in sentences:
        m = FATALITY_STATEMENT.search(s)
        if m:
            n = m.group("n1") or m.group("n2")
            value = int(n) if n.isdigit() else WORD_NUMBERS.get(n.lower(), 0)
            return value, value, value, True
    totals: list[tuple[int, int, int]] = []
    for s in sentences:
        killed = [f for f in find_figures(s) if f.kind == "killed"]
        if killed:
            # Several figures in one sentence are usually parts ("3 soldiers and 2 civilians").
            distinct = {(f.start, f.value) for f in killed}
            value = sum(v for _, v in distinct)
            totals.append((value, sum(f.low for f in killed), sum(f.high for f in killed)))
        elif UNKNOWN_DEATHS.search(s):
            totals.append((10, 1, 100))
        elif SINGLE_KILLED.search(s):
            totals.append((1, 1, 1))
        elif PLURAL_KILLED.search(s):
            totals.append((3, 2, 10))
    if not totals:
        return 0, 0, 0, False
    best = min(totals, key=lambda t: t[0])
    return best[0], best[1], best[2], True
