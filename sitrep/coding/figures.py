"""Reported figures: "at least 12 people were killed", "909 Russian soldiers taken captive", "dozens injured".

A figure is a number with a kind (killed, injured, captured, …), a qualifier ("at least", "more than", …),
the range it allows (low/high) and who reported it. The fatality count of an event follows the codebook:
reported deaths only, the lowest figure when sources disagree, vague words at fixed values (several → 3,
dozens → 12, …), a total over several events split between them, and ACLED's own closing statements
("3 fatalities.", "Fatalities coded as 7.", "… split across 4 events") taken as written.

The words live in sitrep/resources/figure_lexicon.toml; this module compiles them once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from sitrep.settings import RESOURCES_DIR

LEXICON_TOML = RESOURCES_DIR / "figure_lexicon.toml"
_LEX = tomllib.loads(LEXICON_TOML.read_text(encoding="utf-8"))

WORD_NUMBERS: dict[str, int] = {k: int(v) for k, v in _LEX["numbers"].items()}
VAGUE_NUMBERS: dict[str, int] = {k: int(v) for k, v in _LEX["vague"].items()}
QUALIFIER_WORDS: dict[str, str] = dict(_LEX["qualifiers"])
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DEATHS = _LEX["deaths"]


def _alternation(words: list[str] | dict[str, object]) -> str:
    """Longest first, so "a dozen" wins over "dozen"; spaces match any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_word_alt = _alternation(WORD_NUMBERS)
_vague_alt = _alternation(VAGUE_NUMBERS)
_qual_alt = _alternation(QUALIFIER_WORDS)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"

NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:million|thousand|billion)\b)?"
    rf"|(?:(?:{_TENS})[- ](?:{_UNITS}))\b"
    rf"|(?:{_word_alt})\b(?:\s+(?:hundred|thousand|million)\b)?"
)
# "10^30", "5e30": exponent notation is one (huge) number, never two counts (10 and 30) nor a small one.
_NOT_EXPONENT = r"(?!\d+(?:\.\d+)?(?:\s*\^|[eE][+-]?\d))"
# A quantity: optional qualifier, then a number (or a range) or a vague word.
QUANTITY = re.compile(
    rf"(?<![\w.^])(?P<qual>(?:{_qual_alt}|between)\s+)?"
    rf"(?:(?P<num>{_NOT_EXPONENT}{NUMBER})(?:\s*(?:-|–|to|or|and)\s*(?P<num2>{NUMBER}))?|(?P<vague>{_vague_alt})\b)",
    re.I,
)

# ------------------------------------------------------------------------------------------------ kinds

_AUX = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|been|reportedly|also|allegedly|all|" \
       r"later|subsequently|seriously|critically|slightly|severely|fatally|mortally|then|still|remain|remained)\s+)*"
# Kind cues after the number; the nearest cue wins ("five were injured and one died": five → injured).
KIND_AFTER: list[tuple[str, re.Pattern[str]]] = [
    ("killed", re.compile(
        rf"{_AUX}(?:killed|dead|died|dies|slain|perished|executed|murdered|lynched|beheaded|massacred|"
        r"shot\s+dead|burned\s+to\s+death|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|"
        r"deaths?|fatalit(?:y|ies)|bodies|corpses|succumbed)\b", re.I)),
    ("injured", re.compile(rf"{_AUX}(?:injured|wounded|hurt|injuries|hospitali[sz]ed|injury)\b", re.I)),
    ("captured", re.compile(rf"{_AUX}(?:captured|taken\s+captive|taken\s+prisoner|prisoners\s+of\s+war)\b", re.I)),
    ("abducted", re.compile(rf"{_AUX}(?:abducted|kidnapped|taken\s+hostage|hostages)\b", re.I)),
    ("arrested", re.compile(rf"{_AUX}(?:arrested|apprehended)\b", re.I)),
    ("detained", re.compile(rf"{_AUX}(?:detained|in\s+custody|held)\b", re.I)),
    ("missing", re.compile(rf"{_AUX}(?:missing|unaccounted)\b", re.I)),
    ("displaced", re.compile(rf"{_AUX}(?:displaced|forced\s+to\s+flee|fled|refugees|made\s+homeless)\b", re.I)),
    ("evacuated", re.compile(rf"{_AUX}evacuated\b", re.I)),
    ("civilians present", re.compile(
        r"(?:(?:are|were|is|was|remain|remained|still|who)\s+)*(?:living|live|lived|trapped|stranded|sheltering|"
        r"residing|reside)\b", re.I)),
    ("protesters", re.compile(r"(?:protesters|demonstrators|people\s+(?:protested|rallied|marched|gathered))\b",
                              re.I)),
]
# Cues before the number: "killing 12", "the death toll rose to 30", "wounding 4".
KIND_BEFORE: list[tuple[str, re.Pattern[str]]] = [
    ("killed", re.compile(r"\b(?:kill(?:ed|ing|s)?|claim(?:ed|ing)\s+the\s+lives\s+of|(?:we|they|had|have|has)\s+lost|"
                          r"death\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|is|was|stands\s+at)|shot\s+dead|executed|"
                          r"executing|massacred|massacring|murdered|murdering|lynched|bodies\s+of|"
                          r"deaths?\s+of|toll\s+(?:rose|climbed)\s+to|killing\s+of|leaving|left)\s*$", re.I)),
    ("injured", re.compile(r"\b(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt(?:ing)?)\s*$", re.I)),
    ("abducted", re.compile(r"\b(?:abduct(?:ed|ing)|kidnapp?(?:ed|ing))\s*$", re.I)),
    ("arrested", re.compile(r"\b(?:arrest(?:ed|ing)|apprehend(?:ed|ing))\s*$", re.I)),
    ("detained", re.compile(r"\b(?:detain(?:ed|ing))\s*$", re.I)),
    ("displaced", re.compile(r"\b(?:displac(?:ed|ing))\s*$", re.I)),
    ("evacuated", re.compile(r"\b(?:evacuat(?:ed|ing))\s*$", re.I)),
]
# "leaving 5 dead" / "left two injured": the word after the number decides.
# Where the words after a number stop being about it; ", 1 of whom died" is about a part of it.
CLAUSE_END = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|before|with)\b|\.\s"
                        r"|,\s*(?:\w+\s+)?of\s+(?:whom|which|them)\b")
KILLED_WHERE = re.compile(r"killed\s+(?:by|in|at|on|during|near|when|while|after)\b", re.I)
NOUN_KINDS = frozenset({"protesters", "civilians present"})
LEAVING_BEFORE = re.compile(r"\b(?:leaving|left)\s*$", re.I)
CAPTIVE_AFTER_OBJECT = re.compile(r"^(?:[\w'-]+\s+){0,4}?(?:captive|prisoner)\b", re.I)
CAPTURE_VERB_BEFORE = re.compile(r"\b(?:taken|took|taking|captured|capturing|take)\s*$", re.I)
# "80 soldiers killed three farmers": a number that did the killing, not one killed.
ACTIVE_OBJECT_AFTER = re.compile(rf"^\s*(?:and\s+\w+\s+)?(?:a|an|the|his|her|their|him|them|one|{_word_alt}|\d)\b",
                                 re.I)
NON_HUMAN = re.compile(rf"^\s*(?:of\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{_alternation(_DEATHS['non_human'])})\b", re.I)
NON_HUMAN_HEAD = re.compile(rf"\b(?:{_alternation(_DEATHS['non_human'])})\s*$", re.I)
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


# No count of people in a report reaches this (the largest real ones are displacements of some ten million):
# a larger number ("10^30 killed", a 31-digit toll) is not a figure at all, and never reaches a float, an
# int64 column or an overflow.
MAX_FIGURE = 100_000_000
_MAX_DIGITS = len(str(MAX_FIGURE)) + 1


def _number_value(s: str) -> int | None:
    """The count a number text says ("1,200", "2.5 million", "forty-two"); None when it is none or over MAX_FIGURE."""
    s = " ".join(s.strip().lower().replace("–", "-").split())
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|billion)?", s)
    if m:
        digits = m.group(1).replace(",", "")
        if len(digits.split(".")[0].lstrip("0")) > _MAX_DIGITS:
            return None
        value = int(round(float(digits) * MULTIPLIERS.get(m.group(2) or "", 1)))
        return value if value <= MAX_FIGURE else None
    m = re.fullmatch(rf"({_TENS})[- ]({_UNITS})", s)
    if m:
        return WORD_NUMBERS[m.group(1)] + WORD_NUMBERS[m.group(2)]
    m = re.fullmatch(r"([a-z ]+?)(?:\s+(hundred|thousand|million))?", s)
    if m and m.group(1) in WORD_NUMBERS:
        value = WORD_NUMBERS[m.group(1)] * MULTIPLIERS.get(m.group(2) or "", 1)
        return value if value <= MAX_FIGURE else None
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
    clause_after = CLAUSE_END.split(after, maxsplit=1)[0]
    before = text[max(0, start - 60):start]
    if LEAVING_BEFORE.search(before):
        before = ""  # "leaving 5 dead" / "left 3 wounded": the word after decides
    for kind, rx in KIND_BEFORE:
        if rx.search(before):
            return kind
    if CAPTURE_VERB_BEFORE.search(before) and CAPTIVE_AFTER_OBJECT.search(clause_after):
        return "captured"
    best: tuple[int, str] | None = None
    words = list(re.finditer(r"\S+", clause_after))[:8]
    for w in words:  # the nearest cue after the number wins
        for kind, rx in KIND_AFTER:
            m = rx.match(clause_after, w.start())
            if m and kind == "killed" and re.search(r"\bof\s+$", clause_after[:w.start()]) \
                    and re.match(r"killed\s+[a-z]", clause_after[w.start():]) \
                    and not KILLED_WHERE.match(clause_after, w.start()):
                m = None  # "dozens of relatives of killed soldiers"
            if m and kind in NOUN_KINDS and any(rx2.search(clause_after, m.end()) for k2, rx2 in KIND_AFTER
                                                if k2 not in NOUN_KINDS):
                m = None  # "40 protesters were arrested": arrested
            if m:
                if kind == "killed" and ACTIVE_OBJECT_AFTER.match(clause_after[m.end():]) \
                        and not re.match(r"(?:were|was|have|has|had|are|is|been)\b", clause_after[w.start():], re.I) \
                        and re.search(r"kill|execut|murder|massacr|behead|lynch|shot", m.group(0), re.I):
                    return None  # "80 soldiers killed three farmers": the number did the killing
                best = (w.start(), kind)
                break
        if best:
            break
    return best[1] if best else None


def _reporter(sentence: str) -> str:
    for rx in (SPOKESPERSON, ACCORDING_TO, REPORTER):
        m = rx.search(sentence)
        if m and m.group("who").strip().lower() not in PRONOUNS:
            return m.group("who").strip()
    return ""


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "who"})


def _qualifier(m: re.Match[str]) -> str | None:
    word = " ".join(m.group("qual").lower().split()) if m.group("qual") else ""
    if not word or word == "between" or (word == "some" and m.group("num") is None):
        return None
    return QUALIFIER_WORDS.get(word)


def find_figures(text: str) -> list[Figure]:
    """Figures reported in one sentence (offsets relative to text)."""
    figures: list[Figure] = []
    reporter = None
    for m in QUANTITY.finditer(text):
        if m.group("num"):
            value = _number_value(m.group("num"))
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
                high_value = _number_value(m.group("num2")) if m.group("num2") else None
                m_end = m.end()
        else:
            value = VAGUE_NUMBERS[" ".join(m.group("vague").lower().split())]
            high_value, m_end = None, m.end()
        kind = _kind_for(text, m.start(), m_end)
        if kind is None or (m.group("vague") and kind not in ("killed", "injured", "abducted", "arrested")):
            continue
        if kind == "killed" and NON_HUMAN.match(text[m_end:m_end + 40]):
            continue  # "killed a dozen of their livestock"
        qualifier = _qualifier(m)
        low, high = _bounds(value, qualifier)
        if high_value is not None:
            low, high = min(value, high_value), max(value, high_value)
            value = low
        if reporter is None:
            reporter = _reporter(text)
        figures.append(Figure(kind, value, low, high, qualifier, reporter, m.start(), m_end,
                              vague=m.group("vague") is not None))
    return figures


# ------------------------------------------------------------------------------------------------ deaths

_active_alt = _alternation(_DEATHS["active_verbs"])
_intrans_alt = _alternation(_DEATHS["intransitive"])
_nominal_alt = _alternation(_DEATHS["nominal"])
_plural_alt = _alternation(_DEATHS["plural_victims"])
ACTIVE_KILL = re.compile(rf"\b(?:{_active_alt})\b", re.I)
# "were (also) killed", "was shot in the head and killed": the subject is the dead.
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+"
                         r"(?:(?:(?:\w+ly|also|all|both|later|then|each)\s+){0,2}|[\w\s,-]{0,40}?\band\s+)$", re.I)
INTRANSITIVE = re.compile(rf"\b(?:{_intrans_alt})\b", re.I)
NOMINAL_OF = re.compile(rf"\b(?:{_nominal_alt})\s+(?:(?!was|were|is|are|has|had)[\w-]+\s+){{0,2}}?of\s+", re.I)
POSSESSIVE_BODY = re.compile(r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+(?:body|corpse|remains)\b", re.I)
BACKGROUND = re.compile(rf"\b(?:{_alternation(_DEATHS['background_openers'])})\b(?!\s+which)[^,;.\[]*", re.I)
NOT_VIOLENCE = re.compile(rf"\b(?:{_alternation(_DEATHS['not_violence'])})\b", re.I)
CLAUSE_MARK = re.compile(r"[,;.]")
PAST_TIME = re.compile(rf"\b(?:{_alternation(_DEATHS['past_time'])})\b", re.I)
RELATIVE_TAIL = re.compile(r",\s*(?:[\w'-]+\s+){0,3}?(?:in|during|at|of)?\s*(?:which|whom|who|where)\b", re.I)
# Any word that can report a death; a sentence without one is skipped before the slower reading.
DEATH_CUE = re.compile(r"kill|dead|died|dies|death|fatal|bod(?:y|ies)|corpse|remains|perish|succumb|slain|lynch|"
                       r"behead|execut|massacr|murder|assassin|lost\s+(?:their|his|her)\s+li|drown|slaughter|toll|"
                       r"casualt", re.I)
RUNNING_TOTAL = re.compile(rf"\b(?:{_alternation(_DEATHS['running_total'])})\b|\bsince\s+(?:19|20)\d\d\b", re.I)
SUICIDE_ATTACKER = re.compile(rf"\b(?:{_alternation(_DEATHS['suicide_attacker'])})\b", re.I)
SUICIDE_ACT = re.compile(r"detonat|blew|blast|explo|attack|struck|rammed|targeting|killing|killed", re.I)
# The attacker already among the dead: "including the bomber", "the bomber was also killed".
ATTACKER_COUNTED = re.compile(r"\b(?:including|among\s+them|as\s+well\s+as|and)\s+(?:the|a|two|both)\s+"
                              r"(?:suicide\s+)?(?:bombers?|attackers?|assailants?)\b|"
                              r"\b(?:bombers?|attackers?|assailants?)\s+(?:was|were)\s+(?:also\s+)?(?:killed|dead)|"
                              r"\b(?:not\s+)?including\s+the\s+(?:suicide\s+)?(?:bombers?|attackers?)\b", re.I)
ADDITIVE = re.compile(rf"\b(?:{_alternation(_DEATHS['additive'])})\b", re.I)
PLURAL_VICTIMS = re.compile(rf"(?:\w+\s+){{0,2}}?(?:{_plural_alt})\b", re.I)
LIST_SPLIT = re.compile(r",?\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+|,\s*", re.I)
DETERMINER = re.compile(r"(?:a|an|the|his|her|their|another|one|him|he|she|its|these|those)\b", re.I)
OBJECT_STOP = re.compile(r"\s(?:in|at|on|near|during|while|when|after|before|as|from|with|by|for|who|whom|which|that|"
                         r"inside|outside|including|to|among|around|along|across|between|under|since|because|"
                         r"and\s+(?:injur|wound|abduct|kidnapp|arrest|burn|loot|destroy|set|took|stole)\w*)\b|[.;:(\[]",
                         re.I)
_ADJ_ED = frozenset(w.lower() for w in _DEATHS["adjectives_ed"])
_VERB_WORDS = re.compile(r"\b(?:was|were|is|are|has|have|had|been|being|said|says|told|hit|shot|set|took|left|"
                         r"injur\w*|wound\w*|fought|ran|fled|saw|made|went|came|began|broke|struck|held|led|"
                         r"[a-z]{3,}ed)\b", re.I)


class _Verbish:
    """Finds a verb in a phrase: a listed form or an -ed word that is not a listed adjective ("armed")."""

    @staticmethod
    def search(text: str) -> bool:
        return any(m.group(0).lower() not in _ADJ_ED for m in _VERB_WORDS.finditer(text))


VERBISH = _Verbish()
RELATIVE = re.compile(r"\s+(?:[\w'-]+\s+){0,4}?(?:who|that|which)\s", re.I)
INCLUDING = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which)\b", re.I)
PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in ",;.") + 1
    m = CLAUSE_MARK.search(text, end)
    return a, m.start() if m else len(text)


def _mask_background(text: str) -> str:
    """Blank what belongs to a cause or to another time ("after a bus killed two", "by suicide")."""
    spans = []
    for m in BACKGROUND.finditer(text):
        end = m.end()
        more = RELATIVE_TAIL.match(text, end)
        while more:  # "following the shooting in Uvalde, Texas, in which 19 were killed": all of it
            stop = CLAUSE_MARK.search(text, more.end())
            end = stop.start() if stop else len(text)
            more = RELATIVE_TAIL.match(text, end)
        spans.append((m.start(), end))
    spans += [_clause_around(text, m.start(), m.end()) for m in NOT_VIOLENCE.finditer(text)]
    spans += [_clause_around(text, m.start(), m.end()) for m in PAST_TIME.finditer(text)]
    spans += [m.span() for m in PARENS.finditer(text)]
    return _blank(text, spans) if spans else text


IRREGULAR_PLURALS = frozenset({"men", "women", "children", "people", "police", "personnel"})


def _chunk_count(chunk: str, first: bool) -> tuple[int, int, int] | None:
    """Deaths one conjunct names: "3 soldiers" → 3, "a councilman"/"him" → 1, "civilians" → 3, "cattle" → 0."""
    chunk = chunk.strip()
    if not chunk:
        return None
    q = QUANTITY.match(chunk)
    if NON_HUMAN_HEAD.search(chunk) or (q and NON_HUMAN.match(chunk[q.end():])):
        return 0, 0, 0
    q = QUANTITY.match(chunk)
    if q and (q.group("num") or q.group("vague")):
        if q.group("num"):
            value = _number_value(q.group("num"))
            if value is None:
                return None
            if q.group("num2") and not re.match(r"\s*and\b", chunk[q.end("num"):], re.I) \
                    or (q.group("qual") or "").strip().lower() == "between" and q.group("num2"):
                v2 = _number_value(q.group("num2")) or value
                return min(value, v2), min(value, v2), max(value, v2)
            low, high = _bounds(value, _qualifier(q))
            return value, low, high
        value = VAGUE_NUMBERS[" ".join(q.group("vague").lower().split())]
        return value, max(1, value // 3), value * 3
    d = DETERMINER.match(chunk)
    if d:
        det = d.group(0).lower()
        words = chunk.split()
        head = words[-1].lower() if words else ""
        if det in ("the", "their", "these", "those", "his", "her") and len(words) > 1 and \
                (head.endswith("s") and not head.endswith(("ss", "us")) or head in IRREGULAR_PLURALS):
            return None  # "the victims", "their bodies": the dead counted where they were first reported
        return 1, 1, 1
    if first and PLURAL_VICTIMS.match(chunk):
        return 3, 2, 10
    return None


def _object_list(text: str, start: int, bare_plural: bool = True) -> tuple[int, int, int, int] | None:
    """(end, value, low, high) of the dead named after a killing verb or "the death of" at start."""
    rest = BETWEEN_AND.sub(_between_to, text[start:start + 200])
    total, low, high, end, n = 0, 0, 0, start, 0
    pos = 0
    for piece in LIST_SPLIT.split(rest):
        cut = OBJECT_STOP.search(" " + piece)
        body = piece[:max(0, cut.start() - 1)] if cut else piece
        found = _chunk_count(body, first=n == 0 and bare_plural)
        if found is None or (n and VERBISH.search(body)):
            break
        total, low, high = total + found[0], low + found[1], high + found[2]
        n += 1
        idx = rest.find(piece, pos)
        pos = idx + len(piece)
        end = start + idx + len(body)
        if cut and not (cut.group(0).strip().lower() in PLACE_PREPOSITIONS and NUMBERED_NEXT.match(rest, pos)):
            break  # "killed 8 civilians in X and 7 civilians in Y" goes on; "killed 3 in X, Y and Z" does not
    return (end, total, low, high) if n else None


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "on"})
NUMBERED_NEXT = re.compile(rf",?\s+and\s+(?:\d|(?:{_word_alt})\b)", re.I)


BETWEEN_AND = re.compile(rf"\b(between\s+(?:{NUMBER}))(\s+and\s+)(?=(?:{NUMBER}))", re.I)
CHAINED_PREDICATE = re.compile(r"\s+(?:was|were|had|has|have)\b[\w\s,]{0,40}?\band$", re.I)


def _between_to(m: re.Match[str]) -> str:
    return m.group(1) + " to ".ljust(len(m.group(2)))


def _subject_list(text: str, end: int) -> tuple[int, int, int, int] | None:
    """(start, value, low, high) of the dead named before "were killed" / "died" ending at end."""
    left_from = max(text.rfind(c, 0, end) for c in ";:")
    left = BETWEEN_AND.sub(_between_to, text[left_from + 1:end].rstrip(" ,"))
    chained = CHAINED_PREDICATE.search(left)
    if chained:
        left = left[:chained.start()]  # "a policeman was wounded and later died": the policeman
    # The conjuncts are the tail of the clause: walk back over "X, Y and Z" (a comma joins only inside a list
    # that an "and" closes, so "On 5 May, a soldier was killed" counts one).
    seps = list(LIST_SPLIT.finditer(left))
    bounds = [0] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [len(left)]
    counted: list[tuple[int, tuple[int, int, int]]] = []
    seen_and = False
    for i in range(len(bounds) - 1, -1, -1):
        piece = left[bounds[i]:ends[i]]
        if i == len(bounds) - 1 and INCLUDING.match(piece.strip()) and i:
            bounds, ends, seps = bounds[:i], ends[:i], seps[:i - 1] if i > 1 else []
            continue  # "Three gunmen, including their commander, were killed": three
        if i == len(bounds) - 1:
            found_at = _last_phrase(piece)
            if found_at is None and i and "and" in seps[i - 1].group(0):
                # "a social welfare and development officer": the "and" was inside the phrase
                joined = _last_phrase(left[bounds[i - 1]:ends[i]])
                if joined is not None:
                    return left_from + 1 + bounds[i - 1] + joined[0], *joined[1]
            if found_at is None:
                return None
            counted.append((bounds[i] + found_at[0], found_at[1]))
        else:
            sep = seps[i].group(0)
            if "," in sep and "and" not in sep and not seen_and:
                break
            if INCLUDING.match(piece.strip()):
                counted = []  # "eight people, including four policemen and a soldier": the parts are in the total
                continue
            if VERBISH.search(piece) or len(piece.split()) > 8:
                break
            found = _chunk_count(piece, first=False)
            if found is None:
                break
            counted.append((bounds[i], found))
        if i and "and" in seps[i - 1].group(0) or i and "as well" in seps[i - 1].group(0):
            seen_and = True
    if not counted:
        return None
    return (left_from + 1 + min(s for s, _ in counted), sum(c[0] for _, c in counted),
            sum(c[1] for _, c in counted), sum(c[2] for _, c in counted))


def _last_phrase(piece: str) -> tuple[int, tuple[int, int, int]] | None:
    """The victim phrase that ends a clause: its last number ("both of the civilians", "at least 8 people"),
    else its first determiner phrase without a verb ("on Monday a soldier"), else a bare plural."""
    quantities = [m for m in QUANTITY.finditer(piece) if (m.group("num") or m.group("vague"))
                  and len(piece[m.start():].split()) <= 16 and not CURRENCY_BEFORE.search(piece, 0, m.start())
                  and not NOT_A_COUNT_AFTER.match(piece, m.end())
                  and (not VERBISH.search(piece[m.end():]) or RELATIVE.match(piece, m.end()))]
    for m in reversed(quantities):
        found = _chunk_count(piece[m.start():], first=True)
        if found is not None:
            return m.start(), found
    for m in re.finditer(rf"(?<![\w-]){DETERMINER.pattern}", piece, re.I):
        rest = piece[m.start():]
        if len(rest.split()) <= 12 and not VERBISH.search(rest[len(m.group(0)):]):
            found = _chunk_count(rest, first=True)
            if found is not None:
                return m.start(), found
    bare = re.search(rf"(?:^|\s)(?:{_plural_alt})\s*$", piece, re.I)
    if bare:
        return bare.start(), (3, 2, 10)
    return None


@dataclass(frozen=True)
class Deaths:
    value: int
    low: int
    high: int
    start: int  # span of the first victim phrase, where an "also"/"another" would sit
    end: int


def sentence_deaths(text: str) -> tuple[int, int, int] | None:
    """(value, low, high) of the deaths one sentence reports, or None when it reports none."""
    found = _sentence_deaths(text)
    return (found.value, found.low, found.high) if found else None


def _sentence_deaths(text: str) -> Deaths | None:
    """Victim lists around killing words are counted ("killed a driver and his co-driver" → 2); numbers with a
    killed kind outside those lists are added; deaths of a cause or of another time are left out."""
    if not DEATH_CUE.search(text) or RUNNING_TOTAL.search(text):
        return None
    masked = _mask_background(text)
    groups: list[tuple[int, int, int, int, int]] = []  # start, end, value, low, high

    def add(start: int, end: int, value: int, low: int, high: int) -> None:
        if any(not (end <= g[0] or start >= g[1]) for g in groups):
            return
        groups.append((start, end, value, low, high))

    active_spans: list[tuple[int, int]] = []
    for m in ACTIVE_KILL.finditer(masked):
        before = masked[max(0, m.start() - 60):m.start()]
        if ADJECTIVE_BEFORE.search(before):
            continue  # "relatives of killed soldiers": who they are, not a death reported here
        aux = PASSIVE_AUX.search(before)
        if aux or re.match(r"\s+by\b", masked[m.end():]):
            cut = m.start() - len(before) + (aux.start() if aux else len(before))
            found = _subject_list(masked, cut)
            if found:
                add(found[0], m.end(), *found[1:])
            continue
        if re.match(r"\s+of\b", masked[m.end():]):
            continue  # "the killing of 3 people": a noun, read below
        found_o = _object_list(masked, m.end() + 1)
        if found_o:
            active_spans.append(m.span())
            add(m.end(), found_o[0], *found_o[1:])
    for m in INTRANSITIVE.finditer(masked):
        if any(a <= m.start() < b for a, b in active_spans):
            continue  # "shot dead a trader": the object counted, not the shooters
        before = masked[max(0, m.start() - 30):m.start()]
        aux = re.search(r"\b(?:was|were|been|being|is|are|had|have|has|later|subsequently|reportedly|also|"
                        r"then|all|both|eventually|immediately)\s+(?:(?:\w+ly|later|also|then)\s+)*$", before, re.I)
        cut = m.start() - len(before) + aux.start() if aux else m.start()
        found = _subject_list(masked, cut)
        if found:
            add(found[0], m.end(), *found[1:])
    for m in NOMINAL_OF.finditer(masked):
        found_o = _object_list(masked, m.end(), bare_plural=False)
        if found_o:
            add(m.start(), found_o[0], *found_o[1:])
    for m in POSSESSIVE_BODY.finditer(masked):
        add(m.start(), m.end(), 1, 1, 1)
    for f in find_figures(masked):
        if f.kind == "killed":
            add(f.start, f.end, f.value, f.low, f.high)
    if not groups:
        m = UNKNOWN_DEATHS.search(masked)
        if m:
            return Deaths(3, 1, 100, m.start(), m.end())
        return None
    groups.sort()
    value, low, high = groups[0][2:]
    for prev, g in zip(groups, groups[1:]):
        if CLAIM_BETWEEN.search(masked, prev[1], g[0]):
            if g[2] < value:  # "four were killed; the police say two were killed": the lowest
                value, low, high = g[2:]
        else:
            value, low, high = value + g[2], low + g[3], high + g[4]
    if ZERO_DEATHS.search(masked):
        value = low = 0  # "no casualties, while one source claimed 70 were killed": the lowest
    return Deaths(value, low, high, groups[0][0], groups[0][1])


ADJECTIVE_BEFORE = re.compile(r"\b(?:of|the|for|with)\s+$", re.I)
CLAIM_BETWEEN = re.compile(r"\b(?:claim(?:s|ed)?|sa(?:id|ys)|report(?:s|ed)?|according\s+to|stated|alleged(?:ly)?|"
                           r"while\s+(?:other|another|one)\s+sources?)\b", re.I)


UNKNOWN_DEATHS = re.compile(
    r"\b(?:killing|killed|kills)\s+(?:and\s+(?:injuring|wounding)\s+)?(?:an\s+)?(?:unknown|unspecified)\s+number|"
    r"\b(?:unknown|unspecified)\s+number\s+of\s+(?:deaths|fatalities|dead)|"
    r"\b(?:killing|killed)\s+and\s+(?:injuring|wounding)\s+(?:an\s+)?unknown", re.I)

# ------------------------------------------------------------------------------------------------ statements

_N = rf"(?:\d+|{_word_alt})"
# ACLED's coding statements: "Fatalities coded as 7.", "coded 5 fatalities in this event", "coded as 3 for this event".
CODED_AS = re.compile(
    rf"\b(?:coded|estimated)\s+(?:(?:as|at|to)\s+)?(?P<n>{_N})(?!\s*(?:km|kilomet|miles?)\b)"
    rf"(?:\s+(?:fatalit(?:y|ies)|deaths?))?"
    rf"(?=\s*(?:$|[.,;()\[\]]|fatalit|deaths?|for\s+this|in\s+this|and\s+split|and\s+spread|in\s+low))", re.I)
# "14 fatalities split across 7 events", "Fatalities are split across five events", "split between 2 locations".
SPLIT_ACROSS = re.compile(
    rf"\b(?:split|spread|spilt|divided|distributed|shared)\s+(?:\w+\s+){{0,2}}?(?:across|between|among|amongst|over|"
    rf"into|in)\s+(?:the\s+)?(?P<k>{_N})\s+(?:\w+\s+){{0,2}}?(?:events|locations|places|days|rows|villages|"
    r"districts|areas|incidents)\b", re.I)
SPLIT_ALSO = re.compile(rf"\s+and\s+(?P<k>{_N})\s+(?:\w+\s+)?(?:events|locations|places|days|areas)\b", re.I)
CODED_FOR = re.compile(rf"\b(?:total\s+of\s+)?(?P<n>{_N})\s+fatalit(?:y|ies)\s+(?:were\s+|was\s+)?coded\s+"
                       r"(?:for|to|in)\b",
                       re.I)
ZERO_DEATHS = re.compile(
    r"\b(?:(?:no|zero)\s+(?!other|further|more|additional)(?:\w+\s+)?"
    r"(?:fatalities|deaths|casualties|one\s+(?:was|were)\s+killed|lives\s+were\s+lost)|"
    r"no\s+one\s+(?:was|were)\s+(?:killed|hurt|injured)|nobody\s+(?:was|were)\s+killed|"
    r"(?:there\s+were|with|caused|causing|resulting\s+in)\s+no\s+(?!other|further|more|additional)(?:\w+\s+)?"
    r"(?:fatalities|deaths|casualties))\b",
    re.I)
ZERO_CODED = re.compile(r"\b(?:no|zero)\s+(?:fatalities|deaths|casualties)\s+(?:have\s+been|has\s+been|were|was|are)\s+"
                        r"(?:coded|recorded\s+in\s+this\s+event)", re.I)
# "(fatalities coded to X event)": the deaths belong to the row of another place.
CODED_TO_OTHER = re.compile(r"\bfatalities\s+(?:were\s+)?(?:coded|counted|attributed)\s+(?:to|in|under)\s+"
                            r"(?:the\s+)?(?P<place>.+?)\s+event\b", re.I)
CLOSING_FATALITIES = re.compile(rf"(?:^|[.;]\s+)(?P<n>{_N})\s+(?:total\s+)?fatalit(?:y|ies)\b", re.I)


def _int_word(n: str) -> int:
    """A statement's count ("7", "seven"); 0 when it is none or over MAX_FIGURE."""
    if n.isdigit():
        return int(n) if len(n.lstrip("0")) <= _MAX_DIGITS and int(n) <= MAX_FIGURE else 0
    return WORD_NUMBERS.get(n.lower(), 0)


def split_total(total: int, parts: int) -> list[int]:
    """A total spread over parts events: equal shares, the remainder one each to the first events.

    split_total(13, 2) == [7, 6]; split_total(5, 6) == [1, 1, 1, 1, 1, 0]."""
    if parts <= 1:
        return [total]
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def _statement(sentences: list[str]) -> tuple[int | None, int | None]:
    """(coded value, split parts) from ACLED-style statements; None where the text has none.

    "14 fatalities split across 7 events coded as 2": 2 is this event's share (parts None);
    "coded as 10 and split between 2 locations": 10 is the total, to be split."""
    coded: int | None = None
    parts: int | None = None
    for s in sentences:
        if re.search(r"fatalit|casualt|death|killed|dead|\bcoded\b", s, re.I) is None:
            continue
        c = CODED_AS.search(s) or CODED_FOR.search(s)
        if c and re.search(r"fatalit|casualt|death|killed|dead|split|spread", s, re.I):
            coded = _int_word(c.group("n"))
        m = SPLIT_ACROSS.search(s)
        if m and not (c and c.start() > m.start()):
            parts = _int_word(m.group("k")) or None
            more = SPLIT_ALSO.match(s, m.end())  # "over 2 days and 2 locations": 4 events
            if more and parts:
                parts *= _int_word(more.group("k")) or 1
        elif m:
            parts = None
        if ZERO_CODED.search(s) or (ZERO_DEATHS.search(s) and sentence_deaths(s) is None):
            coded = 0  # "There were no fatalities." (not "no other casualties", which the pattern leaves out)
    return coded, parts


def _killed_in_other_event(sentence: str, before: str) -> bool:
    m = CODED_TO_OTHER.search(sentence)
    return bool(m) and m.group("place").strip().lower() not in before.lower()


def _adds(sentence: str, deaths: Deaths) -> bool:
    """A later sentence adds victims when an "also"/"another"/"later died" sits by its first victim phrase
    (but "another source said" disagrees rather than adds)."""
    a, b = max(0, deaths.start - 40), min(len(sentence), deaths.end + 25)
    if CLAIM_BETWEEN.search(sentence, 0, deaths.start):
        return False  # "the group said it killed 7": a competing claim, not more dead
    return ADDITIVE.search(sentence, a, b) is not None and OTHER_SOURCE.search(sentence, a, b) is None


OTHER_SOURCE = re.compile(r"\b(?:other|another|second|further)\s+(?:\w+\s+)?(?:sources?|reports?|accounts?|media)\b",
                          re.I)


def fatalities_from(sentences: list[str]) -> tuple[int, int, int, bool]:
    """(fatalities, low, high, known) for the sentences of one event.

    known is False when nothing about deaths was said (notes then say "Casualties unknown.").
    An ACLED coding statement wins ("Fatalities coded as 7.", "3 fatalities."); otherwise each sentence's
    deaths are counted; a later sentence that adds victims ("another", "also", "later died") adds, one that
    restates or disagrees gives the lowest; a total "split across K events" gives this event the first share."""
    coded, parts = _statement(sentences)
    total: tuple[int, int, int] | None = None
    if coded is not None:
        total = (coded, coded, coded)
    closing: int | None = None
    for i, s in enumerate(sentences):
        if coded is not None:
            break
        m = CLOSING_FATALITIES.search(s)
        if m:
            n = _int_word(m.group("n"))
            closing = n if closing is None else min(closing, n)
            continue
        if _killed_in_other_event(s, " ".join(sentences[:i])):
            continue
        found = _sentence_deaths(s)
        if found is None:
            continue
        if total is None:
            total = (found.value, found.low, found.high)
        elif _adds(s, found):
            total = (total[0] + found.value, total[1] + found.low, total[2] + found.high)
        elif found.value < total[0]:
            total = (found.value, found.low, found.high)  # sources disagree: the lowest
    if closing is not None:
        total = (closing, closing, closing)
    elif coded is None and any(SUICIDE_ATTACKER.search(s) and SUICIDE_ACT.search(s) for s in sentences) \
            and not any(ATTACKER_COUNTED.search(s) for s in sentences):
        t = total or (0, 0, 0)
        total = (t[0] + 1, t[1] + 1, t[2] + 1)  # the suicide attacker counts among the dead
    if total is None:
        return 0, 0, 0, any(ZERO_DEATHS.search(s) for s in sentences)
    value, low, high = total
    if parts:
        value, low, high = (split_total(value, parts)[0], split_total(low, parts)[0],
                            split_total(high, parts)[0])
    return value, low, max(high, value), True
