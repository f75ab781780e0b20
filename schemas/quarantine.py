"""The quarantine table (schemas.columns.QUARANTINE_COLUMNS): inputs and rows set aside, with the reason.

quarantined_at is an ISO 8601 string given by the caller (one value per run keeps reruns identical)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

QUARANTINE_STAGES: list[str] = ["ingest", "code", "validate"]


class QuarantineSchema(pa.DataFrameModel):
    stage: Series[str] = pa.Field(isin=QUARANTINE_STAGES)           # ingest | code | validate
    article_id: Series[str] = pa.Field(nullable=True)               # empty when the input never became an article
    origin: Series[str] = pa.Field(nullable=True)                   # file path or URL the input came from
    reason: Series[str] = pa.Field(str_length={"min_value": 1})     # why it was set aside
    payload: Series[str] = pa.Field(nullable=True)                  # the offending row or record as JSON
    quarantined_at: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}")

    class Config:
        name = "quarantine"
        strict = True
        ordered = True
        coerce = True
