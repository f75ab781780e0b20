"""The document the coder's stages pass along: one article and everything read from it so far.

Each stage (sitrep/coding/stages/) fills in its part and hands the document on:
  segment    norm, sentences                        places     places, main_place, sentence_places
  casing     analysis_text, analysis_norm           entities   entity_spans, place_candidates (None: no model)
  triggers   readings (one per sentence)             mentions   mentions, followers
  dates      reference, dates (one per sentence)     actors     each mention's actors and descriptors
  merge      events                                  scenes     scenes (one per event and listed place)
  deaths, typing, fatalities: each scene's count, sub-event type, roles and coded fatalities
  rows       event_rows, figure_rows
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sitrep.articles import published_date
from sitrep.coding.actors import ActorMention, Roles
from sitrep.coding.dates import MainDate, SentenceDate
from sitrep.coding.entities import EntitySpan
from sitrep.coding.fatalities import FatalityCount
from sitrep.coding.lexicon import Trigger
from sitrep.coding.places import Place
from sitrep.coding.relevance import ArticleContext
from sitrep.coding.sentences import Sentence


@dataclass(frozen=True)
class SentenceReading:
    """What the triggers stage read in one sentence."""
    trigger: Trigger | None  # its realis event trigger (clauses about separately coded events left out)
    label: str | None = None  # the sub-event type named by an analyst's label opening the note ("Looting: …")
    died_later: bool = False  # a victim of an event already reported dying later ("succumbed to his wounds")
    irrelevant: str = ""  # why the relevance stage set its trigger aside (sport, court report, crime for gain …)
    names_conflict: bool = False  # it names a party, weapon or crowd of conflict or protest (relevance stage)


@dataclass(frozen=True)
class SentencePlace:
    """The place a sentence names for its scene, and the geo_precision its wording gives."""
    place: Place | None
    geo_precision: int = 0


class ActorQuery(NamedTuple):
    """A request to the actor finder, fixed when the sentence joined its event (actors.find_actors)."""
    text: str
    country: str
    on: date
    armed_context: bool
    admin1: str = ""


@dataclass(eq=False)  # one mention is one object: compared by identity
class Mention:
    """One event as the text reports it: the sentence that reports it and those that go on about it."""
    trigger: Trigger
    sentences: list[Sentence]
    event_date: date
    time_precision: int
    date_text: str
    place: Place | None
    place_text: str
    geo_precision: int
    actor_query: ActorQuery | None = None  # the trigger sentence's actors …
    descriptor_query: tuple[str, str] | None = None  # … and descriptors (text, country) of a crowd
    extra_queries: list[ActorQuery] = field(default_factory=list)  # actors of the sentences elaborating it
    actors: list[ActorMention] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    extra_actors: list[ActorMention] = field(default_factory=list)
    last_paragraph: int = -1  # paragraph of the latest sentence said to be about this event (own or elaborating)
    separate: bool = False  # announced as another event ("Separately, …", "Also on Monday, …"): never merged

    def __post_init__(self) -> None:
        if self.last_paragraph < 0:
            self.last_paragraph = self.sentences[-1].paragraph

    @property
    def sub_event_type(self) -> str:
        return self.trigger.sub_event_type


@dataclass(eq=False)
class Scene:
    """One row to be: an event, or its share at one place of a list of scenes ("shelled A, B and C")."""
    event: Mention
    part: int = 0
    parts: int = 1
    deaths: FatalityCount | None = None  # the deaths its sentences report (deaths stage)
    sub_event_type: str = ""  # final type (typing stage)
    roles: Roles | None = None
    fatalities: FatalityCount | None = None  # as coded for its type and share (fatalities stage)


@dataclass
class Document:
    article: Mapping[str, Any]
    article_id: str
    text: str
    published: date
    norm: str = ""  # the text with quotes, dashes and odd spaces mapped one-to-one (offsets unchanged)
    sentences: list[Sentence] = field(default_factory=list)
    # The text with its all-capitals / all-lower-case paragraphs put in ordinary case (casing stage): same length,
    # so its offsets are the text's. Places, dates, actors and entities read it; quotes and notes come from `text`.
    analysis_text: str = ""
    analysis_norm: str = ""  # analysis_text with norm's one-to-one character mapping
    # Named entities of the sentences around event triggers (entities stage); None when no model ran.
    entity_spans: list[EntitySpan] | None = None
    place_candidates: list[Place] | None = None  # the gazetteer's matches, when the entities stage needed them first
    readings: list[SentenceReading] = field(default_factory=list)
    reference: MainDate | None = None
    context: ArticleContext | None = None  # the article's domain and whether it names conflict (relevance stage)
    dates: list[SentenceDate] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    main_place: Place | None = None
    sentence_places: list[SentencePlace] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    followers: dict[int, int] = field(default_factory=dict)  # sentence start → index of the mention it elaborates
    events: list[Mention] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    event_rows: list[dict[str, Any]] = field(default_factory=list)
    figure_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def analysis(self) -> str:
        """The text stages read names from: the case-restored text, or the text itself before the casing stage."""
        return self.analysis_text or self.text

    @property
    def case_restored(self) -> bool:
        """Did the casing stage change the case of any part of the text."""
        return bool(self.analysis_text) and self.analysis_text != self.text

    def analysis_of(self, sentence: Sentence) -> str:
        """The sentence as the case-restored text has it (its normalised characters; same offsets)."""
        if not self.analysis_norm or not self.case_restored:
            return sentence.text
        return self.analysis_norm[sentence.start:sentence.end]

    @classmethod
    def from_article(cls, article: Mapping[str, Any]) -> Document:
        return cls(article=article, article_id=str(article.get("id") or ""), text=str(article.get("text") or ""),
                   published=published_date(article))
