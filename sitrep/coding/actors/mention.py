"""An actor mention found in a sentence, the inter codes the coder names, and the where-it-happened inter rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

EXTERNAL = "External/Other forces"
STATE = "State forces"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"


@dataclass(frozen=True)
class ActorMention:
    name: str          # ACLED actor name
    inter: str         # inter code text, before the where-it-happened rule for state forces
    start: int         # offsets within the sentence
    end: int
    kind: str          # state | named | crowd | mob | armed | civilian | unidentified_military
    home: str          # home country of a state force or named group ("" when unknown)
    by_agent: bool     # introduced by "by" (the agent of a passive verb)
    assoc: str = ""    # associated actor that comes with this name ("Donbass People's Militia")
    role: str = ""     # party (its supporters riot as Rioters) | umbrella (an operation its members act under)


BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|some\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+|"
                       r"unidentified\s+|armed\s+)*(?:[\w'-]+\s+){0,2}$", re.I)
# "attacked …, but were repelled by X": X defended; the one repelled began the fighting.
DEFENDED_BY = re.compile(r"\b(?:repell?ed|repulsed|pushed\s+back|beaten\s+back|thwarted|foiled|resisted|halted|"
                         r"stopped|countered|contained)\s+by\s+", re.I)


def mention_in(sentence: str, name: str, inter: str, start: int, end: int, kind: str, home: str, assoc: str = "",
               role: str = "") -> ActorMention:
    """The mention of an actor at sentence[start:end]; "by X" makes it the agent of a passive verb, unless X only
    held the attack off ("were repelled by X")."""
    before = sentence[max(0, start - 40):start]
    return ActorMention(name, inter, start, end, kind, home,
                        bool(BY_BEFORE.search(before)) and not DEFENDED_BY.search(before), assoc, role)


ARMED_KINDS = frozenset({"state", "named", "armed", "unidentified_military"})


def inter_for(actor: ActorMention, event_country: str) -> str:
    """Inter code where the event happened: a state's forces abroad are External/Other forces; a foreign
    named group keeps its own code."""
    if (actor.kind == "state" or actor.inter == STATE) and actor.home and event_country \
            and actor.home != event_country:
        return EXTERNAL
    return actor.inter
