"""The event table: the 31 ACLED columns in ACLED's order (AcledEventSchema), then sitrep's own (EventSchema).

Types after validation (coerce=True): event_date holds `datetime.date` objects (Parquet date32, DuckDB DATE),
whole numbers are int64 (nullable Int64 where a value may be missing), coordinates and confidence float64,
everything else str. Optional text columns may be null or "": both mean "empty"."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from schemas._checks import is_empty
from schemas.acled import (
    DISORDER_TYPES,
    EVENT_TYPE_OF,
    EVENT_TYPES,
    GEO_PRECISIONS,
    INTER_CODES,
    INTERACTIONS,
    SOURCE_SCALES,
    SUB_EVENT_TYPES,
    TIME_PRECISIONS,
    disorder_type_for,
    interaction_for,
)

# ACLED's regions (the `region` column); the country table in sitrep/resources uses the same names.
ACLED_REGIONS: list[str] = [
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Central America", "South America", "Caribbean",
    "Caucasus and Central Asia", "Europe", "Oceania", "North America", "Antarctica",
]

INTER_TYPES: list[str] = list(INTER_CODES.values())
EMPTY_TEXT = [""]  # "" is allowed next to null in optional enumerated columns


def _is_source_scale(value: str) -> bool:
    """One of ACLED's scales, or two of them joined by "-" (National-International)."""
    parts = value.split("-")
    return len(parts) <= 2 and all(part in SOURCE_SCALES for part in parts)


def _text_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) or str(value).strip() == "" else str(value)


class AcledEventSchema(pa.DataFrameModel):
    """The 31 ACLED columns, in ACLED's order (a contract: schemas.columns.ACLED_COLUMNS is read from here)."""

    event_id_cnty: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}\d+$", unique=True)
    event_date: Series[pandas_engine.Date] = pa.Field()
    year: Series[int] = pa.Field(ge=1900, le=2100)
    time_precision: Series[int] = pa.Field(isin=TIME_PRECISIONS)
    disorder_type: Series[str] = pa.Field(isin=DISORDER_TYPES)
    event_type: Series[str] = pa.Field(isin=EVENT_TYPES)
    sub_event_type: Series[str] = pa.Field(isin=SUB_EVENT_TYPES)
    actor1: Series[str] = pa.Field(str_length={"min_value": 1})
    assoc_actor_1: Series[str] = pa.Field(nullable=True)
    inter1: Series[str] = pa.Field(isin=INTER_TYPES)
    actor2: Series[str] = pa.Field(nullable=True)
    assoc_actor_2: Series[str] = pa.Field(nullable=True)
    inter2: Series[str] = pa.Field(nullable=True, isin=INTER_TYPES + EMPTY_TEXT)
    interaction: Series[str] = pa.Field(isin=INTERACTIONS)
    civilian_targeting: Series[str] = pa.Field(nullable=True, isin=["Civilian targeting"] + EMPTY_TEXT)
    iso: Series[int] = pa.Field(ge=0, le=999)
    region: Series[str] = pa.Field(isin=ACLED_REGIONS)
    country: Series[str] = pa.Field(str_length={"min_value": 1})
    admin1: Series[str] = pa.Field(nullable=True)
    admin2: Series[str] = pa.Field(nullable=True)
    admin3: Series[str] = pa.Field(nullable=True)
    location: Series[str] = pa.Field(str_length={"min_value": 1})
    latitude: Series[float] = pa.Field(ge=-90, le=90)
    longitude: Series[float] = pa.Field(ge=-180, le=180)
    geo_precision: Series[int] = pa.Field(isin=GEO_PRECISIONS)
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    source_scale: Series[str] = pa.Field()
    notes: Series[str] = pa.Field(nullable=True)
    fatalities: Series[int] = pa.Field(ge=0)
    tags: Series[str] = pa.Field(nullable=True)
    timestamp: Series[int] = pa.Field(ge=0)

    class Config:
        name = "acled_events"
        strict = True     # no column but these
        ordered = True    # in this order (the ACLED order is a contract)
        coerce = True

    @pa.check("source_scale", name="source_scale_known")
    def source_scale_known(cls, series: Series[str]) -> Series[bool]:
        return series.map(lambda v: isinstance(v, str) and _is_source_scale(v)).astype(bool)

    # Row-wise checks: each names the rule it enforces, so the quarantine reason reads as a sentence.
    @pa.dataframe_check
    def sub_event_type_belongs_to_event_type(cls, df: pd.DataFrame) -> Series[bool]:
        return df["sub_event_type"].map(EVENT_TYPE_OF) == df["event_type"]

    @pa.dataframe_check
    def disorder_type_matches_event_type(cls, df: pd.DataFrame) -> Series[bool]:
        expected = [disorder_type_for(e, s) for e, s in zip(df["event_type"], df["sub_event_type"], strict=True)]
        return pd.Series(expected, index=df.index) == df["disorder_type"]

    @pa.dataframe_check
    def interaction_matches_inter_codes(cls, df: pd.DataFrame) -> Series[bool]:
        def ok(inter1: object, inter2: object, interaction: object) -> bool:
            try:
                return interaction_for(str(inter1), _text_or_none(inter2)) == interaction
            except KeyError:  # an unknown inter code: reported by its own column check
                return False
        return pd.Series([ok(a, b, c) for a, b, c in zip(df["inter1"], df["inter2"], df["interaction"], strict=True)],
                         index=df.index, dtype=bool)

    @pa.dataframe_check
    def inter2_empty_iff_actor2_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return is_empty(df["inter2"]) == is_empty(df["actor2"])

    @pa.dataframe_check
    def year_is_event_date_year(cls, df: pd.DataFrame) -> Series[bool]:
        years = df["event_date"].map(lambda d: getattr(d, "year", None))
        return years == df["year"]


class EventSchema(AcledEventSchema):
    """An event row: the ACLED columns, then sitrep's own (where the row came from, how sure the coder is)."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    quote: Series[str] = pa.Field(nullable=True)                  # the sentence(s) the event was coded from
    quote_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)  # character offsets of the quote in the text
    quote_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    date_text: Series[str] = pa.Field(nullable=True)    # the raw date expression; empty: the publication date was used
    place_text: Series[str] = pa.Field(nullable=True)   # the raw place expression ("near Sudzha")
    fatalities_low: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    fatalities_high: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    confidence: Series[float] = pa.Field(ge=0, le=1)
    coder_version: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        name = "events"
        strict = True
        ordered = True
        coerce = True

    @pa.dataframe_check
    def fatalities_within_low_high(cls, df: pd.DataFrame) -> Series[bool]:
        low_ok = df["fatalities_low"].isna() | (df["fatalities_low"] <= df["fatalities"])
        high_ok = df["fatalities_high"].isna() | (df["fatalities"] <= df["fatalities_high"])
        return (low_ok & high_ok).astype(bool)

    @pa.dataframe_check
    def quote_start_not_after_end(cls, df: pd.DataFrame) -> Series[bool]:
        either_missing = df["quote_start"].isna() | df["quote_end"].isna()
        return (either_missing | (df["quote_start"] <= df["quote_end"])).astype(bool)
