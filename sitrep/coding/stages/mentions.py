"""Mentions: the article's sentences grouped into event mentions, one per new event, and the sentences that only
elaborate one (the followers).

Sentence by sentence, with the dates and places read before: a sentence with a realis trigger, a date that is
not background and a place (its own, the event's before it, or the article's main place) starts an event
mention, unless it goes on about the event just reported (continuation.py); then it adds its sentence, actors
and, through the typing rules, a higher type to it. A sentence without a trigger that follows an event in its
paragraph elaborates it too. Actors are only asked for here (ActorQuery); the actors stage finds them.
"""

from __future__ import annotations

from sitrep.coding.continuation import (
    CODED_SEPARATELY,
    ELSEWHERE,
    SEPARATE_EVENT,
    WAR_TOLL,
    continues,
    earlier_event,
    in_quotation,
    refers_back,
    refines,
)
from sitrep.coding.dates import EventDate, SentenceDate, new_event_date
from sitrep.coding.document import ActorQuery, Document, Mention
from sitrep.coding.event_types import is_background
from sitrep.coding.lexicon import Lexicon, Trigger
from sitrep.coding.places import Place
from sitrep.coding.resources import CoderResources
from sitrep.coding.sentences import Sentence
from sitrep.coding.stages.typing import TypeRules

ARMED_CONTEXT = ("Battles", "Explosions/Remote violence")
# Inverted pyramid: news opens with its event. Beyond the first sentences, a trigger with no day of its own, no
# "separately" and no party, weapon or crowd of conflict retells what came before (background, context).
LEDE_SENTENCES = 2
CROWD_TYPES = ("Protests", "Riots")


class Mentions:
    name = "mentions"

    def __init__(self, resources: CoderResources) -> None:
        self.lexicon = resources.events
        self.rules = TypeRules(resources.tables, resources.events)

    def __call__(self, doc: Document) -> Document:
        grouping = _Grouping(doc, self.lexicon, self.rules)
        for i, s in enumerate(doc.sentences):
            grouping.read(i, s)
        doc.mentions, doc.followers = grouping.mentions, grouping.followers
        return doc


class _Grouping:
    """The state of the pass over one article's sentences."""

    def __init__(self, doc: Document, lexicon: Lexicon, rules: TypeRules) -> None:
        self.doc, self.lexicon, self.rules = doc, lexicon, rules
        self.mentions: list[Mention] = []
        self.followers: dict[int, int] = {}  # sentence start → index of the mention it elaborates
        self.current: int | None = None  # index of the event being reported
        # A sentence with no trigger that goes on about no event may name who is about to act ("Armed herders
        # invaded three villages. Two persons were killed."): its actors stand for the next event's parties.
        self.lead_in: int | None = None

    def read(self, i: int, s: Sentence) -> None:
        reading, found = self.doc.readings[i], self.doc.dates[i]
        trig = None if self.mentions and reading.died_later else reading.trigger
        if reading.label:
            trig = self.rules.labelled(trig, reading.label)
        if trig is None:
            self._without_trigger(i, s, found)
            return
        if found.background or (is_background(s.text, self.lexicon) and not found.text) or found.future or \
                WAR_TOLL.search(s.text):
            self.current = None
            return
        place, geo = self.doc.sentence_places[i].place, self.doc.sentence_places[i].geo_precision
        current = self.mentions[self.current] if self.current is not None else None
        earlier = earlier_event(self.mentions, current, s, trig, place, found.own_text, found.day)
        if earlier is not None:  # a lead that summed up two events, then a paragraph on the first of them
            self.current, current = self.mentions.index(earlier), earlier
        if current is not None and (earlier is not None or
                                    continues(current, s, trig, place, found.own_text, found.day) or
                                    refers_back(current, s, trig, place)):
            self._elaborate(current, s, trig, place, geo)
            return
        if reading.label is None and in_quotation(self.doc.text, s, trig.start):
            return  # someone's words, not the reporter's account of an event
        if self.mentions and CODED_SEPARATELY.search(s.text):
            return
        if self._retold(i, s, found):
            return
        self._new_mention(i, s, trig, found, place, geo)

    def _retold(self, i: int, s: Sentence, found: SentenceDate) -> bool:
        """The lede rule (LEDE_SENTENCES); only when the relevance stage has read the article."""
        return self.doc.context is not None and i >= LEDE_SENTENCES and not found.own_text and \
            not SEPARATE_EVENT.search(s.text) and not ELSEWHERE.search(s.text) and \
            not self.doc.readings[i].names_conflict

    def _without_trigger(self, i: int, s: Sentence, found: SentenceDate) -> None:
        self.lead_in = i
        if self.current is None:
            return
        current = self.mentions[self.current]
        if s.paragraph - current.last_paragraph <= 1 and \
                (not found.own_text or found.day == current.event_date) and not found.background:
            self.lead_in = None
            self.followers[s.start] = self.current
            current.last_paragraph = s.paragraph
            if current.trigger.event_type in CROWD_TYPES:
                crowd = self.rules.crowd_follow_up(s.text)
                if crowd is not None and not in_quotation(self.doc.text, s, crowd.start):
                    current.trigger = self.rules.elaborated(current.trigger, crowd)

    def _elaborate(self, current: Mention, s: Sentence, trig: Trigger, place: Place | None, geo: int) -> None:
        current.trigger = self.rules.elaborated(current.trigger, trig, s.text)
        if place is not None and refines(place, current):
            current.place, current.place_text, current.geo_precision = place, place.text, geo
        current.last_paragraph = s.paragraph
        current.extra_queries.append(ActorQuery(s.text, current.place.country if current.place else "",
                                                current.event_date, current.trigger.event_type in ARMED_CONTEXT))
        self.followers[s.start] = self.mentions.index(current)

    def _new_mention(self, i: int, s: Sentence, trig: Trigger, found: SentenceDate, place: Place | None,
                     geo: int) -> None:
        current = self.mentions[self.current] if self.current is not None else None
        previous = EventDate(current.event_date, current.time_precision, current.date_text) if current else None
        dated = new_event_date(found, previous, self.doc.published)
        if dated is None:
            return
        place_text = place.text if place else ""
        if place is None:
            place = current.place if current is not None and current.place is not None else self.doc.main_place
            geo = place.geo_precision if place else 0
            if place is not None and ELSEWHERE.search(s.text):
                geo = 3  # "Separately, …" in a place we cannot find: only the wider area is known
        country, admin1 = (place.country, place.admin1) if place else ("", "")
        armed = trig.event_type in ARMED_CONTEXT
        mention = Mention(trig, [s], dated.day, dated.precision, dated.text, place, place_text, geo,
                          actor_query=ActorQuery(s.text, country, dated.day, armed, admin1),
                          descriptor_query=(s.text, country) if trig.event_type in CROWD_TYPES else None)
        mention.separate = bool(self.mentions) and SEPARATE_EVENT.search(s.text) is not None
        lead_in = self.lead_in
        if lead_in is not None and lead_in == i - 1 and self.doc.sentences[lead_in].paragraph == s.paragraph:
            mention.extra_queries.append(ActorQuery(self.doc.sentences[lead_in].text, country, dated.day, armed,
                                                    admin1))
        self.mentions.append(mention)
        self.current = len(self.mentions) - 1
