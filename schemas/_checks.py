"""Small helpers shared by the schemas: what counts as an empty text cell."""

from __future__ import annotations

import pandas as pd


def is_empty(series: pd.Series) -> pd.Series:
    """True where a text cell is null or blank: optional columns may hold either (CSV has no null)."""
    return series.isna() | (series.astype("string").str.strip() == "")
