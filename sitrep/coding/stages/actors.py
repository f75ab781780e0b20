"""Actors: the actors and descriptors of each mention, from the queries the mentions stage made
(sitrep.coding.actors finds them; the country, day and context of a query are the event's when its sentence
joined it)."""

from __future__ import annotations

from sitrep.coding import actors as actor_lib
from sitrep.coding.document import ActorQuery, Document
from sitrep.coding.resources import CoderResources


def _find(query: ActorQuery) -> list[actor_lib.ActorMention]:
    return actor_lib.find_actors(query.text, query.country, query.on, armed_context=query.armed_context,
                                 admin1=query.admin1)


class Actors:
    name = "actors"

    def __init__(self, resources: CoderResources | None = None) -> None:
        pass  # the actor tables are the actor finder's (sitrep.coding.actors)

    def __call__(self, doc: Document) -> Document:
        # Queries carry their sentence's text as written; the finder reads it case-restored (casing stage).
        restored = {s.text: doc.analysis_of(s) for s in doc.sentences} if doc.case_restored else {}

        def find(query: ActorQuery) -> list[actor_lib.ActorMention]:
            return _find(query._replace(text=restored.get(query.text, query.text)))

        for m in doc.mentions:
            m.actors = find(m.actor_query) if m.actor_query is not None else []
            if m.descriptor_query is not None:
                text, country = m.descriptor_query
                m.descriptors = actor_lib.descriptors_in(restored.get(text, text), country)
            m.extra_actors = [a for q in m.extra_queries for a in find(q)]
        return doc
