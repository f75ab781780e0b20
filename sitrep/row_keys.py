"""Per-row keys of events, computed a column at a time: the registry's merge key and content hash, and the
mentions' keys. Each gives exactly what its one-row form gives (sitrep.ids.merge_key, sitrep.ids.content_hash,
sitrep.merge.mention_key), so keys stored by either stay comparable; the column-wise form is what lets the
publish stage key a million rows in seconds (a dict per row and a json.dumps per row do not)."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable

import pandas as pd

MERGE_KEY_COLUMNS = ("iso", "event_date", "admin1", "location", "event_type", "actor1", "actor2")
# Left out of the content hash: the ID and timestamp are what the hash decides about, and a new coder release
# that codes a row identically must not make it look changed.
UNHASHED_COLUMNS = frozenset({"event_id_cnty", "timestamp", "coder_version"})


def missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def canonical(value: object) -> object:
    """A cell as the content hash sees it: numbers insensitive to dtype, floats rounded, others as text."""
    if missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, (int, bool, str)):
        return value
    return str(value)


def key_text(value: object) -> str:
    """A cell as the merge key sees it."""
    return "" if missing(value) else str(value).strip().lower()


def _column_text(values: Iterable[object], encode: Callable[[object], str]) -> list[str]:
    """encode(value) for each value, computed once per distinct (type, value)."""
    memo: dict[tuple[type, object], str] = {}
    out = []
    for value in values:
        try:
            key = (type(value), value)
            text = memo.get(key)
            if text is None:
                text = memo[key] = encode(value)
        except TypeError:  # an unhashable cell
            text = encode(value)
        out.append(text)
    return out


def _cells(frame: pd.DataFrame, column: str) -> list[object]:
    return frame[column].astype(object).tolist() if column in frame else [None] * len(frame)


def merge_keys(frame: pd.DataFrame) -> list[str]:
    """What identifies each event when none of its mentions is known: country, day, place, type and actors."""
    if frame.empty:
        return []
    parts = [pd.Series(_column_text(_cells(frame, c), key_text)) for c in MERGE_KEY_COLUMNS]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return joined.tolist()


def content_hashes(frame: pd.DataFrame) -> list[str]:
    """sha256 of each row's content (all columns but UNHASHED_COLUMNS), as sitrep.ids.content_hash: the JSON
    text of the row's canonical cells with sorted keys."""
    if frame.empty:
        return []
    columns = sorted(c for c in frame.columns if c not in UNHASHED_COLUMNS)
    text: pd.Series | None = None
    for n, column in enumerate(columns):
        cells = pd.Series(_column_text(frame[column].astype(object).tolist(),
                                       lambda v: json.dumps(canonical(v), ensure_ascii=False)))
        label = ("{" if n == 0 else ", ") + json.dumps(str(column), ensure_ascii=False) + ": "
        text = label + cells if text is None else text + label + cells
    rows = (text + "}").tolist() if text is not None else ["{}"] * len(frame)
    return [hashlib.sha256(row.encode()).hexdigest() for row in rows]


def _start_text(quote_start: object) -> str:
    return "" if missing(quote_start) else str(int(quote_start))  # type: ignore[call-overload]


def mention_keys(article_ids: pd.Series, quote_starts: pd.Series) -> pd.Series:
    """article_id:quote_start per mention (sitrep.merge.mention_key)."""
    starts = pd.Series(_column_text(quote_starts.astype(object).tolist(), _start_text), index=article_ids.index)
    return article_ids.astype(str) + ":" + starts
