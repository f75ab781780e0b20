"""Sentence splitting that keeps character offsets into the article text.

Events are coded sentence by sentence and every row quotes its sentence with offsets, so the splitter must
never rewrite the text: a Sentence is a (start, end) window onto it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index of the paragraph (blank-line separated block) the sentence sits in


# Words after which a full stop does not end a sentence (titles, ranks, initials, units).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep st mt ft no nos vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est inc ltd co corp dept univ jr sr km al".split()
)

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*[^\s])")
# Hard-wrapped text (wire and radio transcripts, e-mail, old archives) breaks lines at a fixed width inside
# sentences: there only a blank line or an indented line starts a paragraph.
WRAPPED_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)")
WRAP_MIN_LINES = 4
WRAP_WIDTH = range(30, 100)


def is_hard_wrapped(text: str) -> bool:
    """Most lines are of a typesetting width and end inside a sentence (no closing punctuation)."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < WRAP_MIN_LINES:
        return False
    wrapped = sum(1 for line in lines[:-1] if len(line) in WRAP_WIDTH and line[-1] not in ".!?:\"'”’")
    return wrapped >= 0.5 * (len(lines) - 1)
# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")
INITIAL_BEFORE = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def _is_abbreviation(text: str, dot_end: int) -> bool:
    head = text[max(0, dot_end - 12):dot_end]
    if INITIAL_BEFORE.search(head):  # "U.S.", "J. Smith"
        return True
    m = WORD_BEFORE.search(head)
    return bool(m and m.group(1).lower() in ABBREVIATIONS)


def _split_block(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    block = text[start:end]
    out: list[Sentence] = []
    cursor = 0
    for m in SENTENCE_END.finditer(block):
        punct = block[m.start():m.end()]
        if punct.startswith(".") and len(punct.rstrip("\"'”’)]")) == 1 and _is_abbreviation(block, m.start() + 1):
            continue
        out.append(_trimmed(text, start + cursor, start + m.end(), paragraph))
        cursor = m.end()
    out.append(_trimmed(text, start + cursor, end, paragraph))
    return [s for s in out if s.text]


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end, paragraph)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of text, in order, each with its offsets (text[s.start:s.end] == s.text)."""
    sentences: list[Sentence] = []
    block_start = 0
    paragraph = 0
    breaks = WRAPPED_PARAGRAPH_BREAK if is_hard_wrapped(text) else PARAGRAPH_BREAK
    for m in breaks.finditer(text):
        sentences.extend(_split_block(text, block_start, m.start(), paragraph))
        paragraph += 1
        block_start = m.end()
    sentences.extend(_split_block(text, block_start, len(text), paragraph))
    return sentences


# Where one sentence joins two reports: "A killed 11 soldiers in X on Sunday, while four civilians died in Y",
# "…; separately, …". The joiner stays with the second clause, whose text starts after it.
CLAUSE_BREAK = re.compile(r"(?:,|;)\s+(?:while|whereas|and\s+separately|and\s+elsewhere|separately|elsewhere|"
                          r"meanwhile)\b,?\s*|;\s+(?=[a-z])", re.I)
MIN_CLAUSE_WORDS = 5  # shorter pieces are phrases ("while in custody"), not reports


def split_clauses(sentence: Sentence) -> list[Sentence]:
    """The clauses of a sentence that may each report an event, with offsets into the article; the sentence
    itself when it has no such joiner. The caller decides whether both halves really report events."""
    out: list[Sentence] = []
    cursor = 0
    text = sentence.text
    for m in CLAUSE_BREAK.finditer(text):
        head, tail = text[cursor:m.start()], text[m.end():]
        if len(head.split()) < MIN_CLAUSE_WORDS or len(tail.split()) < MIN_CLAUSE_WORDS:
            continue
        out.append(_trimmed_clause(sentence, cursor, m.start()))
        cursor = m.end()
    if not out:
        return [sentence]
    out.append(_trimmed_clause(sentence, cursor, len(text)))
    return out


def _trimmed_clause(sentence: Sentence, start: int, end: int) -> Sentence:
    text = sentence.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], sentence.start + start, sentence.start + end, sentence.paragraph)
