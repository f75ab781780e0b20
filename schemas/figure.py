"""The reported-figures table (schemas.columns.FIGURE_COLUMNS): one row per number an article reports.

value, low and high are float64 (a figure may be a rounded estimate); low/high are null when the article
gives a single number. event_id_cnty is null when the figure is not tied to a coded event."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.acled import FIGURE_KINDS, QUALIFIERS


class FigureSchema(pa.DataFrameModel):
    figure_id: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    event_id_cnty: Series[str] = pa.Field(nullable=True)
    kind: Series[str] = pa.Field(isin=FIGURE_KINDS)
    value: Series[float] = pa.Field(ge=0)
    low: Series[float] = pa.Field(nullable=True, ge=0)
    high: Series[float] = pa.Field(nullable=True, ge=0)
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS + [""])
    reported_by: Series[str] = pa.Field(nullable=True)
    quote: Series[str] = pa.Field(nullable=True)
    quote_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    quote_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    coder_version: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        name = "figures"
        strict = True
        ordered = True
        coerce = True

    @pa.dataframe_check
    def value_within_low_high(cls, df: pd.DataFrame) -> Series[bool]:
        low_ok = df["low"].isna() | (df["low"] <= df["value"])
        high_ok = df["high"].isna() | (df["value"] <= df["high"])
        return (low_ok & high_ok).astype(bool)

    @pa.dataframe_check
    def quote_start_not_after_end(cls, df: pd.DataFrame) -> Series[bool]:
        either_missing = df["quote_start"].isna() | df["quote_end"].isna()
        return (either_missing | (df["quote_start"] <= df["quote_end"])).astype(bool)
