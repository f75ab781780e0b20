"""ACLED-style notes: "On 6 February 2025, <what happened> in Sudzha (Kursk). Casualties unknown."."""

from __future__ import annotations

import re
from datetime import date


def date_phrase(event_date: date, time_precision: int) -> str:
    """"On 6 February 2025" for an exact day, "Around 6 February 2025" otherwise (codebook)."""
    prefix = "On" if time_precision <= 1 else "Around"
    return f"{prefix} {event_date.day} {event_date.strftime('%B')} {event_date.year}"


def place_phrase(location: str, admin1: str) -> str:
    if not location:
        return ""
    if admin1 and admin1 != location:
        return f"{location} ({admin1})"
    return location


def fatality_phrase(fatalities: int, known: bool) -> str:
    if not known:
        return "Casualties unknown."
    if fatalities == 0:
        return "No fatalities reported."
    return f"{fatalities} {'fatality' if fatalities == 1 else 'fatalities'}."


# What a news sentence carries that an ACLED note does not: the dateline, a link word, the day named relative to
# publication (the note gives the date), and who said it.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]+)?\s*(?:\([^)]*\)\s*)?[-\u2014\u2013]+\s*")
LEAD_LINK = re.compile(r"^(?:separately|meanwhile|elsewhere|also(?:\s+on\s+\w+day)?|later|"
                       r"in\s+(?:a|another)\s+(?:separate\s+)?incident|"
                       r"(?:early\s+|late\s+)?on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                       r"(?:\s+(?:morning|afternoon|evening|night))?),\s*", re.I)
LEAD_SAID = re.compile(r"^(?:[\w'-]+\s+){0,7}?(?:said|says|reported|announced|confirmed)\s+"
                       r"(?:separately\s+|on\s+\w+day\s+)?that\s+", re.I)
RELATIVE_DAY = re.compile(r",?\s+(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:last|this)\s+)?(?:monday|tuesday|wednesday|"
                          r"thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b|"
                          r",?\s+(?:yesterday|today)\b", re.I)
TRAILING_SAID = re.compile(r",\s+(?:[^,]{1,80}?\s+(?:said|says|reported|announced|told\s+[^,]{1,40}?|claimed|"
                           r"confirmed)(?:\s+on\s+\w+)?(?:\s+in\s+a\s+statement)?|according\s+to\s+[^,]{1,80}?)"
                           r"(?=,|$)", re.I)


def _summary(quote: str) -> str:
    """The quote as a clause: without its own leading date phrase, dateline, link words, the day named relative
    to publication, attributions and closing full stop."""
    s = " ".join(quote.split())
    s = re.sub(r"^(?:On|Around)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*(?:\([^)]*\))?,\s*", "", s)
    s = DATELINE.sub("", s, count=1)
    s = LEAD_LINK.sub("", s, count=1)
    s = LEAD_SAID.sub("", s, count=1)
    s = s.rstrip(" .")
    s = TRAILING_SAID.sub("", s)
    s = RELATIVE_DAY.sub("", s)
    s = re.sub(r"\s+(?:the\s+(?:following|next)\s+day|a\s+day\s+later)\b", "", s)
    s = s.rstrip(" .,")
    if s[:1].islower() and s.split(" ", 1)[0] not in ("a", "an", "the"):
        s = s[:1].upper() + s[1:]  # restored when the opener is a common word (below)
    first, _, rest = s.partition(" ")
    return (first.lower() + " " + rest) if first in LOWERCASE_OPENERS or first.lower() in ("a", "an", "the") else s


# Sentence openers that are not names, so a note may lower-case them after "On <date>, ".
LOWERCASE_OPENERS = frozenset("The A An In At During After Families Relatives Troops Soldiers Gunmen Militants Rebels "
                              "Police Assailants Attackers Some Several Unidentified Unknown Suspected Armed "
                              "Two Three Four Five "
                              "Dozens Hundreds Thousands Residents Villagers Protesters Demonstrators".split())


def note_for(event_date: date, time_precision: int, quote: str, location: str, admin1: str,
             fatalities: int, fatalities_known: bool) -> str:
    """One note in ACLED's form: date phrase, what happened, where, the fatality statement."""
    where = place_phrase(location, admin1)
    body = _summary(quote)
    parts = [f"{date_phrase(event_date, time_precision)}, {body}"]
    if where and location.lower() not in body.lower():
        parts[0] += f" in {where}"
    return f"{parts[0]}. {fatality_phrase(fatalities, fatalities_known)}"
