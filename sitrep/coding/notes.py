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


def _summary(quote: str) -> str:
    """The quote as a clause: without its own leading date phrase and closing full stop."""
    s = " ".join(quote.split())
    s = re.sub(r"^(?:On|Around)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*(?:\([^)]*\))?,\s*", "", s)
    s = s.rstrip(" .")
    first, _, rest = s.partition(" ")
    return (first.lower() + " " + rest) if first in LOWERCASE_OPENERS else s


# Sentence openers that are not names, so a note may lower-case them after "On <date>, ".
LOWERCASE_OPENERS = frozenset("The A An Troops Soldiers Gunmen Militants Rebels Police Assailants Attackers Some Several Unidentified Unknown Suspected Armed Two Three Four Five "
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
