"""The event_mentions table (the link between events and the article mentions they were merged from) and the
deleted_events table (tombstones of events once published and no longer coded)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

EVENT_ID = r"^[A-Z]{3}\d+$"


class EventMentionSchema(pa.DataFrameModel):
    event_id_cnty: Series[str] = pa.Field(str_matches=EVENT_ID)
    mention_id: Series[str] = pa.Field(str_length={"min_value": 1})   # the coder's provisional id of the row
    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    outlet: Series[str] = pa.Field(nullable=True)
    quote: Series[str] = pa.Field(nullable=True)
    quote_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    quote_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    event_date: Series[pandas_engine.Date] = pa.Field()
    fatalities: Series[int] = pa.Field(ge=0)

    class Config:
        name = "event_mentions"
        strict = True
        ordered = True
        coerce = True
        unique = ["event_id_cnty", "mention_id"]


class DeletedEventSchema(pa.DataFrameModel):
    event_id_cnty: Series[str] = pa.Field(str_matches=EVENT_ID, unique=True)
    deleted_at: Series[int] = pa.Field(ge=0)      # Unix time of the publish that no longer had it
    reason: Series[str] = pa.Field(nullable=True)  # "merged into UKR12", "no longer coded by coder …"

    class Config:
        name = "deleted_events"
        strict = True
        ordered = True
        coerce = True
