"""Relevance: does a sentence with an event trigger report political violence, a demonstration or a strategic
development that happened, or is it ordinary news that borrows the words (sport, markets, courts, accidents,
crime for gain, statistics)?

Two levels, as a reader of news decides: the article's domain from its headline and opening (a sports report,
a market report, a court report, an accident), then each trigger sentence in that light. The rules and their
word lists live in sitrep/resources/relevance.toml; this module only compiles and applies them.

    rules = load_relevance_rules()
    article = assess_article(title, text, rules)    # its domain ("sport", "business", "court", "accident" or "")
    verdict = sentence_relevance(sentence, trigger, article, rules)
    verdict.relevant, verdict.reason
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitrep.settings import RESOURCES_DIR

RELEVANCE_FILE = RESOURCES_DIR / "relevance.toml"
# How much of an article counts as its opening: the headline and lede say what a story is about.
LEDE_CHARS = 600
# Below this length a text is a snippet or a one-line report: what it leaves unsaid is no evidence.
CONTEXT_CHARS = 400

# Strategic developments that only parties to a conflict or a protest movement make: without one anywhere in
# the article, "an agreement", "a new unit" or "a base" is business or administration.
PARTY_ONLY = frozenset({"Agreement", "Change to group/activity", "Headquarters or base established"})
VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Sub-event types whose words crime reports share; the crime rule applies to these only.
# An arrest for such a crime ("arrested in connection with the assault of his daughter") is police work, not an
# arrest the codebook counts, unless the arrested or the motive are political.
# Sexual violence is among them: the codebook counts it as political violence, which a burglar's is not.
CRIME_SHARED = frozenset({"Attack", "Armed clash", "Abduction/forced disappearance", "Sexual violence",
                          "Looting/property destruction", "Disrupted weapons use", "Mob violence", "Arrests"})
CROWD_TYPES = frozenset({"Protests", "Riots"})
# How far from a trigger (characters) an exercise or a work of culture frames it.
FRAME_REACH = 60


@dataclass(frozen=True)
class Domain:
    name: str
    title: re.Pattern[str]      # a headline or wire slug that names the domain
    body: re.Pattern[str]       # the domain's words, counted in the opening of an article
    lede_hits: int              # how many of them make the opening the domain's
    frame: re.Pattern[str]      # the domain's unmistakable words, which frame a single sentence
    frame_hits: int


@dataclass(frozen=True)
class ArticleContext:
    domain: str                 # "" for news that may be of conflict
    political: bool             # significant people, politics or protest are named anywhere in the article
    conflict: bool              # conflict, protest or politics is named anywhere in the article


class TriggerLike(Protocol):
    """What relevance reads of a trigger (lexicon.Trigger has it; tests build a TriggerView)."""
    @property
    def sub_event_type(self) -> str: ...
    @property
    def event_type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class TriggerView:
    """What relevance needs of a trigger: its types and its words."""
    sub_event_type: str
    event_type: str
    start: int                  # offset of the trigger words in the sentence
    end: int
    text: str


@dataclass(frozen=True)
class RelevanceRules:
    domains: tuple[Domain, ...]
    political: re.Pattern[str]
    crime: re.Pattern[str]
    crime_political: re.Pattern[str]
    arrest_political: re.Pattern[str]
    tally: re.Pattern[str]
    metaphor: re.Pattern[str]
    plan: re.Pattern[str]
    plan_reach: int
    armed: re.Pattern[str]
    campaign: re.Pattern[str]
    diplomatic: re.Pattern[str]
    ambiguous: re.Pattern[str]
    harm: re.Pattern[str]
    target: re.Pattern[str]
    crime_bystanders: re.Pattern[str]
    gain: re.Pattern[str]
    charged_over: re.Pattern[str]
    charged_reach: int
    cumulative: re.Pattern[str]
    mob_justice: re.Pattern[str]
    agreement_party: re.Pattern[str]
    history: re.Pattern[str]
    plan_after: re.Pattern[str]
    plan_after_reach: int
    verbal: re.Pattern[str]
    exercise: re.Pattern[str]
    culture: re.Pattern[str]
    civil_base: re.Pattern[str]

    def domain(self, name: str) -> Domain | None:
        return next((d for d in self.domains if d.name == name), None)


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str = ""


RELEVANT = Verdict(True)


def _words(cues: list[str]) -> re.Pattern[str]:
    # Not \b: a cue may end on punctuation ("soccer:" in a headline slug), where \b would demand a word after it.
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{c})" for c in cues) + r")(?!\w)", re.I)


def load_relevance_rules(path: Path = RELEVANCE_FILE) -> RelevanceRules:
    with open(path, "rb") as fh:
        table = tomllib.load(fh)
    domains = tuple(Domain(name, _words(d["title"]), _words(d["body"]), int(d["lede_hits"]), _words(d["frame"]),
                           int(d["frame_hits"])) for name, d in table["domains"].items())
    return RelevanceRules(
        domains=domains,
        political=_words(table["political"]["cues"]),
        crime=_words(table["crime"]["cues"]),
        crime_political=_words(table["crime_political"]["cues"]),
        arrest_political=_words(table["arrest_political"]["cues"]),
        tally=_words(table["tally"]["cues"]),
        metaphor=_words(table["metaphor"]["cues"]),
        plan=_words(table["plan"]["cues"]),
        plan_reach=int(table["plan"]["reach"]),
        armed=_words(table["armed"]["cues"]),
        campaign=_words(table["campaign"]["cues"]),
        diplomatic=_words(table["diplomatic"]["cues"]),
        ambiguous=_words(table["ambiguous"]["cues"]),
        harm=_words(table["harm"]["cues"]),
        target=_words(table["target"]["cues"]),
        crime_bystanders=_words(table["crime_bystanders"]["cues"]),
        gain=_words(table["gain"]["cues"]),
        charged_over=_words(table["charged_over"]["cues"]),
        charged_reach=int(table["charged_over"]["reach"]),
        cumulative=_words(table["cumulative"]["cues"]),
        mob_justice=_words(table["mob_justice"]["cues"]),
        agreement_party=_words(table["agreement_party"]["cues"]),
        history=_words(table["history"]["cues"]),
        plan_after=_words(table["plan_after"]["cues"]),
        plan_after_reach=int(table["plan_after"]["reach"]),
        verbal=_words(table["verbal"]["cues"]),
        exercise=_words(table["exercise"]["cues"]),
        culture=_words(table["culture"]["cues"]),
        civil_base=_words(table["civil_base"]["cues"]),
    )


def _hits(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def assess_article(title: str, text: str, rules: RelevanceRules) -> ArticleContext:
    if len(text) < CONTEXT_CHARS:  # a snippet: too little text for what it does not say to be evidence
        return ArticleContext(article_domain(title, text, rules), True, True)
    return ArticleContext(article_domain(title, text, rules), rules.arrest_political.search(text) is not None,
                          rules.political.search(f"{title} {text}") is not None)


def article_domain(title: str, text: str, rules: RelevanceRules) -> str:
    """The domain an article belongs to when it is not news of conflict: its headline names it, or its opening
    carries the domain's words well above the words of politics and conflict. "" for everything else."""
    lede = text[:LEDE_CHARS]
    # "Stocks rally", "a march on goal": words that markets and sport share with crowds vouch for no politics here.
    political = _unambiguous_hits(rules, f"{title} {lede}")
    best, best_hits = "", 0
    for d in rules.domains:
        if title and d.title.search(title) and not _unambiguous_hits(rules, title):
            return d.name
        hits = _hits(d.body, lede)
        if hits >= d.lede_hits and not political and hits > best_hits:
            best, best_hits = d.name, hits
    return best


def _unambiguous_hits(rules: RelevanceRules, text: str) -> int:
    return sum(1 for m in rules.political.finditer(text) if not rules.ambiguous.fullmatch(m.group(0)))


def _framed(domain_name: str, sentence: str, rules: RelevanceRules) -> bool:
    d = rules.domain(domain_name)
    return d is not None and _hits(d.frame, sentence) >= d.frame_hits


# "arrested 40 people", "51 members … were detained": a mass arrest, which the codebook counts.
# The count must be of people: "arrested 40 protesters", "40 were detained", "detained at least 40" ("40 head of
# cattle" is no mass arrest).
_N = r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d+|dozens|scores|hundreds|thousands)"
MASS_COUNT = re.compile(
    rf"\b{_N}\s+(?:of\s+)?(?:[\w-]+\s+){{0,2}}(?:people|persons|men|women|youths?|students|protesters|demonstrators|"
    r"supporters|members|activists|suspects|individuals|civilians|residents|villagers|traders|workers|migrants|"
    r"refugees|opposition|party|fighters|militants|rebels|soldiers|officers|others)\b"
    rf"|\b{_N}\s+(?:\w+\s+)?(?:were|have\s+been|had\s+been|was)\s+(?:\w+\s+)?(?:arrested|detained|held|rounded\s+up)"
    rf"|\b(?:arrested|detained|rounded\s+up|held)\s+(?:at\s+least\s+|some\s+|about\s+|around\s+|more\s+than\s+|over\s+)?"
    rf"{_N}\b(?!\s+(?:head|cattle|cows|goats|sheep|kg|kilos|tonnes|litres|rounds|bags|vehicles|cars))", re.I)


def sentence_relevance(sentence: str, trigger: TriggerLike, article: ArticleContext,
                       rules: RelevanceRules) -> Verdict:
    """Whether a trigger sentence reports an event of the codebook, with the reason when it does not."""
    # An ambiguous trigger's own words do not count as a political cue: "a late rally", "demonstrated poise" and
    # "the Dow rallied" would otherwise vouch for themselves against the sport or market frame they sit in.
    around = _outside_trigger(rules.political, sentence, trigger)
    political = around if rules.ambiguous.fullmatch(trigger.text.strip()) else \
        rules.political.search(sentence) is not None
    borrowed = rules.metaphor.search(trigger.text) is not None
    if article.domain == "statement" or _framed("statement", sentence, rules):
        return Verdict(False, "a party's statement or press release")
    # Arms or harm cancel the borrowing only when named outside the trigger and in their own sense: "a
    # single-shot edge" or "the walking wounded" of a sports report are no gunfire and no casualties.
    borrowed = borrowed and not _literal_outside(rules.armed, sentence, trigger, rules) and \
        not _outside_trigger(rules.harm, sentence, trigger)
    for frame in ("sport", "business"):
        if borrowed and (
                article.domain == frame or (_framed(frame, sentence, rules) and not political)):
            return Verdict(False, f"{frame} wording")
    if rules.plan.search(sentence[max(0, trigger.start - rules.plan_reach):trigger.start]) or \
            rules.plan_after.search(sentence, trigger.end, min(len(sentence), trigger.end + rules.plan_after_reach)):
        return Verdict(False, "a plan, purpose or call, not an event")
    verdict = _not_of_the_world(sentence, trigger, borrowed, rules)
    if verdict is not None:
        return verdict
    if rules.campaign.search(sentence, max(0, trigger.start - 12), min(len(sentence), trigger.end + 30)):
        return Verdict(False, "a policy or campaign (the fight against crime), not an event")
    if trigger.event_type == "Protests" and rules.diplomatic.search(sentence):
        return Verdict(False, "a state's diplomatic protest, not a demonstration")
    if _framed("court", sentence, rules) and (trigger.event_type not in CROWD_TYPES or rules.charged_over.search(
            sentence, max(0, trigger.start - rules.charged_reach), trigger.start)):
        # A crowd outside a court protests; a riot that people are charged over is the court's subject.
        return Verdict(False, "court report")
    # An accident kills or injures with no actor who meant it; the driver arrested after it is no ACLED arrest.
    if (trigger.event_type in VIOLENCE_TYPES - CROWD_TYPES or trigger.sub_event_type == "Arrests") \
            and not rules.armed.search(sentence) and (
            article.domain == "accident" or _framed("accident", sentence, rules)):
        return Verdict(False, "accident or disaster")
    if trigger.sub_event_type in CRIME_SHARED and rules.crime.search(sentence) and \
            not _crime_political(rules, sentence, trigger):
        return Verdict(False, "crime with no political actor or motive")
    if trigger.sub_event_type == "Arrests" and not article.political and not article.conflict \
            and not MASS_COUNT.search(sentence):
        return Verdict(False, "arrest of no significant person")
    if trigger.sub_event_type in PARTY_ONLY and not article.conflict:
        return Verdict(False, "no party to a conflict or protest named")
    if trigger.sub_event_type == "Headquarters or base established" and rules.civil_base.search(sentence) and \
            not _literal_outside(rules.armed, sentence, trigger, rules):
        return Verdict(False, "a base of a firm, club or charity")
    if trigger.sub_event_type == "Agreement" and not rules.agreement_party.search(sentence):
        return Verdict(False, "an agreement of no party to a conflict or protest")
    # A crowd that marks an anniversary demonstrates (the codebook codes commemorations as protests); for other
    # types the remembered event itself is no political cue of the sentence.
    if trigger.event_type not in CROWD_TYPES and rules.cumulative.search(sentence):
        return Verdict(False, "a cumulative toll over a period, not an event")
    if trigger.event_type not in CROWD_TYPES and (
            (not around and rules.tally.search(sentence)) or rules.history.search(sentence)):
        return Verdict(False, "a tally or a remembrance, not an event")
    return RELEVANT


def _crime_political(rules: RelevanceRules, sentence: str, trigger: TriggerLike) -> bool:
    """Whether a crime sentence names a political actor, target or motive. Where gain is the named motive
    (robbers, theft), people who are only robbed or look on (traders, passengers, residents) do not make it
    political; they do when they act, as a crowd does that beats a thief (named before the act, or by the
    codebook's mob-justice wording)."""
    if trigger.sub_event_type == "Mob violence" or rules.gain.search(sentence) is None or \
            rules.mob_justice.search(sentence):
        return rules.crime_political.search(sentence) is not None
    return any(not rules.crime_bystanders.fullmatch(m.group(0)) or m.start() < trigger.end
               for m in rules.crime_political.finditer(sentence))


def _not_of_the_world(sentence: str, trigger: TriggerLike, borrowed: bool, rules: RelevanceRules) -> Verdict | None:
    """Violence that is words (a row in parliament, an election), a show of arms (a drill, a test) or a story (a
    film, an exhibition, the distant past): a verdict, or None when the sentence may report an event."""
    if trigger.event_type in CROWD_TYPES or _outside_trigger(rules.harm, sentence, trigger):
        return None
    armed = _literal_outside(rules.armed, sentence, trigger, rules)
    if borrowed and not armed and rules.verbal.search(sentence):
        return Verdict(False, "a row of words or an election, not violence")
    # A drill or a film frames only the words next to it ("held artillery drills", "played a bomber in a film"),
    # not an attack on troops who were on manoeuvres weeks before.
    if rules.exercise.search(sentence, max(0, trigger.start - FRAME_REACH // 2), trigger.end + FRAME_REACH // 2):
        return Verdict(False, "an exercise or a test, not an event")
    if not armed and rules.culture.search(sentence, max(0, trigger.start - FRAME_REACH), trigger.end + FRAME_REACH):
        return Verdict(False, "culture or history, not an event")
    return None


def _outside_trigger(pattern: re.Pattern[str], sentence: str, trigger: TriggerLike) -> bool:
    return any(m.end() <= trigger.start or m.start() >= trigger.end for m in pattern.finditer(sentence))


# The words of arms that games use in their own sense ("a one-shot lead", "fired a 66", "shooting guard").
GAME_SHOTS = re.compile(r"(?:shots?|shooting|shoot|fired|fire)", re.I)


def _literal_outside(pattern: re.Pattern[str], sentence: str, trigger: TriggerLike, rules: RelevanceRules) -> bool:
    """A cue outside the trigger that is not one of the shot words games use in their own sense."""
    return any((m.end() <= trigger.start or m.start() >= trigger.end) and not GAME_SHOTS.fullmatch(m.group(0))
               for m in pattern.finditer(sentence))


def names_conflict(sentence: str, rules: RelevanceRules) -> bool:
    """Whether a sentence names a party, a weapon or a crowd of conflict or protest, or a target whose attack is
    political by who the target is (a judge, a minister, a diplomat, a journalist): such a sentence is news of
    its own even below the lede of a report that opens with something else (a communique, a speech)."""
    return rules.political.search(sentence) is not None or rules.target.search(sentence) is not None
