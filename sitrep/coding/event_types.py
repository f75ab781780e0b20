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

from schemas.acled import EVENT_TYPE_OF
from sitrep.settings import RESOURCES_DIR

LEXICON_TOML = RESOURCES_DIR / "event_lexicon.toml"
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
    non_acled_unless: re.Pattern[str] | None = None  # an attack named in the sentence keeps it in scope
    # [violence] cues for telling Armed clash, Attack and Mob violence apart (refine_violence)
    mutual: re.Pattern[str] | None = None
    armed: re.Pattern[str] | None = None
    unorganised: re.Pattern[str] | None = None
    civilian_status: re.Pattern[str] | None = None
    armed_victim: re.Pattern[str] | None = None
    unarmed_victim: re.Pattern[str] | None = None


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
        non_acled_unless=_compile(data.get("non_acled", {}).get("unless")),
        mutual=_compile(data.get("violence", {}).get("mutual")),
        armed=_compile(data.get("violence", {}).get("armed")),
        unorganised=_compile(data.get("violence", {}).get("unorganised")),
        civilian_status=_compile(data.get("violence", {}).get("civilian_status")),
        armed_victim=_compile(data.get("violence", {}).get("armed_victim")),
        unarmed_victim=_compile(data.get("violence", {}).get("unarmed_victim")),
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


# The month May inside a sentence ("as part of May Day protests", "on 3 May") is no modal "may"; "warning
# shots" are shots, not a warning of something to come.
MONTH_MAY = re.compile(r"(?<=[\w,(]\s)May\b|(?<=\d\s)May\b|\bMay(?=\s+(?:\d|Day\b))|\bwarning(?=\s+shots?\b)")
# "demanded that the leaders be arrested", "to be detained": a subjunctive or infinitive passive is no report.
SUBJUNCTIVE_BE = re.compile(r"\b(?:be|been\s+(?:ordered|asked))\s+$", re.I)
# "a landmine from previous clashes", "since earlier fighting": an event of the past named in passing.
EARLIER_BEFORE = re.compile(r"\b(?:previous|earlier|past|prior|recent|last\s+(?:week|month|year)'s)\s+$", re.I)
# A capitalised event word inside a run of capitalised words is part of a name ("the University Combat Union",
# "the Battle Creek police"), not a report of fighting.
NAME_WORD = re.compile(r"(?-i:[A-Z][\w'-]*)\s+$")
NAME_WORD_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z])")


# What a crowd demands or calls for is what it protests about: "teachers demanding their pay protested" reports
# a protest, while "the union demanded a strike" does not (the demand must then be the word right before it).
CROWD_DEMAND = re.compile(r"\b(?:demand(?:ed|s|ing)?|call(?:ed|s|ing)?\s+(?:for|on)|urg(?:ed|es|ing)|"
                          r"appeal(?:ed|ing)?\s+(?:for|to)|warn(?:ed|s|ing)?(?:\s+(?:of|that|against))?)"
                          r"(?=\s+(?:[\w'-]+\s+){1,})", re.I)


# Cues that deny or forbid only the verb right after them: before a protest word they reach at most one word
# ("did not protest", "banned the rally"), not a crowd described on the way ("workers who have not been paid for
# months protested", "members of the banned party rallied").
SHORT_REACH_CUE = re.compile(r"(?:no(?:\s+reports?\s+of)?|accused\s+of(?:\s+having)?|justice\s+for|without|never|any|denied|deny|denies|banned|ban(?:ned)?\s+on|did\s+not|didn't|"
                             r"does\s+not|do\s+not|doesn't|don't|has\s+not|have\s+not|hasn't|haven't)\s+"
                             r"(?P<gap>(?:[\w'-]+\s+)*)$", re.I)
# A ban defied is no ban on what happened ("defying a ban on gatherings, hundreds rallied").
DEFIANCE_BEFORE = re.compile(r"\b(?:despite|defying|defied|in\s+defiance\s+of|in\s+spite\s+of)\s+(?:\w+\s+){0,2}$", re.I)


# A modal before a protest word makes it a plan only when it is that word's own auxiliary ("will hold a
# nationwide strike", "would stage more protests"), not a modal of a clause describing the crowd on the way
# ("traders who say the tax will ruin them protested").
MODAL_CUE = re.compile(r"(?:could|would|might|may|will|shall|should|must)\s+(?P<gap>(?:[\w'-]+\s+)*)$", re.I)
PROTEST_AUXILIARY_GAP = re.compile(r"(?:(?:not|also|then|again|soon|be|been|have|go|on|hold|stage|organi[sz]e|launch|"
                                   r"start|begin|join|take|part|in|continue|resume|keep|participate|come|out|turn|"
                                   r"to|an?|the|their|its|his|her|more|another|new|further|fresh|mass|nationwide|"
                                   r"national|general|indefinite|peaceful|big|large|huge|street|public|solidarity|"
                                   r"protest|hunger|sit-down|[\w]+-(?:day|hour|week))\s+)*", re.I)


def _crowd_irrealis(head: str, lexicon: Lexicon) -> bool:
    """The irrealis test for a protest or riot word: a short-reach cue counts only right before it, a modal
    only as the protest verb's own auxiliary, and neither when the sentence says it was defied."""
    pos = 0
    while (m := lexicon.irrealis_before.search(head, pos)) is not None:
        modal = MODAL_CUE.match(head, m.start())
        if modal is not None and not PROTEST_AUXILIARY_GAP.fullmatch(modal.group("gap")):
            pos = m.start() + 1
            continue
        short = SHORT_REACH_CUE.match(head, m.start())
        if short is None:
            return True
        if len(short.group("gap").split()) <= 1 and not DEFIANCE_BEFORE.search(head, max(0, m.start() - 40), m.start()):
            return True
        pos = m.start() + 1
    return False


def is_irrealis(sentence: str, trigger_start: int, lexicon: Lexicon = LEXICON, crowd: bool = False) -> bool:
    """True when the words just before the trigger (in its clause) make it a threat, plan or denial. With crowd
    (a protest or riot trigger) a demand or call that has its own object before the trigger is the protest's
    content, not a plan."""
    head = MONTH_MAY.sub("Mai", sentence[max(0, trigger_start - 160):trigger_start])
    if crowd:  # ("urged supporters to protest", "called on them to stage a sit-in" stay a call)
        head = CROWD_DEMAND.sub(lambda m: m.group(0) if re.search(r"\b(?:to|that)\b", head[m.end():]) or
                                re.fullmatch(r"\s*(?:an?|the|more)\s+(?:[\w'-]+\s+)?", head[m.end():])
                                else " " * len(m.group(0)), head)
    breaks = list(CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end():]
    if (_crowd_irrealis(head, lexicon) if crowd else lexicon.irrealis_before.search(head)) or \
            SUBJUNCTIVE_BE.search(head) or EARLIER_BEFORE.search(head):
        return True
    return bool(lexicon.background_before and lexicon.background_before.search(head))


def is_commentary(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """Anniversaries, trials, honours, condemnations: the sentence reports no new event."""
    return bool(lexicon.commentary.search(sentence))


def is_non_acled(sentence: str, lexicon: Lexicon = LEXICON) -> bool:
    """The deaths or damage the sentence reports come from a disaster or an accident, not political violence."""
    if lexicon.non_acled_unless is not None and lexicon.non_acled_unless.search(sentence):
        return False
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
    # Demonstration rules whose crowd word is missing: a protest found by another rule ("residents blocked the
    # road to demand …") is the crowd they need ("… and burned tyres" is then a violent demonstration).
    waiting: list[tuple[TriggerRule, list[int]]] = []
    for index, starts in sorted(candidate_starts(sentence, lexicon).items()):
        rule = lexicon.rules[index]
        demonstration = EVENT_TYPE_OF[rule.sub_event_type] in DEMONSTRATION_TYPES
        if crowd_known and not demonstration:
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        if rule.requires is not None and not crowd_known and not rule.requires.search(sentence):
            if demonstration:
                waiting.append((rule, starts))
            continue
        _first_match(rule, starts, sentence, lexicon, realis_only, found)
    if waiting and any(t.event_type == "Protests" for t in found):
        for rule, starts in waiting:
            _first_match(rule, starts, sentence, lexicon, realis_only, found)
    found.sort(key=lambda t: (t.start, -t.priority))
    return found


def _first_match(rule: TriggerRule, starts: list[int], sentence: str, lexicon: Lexicon, realis_only: bool,
                 found: list[Trigger]) -> None:
    """Append the rule's first (realis) match in the sentence to found."""
    taken_until = 0  # like finditer: a later match may not begin inside an earlier one
    for p in starts:
        if p < taken_until:
            continue
        m = rule.pattern.match(sentence, p)
        if m is None:
            continue
        if _inside_name(sentence, m, rule):
            continue
        taken_until = max(m.end(), p + 1)
        if realis_only and is_irrealis(sentence, m.start(), lexicon,
                                       crowd=EVENT_TYPE_OF[rule.sub_event_type] in DEMONSTRATION_TYPES):
            continue
        found.append(Trigger(rule.sub_event_type, EVENT_TYPE_OF[rule.sub_event_type], m.start(), m.end(),
                             rule.priority, m.group(0)))
        return


def _inside_name(sentence: str, m: re.Match[str], rule: TriggerRule) -> bool:
    """Whether a (non-crowd) trigger word is one word of a multi-word proper name: capitalised, after a
    capitalised word that does not open the sentence, and before another capitalised word."""
    if not m.group(0)[:1].isupper() or EVENT_TYPE_OF[rule.sub_event_type] in DEMONSTRATION_TYPES:
        return False
    words = sentence.split()
    if sum(w[:1].isupper() for w in words) > 0.5 * len(words):
        return False  # a headline in title case ("Police Kill Two Protesters In Capital")
    before = NAME_WORD.search(sentence, max(0, m.start() - 40), m.start())
    if before is None or before.start() == 0 or not sentence[:before.start()].strip() or \
            sentence[:before.start()].rstrip()[-1:] in ".:;!?":
        return False
    return bool(NAME_WORD_AFTER.match(sentence, m.end()))


GROUND_ABSORBS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
# A mine or grenade set off in a fight both sides take part in is part of that battle (codebook hierarchy).
FIGHT_ABSORBS = frozenset({"Remote explosive/landmine/IED", "Grenade"})
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def choose_trigger(triggers: list[Trigger], sentence: str = "") -> Trigger | None:
    """The trigger that gives the sentence's sub-event type.

    A crowd (protest or riot words) absorbs the arrests, beatings and shootings around it unless a battle or
    a remote attack is reported before the crowd is mentioned."""
    if not triggers:
        return None
    if sentence:
        triggers = _without_protest_topic(triggers, sentence)
        if not triggers:
            return None
    if sentence:
        triggers = [t for t in triggers if t.event_type in ("Protests", "Strategic developments") or
                    not _violence_as_topic(t, triggers, sentence)]
    crowd = [t for t in triggers if t.event_type in DEMONSTRATION_TYPES]
    if crowd:
        first_crowd = min(t.start for t in crowd)
        # A clash "between the police and the doctors, during a demonstration" is the crowd's; a battle or a
        # strike reported before the crowd is named is the sentence's news.
        if not any(t.event_type in ARMED_TYPES and t.start < first_crowd and not _crowd_scuffle(t, sentence)
                   for t in triggers):
            top = max(crowd, key=lambda t: (t.priority, -t.start))
            fight = next((t for t in triggers if _crowd_scuffle(t, sentence) and _CROWD_FIGHT.search(t.text)), None)
            if fight is not None and top.sub_event_type in ("Peaceful protest", "Protest with intervention"):
                # "protesters and police clashed": the crowd fought, a violent demonstration
                return Trigger("Violent demonstration", "Riots", fight.start, fight.end, 55, fight.text)
            return top
    best = max(triggers, key=lambda t: (t.priority, -t.start))
    if best.sub_event_type in GROUND_ABSORBS | FIGHT_ABSORBS:
        territory = next((t for t in triggers if t.sub_event_type in TERRITORY), None)
        if territory is not None and best.sub_event_type in GROUND_ABSORBS:
            return territory  # shelling before a capture: ground changed hands, a Battles event
        # Shelling or an air strike in support of ground fighting is one Battles event (codebook hierarchy):
        # the clash wins when it is mutual fighting or is the sentence's main act (named before the strike).
        # A mine or grenade is absorbed only by fighting in both directions.
        for t in triggers:
            if t.sub_event_type != "Armed clash":
                continue
            mutual = _matches(LEXICON.mutual, t.text) or (
                bool(sentence) and _matches(LEXICON.mutual, sentence[:best.start] + " " + sentence[best.end:]))
            if best.sub_event_type in FIGHT_ABSORBS:
                if mutual:
                    return t
            elif mutual or t.start < best.start:
                return t
    return best


# Words after a protest that open what it is about ("protested against the stone pelting", "demanding the release
# of those detained following riots", "… to support the arrest of people who attacked police").
PROTEST_TOPIC = re.compile(r"\b(?:against|over|denounc\w*|condemn\w*|decry\w*|demand\w*|in\s+support\s+of|"
                           r"to\s+(?:support|protest|denounce|condemn|demand)|accus\w*|"
                           r"release|about|following|after|(?:justice|respect)\s+for|commemorat\w*|anniversary\s+of|"
                           r"in\s+memory\s+of|(?:death|killing|murder)\s+of)\b", re.I)
# A finite verb is what the crowd did ("clashed", "fought", "rioted"), whatever the words before it.
VERB_WORD = re.compile(r"(?:\w+ed|fought|threw|hurled|beat|shot|took|broke)\b", re.I)
TOPIC_REACH = 10  # words from the topic cue to the violence word it names


def _riot_as_topic(t: Trigger, crowd: list[Trigger], sentence: str) -> bool:
    """Whether a riot word comes only in what a peaceful protest named before it is about."""
    if not sentence or t.event_type != "Riots":
        return False
    return _violence_as_topic(t, crowd, sentence)


def _violence_as_topic(t: Trigger, triggers: list[Trigger], sentence: str) -> bool:
    """Whether a violence word (riot, clash, killing, mob) comes only in what a peaceful protest named before it
    is about or follows from ("gathered to demand justice for a man killed by a mob", "the sit-in followed
    clashes between two parties"): the violence is the protest's reason, not the sentence's event."""
    if VERB_WORD.match(t.text):
        return False  # "protesters against the law clashed with police": the crowd's own act, not its topic
    crowd = triggers
    for p in crowd:
        if p.sub_event_type != "Peaceful protest" or p.end > t.start:
            continue
        cues = list(PROTEST_TOPIC.finditer(sentence, p.end, t.start))
        # the riot word must sit in the topic's own phrase: a few words on, no comma or new verb between
        # ("protests against hardship erupted, with banks set ablaze" is a riot)
        if cues and len(sentence[cues[-1].end():t.start].split()) <= TOPIC_REACH and not re.search(
                r"[,;.]|\b(?:turned|erupted|spread|escalated|became|with|and|have|has|had|was|were|is|are)\b", sentence[cues[-1].end():t.end]):  # through the trigger: "after stones were thrown" is a clause
            return True
    return False


# A protest named as the reason for something else ("arrested for supporting demonstrations", "detained over
# their role in the protests"): the protest is a topic, not the sentence's event.
PROTEST_AS_REASON = re.compile(r"\bwho\s+(?:had\s+)?(?:took|taken|take)\s+part\s+in\s+(?:[\w'-]+\s+){0,3}$|\bwho\s+(?:had\s+)?(?:participated|joined|led|organi[sz]ed)\s+(?:in\s+)?(?:[\w'-]+\s+){0,3}$|\b(?:in\s+connection\s+with|accus\w+\s+(?:\w+\s+){0,2}of\s+\w+ing)\s+(?:[\w'-]+\s+)"
                               r"{0,4}$|\b(?:for|over|after|of)\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+)?(?:supporting|"
                               r"organi[sz]ing|calling\s+for|posting|participating|participation|joining|leading|"
                               r"taking\s+part|inciting|planning|announcing|role|involvement|alleged)\s+(?:[\w'-]+\s+)"
                               r"{0,6}$", re.I)


def _without_protest_topic(triggers: list[Trigger], sentence: str) -> list[Trigger]:
    """Triggers with the protest ones left out when every protest word is only a reason for a non-protest event
    (the intervention rules lean on those words, so they go too)."""
    words = [t for t in triggers if t.sub_event_type == "Peaceful protest"]
    others = [t for t in triggers if t.event_type not in DEMONSTRATION_TYPES]
    if not words or not others or any(t.event_type == "Riots" for t in triggers):
        return triggers
    if all(PROTEST_AS_REASON.search(sentence, max(0, t.start - 80), t.start) for t in words):
        return others
    return triggers


# Unarmed fighting words: with a crowd and no sign of arms they describe a scuffle of the demonstration.
_SCUFFLE = re.compile(r"\b(?:clash(?:ed|es|ing)?|confrontations?|scuffle\w*|fight(?:ing)?|fought)\b", re.I)


_CROWD_FIGHT = re.compile(r"\b(?:clash(?:ed|es|ing)?|fought|fighting|confrontations?)\b", re.I)


def _crowd_scuffle(trigger: Trigger, sentence: str) -> bool:
    return bool(sentence) and trigger.event_type == "Battles" and bool(_SCUFFLE.search(trigger.text)) and \
        not _matches(LEXICON.armed, sentence)


# An arrest that is no intervention against the crowd: done by the crowd ("evicted by the residents"), or of
# someone named for a deed of their own ("The officer was arrested for killing …").
BY_THE_CROWD = re.compile(r"\bby\s+(?:the\s+)?(?:\w+\s+)?(?:residents|protesters|demonstrators|crowd|villagers|"
                          r"locals|mob|participants|strikers|students|workers)\b", re.I)
ARREST_WORD = re.compile(r"\b(?:arrest\w*|detain\w*|apprehended|evicted|custody)\b", re.I)
# Who was held: the crowd or some of it ("two protesters", "one person", "12 of them", "around 150 Pakistanis").
CROWD_HELD = re.compile(r"\b(?i:they|them|protesters?|demonstrators?|participants?|marchers?|strikers?|activists?|"
                        r"picketers?|crowd|people|persons|individuals)\b|\b(?i:\d+|one|two|three|four|five|six|seven|"
                        r"eight|nine|ten|several|some|many|dozens|scores|hundreds)\s+(?:(?i:of\s+them)|(?:[\w'-]+\s+)?"
                        r"(?i:people|persons|person|individuals|students|workers|members|women|men|youths|others)|(?:"
                        r"[A-Z]\w+(?:ans|is|ese|ians)))\b")
# Someone who need not be of the crowd; held only when no deed of their own is named.
SOMEONE_HELD = re.compile(r"\b(?:he|she|him|her|leaders?|organi[sz]ers?|members|some|several|many|dozens|\d+)\b", re.I)
FOR_A_DEED = re.compile(r"\b(?:arrested|detained|apprehended)\s+(?:\w+\s+){0,3}(?:for|over|on\s+charges\s+of|in\s+"
                        r"connection\s+with|on\s+suspicion\s+of|accused\s+of|suspected\s+of)\s+(?!(?:\w+\s+){0,2}"
                        r"(?:protest|demonstrat|rally|march|riot|block|taking\s+part|participat))", re.I)


def intervenes_on_crowd(t: Trigger, sentence: str) -> bool:
    """Whether an arrest or intervention reported by a sentence that goes on about a protest was done to the
    crowd (and so makes it a Protest with intervention)."""
    if t.sub_event_type not in ("Protest with intervention", "Arrests") or not ARREST_WORD.search(t.text):
        return True
    if BY_THE_CROWD.search(sentence, t.end):
        return False
    # who was held: the subject of a passive ("Five protesters were detained"), or the object ("arrested 12 of them")
    held = sentence[:t.start] + " " + t.text + " " + sentence[t.end:t.end + 40]
    held = re.sub(r"\b\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b|\b(?:19|20)\d\d\b", " ", held)  # dates are no people
    if CROWD_HELD.search(held) or re.search(r"\b(?:they|them|protesters?|demonstrators?)\b", held, re.I):
        return True
    return bool(SOMEONE_HELD.search(held)) and not FOR_A_DEED.search(sentence)


def crowd_follow_up(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """What a sentence adds to a protest or riot reported just before it (dispersal, arrests, violence)."""
    triggers = [t for t in find_triggers(sentence, lexicon, crowd_known=True) if t.sub_event_type != "Peaceful protest"
                and intervenes_on_crowd(t, sentence)]
    return max(triggers, key=lambda t: (t.priority, -t.start)) if triggers else None


def classify_sentence(sentence: str, lexicon: Lexicon = LEXICON) -> Trigger | None:
    """The sub-event trigger of a sentence that reports an event, or None (no event, statement, background)."""
    trigger = choose_trigger(find_triggers(sentence, lexicon), sentence)
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
    if sub == "Arrests":
        return _detention(trigger, sentence, actors)
    if sub not in VIOLENCE_SUBS:
        return sub
    kinds = {a.kind for a in actors}
    if not kinds & NON_STATE_ARMED_KINDS and not _matches(lexicon.armed, sentence):
        crowd = [a for a in actors if a.kind in ("civilian", "mob", "crowd")]
        unorganised = _matches(lexicon.unorganised, sentence) or "mob" in kinds
        agents = [a for a in crowd if a.start < trigger.start and not a.by_agent  # taking part, not a target
                  and not re.fullmatch(r"(?:the\s+)?(?:villages?|homes|houses|bod(?:y|ies)|corpses?)", sentence[a.start:a.end], re.I)]
        if any(a.kind == "state" and a.start < trigger.start for a in actors):  # "the troops clashed with …":
            agents = [a for a in agents if a.kind == "mob" or CROWD_NOUN.search(sentence, a.start, a.end)]  # no "village"
        # "two groups of police clashed" is a fight among state forces, not a mob
        if sub == "Armed clash" and ((unorganised and (crowd or "state" not in kinds)) or agents):
            return "Mob violence"
        if sub == "Attack" and "state" not in kinds and unorganised and (agents or "mob" in kinds):
            return "Mob violence"
    if _crowd_assails(trigger, sentence, actors, lexicon):
        return "Mob violence"
    if sub == "Attack" and _armed_victim(trigger, sentence, actors, lexicon):
        return "Armed clash"
    if sub == "Armed clash" and not _matches(lexicon.mutual, trigger.text):
        if ARMED_TARGET.search(trigger.text):
            return sub  # "attacked an army post", "attack against the troops": the target is armed
        if _matches(lexicon.unarmed_victim, sentence):
            return "Attack"  # "shot a police officer (off duty)", "beat a detainee": the victim could not fight
        after = [a for a in actors if a.start >= trigger.end and not a.by_agent]
        if after and after[0].kind == "civilian" and not any(a.kind in ARMED_ACTOR_KINDS for a in after):
            return "Attack"
    return sub


# Words for people acting as a crowd (not "a man", "4 men": individual assailants are no mob).
CROWD_NOUN = re.compile(r"\b(?:residents|villagers|locals|motorists|people|youths|mobs?|crowds?|vendors|hawkers|"
                        r"traders|merchants|passers-?by|onlookers|neighbou?rs|community|communities|farmers|"
                        r"students|workers|supporters|drivers|passengers|relatives|families|fishermen|miners)\b", re.I)
REPORTED_BY = re.compile(r"\b(?:said|says|told|reported|according|claimed|alleged|accused)\b", re.I)


def _crowd_assails(trigger: Trigger, sentence: str, actors: list, lexicon: Lexicon = LEXICON) -> bool:
    """Whether the ones who struck are an unorganised crowd ("residents caught a suspected robber and beat him",
    "motorists beat up two suspected thieves"): every actor named before an active verb is civilians or a mob,
    with no weapon or armed group among them, whoever the victim was (a robber or an officer is no armed side)."""
    if _matches(lexicon.mutual, trigger.text):
        return False
    head = sentence[:trigger.start]
    if PASSIVE_BEFORE.search(head[-40:]) or REPORTED_BY.search(head) or _matches(lexicon.armed, head):
        return False
    before = [a for a in actors if a.start < trigger.start and not a.by_agent]
    if not before or any(a.kind not in ("civilian", "mob", "crowd") or not (a.kind == "mob" or CROWD_NOUN.search(
            sentence, a.start, a.end)) for a in before):
        return False  # "two men shot …", a named force the actor module took for civilians: no crowd
    return not any(a.by_agent and a.kind in ARMED_ACTOR_KINDS for a in actors)


def _detention(trigger: Trigger, sentence: str, actors: list) -> str:
    """Arrests are made by a state's forces; people seized by a non-state armed group ("QSD detained three
    people", "detained by the militants") are abducted."""
    agent = next((a for a in actors if a.by_agent and a.kind in ARMED_ACTOR_KINDS), None)
    passive = bool(PASSIVE_BEFORE.search(sentence[max(0, trigger.start - 40):trigger.start]))
    if agent is None and not passive:
        # the subject of the verb: an actor named before it, unless the verb is passive ("suspects were arrested")
        before = [a for a in actors if a.start < trigger.start and a.kind in ARMED_ACTOR_KINDS and not a.by_agent]
        agent = before[0] if before else None
    if agent is not None and agent.kind in NON_STATE_ARMED_KINDS and agent.kind != "unidentified_military":
        return "Abduction/forced disappearance"
    return "Arrests"


# The target words of a clash trigger that name an armed side ("attacked the army post").
ARMED_TARGET = re.compile(r"\b(?:positions?|posts?|bases?|checkpoints?|patrols?|convoys?|troops|soldiers|police|"
                          r"policemen|officers|forces|army|military|stations?|barracks|outposts?|militants|rebels|"
                          r"fighters|helicopters?)\b", re.I)


PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got)\s+(?:(?!an?\b|the\b)\w+\s+){0,2}$", re.I)
PARTICIPLE = re.compile(r"(?:ed|en|t)\b", re.I)  # "killed", "beaten", "shot": not "a massacre"


# The object of a violent verb named as a member of a force, right after it ("killed a soldier", "shot two
# policemen"), whether or not the actor module knows which force.
ARMED_VICTIM_NOUN = re.compile(r"\s*(?:and\s+(?:\w+\s+)?(?:killed|injured|wounded)\s+)?(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|many)?\s*"
                               r"(?:(?:government|army|military|police|state|security|rebel|militia|border)\s+)?"
                               r"(?:soldiers?|troops|policem[ae]n|police\s+officers?|gendarmes?|servicem[ae]n|"
                               r"militiam[ae]n|fighters|combatants|militants|rebels|bandits|gangsters|gang\s+members|"
                               r"cartel\s+members|kidnappers|insurgents|jihadists)\b"
                               # a named force's man: "two Wagner fighters", "a Hamas commander" (not a party member)
                               r"|\s*(?:and\s+(?:\w+\s+)?(?:killed|injured|wounded)\s+)?(?:an?|the|two|three|four|five|\d+)\s+(?-i:(?:[A-Z][\w'-]*\s+){1,4})"
                               r"(?:fighters?|commanders?|militants?|combatants?|soldiers?)\b", re.I)


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
    if _matches(lexicon.unarmed_victim, sentence):
        return False  # someone held, or a member off duty: a civilian whatever the force's name
    if side:
        victim = side[-1] if passive else side[0]
        if _matches(lexicon.civilian_status, sentence[max(0, victim.start - 30):victim.start]) or \
                _matches(lexicon.civilian_status, sentence[victim.end:victim.end + 30]):
            return False
        if victim.kind in ARMED_ACTOR_KINDS:
            return True
        if victim.kind == "civilian":
            return False
    if not passive and ARMED_VICTIM_NOUN.match(region) and not _matches(lexicon.civilian_status, region[:40]):
        return True  # "militants killed a soldier": the object is a member of a force on duty
    return _matches(lexicon.armed_victim, region) and not _matches(lexicon.civilian_status, region)
