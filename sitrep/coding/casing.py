"""Case restoration for texts written in all capitals (wire reports) or all lower case (some archives).

The gazetteer stage reads capitalised words and spaCy's NER reads word shapes, so both fail on such texts:
"ARREST" becomes a town in France, "kaduna" is never found. Before entity and place recognition a stage
calls restore_case on the article text: paragraphs whose letters are (almost) all upper or all lower case are
lowered, then sentence starts, "I", known acronyms and the names in the casing dictionary are capitalised
(casing_dictionary.py says which words are names and which stay lower case). Mixed-case paragraphs are left as
they are. Only case changes, never length, so every character offset into the restored text is an offset into
the original text too (asserted).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sitrep.coding.casing_dictionary import (
    MONTHS_THAT_ARE_WORDS,
    WORD,
    CasingDictionary,
    fold,
    get_casing_dictionary,
)
from sitrep.coding.sentences import ABBREVIATIONS

UPPER, LOWER, MIXED = "upper", "lower", "mixed"
UPPER_SHARE_FOR_UPPER = 0.85   # wire text in capitals keeps a few lower-case letters ("McDONALD", "1990s")
UPPER_SHARE_FOR_LOWER = 0.01   # ordinary English prose has 2-5% capitals
MIN_LETTERS = 40               # shorter paragraphs (datelines, bylines) take the article's state
BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
PHRASE_GAP = re.compile(r"[ \t\-'’.&]{1,3}|[ \t]*\n[ \t]*")   # what may stand between the words of one name
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s|$)")  # not the point in "3.5 percent"
VOWELS = frozenset("aeiouy")
MONTH_CUES = frozenset("in on of since until till early late mid last next this by from through during".split())
# Words after which a rare word is a person's name ("president carter", "gen. ochoa"); verbs after a title
# ("the general resigned") are about as rare, so inflected forms are left alone and the bar is low.
TITLES = frozenset("president general gen colonel col lieutenant lt captain capt major maj sergeant sgt commander "
                   "cmdr minister mr mrs ms dr prof senator sen governor gov mayor judge bishop archbishop "
                   "monsignor msgr father cardinal king queen prince princess sheikh ayatollah pope rev".split())
TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr prof gen col lt capt maj sgt cmdr gov sen rep msgr rev".split())
TITLE_NAME_ZIPF = 3.3
INFLECTED = re.compile(r"(?:ed|ing|s)$")
TITLE_GAP = re.compile(r"\.?[ \t]+|\.?[ \t]*\n[ \t]*")
# Words that begin place names when a name follows ("San Luis", "Port Harcourt", "Lake Chad").
NAME_HEADS = frozenset("san santa santo sao saint sainte sidi mount lake port fort cape".split())
# Particles inside Spanish, French, Dutch and Arabic names stay lower case ("San Luis de la Reina").
NAME_PARTICLES = frozenset("de del la las los le les du des da das do dos di van von der den al el bin ibn".split())
UNITS = frozenset("km kg mm cm th st nd rd mph hrs hr".split())  # after a number: "10TH", "5 KM" are no acronyms


@dataclass(frozen=True)
class CaseState:
    """A text's case: UPPER, LOWER or MIXED, from the share of its cased letters that are upper case."""

    state: str
    upper_share: float
    letters: int


def case_state(text: str) -> CaseState:
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))  # C loops: cheap on every article
    letters = upper + lower
    share = upper / letters if letters else 0.0
    if letters and share >= UPPER_SHARE_FOR_UPPER:
        return CaseState(UPPER, share, letters)
    if letters and share <= UPPER_SHARE_FOR_LOWER:
        return CaseState(LOWER, share, letters)
    return CaseState(MIXED, share, letters)


def needs_restoration(text: str) -> bool:
    """Is any part of text in all capitals or all lower case (so restore_case would change it)."""
    article = case_state(text).state
    return any(state != MIXED for _s, _e, state in _blocks(text, article))


def _blocks(text: str, article_state: str) -> list[tuple[int, int, str]]:
    out, start = [], 0
    for m in [*BLOCK_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        state = case_state(text[start:end])
        out.append((start, end, state.state if state.letters >= MIN_LETTERS else article_state))
        start = m.end() if m else end
    return out


def _same_length_case(ch: str, upper: bool) -> str:
    changed = ch.upper() if upper else ch.lower()
    return changed if len(changed) == 1 else ch


def apply_case(token: str, written: str) -> str:
    """token with the upper/lower pattern of its written form (same length; accents as in token)."""
    if len(written) != len(token):
        return token
    return "".join(_same_length_case(c, w.isupper()) for c, w in zip(token, written, strict=False))


def lowered(token: str) -> str:
    return "".join(_same_length_case(c, False) for c in token)


def capitalised(token: str) -> str:
    return _same_length_case(token[0], True) + token[1:] if token else token


@dataclass
class _Token:
    start: int
    end: int
    text: str
    key: str
    form: str
    name: str = ""  # why it was capitalised as a name: "dictionary", "unknown", "title" ("" when it was not)


def _is_acronym(text: str, tok: _Token) -> bool:
    """In capitals text: a short all-capitals word with no vowel ("FMLN") or alone in brackets ("[ARENA]")."""
    if not tok.text.isupper() or not 2 <= len(tok.text) <= 6 or tok.key in UNITS or tok.key in ABBREVIATIONS:
        return False
    if not VOWELS & set(tok.key):
        return True
    before, after = text[tok.start - 1:tok.start], text[tok.end:tok.end + 1]
    return bool(before) and before in "([" and bool(after) and after in ")]"


# Speed: the dictionary's phrases by first word → the longest of them (65,000 phrases of up to 19 words: trying
# every length at every token cost most of the restoration). Kept per dictionary object (and the object with it).
_PHRASE_STARTS: dict[int, tuple[CasingDictionary, int, dict[str, int]]] = {}


def _phrase_starts(d: CasingDictionary) -> dict[str, int]:
    cached = _PHRASE_STARTS.get(id(d))
    if cached is None or cached[0] is not d or cached[1] != len(d.phrases):
        starts: dict[str, int] = {}
        for keys in d.phrases:
            starts[keys[0]] = max(starts.get(keys[0], 0), len(keys))
        cached = _PHRASE_STARTS[id(d)] = (d, len(d.phrases), starts)
    return cached[2]


def _phrase_at(text: str, tokens: list[_Token], i: int, d: CasingDictionary) -> int:
    """Apply the longest dictionary name starting at token i; the number of tokens it covers (0: none)."""
    longest = min(d.longest_phrase, _phrase_starts(d).get(tokens[i].key, 0))  # no phrase begins so: none tried
    for n in range(min(longest, len(tokens) - i), 1, -1):
        window = tokens[i:i + n]
        if not all(PHRASE_GAP.fullmatch(text[a.end:b.start]) for a, b in itertools.pairwise(window)):
            continue
        forms = d.phrases.get(tuple(t.key for t in window))
        if forms:
            for tok, written in zip(window, forms, strict=False):
                tok.form, tok.name = apply_case(tok.text, written), "dictionary"
            return n
    return 0


def _month_in_context(text: str, tokens: list[_Token], i: int) -> bool:
    """ "May" or "March" as a month: next to a number or after "in", "since", "early"…"""
    tok = tokens[i]
    if re.match(r"[ \t]+\d", text[tok.end:tok.end + 4]) or \
            re.search(r"\d[ \t]+$", text[max(0, tok.start - 4):tok.start]):
        return True
    return i > 0 and tokens[i - 1].key in MONTH_CUES and \
        PHRASE_GAP.fullmatch(text[tokens[i - 1].end:tok.start]) is not None


def _starts_sentence(text: str, tokens: list[_Token], i: int) -> bool:
    if i == 0:
        return True
    before = tokens[i - 1]
    gap = text[before.end:tokens[i].start]
    if not SENTENCE_END.search(gap) or not gap[-1:].isspace() and gap[-1:] not in "\"'“‘([":
        return False
    abbreviation = gap.startswith(".") and (len(before.key) == 1 or before.key in ABBREVIATIONS)
    return not abbreviation


def _in_url_or_contraction(text: str, tok: _Token) -> bool:
    """ "www.x.org", "a@b", "didn't": parts of such strings are no names even if no word list knows them."""
    before, after, next_ch = text[tok.start - 1:tok.start], text[tok.end:tok.end + 1], text[tok.end + 1:tok.end + 2]
    return (before in {".", "/", "@", ":"} and tok.start > 0) or \
        (after in {".", "/", "@", ":", "'", "’"} and next_ch.isalnum())


def _single_word(text: str, tokens: list[_Token], i: int, state: str, d: CasingDictionary) -> None:
    """The form of token i, which no dictionary phrase covers."""
    tok, before = tokens[i], tokens[i - 1] if i else None
    written = d.single.get(tok.key)
    if tok.start and text[tok.start - 1].isdigit():
        return  # "10TH", "5KM": a suffix of a number
    if state == UPPER and _is_acronym(text, tok):
        tok.form = tok.text
    elif written and (written not in MONTHS_THAT_ARE_WORDS or _month_in_context(text, tokens, i)):
        tok.form, tok.name = apply_case(tok.text, written), "dictionary"
    elif tok.key == "i" and text[tok.end:tok.end + 1] != ".":
        tok.form = capitalised(tok.form)
    elif tok.key in TITLE_ABBREVIATIONS and text[tok.end:tok.end + 1] == ".":
        tok.form = capitalised(tok.form)  # "Mr.", "Gen.": English writes abbreviated titles capitalised
    elif tok.key in d.stop or tok.key in d.common or tok.key in NAME_PARTICLES or len(tok.key) < 2:
        return
    elif before is not None and before.key in TITLES and TITLE_GAP.fullmatch(text[before.end:tok.start]) \
            and d.zipf.get(tok.key, 0.0) < TITLE_NAME_ZIPF and not INFLECTED.search(tok.key):
        tok.form, tok.name = capitalised(tok.form), "title"
    elif d.zipf and len(tok.key) >= 3 and not d.is_english_word(tok.key) and not _in_url_or_contraction(text, tok):
        tok.form, tok.name = capitalised(tok.form), "unknown"  # a word no English list knows: a name


def _restore_block(text: str, start: int, end: int, state: str, d: CasingDictionary) -> list[_Token]:
    tokens = [_Token(m.start(), m.end(), m.group(), fold(m.group()), lowered(m.group()))
              for m in WORD.finditer(text, start, end)]
    i = 0
    while i < len(tokens):
        covered = _phrase_at(text, tokens, i, d)
        if covered:
            i += covered
            continue
        _single_word(text, tokens, i, state, d)
        i += 1
    for i, tok in enumerate(tokens):
        if _starts_sentence(text, tokens, i):
            tok.form = capitalised(tok.form)
        elif (tok.key in TITLES or tok.key in NAME_HEADS) and i + 1 < len(tokens) and tokens[i + 1].name and \
                TITLE_GAP.fullmatch(text[tok.end:tokens[i + 1].start]):
            tok.form = capitalised(tok.form)  # "President Zuma", "Gen. Ochoa", "San Luis": before a name
    return tokens


def restore_case(text: str, dictionary: CasingDictionary | None = None) -> str:
    """text with all-capitals and all-lower-case paragraphs put in ordinary case; same length, same offsets."""
    article = case_state(text).state
    blocks = [(s, e, state) for s, e, state in _blocks(text, article) if state != MIXED]
    if not blocks:
        return text
    d = dictionary or get_casing_dictionary()
    chars = list(text)
    for s, e, state in blocks:
        for tok in _restore_block(text, s, e, state, d):
            chars[tok.start:tok.end] = tok.form
    restored = "".join(chars)
    assert len(restored) == len(text), "case restoration must never change the text's length"
    return restored
