"""Deaths and fatalities: the deaths each scene's sentences report (before typing: an abduction whose victim
was killed is an Attack), then the fatalities coded for the scene's final type and its share of a list."""

from __future__ import annotations

import re

from sitrep.coding.document import Document
from sitrep.coding.fatalities import FatalityCount, fatalities_from, split_total
from sitrep.coding.resources import CoderResources

# Who was among the dead is no count of the dead ("Five women and a child were among the dead").
SUBSET_OF_DEAD = re.compile(r"\b(?:were|was|are)\s+among\s+(?:the\s+)?(?:dead|killed|victims|those\s+killed|"
                            r"fatalities|casualties)\b", re.I)


class Deaths:
    name = "deaths"

    def __init__(self, resources: CoderResources) -> None:
        self.lex = resources.figures

    def __call__(self, doc: Document) -> Document:
        for scene in doc.scenes:
            if scene.event.place is not None:
                sentences = [s.text for s in scene.event.sentences if not SUBSET_OF_DEAD.search(s.text)]
                scene.deaths = fatalities_from(sentences, self.lex)
        return doc


class Fatalities:
    name = "fatalities"

    def __init__(self, resources: CoderResources) -> None:
        self.lex = resources.figures
        self.non_lethal = resources.tables.non_lethal

    def __call__(self, doc: Document) -> Document:
        for scene in doc.scenes:
            deaths = scene.deaths
            if deaths is None:
                continue
            if scene.sub_event_type in self.non_lethal:
                deaths = FatalityCount(0, 0, 0, deaths.known)
            elif scene.parts > 1 and not any(self.lex.split_across.search(s.text) for s in scene.event.sentences):
                # A total for the whole list (a stated split is already this event's share in fatalities_from).
                value, low, high = (split_total(v, scene.parts)[scene.part] for v in deaths[:3])
                deaths = FatalityCount(value, low, high, deaths.known)
            scene.fatalities = deaths
        return doc
