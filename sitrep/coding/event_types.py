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
    return Lexicon(
        rules=tuple(rules),
        note_prefixes=prefixes,
        note_prefix_rx=prefix_rx,
        irrealis_before=re.compile(data["irrealis"]["before"].strip(), re.I),
        commentary=re.compile(data["irrealis"]["sentence"].strip(), re.I),
        background=re.compile(data["background"]["pattern"].strip(), re.I),
    )


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


def find_triggers(sentence: str, lexicon: Lexicon = LEXICON, realis_only: bool = True) -> list[Trigger]:
    """Every trigger in the sentence (one per rule, its first realis match), in text order."""
    found: list[Trigger] = []
    for rule in lexicon.rules:
        if rule.requires is not None and not rule.requires.search(sentence):
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        for m in rule.pattern.finditer(sentence):
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


def classify_sentence(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """The sub-event trigger of a sentence that reports an event, or None (no event, statement, background)."""
    trigger = choose_trigger(find_triggers(sentence, lexicon))
    # A crowd gathering at an anniversary or a trial is still a protest; other commentary reports nothing.
    if trigger is not None and trigger.event_type not in DEMONSTRATION_TYPES and is_commentary(sentence, lexicon):
        return None
    return trigger
