"""The raw zone's near-duplicate links (sitrep.near_duplicates): a later copy of a story → the first copy."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series


class NearDuplicateSchema(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    duplicate_of: Series[str] = pa.Field(str_length={"min_value": 1})
    similarity: Series[float] = pa.Field(ge=0, le=1)   # estimated Jaccard similarity of the two texts

    class Config:
        name = "near_duplicates"
        strict = True
        ordered = True
        coerce = True
