"""The coder's stages, in order. Each is a callable `(Document) -> Document` with a `name`; each can be run on
a hand-made Document, and a Coder runs any list of them (`Coder(stages=[...])`).

  segment     normalised text, sentences and event clauses
  casing      a case-restored copy of all-capitals / all-lower-case paragraphs (same offsets)
  triggers    each sentence's realis trigger, note label, "died later"
  relevance   triggers of ordinary news (sport, markets, courts, accidents, crime for gain, plans) set aside
  dates       the article's main date and each sentence's date
  entities    NER spans of the trigger sentences and their neighbours (None without a model)
  places      the article's places, its main place, each sentence's place
  mentions    sentences grouped into event mentions and their followers
  actors      each mention's actors and descriptors
  merge       same place and day: one event; followers join their event
  scenes      one scene per event and place of a list of scenes
  deaths      the deaths each scene's sentences report
  typing      each scene's final sub-event type and actor roles
  fatalities  the fatalities coded for each scene's type and share
  rows        event rows and figure rows
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources
from sitrep.coding.stages.actors import Actors
from sitrep.coding.stages.casing import Casing
from sitrep.coding.stages.dates import Dates
from sitrep.coding.stages.entities import Entities
from sitrep.coding.stages.fatalities import Deaths, Fatalities
from sitrep.coding.stages.mentions import Mentions
from sitrep.coding.stages.merge import Merge
from sitrep.coding.stages.places import Places
from sitrep.coding.stages.relevance import Relevance
from sitrep.coding.stages.rows import Rows
from sitrep.coding.stages.scenes import Scenes
from sitrep.coding.stages.segment import Segment
from sitrep.coding.stages.triggers import Triggers
from sitrep.coding.stages.typing import Typing


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


STAGE_TYPES: tuple[Callable[[CoderResources], Stage], ...] = (
    Segment, Casing, Triggers, Relevance, Dates, Entities, Places, Mentions, Actors, Merge, Scenes, Deaths, Typing,
    Fatalities, Rows)


def default_stages(resources: CoderResources) -> list[Stage]:
    """The stages of the default coder, built over one set of resources."""
    return [make(resources) for make in STAGE_TYPES]
