"""Value normalisation shared by the gold loaders and the scorer.

Gold files and predictions spell the same value differently (numeric or text inter codes, "Demostrations",
NaN or "" for nothing, dates as strings or Timestamps); everything is brought to one form before comparing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from dateutil import parser as date_parser

from schemas.acled import INTER_CODES, INTER_NUMBER, interaction_for


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return isinstance(value, str) and not value.strip()


def clean_text(value: Any) -> str:
    """A string with collapsed whitespace; "" for any kind of missing value."""
    if is_missing(value):
        return ""
    return " ".join(str(value).split())


def fold(value: Any) -> str:
    """clean_text without accents and case: place names from a gazetteer are often ASCII-only."""
    text = unicodedata.normalize("NFKD", clean_text(value))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def to_float(value: Any) -> float | None:
    if is_missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def to_int(value: Any) -> int | None:
    number = to_float(value)
    return None if number is None else int(round(number))


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, datetime, Timestamp or leniently parsed string ("21 March 2020")."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        return date_parser.parse(text).date().isoformat()
    except (ValueError, OverflowError):
        return None


def inter_text(value: Any) -> str:
    """An inter code as ACLED text; numbers 1-8 are mapped, 0 or empty is "" (no actor)."""
    if is_missing(value):
        return ""
    number = to_int(value) if re.fullmatch(r"\s*\d+(\.0+)?\s*", str(value)) else None
    if number is not None:
        return INTER_CODES.get(number, "")
    return clean_text(value)


def interaction_text(value: Any) -> str:
    """An interaction as ACLED text; numeric codes are 10*low+high (60 = "Protesters only")."""
    if is_missing(value):
        return ""
    if re.fullmatch(r"\s*\d+(\.0+)?\s*", str(value)):
        low, high = divmod(to_int(value) or 0, 10)
        if low not in INTER_CODES:
            return ""
        return interaction_for(INTER_CODES[low], INTER_CODES.get(high))
    text = clean_text(value)
    # Accept either order for a pair; ACLED's text puts the lower number first (one exception, see schemas).
    parts = text.split("-")
    if len(parts) == 2 and all(p in INTER_NUMBER for p in parts):
        return interaction_for(parts[0], parts[1])
    return text


def disorder_text(value: Any) -> str:
    """Disorder type with the ACLED export's "Demostrations" typo mended."""
    return clean_text(value).replace("Demostrations", "Demonstrations")


# Words for the same hedge; the gold (and reporters) use "around" where the schema says "about".
QUALIFIER_SYNONYMS: dict[str, str] = {
    "around": "about", "approximately": "about", "roughly": "about", "some": "about", "almost": "nearly",
    "over": "more than", "upwards of": "more than", "at most": "up to", "less than": "fewer than",
}


def qualifier_text(value: Any) -> str:
    text = fold(value)
    return QUALIFIER_SYNONYMS.get(text, text)
