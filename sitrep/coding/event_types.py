"""Event and sub-event classification of one sentence, and telling events from statements and background.

The words live in sitrep/resources/event_lexicon.toml (compiled by lexicon.py, passed in as `lexicon`); this
module applies three generic rules:
  * a trigger counts only in a realis reading (no "threatened to", "could", "called for" just before it);
  * a sentence of commentary (anniversaries, trials, honours) or about the past ("since the invasion")
    reports no event;
  * among the triggers left, protests and riots absorb the violence done to or by the crowd; otherwise the
    highest priority wins (ACLED's hierarchy, with modifiers above their base type).
"""

from __future__ import annotations

import re

from schemas.acled import EVENT_TYPE_OF
from sitrep.coding.lexicon import Lexicon, Trigger, TriggerRule, candidate_starts, matches

DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})
# Event types whose trigger, when it precedes the protest word, shows the sentence is about that violence.
ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence"})

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
SHORT_REACH_CUE = re.compile(r"(?:no(?:\s+reports?\s+of)?|accused\s+of(?:\s+having)?|justice\s+for|without|never|any|"
                             r"denied|deny|denies|banned|ban(?:ned)?\s+on|did\s+not|didn't|"
                             r"does\s+not|do\s+not|doesn't|don't|has\s+not|have\s+not|hasn't|haven't)\s+"
                             r"(?P<gap>(?:[\w'-]+\s+)*)$", re.I)
# A ban defied is no ban on what happened ("defying a ban on gatherings, hundreds rallied").
DEFIANCE_BEFORE = re.compile(r"\b(?:despite|defying|defied|in\s+defiance\s+of|in\s+spite\s+of)\s+(?:\w+\s+){0,2}$",
                             re.I)


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


def is_irrealis(sentence: str, trigger_start: int, lexicon: Lexicon, crowd: bool = False) -> bool:
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


def is_commentary(sentence: str, lexicon: Lexicon) -> bool:
    """Anniversaries, trials, honours, condemnations: the sentence reports no new event."""
    return bool(lexicon.commentary.search(sentence))


def is_non_acled(sentence: str, lexicon: Lexicon) -> bool:
    """The deaths or damage the sentence reports come from a disaster or an accident, not political violence."""
    if lexicon.non_acled_unless is not None and lexicon.non_acled_unless.search(sentence):
        return False
    return bool(lexicon.non_acled and lexicon.non_acled.search(sentence))


def is_background(sentence: str, lexicon: Lexicon) -> bool:
    """The sentence recalls the war or an earlier campaign rather than a new event."""
    return bool(lexicon.background.search(sentence))


def note_prefix_type(text: str, lexicon: Lexicon) -> str | None:
    """The sub-event type named by an analyst's label at the start of a note ("Interception: On 7 April …")."""
    if lexicon.note_prefix_rx is None:
        return None
    m = lexicon.note_prefix_rx.match(text)
    return lexicon.note_prefixes[m.group(1).lower()] if m else None


def find_triggers(sentence: str, lexicon: Lexicon, realis_only: bool = True,
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
        if (rule.unless is not None or rule.requires is not None) and \
                not any(rule.pattern.match(sentence, p) for p in starts):
            continue  # no match to keep or set aside: spare the sentence-wide searches of its conditions
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


def choose_trigger(triggers: list[Trigger], sentence: str, lexicon: Lexicon) -> Trigger | None:
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
        if not any(t.event_type in ARMED_TYPES and t.start < first_crowd and not _crowd_scuffle(t, sentence, lexicon)
                   for t in triggers):
            top = max(crowd, key=lambda t: (t.priority, -t.start))
            fight = next((t for t in triggers
                          if _crowd_scuffle(t, sentence, lexicon) and _CROWD_FIGHT.search(t.text)), None)
            if fight is not None and top.sub_event_type in ("Peaceful protest", "Protest with intervention"):
                # "protesters and police clashed": the crowd fought, a violent demonstration
                return Trigger("Violent demonstration", "Riots", fight.start, fight.end, 55, fight.text)
            return top
    best = max(triggers, key=lambda t: (t.priority, -t.start))
    if best.sub_event_type in lexicon.ground_absorbs | lexicon.fight_absorbs:
        territory = next((t for t in triggers if t.sub_event_type in lexicon.territory), None)
        if territory is not None and best.sub_event_type in lexicon.ground_absorbs:
            return territory  # shelling before a capture: ground changed hands, a Battles event
        # Shelling or an air strike in support of ground fighting is one Battles event (codebook hierarchy):
        # the clash wins when it is mutual fighting or is the sentence's main act (named before the strike).
        # A mine or grenade is absorbed only by fighting in both directions.
        for t in triggers:
            if t.sub_event_type != "Armed clash":
                continue
            mutual = matches(lexicon.mutual, t.text) or (
                bool(sentence) and matches(lexicon.mutual, sentence[:best.start] + " " + sentence[best.end:]))
            if best.sub_event_type in lexicon.fight_absorbs:
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
                # through the trigger: "after stones were thrown" is a clause
                r"[,;.]|\b(?:turned|erupted|spread|escalated|became|with|and|have|has|had|was|were|is|are)\b",
                sentence[cues[-1].end():t.end]):
            return True
    return False


# A protest named as the reason for something else ("arrested for supporting demonstrations", "detained over
# their role in the protests"): the protest is a topic, not the sentence's event.
PROTEST_AS_REASON = re.compile(r"\bwho\s+(?:had\s+)?(?:took|taken|take)\s+part\s+in\s+(?:[\w'-]+\s+){0,3}$|"
                               r"\bwho\s+(?:had\s+)?(?:participated|joined|led|organi[sz]ed)\s+(?:in\s+)?"
                               r"(?:[\w'-]+\s+){0,3}$|"
                               r"\b(?:in\s+connection\s+with|accus\w+\s+(?:\w+\s+){0,2}of\s+\w+ing)\s+(?:[\w'-]+\s+)"
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


def _crowd_scuffle(trigger: Trigger, sentence: str, lexicon: Lexicon) -> bool:
    return bool(sentence) and trigger.event_type == "Battles" and bool(_SCUFFLE.search(trigger.text)) and \
        not matches(lexicon.armed, sentence)


def classify_sentence(sentence: str, lexicon: Lexicon) -> Trigger | None:
    """The sub-event trigger of a sentence that reports an event, or None (no event, statement, background)."""
    trigger = choose_trigger(find_triggers(sentence, lexicon), sentence, lexicon)
    # A crowd gathering at an anniversary or a trial is still a protest; other commentary reports nothing, and
    # neither do deaths in a flood or a factory blast.
    if trigger is not None and trigger.event_type not in DEMONSTRATION_TYPES and (
            is_commentary(sentence, lexicon) or is_non_acled(sentence, lexicon)):
        return None
    return trigger


def __getattr__(name: str) -> Lexicon:
    # actor_roles._off_duty reads the [violence] cues as event_types.LEXICON (the actors' module, not the
    # coder's to change): it gets the default resources' lexicon, loaded on first use, not at import.
    if name == "LEXICON":
        from sitrep.coding.resources import default_resources

        return default_resources().events
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
