"""The trigger index (sitrep/coding/trigger_index.py) on hand-made rules: it may only skip rules and word starts
where no match can be, so the triggers found are those of trying every rule at every word start."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from sitrep.coding.event_types import find_triggers
from sitrep.coding.lexicon import candidate_starts, load_lexicon
from sitrep.coding.trigger_index import fold, pattern_clauses, start_prefixes

RULES = [
    ("Shelling/artillery/missile attack", r"\b(?:shell(?:s|ed|ing)|bombard\w*|mortars?)\b", 40),
    # no literal beginning: a digit or any word may open a match
    ("Arrests", r"\b(?:\d+|several|dozens\s+of)\s+(?:\w+\s+){0,2}(?:arrested|detained)\b", 30),
    ("Peaceful protest", r"\b(?:\w+-(?:day|hour)\s+strikes?|(?-i:march)(?=\s+(?:in|to)\b)|rall(?:y|ied))\b", 20),
    # a one-letter beginning ("a", "an", "the") and a required word later
    ("Armed clash", r"\b(?:an?|the)\s+(?:heavy\s+)?(?:gun\s*battle|firefight)\b", 50),
    ("Attack", r"(?<!air\s)\b(?:attack(?:ed|s)?|ambush(?:ed)?)\b", 45),
    ("Abduction/forced disappearance", r"\b(?:ab|kid)duct\w*|\bkidnap\w*", 35),
    ("Looting/property destruction", r"\b(?:set|sets)\s+(?:\w+\s+){0,3}(?:ablaze|on\s+fire)\b", 25),
]

SENTENCES = [
    "Army shelled the town; mortars hit a school.",
    "Police said 12 people were arrested and several others detained in Lagos.",
    "Workers began a 48-hour strike and will march to the ministry; others rallied.",
    "A heavy gun battle broke out, then the firefight ended.",
    "Gunmen attacked a convoy after an air attack; rebels ambushed troops.",
    "Men abducted two traders; the kidnappers asked for money.",
    "Youths set the office and two cars ablaze.",
    "Nothing of the kind happened in the valley today.",
    "ATTACKERS SHELLED THE TOWN AND 3 WERE ARRESTED.",
    "In March the March to the capital was planned.",
    # outside ASCII: the letters the engine folds to ASCII ones case-insensitively, and accents
    "Rebels \u0130MBUSHED nobody but ATTAC\u212a was \u017fhelled near S\u00e3o Tom\u00e9; 5 were detained.",
    "\u00c9meutiers a\u017fsembled; \u0131 kidnapped, \u00fcber-attack and 7 ARRESTED in Z\u00fcrich.",
    "",
]


def lexicon_of(rules: list[tuple[str, str, int]]):
    triggers = "".join(f"[[trigger]]\nsub = {sub!r}\npattern = '''{pattern}'''\npriority = {priority}\n"
                       for sub, pattern, priority in rules)
    return load_lexicon("[irrealis]\nbefore = 'threatened\\\\s+to\\\\s+$'\nsentence = 'anniversary'\n"
                        "[background]\npattern = 'since\\\\s+the\\\\s+war'\n" + triggers)


@pytest.fixture(scope="module")
def lexicon():
    return lexicon_of(RULES)


def every_rule_everywhere(lexicon):
    return replace(lexicon, index=None, rules_by_prefix={}, always_run=tuple(range(len(lexicon.rules))))


def test_fold_is_the_engines_case_insensitive_ascii():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = re.findall("(?i)[a-z]", every)
    for ch in letters:
        (letter,) = [a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){a}", ch)]
        assert fold(ch) == letter, hex(ord(ch))
    assert len(fold(every)) == len(every)
    others = set(every) - set(letters)
    assert all(fold(ch) == ch for ch in others if not ch.isascii())


@pytest.mark.parametrize("pattern, clauses", [
    (r"\bmortar(?:s|ed)?\b", [{"mortar"}]),
    (r"\b(?:shell(?:s|ed)|bombard\w*)\b", [{"shell", "bombard"}]),
    (r"\b(?:police|troops)\s+(?:\w+\s+){0,3}(?:arrested|detained)\b", [{"arrested", "detained"}, {"police", "troops"}]),
    (r"\b(?:\d+|several)\s+arrests\b", [{"arrests"}]),
    (r"(?<!air\s)strikes?", [{"strike"}]),
    (r"\b(?:protest|protesters|protested)\b", [{"protest"}]),  # the longer ones contain it
    (r"\b\w+\s+\w+\b", []),
    (r"\b(?:\w+|riot)\b", []),  # one alternative needs no literal: neither does the rule
])
def test_required_clauses_of_hand_made_patterns(pattern, clauses):
    found = pattern_clauses(re.compile(pattern, re.I))
    assert sorted(map(sorted, found)) == sorted(map(sorted, clauses))
    assert found == pattern_clauses(re.compile(pattern, re.I))


def test_start_prefixes_read_digit_classes_and_stop_at_other_characters():
    from re import _parser  # type: ignore[attr-defined]

    def prefixes(p: str) -> set[str] | None:
        return start_prefixes(list(_parser.parse(p, re.I)))

    assert prefixes(r"\b(?:\d+|several)\s+arrests") == set("0123456789") | {"severa"}
    assert prefixes(r"\b(?:an?|the)\s+gun") == {"a", "the"}  # "a" begins "an" too
    assert prefixes(r"\bsit-ins?") == {"sit"}
    assert prefixes(r"\b(?:\w+|riot)") is None


def test_rules_left_out_have_no_match_and_no_match_is_left_out(lexicon):
    for sentence in SENTENCES:
        starts = candidate_starts(sentence, lexicon)
        for i, rule in enumerate(lexicon.rules):
            at = [p for p in range(len(sentence)) if rule.pattern.match(sentence, p)]
            assert set(at) <= set(starts.get(i, [])), (rule.sub_event_type, sentence)


def test_the_index_finds_the_triggers_of_every_rule_at_every_word(lexicon):
    plain = every_rule_everywhere(lexicon)
    found = 0
    for sentence in SENTENCES:
        for options in ({}, {"realis_only": False}, {"crowd_known": True}):
            got = find_triggers(sentence, lexicon, **options)
            assert got == find_triggers(sentence, plain, **options), (sentence, options)
            found += len(got)
    assert found > 20  # the sentences do hold triggers: the comparison is not between two empty lists


def test_the_index_narrows_the_search(lexicon):
    plain = every_rule_everywhere(lexicon)
    tries = sum(len(s) for sentence in SENTENCES for s in candidate_starts(sentence, lexicon).values())
    every = sum(len(s) for sentence in SENTENCES for s in candidate_starts(sentence, plain).values())
    assert tries * 4 < every
    assert candidate_starts("Nothing of the kind happened in the valley today.", lexicon) == {}
