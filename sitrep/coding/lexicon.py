"""The event lexicon: sitrep/resources/event_lexicon.toml compiled once into trigger rules and cue patterns.

CoderResources (sitrep/coding/resources.py) loads it once per Coder; the readers in event_types.py and violence.py
take it as an argument.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from schemas.acled import EVENT_TYPE_OF
from sitrep.coding.trigger_index import TriggerIndex, build_trigger_index


@dataclass(frozen=True)
class TriggerRule:
    sub_event_type: str
    pattern: re.Pattern[str]
    priority: int
    requires: re.Pattern[str] | None
    unless: re.Pattern[str] | None


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    event_type: str
    start: int
    end: int
    priority: int
    text: str


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[TriggerRule, ...]
    # Speed: the rules that can match at a word starting with a given 1-3 letter key (see _literal_prefixes);
    # rules whose matches can start with anything are in always_run.
    rules_by_prefix: dict[str, tuple[int, ...]]
    always_run: tuple[int, ...]
    note_prefixes: dict[str, str]
    note_prefix_rx: re.Pattern[str] | None
    irrealis_before: re.Pattern[str]
    commentary: re.Pattern[str]
    background: re.Pattern[str]
    # Words just before a trigger that make it a past event named in passing ("a deadly 2017 chemical attack").
    background_before: re.Pattern[str] | None = None
    # A sentence about an event outside ACLED's scope (natural or industrial disaster, accident) reports none.
    non_acled: re.Pattern[str] | None = None
    non_acled_unless: re.Pattern[str] | None = None  # an attack named in the sentence keeps it in scope
    # [violence] cues for telling Armed clash, Attack and Mob violence apart (refine_violence)
    mutual: re.Pattern[str] | None = None
    armed: re.Pattern[str] | None = None
    unorganised: re.Pattern[str] | None = None
    civilian_status: re.Pattern[str] | None = None
    armed_victim: re.Pattern[str] | None = None
    unarmed_victim: re.Pattern[str] | None = None
    # [hierarchy]: remote violence absorbed by a capture or by the ground fighting it supports (choose_trigger)
    ground_absorbs: frozenset[str] = frozenset()
    fight_absorbs: frozenset[str] = frozenset()
    territory: frozenset[str] = frozenset()
    # Speed: the literals each rule's matches must contain and where they can begin (trigger_index.py); None
    # tries every rule wherever the prefix index allows (the plain search, which a test compares with this one).
    index: TriggerIndex | None = None


def _compile(p: str | None) -> re.Pattern[str] | None:
    return re.compile(p.strip(), re.I) if p else None


def load_lexicon(text: str) -> Lexicon:
    """The lexicon from the text of event_lexicon.toml (or of a small TOML written by a test)."""
    data = tomllib.loads(text)
    rules = []
    for t in data.get("trigger", []):
        if t["sub"] not in EVENT_TYPE_OF:
            raise ValueError(f"unknown sub-event type in lexicon: {t['sub']!r}")
        rules.append(TriggerRule(t["sub"], re.compile(t["pattern"].strip(), re.I), int(t["priority"]),
                                 _compile(t.get("requires")), _compile(t.get("unless"))))
    prefixes = {k.lower(): v for k, v in data.get("note_prefixes", {}).items()}
    prefix_rx = None
    if prefixes:
        alt = "|".join(sorted((re.escape(k) for k in prefixes), key=len, reverse=True))
        prefix_rx = re.compile(rf"^\s*({alt})\s*:", re.I)
    by_prefix, always = _prefix_index(rules)
    return Lexicon(
        rules=tuple(rules),
        rules_by_prefix=by_prefix,
        always_run=always,
        note_prefixes=prefixes,
        note_prefix_rx=prefix_rx,
        irrealis_before=re.compile(data["irrealis"]["before"].strip(), re.I),
        commentary=re.compile(data["irrealis"]["sentence"].strip(), re.I),
        background=re.compile(data["background"]["pattern"].strip(), re.I),
        background_before=_compile(data["background"].get("before")),
        non_acled=_compile(data.get("non_acled", {}).get("pattern")),
        non_acled_unless=_compile(data.get("non_acled", {}).get("unless")),
        mutual=_compile(data.get("violence", {}).get("mutual")),
        armed=_compile(data.get("violence", {}).get("armed")),
        unorganised=_compile(data.get("violence", {}).get("unorganised")),
        civilian_status=_compile(data.get("violence", {}).get("civilian_status")),
        armed_victim=_compile(data.get("violence", {}).get("armed_victim")),
        unarmed_victim=_compile(data.get("violence", {}).get("unarmed_victim")),
        **{k: frozenset(_known_subs(data.get("hierarchy", {}).get(k, []))) for k in ("ground_absorbs",
                                                                                     "fight_absorbs", "territory")},
        index=build_trigger_index([r.pattern for r in rules], _prefixes_of(len(rules), by_prefix, always)),
    )


def _known_subs(subs: list[str]) -> list[str]:
    unknown = [s for s in subs if s not in EVENT_TYPE_OF]
    if unknown:
        raise ValueError(f"unknown sub-event types in lexicon: {unknown}")
    return subs


# ------------------------------------------------------------------ prefix index (speed, no change in results)
#
# Running every rule's regex over every sentence costs most of the coder's time. A match of a rule always
# starts with one of a few literal beginnings ("shell", "artiller", "mortar", …), read off the compiled pattern's
# parse tree. A sentence is scanned once for its word starts, and only the rules whose beginnings occur there run.

PREFIX_LEN = 6
_WORD_START = re.compile(r"\b\w")


def _literal_prefixes(items: list, depth: int = 0) -> set[str] | None:
    """The possible beginnings (lower-case, at most PREFIX_LEN characters) of a match of the parsed sequence,
    or None when a match could begin with a character that is not a fixed letter."""
    from re import _constants as c  # type: ignore[attr-defined]  # the parse tree of the stdlib's regex parser

    if depth > 40:
        return None
    if not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is c.LITERAL:
        tails = _literal_prefixes(rest, depth + 1) if PREFIX_LEN > 1 else {""}
        if tails is None:
            return {chr(av).lower()}
        return {(chr(av).lower() + t)[:PREFIX_LEN] for t in tails}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _literal_prefixes(rest, depth + 1)
    if op is c.SUBPATTERN:
        return _literal_prefixes(list(av[-1]) + rest, depth + 1)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _literal_prefixes(list(branch) + rest, depth + 1)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, item = av
        once = _literal_prefixes(list(item) + rest, depth + 1)
        if once is None:
            return None
        if low == 0:
            skip = _literal_prefixes(rest, depth + 1)
            return None if skip is None else once | skip
        return once
    return None  # a character class, a dot, a back reference: any beginning is possible


def _cut(prefixes: set[str] | None) -> set[str] | None:
    """Prefixes cut at the first character that is not a letter (a "-" or "'" in the text is not in \\w)."""
    if prefixes is None:
        return None
    out = set()
    for p in prefixes:
        cut = m.group(0) if (m := re.match(r"[^\W\d_]*", p)) else ""  # it always matches, maybe empty
        if not cut:
            return None
        out.add(cut)
    return out


def _prefix_index(rules: list[TriggerRule]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    from re import _parser  # type: ignore[attr-defined]

    by_prefix: dict[str, list[int]] = {}
    always: list[int] = []
    for i, rule in enumerate(rules):
        prefixes = _cut(_literal_prefixes(list(_parser.parse(rule.pattern.pattern, rule.pattern.flags))))
        if prefixes is None:
            always.append(i)
            continue
        for p in prefixes:
            by_prefix.setdefault(p, []).append(i)
    return {k: tuple(v) for k, v in by_prefix.items()}, tuple(always)


def _prefixes_of(n: int, by_prefix: dict[str, tuple[int, ...]], always: tuple[int, ...]
                 ) -> list[tuple[str, ...] | None]:
    out: list[list[str] | None] = [None if i in always else [] for i in range(n)]
    for prefix, rules in by_prefix.items():
        for i in rules:
            kept = out[i]
            if kept is not None:
                kept.append(prefix)
    return [None if p is None else tuple(sorted(p)) for p in out]


def candidate_starts(sentence: str, lexicon: Lexicon) -> dict[int, list[int]]:
    """For each rule that can match in the sentence, the word starts where a match of it can begin (every
    match of the rule begins at one of them). With the lexicon's index only the rules whose required literals
    occur in the sentence are looked at, each at the word starts its prefixes allow."""
    index = lexicon.index
    if index is None:
        return _starts_by_prefix(sentence, lexicon)
    possible = index.possible(sentence)
    if not possible:
        return {}
    return index.starts(sentence, possible)


def _starts_by_prefix(sentence: str, lexicon: Lexicon) -> dict[int, list[int]]:
    """candidate_starts from the prefix index alone: every rule whose prefix begins some word of the sentence."""
    starts: dict[int, list[int]] = {i: [] for i in lexicon.always_run}
    index = lexicon.rules_by_prefix
    for m in _WORD_START.finditer(sentence):
        p = m.start()
        word = sentence[p:p + PREFIX_LEN].lower()
        hits: set[int] = set()
        for k in range(1, len(word) + 1):
            hit = index.get(word[:k])
            if hit:
                hits.update(hit)
        for i in hits:
            starts.setdefault(i, []).append(p)
    for i in lexicon.always_run:
        starts[i] = [m.start() for m in _WORD_START.finditer(sentence)]
    return starts


def matches(rx: re.Pattern[str] | None, text: str) -> bool:
    """Whether an optional cue of the lexicon occurs in text (a cue the lexicon leaves out never does)."""
    return bool(rx is not None and rx.search(text))
