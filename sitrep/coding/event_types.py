"""Event and sub-event classification of one sentence, and telling events from statements and background.

The words live in sitrep/resources/event_lexicon.toml; this module compiles them once and applies three
generic rules:
  * a trigger counts only in a realis reading (no "threatened to", "could", "called for" just before it);
  * a sentence of commentary (anniversaries, trials, honours) or about the past ("since the invasion")
    reports no event;
  * among the triggers left, protests and riots absorb the violence done to or by the crowd; otherwise the
    highest priority wins (ACLED's hierarchy, with modifiers above their base type).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from schemas.acled import EVENT_TYPE_OF

LEXICON_TOML = Path(__file__).resolve().parent.parent / "resources" / "event_lexicon.toml"
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})
# Event types whose trigger, when it precedes the protest word, shows the sentence is about that violence.
ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence"})


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


def _compile(p: str | None) -> re.Pattern[str] | None:
    return re.compile(p.strip(), re.I) if p else None


def load_lexicon(text: str | None = None) -> Lexicon:
    """The lexicon from event_lexicon.toml (or from the given TOML text, for tests)."""
    if text is None:
        text = LEXICON_TOML.read_text("utf-8")
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
    )


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
    from re import _constants as c  # the parse tree of the standard library's own regex parser

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
        cut = re.match(r"[^\W\d_]*", p).group(0)
        if not cut:
            return None
        out.add(cut)
    return out


def _prefix_index(rules: list[TriggerRule]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    from re import _parser

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


def candidate_starts(sentence: str, lexicon: Lexicon) -> dict[int, list[int]]:
    """For each rule that can match in the sentence, the word starts where a match of it can begin (every
    match of the rule begins at one of them)."""
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


LEXICON = load_lexicon()
CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:but|while|whereas|and|as|after|before|when|although)\b|\bbut\b|\s-\s|\"|“|”")


def is_irrealis(sentence: str, trigger_start: int, lexicon: Lexicon = LEXICON) -> bool:
    """True when the words just before the trigger (in its clause) make it a threat, plan or denial."""
    head = sentence[max(0, trigger_start - 160):trigger_start]
    breaks = list(CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end():]
    return bool(lexicon.irrealis_before.search(head))


def is_commentary(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """Anniversaries, trials, honours, condemnations: the sentence reports no new event."""
    return bool(lexicon.commentary.search(sentence))


def is_background(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """The sentence recalls the war or an earlier campaign rather than a new event."""
    return bool(lexicon.background.search(sentence))


def note_prefix_type(text: str, lexicon: Lexicon = LEXICON) -> str | None:
    """The sub-event type named by an analyst's label at the start of a note ("Interception: On 7 April …")."""
    if lexicon.note_prefix_rx is None:
        return None
    m = lexicon.note_prefix_rx.match(text)
    return lexicon.note_prefixes[m.group(1).lower()] if m else None


def find_triggers(sentence: str, lexicon: Lexicon = LEXICON, realis_only: bool = True,
                  crowd_known: bool = False) -> list[Trigger]:
    """Every trigger in the sentence (one per rule, its first realis match), in text order. With crowd_known
    (the sentence goes on about a protest or riot already reported) only protest and riot rules apply, and
    they need no crowd word of their own ("Police dispersed them with tear gas")."""
    found: list[Trigger] = []
    for index, starts in sorted(candidate_starts(sentence, lexicon).items()):
        rule = lexicon.rules[index]
        if crowd_known and EVENT_TYPE_OF[rule.sub_event_type] not in DEMONSTRATION_TYPES:
            continue
        if rule.requires is not None and not crowd_known and not rule.requires.search(sentence):
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        taken_until = 0  # like finditer: a later match may not begin inside an earlier one
        for p in starts:
            if p < taken_until:
                continue
            m = rule.pattern.match(sentence, p)
            if m is None:
                continue
            taken_until = max(m.end(), p + 1)
            if realis_only and is_irrealis(sentence, m.start(), lexicon):
                continue
            found.append(Trigger(rule.sub_event_type, EVENT_TYPE_OF[rule.sub_event_type], m.start(), m.end(),
                                 rule.priority, m.group(0)))
            break
    found.sort(key=lambda t: (t.start, -t.priority))
    return found


def choose_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The trigger that gives the sentence's sub-event type.

    A crowd (protest or riot words) absorbs the arrests, beatings and shootings around it unless a battle or
    a remote attack is reported before the crowd is mentioned."""
    if not triggers:
        return None
    crowd = [t for t in triggers if t.event_type in DEMONSTRATION_TYPES]
    if crowd:
        first_crowd = min(t.start for t in crowd)
        if not any(t.event_type in ARMED_TYPES and t.start < first_crowd for t in triggers):
            return max(crowd, key=lambda t: (t.priority, -t.start))
    return max(triggers, key=lambda t: (t.priority, -t.start))


def crowd_follow_up(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """What a sentence adds to a protest or riot reported just before it (dispersal, arrests, violence)."""
    triggers = [t for t in find_triggers(sentence, lexicon, crowd_known=True) if t.sub_event_type != "Peaceful protest"]
    return max(triggers, key=lambda t: (t.priority, -t.start)) if triggers else None


def classify_sentence(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """The sub-event trigger of a sentence that reports an event, or None (no event, statement, background)."""
    trigger = choose_trigger(find_triggers(sentence, lexicon))
    # A crowd gathering at an anniversary or a trial is still a protest; other commentary reports nothing.
    if trigger is not None and trigger.event_type not in DEMONSTRATION_TYPES and is_commentary(sentence, lexicon):
        return None
    return trigger
