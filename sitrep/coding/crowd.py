"""What a sentence that goes on about a protest or riot adds to it: arrests of the crowd, dispersal, violence."""

from __future__ import annotations

import re

from sitrep.coding.event_types import find_triggers
from sitrep.coding.lexicon import Lexicon, Trigger

# An arrest that is no intervention against the crowd: done by the crowd ("evicted by the residents"), or of
# someone named for a deed of their own ("The officer was arrested for killing …").
BY_THE_CROWD = re.compile(r"\bby\s+(?:the\s+)?(?:\w+\s+)?(?:residents|protesters|demonstrators|crowd|villagers|"
                          r"locals|mob|participants|strikers|students|workers)\b", re.I)
ARREST_WORD = re.compile(r"\b(?:arrest\w*|detain\w*|apprehended|evicted|custody)\b", re.I)
# Who was held: the crowd or some of it ("two protesters", "one person", "12 of them", "around 150 Pakistanis").
CROWD_HELD = re.compile(r"\b(?i:they|them|protesters?|demonstrators?|participants?|marchers?|strikers?|activists?|"
                        r"picketers?|crowd|people|persons|individuals)\b|\b(?i:\d+|one|two|three|four|five|six|seven|"
                        r"eight|nine|ten|several|some|many|dozens|scores|hundreds)\s+(?:(?i:of\s+them)|(?:[\w'-]+\s+)?"
                        r"(?i:people|persons|person|individuals|students|workers|members|women|men|youths|others)|(?:"
                        r"[A-Z]\w+(?:ans|is|ese|ians)))\b")
# Someone who need not be of the crowd; held only when no deed of their own is named.
SOMEONE_HELD = re.compile(r"\b(?:he|she|him|her|leaders?|organi[sz]ers?|members|some|several|many|dozens|\d+)\b", re.I)
FOR_A_DEED = re.compile(r"\b(?:arrested|detained|apprehended)\s+(?:\w+\s+){0,3}(?:for|over|on\s+charges\s+of|in\s+"
                        r"connection\s+with|on\s+suspicion\s+of|accused\s+of|suspected\s+of)\s+(?!(?:\w+\s+){0,2}"
                        r"(?:protest|demonstrat|rally|march|riot|block|taking\s+part|participat))", re.I)


def intervenes_on_crowd(t: Trigger, sentence: str) -> bool:
    """Whether an arrest or intervention reported by a sentence that goes on about a protest was done to the
    crowd (and so makes it a Protest with intervention)."""
    if t.sub_event_type not in ("Protest with intervention", "Arrests") or not ARREST_WORD.search(t.text):
        return True
    if BY_THE_CROWD.search(sentence, t.end):
        return False
    # who was held: the subject of a passive ("Five protesters were detained"), or the object ("arrested 12 of them")
    held = sentence[:t.start] + " " + t.text + " " + sentence[t.end:t.end + 40]
    held = re.sub(r"\b\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b|\b(?:19|20)\d\d\b", " ", held)  # dates are no people
    if CROWD_HELD.search(held) or re.search(r"\b(?:they|them|protesters?|demonstrators?)\b", held, re.I):
        return True
    return bool(SOMEONE_HELD.search(held)) and not FOR_A_DEED.search(sentence)


def crowd_follow_up(sentence: str, lexicon: Lexicon) -> Trigger | None:
    """What a sentence adds to a protest or riot reported just before it (dispersal, arrests, violence)."""
    triggers = [t for t in find_triggers(sentence, lexicon, crowd_known=True) if t.sub_event_type != "Peaceful protest"
                and intervenes_on_crowd(t, sentence)]
    return max(triggers, key=lambda t: (t.priority, -t.start)) if triggers else None

