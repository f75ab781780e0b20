"""The figure lexicon: sitrep/resources/figure_lexicon.toml compiled once into the tables and patterns that the
figure readers (figures.py, deaths.py, fatalities.py) take as their `lex` argument.

Only what is built from the data file lives here; fixed grammar (clause ends, determiners …) stays with the
reader that uses it. CoderResources (resources.py) loads one FigureLexicon per Coder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
UNITS = "one|two|three|four|five|six|seven|eight|nine"


def alternation(words: Iterable[str]) -> str:
    """Longest first, so "a dozen" wins over "dozen"; spaces match any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class FigureLexicon:
    word_numbers: dict[str, int]
    vague_numbers: dict[str, int]
    qualifier_words: dict[str, str]
    number: str  # the pattern of one number (digits, "twenty-one", "three hundred"), for building others
    quantity: re.Pattern[str]  # optional qualifier, then a number (or a range) or a vague word
    kind_after: tuple[tuple[str, re.Pattern[str]], ...]
    kind_before: tuple[tuple[str, re.Pattern[str]], ...]
    active_object_after: re.Pattern[str]  # "80 soldiers killed three farmers": a number that did the killing
    non_human: re.Pattern[str]
    non_human_head: re.Pattern[str]
    numbered_next: re.Pattern[str]
    between_and: re.Pattern[str]
    # deaths
    active_kill: re.Pattern[str]
    intransitive: re.Pattern[str]
    nominal_of: re.Pattern[str]
    background: re.Pattern[str]
    not_violence: re.Pattern[str]
    past_time: re.Pattern[str]
    running_total: re.Pattern[str]
    suicide_attacker: re.Pattern[str]
    additive: re.Pattern[str]
    plural_victims: re.Pattern[str]
    bare_plural: re.Pattern[str]
    adjectives_ed: frozenset[str]
    # ACLED's coding statements
    coded_as: re.Pattern[str]
    split_across: re.Pattern[str]
    split_also: re.Pattern[str]
    coded_for: re.Pattern[str]
    closing_fatalities: re.Pattern[str]


# "10^30", "5e30": exponent notation is one (huge) number, never two counts (10 and 30) nor a small one.
NOT_EXPONENT = r"(?!\d+(?:\.\d+)?(?:\s*\^|[eE][+-]?\d))"
# No count of people in a report reaches this (the largest real ones are displacements of some ten million):
# a larger number ("10^30 killed", a 31-digit toll) is not a figure at all, and never reaches a float, an
# int64 column or an overflow.
MAX_FIGURE = 100_000_000
MAX_DIGITS = len(str(MAX_FIGURE)) + 1


def load_figure_lexicon(text: str) -> FigureLexicon:
    """The lexicon from the text of figure_lexicon.toml."""
    data = tomllib.loads(text)
    words = {k: int(v) for k, v in data["numbers"].items()}
    vague = {k: int(v) for k, v in data["vague"].items()}
    qualifiers = dict(data["qualifiers"])
    deaths = data["deaths"]
    word_alt, vague_alt, qual_alt = alternation(words), alternation(vague), alternation(qualifiers)
    number = (
        r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:million|thousand|billion)\b)?"
        rf"|(?:(?:{TENS})[- ](?:{UNITS}))\b"
        rf"|(?:{word_alt})\b(?:\s+(?:hundred|thousand|million)\b)?"
    )
    quantity = re.compile(
        rf"(?<![\w.^])(?P<qual>(?:{qual_alt}|between)\s+)?"
        rf"(?:(?P<num>{NOT_EXPONENT}{number})(?:\s*(?:-|–|to|or|and)\s*(?P<num2>{number}))?|(?P<vague>{vague_alt})\b)",
        re.I,
    )
    aux = data["kinds"]["aux"]
    n = rf"(?:\d+|{word_alt})"

    def listed(key: str) -> str:
        return alternation(deaths[key])

    return FigureLexicon(
        word_numbers=words, vague_numbers=vague, qualifier_words=qualifiers, number=number, quantity=quantity,
        kind_after=tuple((k, re.compile(p.replace("{aux}", aux), re.I)) for k, p in data["kinds"]["after"].items()),
        kind_before=tuple((k, re.compile(p, re.I)) for k, p in data["kinds"]["before"].items()),
        active_object_after=re.compile(
            rf"^\s*(?:and\s+\w+\s+)?(?:a|an|the|his|her|their|him|them|one|{word_alt}|\d)\b", re.I),
        non_human=re.compile(rf"^\s*(?:of\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{listed('non_human')})\b", re.I),
        non_human_head=re.compile(rf"\b(?:{listed('non_human')})\s*$", re.I),
        numbered_next=re.compile(rf",?\s+and\s+(?:\d|(?:{word_alt})\b)", re.I),
        between_and=re.compile(rf"\b(between\s+(?:{number}))(\s+and\s+)(?=(?:{number}))", re.I),
        active_kill=re.compile(rf"\b(?:{listed('active_verbs')})\b", re.I),
        intransitive=re.compile(rf"\b(?:{listed('intransitive')})\b", re.I),
        nominal_of=re.compile(rf"\b(?:{listed('nominal')})\s+(?:(?!was|were|is|are|has|had)[\w-]+\s+){{0,2}}?of\s+",
                              re.I),
        background=re.compile(rf"\b(?:{listed('background_openers')})\b(?!\s+which)[^,;.\[]*", re.I),
        not_violence=re.compile(rf"\b(?:{listed('not_violence')})\b", re.I),
        past_time=re.compile(rf"\b(?:{listed('past_time')})\b", re.I),
        running_total=re.compile(rf"\b(?:{listed('running_total')})\b|\bsince\s+(?:19|20)\d\d\b", re.I),
        suicide_attacker=re.compile(rf"\b(?:{listed('suicide_attacker')})\b", re.I),
        additive=re.compile(rf"\b(?:{listed('additive')})\b", re.I),
        plural_victims=re.compile(rf"(?:\w+\s+){{0,2}}?(?:{listed('plural_victims')})\b", re.I),
        bare_plural=re.compile(rf"(?:^|\s)(?:{listed('plural_victims')})\s*$", re.I),
        adjectives_ed=frozenset(w.lower() for w in deaths["adjectives_ed"]),
        coded_as=re.compile(
            rf"\b(?:coded|estimated)\s+(?:(?:as|at|to)\s+)?(?P<n>{n})(?!\s*(?:km|kilomet|miles?)\b)"
            rf"(?:\s+(?:fatalit(?:y|ies)|deaths?))?"
            rf"(?=\s*(?:$|[.,;()\[\]]|fatalit|deaths?|for\s+this|in\s+this|and\s+split|and\s+spread|in\s+low))",
            re.I),
        # "14 fatalities split across 7 events", "Fatalities are split across five events", "split between 2 …".
        split_across=re.compile(
            rf"\b(?:split|spread|spilt|divided|distributed|shared)\s+(?:\w+\s+){{0,2}}?(?:across|between|among|"
            rf"amongst|over|into|in)\s+(?:the\s+)?(?P<k>{n})\s+(?:\w+\s+){{0,2}}?(?:events|locations|places|days|"
            r"rows|villages|districts|areas|incidents)\b", re.I),
        split_also=re.compile(rf"\s+and\s+(?P<k>{n})\s+(?:\w+\s+)?(?:events|locations|places|days|areas)\b", re.I),
        coded_for=re.compile(rf"\b(?:total\s+of\s+)?(?P<n>{n})\s+fatalit(?:y|ies)\s+(?:were\s+|was\s+)?coded\s+"
                             r"(?:for|to|in)\b", re.I),
        closing_fatalities=re.compile(rf"(?:^|[.;]\s+)(?P<n>{n})\s+(?:total\s+)?fatalit(?:y|ies)\b", re.I),
    )
