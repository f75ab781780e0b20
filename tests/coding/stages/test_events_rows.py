"""The stages after grouping, each run alone on hand-made mentions and scenes."""

from __future__ import annotations

import datetime as dt

from sitrep.coding.document import ActorQuery, Mention, Scene
from sitrep.coding.fatalities import FatalityCount
from sitrep.coding.sentences import split_sentences
from sitrep.coding.stages.actors import Actors
from sitrep.coding.stages.fatalities import Deaths, Fatalities
from sitrep.coding.stages.merge import NO_PLACE, Merge
from sitrep.coding.stages.rows import Rows
from sitrep.coding.stages.scenes import Scenes
from sitrep.coding.stages.typing import Typing
from sitrep.coding.version import CODER_VERSION
from tests.coding.stages.conftest import document, town, trigger

WEDNESDAY = dt.date(2025, 2, 5)


def mention(s, word: str, sub: str, place, day: dt.date = WEDNESDAY, **fields) -> Mention:
    return Mention(trigger(s.text, word, sub), [s], day, 1, "Wednesday", place, place.text if place else "", 1,
                   **fields)


def test_actors_answers_the_queries_of_each_mention(resources):
    text = "Boko Haram fighters attacked soldiers in Bama. Hundreds of women protested in Kaura."
    s1, s2 = split_sentences(text)
    doc = document(text)
    doc.mentions = [
        mention(s1, "attacked", "Attack", town("Bama", 0), actor_query=ActorQuery(s1.text, "Nigeria", WEDNESDAY, True)),
        mention(s2, "protested", "Peaceful protest", town("Kaura", 0),
                actor_query=ActorQuery(s2.text, "Nigeria", WEDNESDAY, False), descriptor_query=(s2.text, "Nigeria"),
                extra_queries=[ActorQuery(s1.text, "Nigeria", WEDNESDAY, True)])]
    doc = Actors()(doc)
    attack, protest = doc.mentions
    assert {a.kind for a in attack.actors} >= {"named", "state"}
    assert protest.descriptors == ["Women (Nigeria)"]
    assert [a.name for a in protest.extra_actors] == [a.name for a in attack.actors]


def test_merge_combines_same_place_and_day_and_a_protest_absorbs_arrests(resources):
    text = "Teachers protested in Bama. Police arrested ten protesters in Bama. Gunmen attacked Kaura."
    s1, s2, s3 = split_sentences(text)
    bama = town("Bama", 0)
    doc = document(text, places=[bama], sentences=[s1, s2, s3])
    doc.mentions = [mention(s1, "protested", "Peaceful protest", bama, descriptors=["Teachers (Nigeria)"]),
                    mention(s2, "arrested", "Arrests", bama), mention(s3, "attacked", "Attack", town("Kaura", 0))]
    doc = Merge(resources)(doc)
    assert [(e.sub_event_type, len(e.sentences)) for e in doc.events] == [
        ("Protest with intervention", 2), ("Attack", 1)]
    assert doc.events[0].descriptors == ["Teachers (Nigeria)"]


def test_merge_attaches_followers_and_keeps_unplaced_events(resources):
    text = "Gunmen attacked a village. They burned houses."
    s1, s2 = split_sentences(text)
    doc = document(text, sentences=[s1, s2], places=[])
    doc.mentions = [mention(s1, "attacked", "Attack", None)]
    doc.followers = {s2.start: 0}
    doc = Merge(resources)(doc)
    assert doc.events[0].sentences == [s1, s2] and doc.events[0].place is NO_PLACE


def test_scenes_split_an_event_over_a_list_of_places(resources):
    text = "Troops shelled Bama, Kaura and Gwoza, killing nine people."
    s = split_sentences(text)[0]
    places = [town(n, text.index(n), lat=11 + i, lon=13 + i) for i, n in enumerate(["Bama", "Kaura", "Gwoza"])]
    doc = document(text, places=places)
    doc.events = [mention(s, "shelled", "Shelling/artillery/missile attack", places[0])]
    doc = Scenes()(doc)
    assert [(sc.event.place.location, sc.part, sc.parts) for sc in doc.scenes] == [
        ("Bama", 0, 3), ("Kaura", 1, 3), ("Gwoza", 2, 3)]


def test_deaths_typing_and_fatalities(resources):
    text = "Gunmen abducted two traders in Bama and killed one of them. Five women were among the dead."
    s1, s2 = split_sentences(text)
    m = mention(s1, "abducted", "Abduction/forced disappearance", town("Bama", text.index("Bama")))
    m.sentences.append(s2)
    doc = document(text, scenes=[Scene(m)])
    doc = Deaths(resources)(doc)
    assert doc.scenes[0].deaths == FatalityCount(1, 1, 1, True)  # "among the dead" is no count
    doc = Typing(resources)(doc)
    assert doc.scenes[0].sub_event_type == "Attack"  # an abduction whose victim was killed
    assert doc.scenes[0].roles.actor1 == "Unidentified Armed Group (Nigeria)"
    doc = Fatalities(resources)(doc)
    assert doc.scenes[0].fatalities == FatalityCount(1, 1, 1, True)


def test_fatalities_zero_for_non_lethal_types_and_share_a_list_total(resources):
    text = "Troops shelled Bama and Kaura, killing three people."
    s = split_sentences(text)[0]
    m = mention(s, "shelled", "Shelling/artillery/missile attack", town("Bama", 0))
    scenes = [Scene(m, 0, 2, deaths=FatalityCount(3, 3, 6, True), sub_event_type=m.sub_event_type),
              Scene(m, 1, 2, deaths=FatalityCount(3, 3, 6, True), sub_event_type=m.sub_event_type),
              Scene(m, 0, 1, deaths=FatalityCount(3, 3, 6, True), sub_event_type="Peaceful protest")]
    doc = Fatalities(resources)(document(text, scenes=scenes))
    assert [sc.fatalities for sc in doc.scenes] == [
        FatalityCount(2, 2, 3, True), FatalityCount(1, 1, 3, True), FatalityCount(0, 0, 0, True)]


def test_rows_write_event_and_figure_rows(resources):
    text = "Gunmen killed five villagers in Bama on Wednesday."
    s = split_sentences(text)[0]
    m = mention(s, "killed", "Attack", town("Bama", text.index("Bama")))
    doc = document(text, sentences=[s], scenes=[Scene(m, deaths=FatalityCount(5, 5, 10, True))])
    doc = Typing(resources)(doc)
    doc = Fatalities(resources)(doc)
    doc = Rows(resources)(doc)
    (row,) = doc.event_rows
    assert row["event_id_cnty"].startswith("NGA") and row["sub_event_type"] == "Attack"
    assert (row["fatalities"], row["location"], row["event_date"]) == (5, "Bama", "2025-02-05")
    assert row["notes"] == "On 5 February 2025, gunmen killed five villagers in Bama. 5 fatalities."
    assert row["coder_version"] == CODER_VERSION and row["source_scale"] == "National"
    (figure,) = doc.figure_rows
    assert (figure["kind"], figure["value"], figure["event_id_cnty"]) == ("killed", 5, row["event_id_cnty"])
