"""The quarantine table (schemas.columns.QUARANTINE_COLUMNS): inputs and rows set aside, with the reason.

quarantined_at is an ISO 8601 string given by the caller (one value per run keeps reruns identical)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

QUARANTINE_STAGES: list[str] = ["ingest", "code", "validate"]


class QuarantineSchema(pa.DataFrameModel):
    stage: Series[str] = pa.Field(isin=QUARANTINE_STAGES)
    article_id: Series[str] = pa.Field(nullable=True)
    origin: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(str_length={"min_value": 1})
    payload: Series[str] = pa.Field(nullable=True)
    quarantined_at: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}")

    class Config:
        name = "quarantine"
        strict = True
        ordered = True
        coerce = True
