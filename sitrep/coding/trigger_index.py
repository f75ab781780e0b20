"""Which trigger rules can match in a sentence, and at which word starts: speed only, never a different match.

Trying every rule at every word of every sentence cost more than a third of the coder's time. Two indexes, both
read off each rule's compiled pattern (its parse tree) when the lexicon loads, narrow that down:

* required literals: the letter strings a match must contain ("every match of `\\bmortar(?:s|ed)?\\b` contains
  `mortar`"), as clauses of alternatives: a rule whose alternation reads `(?:shell(?:s|ed)|bombard\\w*)` needs
  `shell` or `bombard`; a rule of two parts in sequence needs one word of each part. A rule is tried in a
  sentence only when every one of its clauses has a word in the sentence (checked with `in` on the sentence in
  lower case: one pass in C per literal, no Python loop over words);
* literal prefixes (lexicon.py's prefix index): the word starts where a match of the rule can begin.

A rule left out by the first index has no match anywhere in the sentence, so it would have produced nothing:
the triggers found are exactly those of trying every rule at each of its candidate starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower case as the regex engine's IGNORECASE sees it: A-Z and the four other characters that a pattern's ASCII
# letter matches case-insensitively (dotted and dotless i, long s, the Kelvin sign), one character for one, so
# a literal the engine would match in the sentence is a substring of fold(sentence). (str.lower alone would
# keep "ſ" and turn "İ" into two characters.) tests/coding/test_trigger_index.py checks it against the engine.
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                       "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

Clause = frozenset[str]  # a match contains at least one of these (lower-case ASCII letter strings)


def fold(text: str) -> str:
    """The text with every character a pattern's ASCII letter can match case-insensitively put as that letter."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def _is_letter(code: int) -> bool:
    return 65 <= code <= 90 or 97 <= code <= 122


def _score(clause: Clause) -> tuple[int, int]:
    """How selective a clause is: long literals are rare in text, and each alternative is one more chance."""
    return min(5, min(len(a) for a in clause)), -len(clause)


def _minimal(clause: set[str]) -> Clause:
    """Alternatives that contain another alternative add nothing: "protester" occurs only where "protest" does."""
    return frozenset(a for a in clause if not any(b != a and b in a for b in clause))


def required_clauses(items: list) -> list[Clause]:
    """Clauses that every match of the parsed sequence satisfies (empty: nothing is required)."""
    from re import _constants as c  # type: ignore[attr-defined]  # the stdlib regex parser's opcodes

    clauses: list[Clause] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL and _is_letter(av):
            run += chr(av).lower()
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the letters on either side are adjacent in the match
        if run:
            clauses.append(frozenset([run]))
            run = ""
        if op is c.SUBPATTERN:
            clauses.extend(required_clauses(list(av[-1])))
        elif op is c.ATOMIC_GROUP:
            clauses.extend(required_clauses(list(av)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses.extend(required_clauses(list(av[2])))
        elif op is c.BRANCH:
            best = [max(sub, key=_score) if sub else None for sub in (required_clauses(list(b)) for b in av[1])]
            if all(b is not None for b in best):
                clauses.append(_minimal(set().union(*best)))  # type: ignore[arg-type]
    if run:
        clauses.append(frozenset([run]))
    return clauses


def pattern_clauses(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """The pattern's required clauses, most selective first (so a sentence fails a rule after one clause)."""
    from re import _parser  # type: ignore[attr-defined]

    found = required_clauses(list(_parser.parse(pattern.pattern, pattern.flags)))
    return tuple(sorted(set(found), key=lambda c: (*_score(c), sorted(c)), reverse=True))  # ties: same order each run


def _trie_regex(literals: set[str]) -> str:
    """One regex matching, at a position, the longest of the literals that starts there (a trie of them: at each
    letter only the branches for the next letter are tried, however many literals there are)."""
    trie: dict = {}
    for word in literals:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def to_regex(node: dict) -> str:
        branches = [re.escape(ch) + to_regex(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # a literal ending here: the longer ones first (greedy), then this one
        return f"(?:{body})?" if "" in node else body

    return to_regex(trie)


def start_prefixes(items: list, depth: int = 0) -> set[str] | None:
    """The possible beginnings of a match of the parsed sequence in ASCII text put in lower case: letters and
    digits, at most PREFIX_LEN of them, a digit class standing for its ten digits; None when a match could begin
    with anything else. (lexicon.py's prefix index reads letters only; this one serves the rules it cannot.)"""
    from re import _constants as c  # type: ignore[attr-defined]

    if depth > 40:
        return None
    if not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is c.LITERAL and chr(av).isascii() and chr(av).isalnum():
        tails = start_prefixes(rest, depth + 1)
        head = chr(av).lower()
        return {head} if tails is None else {(head + t)[:PREFIX_LEN] for t in tails}
    if op is c.LITERAL:
        return {""}  # a match goes on with a character that is no letter or digit: the prefix stops here
    if op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
        return set("0123456789")  # and stop: which digit or letter follows is not read
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return start_prefixes(rest, depth + 1)
    if op is c.SUBPATTERN:
        return start_prefixes(list(av[-1]) + rest, depth + 1)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = start_prefixes(list(branch) + rest, depth + 1)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, item = av
        # one pass through the item, then what follows it; a repeat of more than one pass stops after the first
        once = start_prefixes(list(item) + (rest if high == 1 else []), depth + 1)
        skip = start_prefixes(rest, depth + 1) if low == 0 else set()
        return None if once is None or skip is None else once | skip
    return None


PREFIX_LEN = 6


def _start_scan(prefixes: set[str] | None) -> re.Pattern[str] | None:
    """A scan of the lower-cased sentence for the word starts that begin with one of the prefixes (None: every
    word start)."""
    if prefixes is None or not prefixes or "" in prefixes:
        return None
    return re.compile(rf"\b(?={_trie_regex(prefixes)})")


@dataclass(frozen=True)
class TriggerIndex:
    """Each rule's clauses (as clause numbers) and one scan that finds which clauses a sentence satisfies; each
    rule's scan for the word starts where its matches can begin (None: every word start)."""

    rule_clauses: tuple[frozenset[int], ...]
    scan: re.Pattern[str]  # at every position of the folded sentence, the longest literal starting there
    satisfies: dict[str, tuple[int, ...]]  # literal found → the clauses it (or a literal it begins with) meets
    start_scans: tuple[re.Pattern[str] | None, ...]

    def possible(self, sentence: str) -> list[int]:
        """The rules whose every clause has a literal in the sentence."""
        met: set[int] = set()
        for m in self.scan.finditer(fold(sentence)):
            met.update(self.satisfies[m.group(1)])
        return [i for i, clauses in enumerate(self.rule_clauses) if clauses <= met]

    def starts(self, sentence: str, rules: list[int]) -> dict[int, list[int]]:
        """For each of the rules that can begin somewhere in the sentence, the word starts where it can. Outside
        ASCII the prefixes are not read (lower case can change a word's length, and a pattern's "s" also matches
        "ſ"): the rules are tried at every word start."""
        ascii = sentence.isascii()
        lowered = sentence.lower() if ascii else sentence
        every: list[int] | None = None
        out: dict[int, list[int]] = {}
        for i in rules:
            scan = self.start_scans[i] if ascii else None
            if scan is None:
                if every is None:
                    every = [m.start() for m in _WORD_START.finditer(sentence)]
                out[i] = every
            elif found := [m.start() for m in scan.finditer(lowered)]:
                out[i] = found
        return out


_WORD_START = re.compile(r"\b\w")


def build_trigger_index(patterns: list[re.Pattern[str]], prefixes_of: list[tuple[str, ...] | None]) -> TriggerIndex:
    """The index of the rules' patterns; prefixes_of: each rule's prefixes by lexicon.py's prefix index (None: it
    has none, and start_prefixes is asked instead)."""
    from re import _parser  # type: ignore[attr-defined]

    rule_clauses: list[frozenset[int]] = []
    clauses_of: dict[str, set[int]] = {}  # literal → the clauses it is an alternative of
    number = 0
    for pattern in patterns:
        ids = []
        for clause in pattern_clauses(pattern):
            for literal in clause:
                clauses_of.setdefault(literal, set()).add(number)
            ids.append(number)
            number += 1
        rule_clauses.append(frozenset(ids))
    # The scan reports only the longest literal at a position; the shorter ones there are its beginnings.
    satisfies = {literal: tuple(sorted(set().union(*(ids for other, ids in clauses_of.items()
                                                     if literal.startswith(other)))))
                 for literal in clauses_of}
    scan = re.compile(f"(?=({_trie_regex(set(clauses_of))}))" if clauses_of else "(?!)")
    scans = [_start_scan(set(known) if known is not None else
                         start_prefixes(list(_parser.parse(pattern.pattern, pattern.flags))))
             for pattern, known in zip(patterns, prefixes_of, strict=True)]
    return TriggerIndex(tuple(rule_clauses), scan, satisfies, tuple(scans))
