"""The places and mentions stages, each run alone on a hand-made Document."""

from __future__ import annotations

import datetime as dt

from sitrep.coding.dates import SentenceDate
from sitrep.coding.document import SentencePlace, SentenceReading
from sitrep.coding.sentences import split_sentences
from sitrep.coding.stages.mentions import Mentions
from sitrep.coding.stages.places import Places, main_place, sentence_place
from tests.coding.stages.conftest import FRIDAY, document, town, trigger

WEDNESDAY = dt.date(2025, 2, 5)


def test_sentence_place_prefers_the_town_over_a_facility_that_frames_it():
    text = "Gunmen attacked the Kaura market in Bama."
    s = split_sentences(text)[0]
    framing, scene = town("Kaura", text.index("Kaura"), cue=""), town("Bama", text.index("Bama"))
    found = sentence_place(s, text, [framing, scene])
    assert found == SentencePlace(scene, 1)


def test_sentence_place_near_a_town_is_precision_two_and_a_neighbour_is_no_place():
    text = "Troops clashed with rebels near Bama, close to the border with Cameroon."
    s = split_sentences(text)[0]
    cameroon = town("Cameroon", text.index("Cameroon"), country="Cameroon", kind="country")
    bama = town("Bama", text.index("Bama"), cue="near")
    assert sentence_place(s, text, [bama, cameroon]) == SentencePlace(bama, 2)
    assert sentence_place(s, text, [cameroon]) == SentencePlace(None, 0)


def test_main_place_is_the_most_named_town_of_the_most_named_country():
    places = [town("Bama", 0), town("Kaura", 10), town("Bama", 20), town("Garoua", 30, country="Cameroon")]
    assert main_place(places).location == "Bama"
    assert main_place([]) is None


def test_places_stage_finds_the_places_of_a_real_text(resources):
    doc = document("Gunmen killed three farmers in Maiduguri on Monday. Police later arrived.")
    doc.sentences = split_sentences(doc.norm)
    doc = Places()(doc)
    assert doc.main_place is not None and doc.main_place.location == "Maiduguri"
    assert [p.place.location if p.place else None for p in doc.sentence_places] == ["Maiduguri", None]


def _mentions_doc(text: str, readings, dates, places):
    doc = document(text)
    doc.sentences = split_sentences(text)
    doc.readings, doc.dates, doc.sentence_places = readings, dates, places
    doc.places = [p.place for p in places if p.place is not None]
    doc.main_place = doc.places[0] if doc.places else None
    return doc


def test_mentions_groups_an_elaboration_and_starts_a_new_event_on_a_new_day(resources):
    text = "Gunmen attacked Bama on Wednesday. The attackers also burned houses. Troops clashed with rebels in " \
           "Kaura on Friday."
    s1, s2, s3 = split_sentences(text)
    bama, kaura = town("Bama", text.index("Bama")), town("Kaura", text.index("Kaura"))
    readings = [SentenceReading(trigger(s1.text, "attacked", "Attack")),
                SentenceReading(trigger(s2.text, "burned", "Looting/property destruction")),
                SentenceReading(trigger(s3.text, "clashed", "Armed clash"))]
    dates = [SentenceDate(WEDNESDAY, 1, "Wednesday"), SentenceDate(FRIDAY, 1, ""), SentenceDate(FRIDAY, 1, "Friday")]
    places = [SentencePlace(bama, 1), SentencePlace(None, 0), SentencePlace(kaura, 1)]
    doc = Mentions(resources)(_mentions_doc(text, readings, dates, places))
    first, second = doc.mentions
    assert (first.sub_event_type, first.event_date, first.place.location) == ("Attack", WEDNESDAY, "Bama")
    assert (second.sub_event_type, second.event_date, second.place.location) == ("Armed clash", FRIDAY, "Kaura")
    assert doc.followers == {s2.start: 0}
    assert first.actor_query.text == s1.text and first.extra_queries[0].text == s2.text
    assert first.extra_queries[0].armed_context is False and second.actor_query.armed_context is True


def test_mentions_raises_a_protest_met_with_arrests_and_drops_a_future_event(resources):
    text = "Hundreds of teachers protested in Bama on Wednesday. Police arrested ten protesters. " \
           "Unions will strike in Kaura on 9-Feb-25."
    s1, s2, s3 = split_sentences(text)
    bama, kaura = town("Bama", text.index("Bama")), town("Kaura", text.index("Kaura"))
    readings = [SentenceReading(trigger(s1.text, "protested", "Peaceful protest")),
                SentenceReading(trigger(s2.text, "arrested", "Arrests")),
                SentenceReading(trigger(s3.text, "strike", "Peaceful protest"))]
    dates = [SentenceDate(WEDNESDAY, 1, "Wednesday"), SentenceDate(FRIDAY, 1, ""),
             SentenceDate(dt.date(2025, 2, 9), 1, "9-Feb-25", future=True)]
    places = [SentencePlace(bama, 1), SentencePlace(None, 0), SentencePlace(kaura, 1)]
    doc = Mentions(resources)(_mentions_doc(text, readings, dates, places))
    assert [m.sub_event_type for m in doc.mentions] == ["Protest with intervention"]
    assert doc.mentions[0].descriptor_query == (s1.text, "Nigeria")


def test_a_note_label_sets_the_type_of_the_first_sentence(resources):
    text = "Looting: On 5 February 2025, men took goods in Bama."
    s1 = split_sentences(text)[0]
    readings = [SentenceReading(trigger(s1.text, "took", "Attack"), label="Looting/property destruction")]
    doc = Mentions(resources)(_mentions_doc(text, readings, [SentenceDate(WEDNESDAY, 1, "5 February 2025")],
                                            [SentencePlace(town("Bama", text.index("Bama")), 1)]))
    assert doc.mentions[0].sub_event_type == "Looting/property destruction" and doc.mentions[0].trigger.priority == 100
