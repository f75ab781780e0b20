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
    # Words just before a trigger that make it a past event named in passing ("a deadly 2017 chemical attack").
    background_before: re.Pattern[str] | None = None
    # A sentence about an event outside ACLED's scope (natural or industrial disaster, accident) reports none.
    non_acled: re.Pattern[str] | None = None
    # [violence] cues for telling Armed clash, Attack and Mob violence apart (refine_violence)
    mutual: re.Pattern[str] | None = None
    armed: re.Pattern[str] | None = None
    unorganised: re.Pattern[str] | None = None
    civilian_status: re.Pattern[str] | None = None
    armed_victim: re.Pattern[str] | None = None


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
        background_before=_compile(data["background"].get("before")),
        non_acled=_compile(data.get("non_acled", {}).get("pattern")),
        mutual=_compile(data.get("violence", {}).get("mutual")),
        armed=_compile(data.get("violence", {}).get("armed")),
        unorganised=_compile(data.get("violence", {}).get("unorganised")),
        civilian_status=_compile(data.get("violence", {}).get("civilian_status")),
        armed_victim=_compile(data.get("violence", {}).get("armed_victim")),
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
    if lexicon.irrealis_before.search(head):
        return True
    return bool(lexicon.background_before and lexicon.background_before.search(head))


def is_commentary(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """Anniversaries, trials, honours, condemnations: the sentence reports no new event."""
    return bool(lexicon.commentary.search(sentence))


def is_non_acled(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """The deaths or damage the sentence reports come from a disaster or an accident, not political violence."""
    return bool(lexicon.non_acled and lexicon.non_acled.search(sentence))


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


GROUND_ABSORBS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})


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
    best = max(triggers, key=lambda t: (t.priority, -t.start))
    if best.sub_event_type in GROUND_ABSORBS:
        # Shelling or an air strike in support of ground fighting is one Battles event (codebook hierarchy):
        # the clash wins when it is mutual fighting or is the sentence's main act (named before the strike).
        clash = next((t for t in triggers if t.sub_event_type == "Armed clash" and
                      (t.start < best.start or _matches(LEXICON.mutual, t.text))), None)
        if clash is not None:
            return clash
    return best


def crowd_follow_up(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """What a sentence adds to a protest or riot reported just before it (dispersal, arrests, violence)."""
    triggers = [t for t in find_triggers(sentence, lexicon, crowd_known=True) if t.sub_event_type != "Peaceful protest"]
    return max(triggers, key=lambda t: (t.priority, -t.start)) if triggers else None


def classify_sentence(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """The sub-event trigger of a sentence that reports an event, or None (no event, statement, background)."""
    trigger = choose_trigger(find_triggers(sentence, lexicon))
    # A crowd gathering at an anniversary or a trial is still a protest; other commentary reports nothing, and
    # neither do deaths in a flood or a factory blast.
    if trigger is not None and trigger.event_type not in DEMONSTRATION_TYPES and (
            is_commentary(sentence, lexicon) or is_non_acled(sentence, lexicon)):
        return None
    return trigger


# ------------------------------------------------------------------ Armed clash, Attack or Mob violence
#
# ACLED decides between these by who fought whom, not by the verb: an Armed clash needs two organised armed
# sides, an Attack is an armed actor against people who are not (civilians, including off-duty or former
# members of a force), and violence by an unorganised group (party supporters, villagers, youths, a crowd)
# is Mob violence. The actor module says who is armed (its ActorMention kinds); this function only reads
# them, with the [violence] cues of the lexicon for what the actor module cannot see.

NON_STATE_ARMED_KINDS = frozenset({"named", "armed", "unidentified_military"})
ARMED_ACTOR_KINDS = NON_STATE_ARMED_KINDS | {"state"}
VIOLENCE_SUBS = frozenset({"Armed clash", "Attack"})


def _matches(rx: re.Pattern[str] | None, text: str) -> bool:
    return bool(rx is not None and rx.search(text))


def refine_violence(sub: str, trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon = LEXICON) -> str:
    """The sub-event type of a violent event once its actors are known (actors: the actor module's mentions
    in the trigger sentence, offsets in it, with .kind, .start, .end and .by_agent).

    * A clash or attack with no organised armed actor, fought by an unorganised group (civilians or
      state forces against a crowd, party supporters, two groups with sticks and stones) is Mob violence.
    * A one-sided armed act ("ambushed", "opened fire", "attacked") whose only named target is civilians
      is an Attack."""
    if sub not in VIOLENCE_SUBS:
        return sub
    kinds = {a.kind for a in actors}
    if not kinds & NON_STATE_ARMED_KINDS and not _matches(lexicon.armed, sentence):
        crowd = [a for a in actors if a.kind in ("civilian", "mob", "crowd")]
        unorganised = _matches(lexicon.unorganised, sentence) or "mob" in kinds
        agents = [a for a in crowd if a.start < trigger.start and not a.by_agent]  # taking part, not a target
        # "two groups of police clashed" is a fight among state forces, not a mob
        if sub == "Armed clash" and ((unorganised and (crowd or "state" not in kinds)) or agents):
            return "Mob violence"
        if sub == "Attack" and "state" not in kinds and unorganised and (agents or "mob" in kinds):
            return "Mob violence"
    if sub == "Attack" and _armed_victim(trigger, sentence, actors, lexicon):
        return "Armed clash"
    if sub == "Armed clash" and not _matches(lexicon.mutual, trigger.text):
        after = [a for a in actors if a.start >= trigger.end and not a.by_agent]
        if after and after[0].kind == "civilian" and not any(a.kind in ARMED_ACTOR_KINDS for a in after):
            return "Attack"
    return sub


PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got)\s+(?:(?!an?\b|the\b)\w+\s+){0,2}$", re.I)
PARTICIPLE = re.compile(r"(?:ed|en|t)\b", re.I)  # "killed", "beaten", "shot": not "a massacre"


def _armed_victim(trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon = LEXICON) -> bool:
    """Whether the one attacked is an armed actor on duty (which makes the attack an Armed clash): the first
    actor on the victim's side of the verb (after it; before it in the passive), or, when that is no actor
    the actor module knows, the victim words ("a member of the 4th Division")."""
    passive = bool(PASSIVE_BEFORE.search(sentence[max(0, trigger.start - 40):trigger.start])) and \
        bool(PARTICIPLE.search(trigger.text))
    if passive:
        side = [a for a in actors if a.start < trigger.start and not a.by_agent]
        region = sentence[:trigger.start]
    else:
        # the object of the verb, close after it (not a place or unit named later in the sentence)
        side = [a for a in actors if trigger.end <= a.start <= trigger.end + 60 and not a.by_agent]
        region = sentence[trigger.end:]
    region = re.split(r"[.;]|\bby\b", region)[-1 if passive else 0]
    if side:
        victim = side[-1] if passive else side[0]
        if _matches(lexicon.civilian_status, sentence[max(0, victim.start - 30):victim.start]):
            return False
        if victim.kind in ARMED_ACTOR_KINDS:
            return True
        if victim.kind == "civilian":
            return False
    return _matches(lexicon.armed_victim, region) and not _matches(lexicon.civilian_status, region)
