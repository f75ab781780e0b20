"""Everything the coder's own stages read from sitrep/resources, loaded once into one CoderResources object.

A Coder owns one (built with `CoderResources.load()`); nothing is read at import time. The place and actor
finders (sitrep.coding.places, sitrep.coding.actors) keep their own tables.
  event_lexicon.toml   trigger rules and cue patterns  → events  (lexicon.Lexicon)
  figure_lexicon.toml  numbers, quantities, kind cues  → figures (figure_lexicon.FigureLexicon)
  coding_tables.toml   codebook tables for typing and fatalities → tables (CodingTables)
  relevance.toml       what makes a trigger sentence news of conflict → relevance (relevance.RelevanceRules)
and two loaded on first use only, once per process (most articles need neither, and tests that code no
all-capitals text or turn NER off never pay for them):
  the pinned spaCy NER model  → entity_recognizer() (entities.EntityRecognizer, None: not installed, failed its
                                check, or use_entities False — the coder then reads places from the gazetteer alone)
  the casing dictionary       → casing_dictionary() (casing_dictionary.CasingDictionary)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from schemas.acled import EVENT_TYPE_OF
from sitrep.coding.casing_dictionary import CasingDictionary, get_casing_dictionary
from sitrep.coding.entities import EntityRecognizer, get_entity_recognizer
from sitrep.coding.figure_lexicon import FigureLexicon, load_figure_lexicon
from sitrep.coding.lexicon import Lexicon, load_lexicon
from sitrep.coding.relevance import RelevanceRules, load_relevance_rules
from sitrep.settings import RESOURCES_DIR


@dataclass(frozen=True)
class CodingTables:
    protest_order: tuple[str, ...]
    protest_upgrade: dict[str, str]
    elaboration_upgrade: dict[str, frozenset[str]]
    non_lethal: frozenset[str]


def load_tables(text: str) -> CodingTables:
    """The tables from the text of coding_tables.toml; every sub-event type named must be ACLED's."""
    data = tomllib.loads(text)
    typing = data["typing"]
    tables = CodingTables(
        protest_order=tuple(typing["protest_order"]),
        protest_upgrade=dict(typing["protest_upgrade"]),
        elaboration_upgrade={k: frozenset(v) for k, v in typing["elaboration_upgrade"].items()},
        non_lethal=frozenset(data["fatalities"]["non_lethal"]),
    )
    named = {*tables.protest_order, *tables.protest_upgrade, *tables.protest_upgrade.values(),
             *tables.elaboration_upgrade, *(s for v in tables.elaboration_upgrade.values() for s in v),
             *tables.non_lethal}
    unknown = sorted(named - set(EVENT_TYPE_OF))
    if unknown:
        raise ValueError(f"unknown sub-event types in coding tables: {unknown}")
    return tables


@dataclass(frozen=True)
class CoderResources:
    events: Lexicon
    figures: FigureLexicon
    tables: CodingTables
    relevance: RelevanceRules
    use_entities: bool = True  # False: never load the NER model (the gazetteer-only fallback)

    @classmethod
    def load(cls, folder: Path = RESOURCES_DIR, use_entities: bool = True) -> CoderResources:
        return cls(events=load_lexicon((folder / "event_lexicon.toml").read_text("utf-8")),
                   figures=load_figure_lexicon((folder / "figure_lexicon.toml").read_text("utf-8")),
                   tables=load_tables((folder / "coding_tables.toml").read_text("utf-8")),
                   relevance=load_relevance_rules(folder / "relevance.toml"),
                   use_entities=use_entities)

    def entity_recognizer(self) -> EntityRecognizer | None:
        """The process's one NER model (loaded and hash-checked on first call), or None for the fallback."""
        return get_entity_recognizer(self.use_entities)

    def casing_dictionary(self) -> CasingDictionary:
        """The process's one casing dictionary (built on first call)."""
        return get_casing_dictionary()


_DEFAULT: CoderResources | None = None


def default_resources() -> CoderResources:
    """The resources of sitrep/resources, loaded on first use and shared by the default Coder."""
    global _DEFAULT
    if _DEFAULT is None:
        # SITREP_NER=0 turns the NER model off for the default coder (the fallback, e.g. to compare with it).
        _DEFAULT = CoderResources.load(use_entities=os.environ.get("SITREP_NER", "1").strip() not in ("0", "off", "no"))
    return _DEFAULT
