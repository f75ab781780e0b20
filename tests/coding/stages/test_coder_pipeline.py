"""The Coder: its stages run in order over one Document, can be inserted or swapped, and read their rules
from the resources it owns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.coding import Coder, code_article
from sitrep.coding.document import Document
from sitrep.coding.resources import CoderResources, load_tables
from sitrep.coding.stages import STAGE_TYPES, default_stages

ARTICLE = {"id": "p1", "published": "2025-02-07", "source_scale": "National",
           "text": "Hundreds of teachers protested in Maiduguri on Wednesday. Police arrested ten protesters."}


def test_default_stages_in_order(resources):
    names = [s.name for s in default_stages(resources)]
    assert names == ["segment", "casing", "triggers", "relevance", "dates", "entities", "places", "mentions", "actors",
                     "merge", "scenes", "deaths", "typing", "fatalities", "rows"]
    assert len(set(names)) == len(STAGE_TYPES)


def test_a_stage_can_be_inserted_and_sees_the_document_so_far(resources):
    seen: list[tuple[int, int]] = []

    class Watcher:  # e.g. a stage between places and mentions
        name = "watcher"

        def __call__(self, doc: Document) -> Document:
            seen.append((len(doc.sentences), len(doc.mentions)))
            return doc

    stages = default_stages(resources)
    stages.insert([s.name for s in stages].index("mentions"), Watcher())
    coder = Coder(resources, stages)
    coded = coder.code_article(ARTICLE)
    assert seen == [(2, 0)] and coder.stage("watcher") is stages[7]
    assert coded.events == code_article(ARTICLE).events


def test_a_stage_can_be_swapped(resources):
    class NoEvents:
        name = "mentions"

        def __call__(self, doc: Document) -> Document:
            doc.mentions = []
            return doc

    stages = [NoEvents() if s.name == "mentions" else s for s in default_stages(resources)]
    coded = Coder(resources, stages).code_article(ARTICLE)
    assert coded.status == "no_event" and coded.events == [] and coded.figures  # figures are still read


def test_typing_reads_its_tables_from_the_resources(resources):
    assert code_article(ARTICLE).events[0]["sub_event_type"] == "Protest with intervention"
    upgrades = {k: v for k, v in resources.tables.protest_upgrade.items()
                if v != "Protest with intervention"}
    no_arrest_upgrade = replace(resources, tables=replace(resources.tables, protest_upgrade=upgrades))
    row = Coder(no_arrest_upgrade).code_article(ARTICLE).events[0]
    assert row["sub_event_type"] == "Peaceful protest"


def test_tables_name_only_acled_sub_event_types():
    with pytest.raises(ValueError, match="Picnic"):
        load_tables("[typing]\nprotest_order = ['Picnic']\n[typing.protest_upgrade]\n"
                    "[typing.elaboration_upgrade]\n[fatalities]\nnon_lethal = []\n")


def test_resources_load_from_a_folder(tmp_path, resources):
    from sitrep.settings import RESOURCES_DIR

    for name in ("event_lexicon.toml", "figure_lexicon.toml", "coding_tables.toml", "relevance.toml"):
        (tmp_path / name).write_text((RESOURCES_DIR / name).read_text("utf-8"), "utf-8")
    loaded = CoderResources.load(tmp_path)
    assert loaded.tables == resources.tables and len(loaded.events.rules) == len(resources.events.rules)


def test_an_article_without_text_codes_to_nothing(resources):
    coded = Coder(resources).code_article({"id": "e", "published": "2025-02-07", "text": "  "})
    assert (coded.article_id, coded.events, coded.figures, coded.status) == ("e", [], [], "no_event")
