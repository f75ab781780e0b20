"""An article record as the raw zone stores it (sitrep.articles contract; all text): one row per stored article.

Dates stay ISO strings as the article record has them: `published` is an ISO date or datetime (its first ten
characters are the day), `ingest_date` an ISO date; empty optional fields are "" or null."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

ISO_DATE_PREFIX = r"^\d{4}-\d{2}-\d{2}"


class ArticleSchema(pa.DataFrameModel):
    id: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    published: Series[str] = pa.Field(str_matches=ISO_DATE_PREFIX)
    title: Series[str] = pa.Field(nullable=True)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    outlet: Series[str] = pa.Field(str_length={"min_value": 1})
    url: Series[str] = pa.Field(nullable=True)
    language: Series[str] = pa.Field(nullable=True)
    fetched_at: Series[str] = pa.Field(nullable=True)
    source_name: Series[str] = pa.Field(nullable=True)
    source_scale: Series[str] = pa.Field(nullable=True)
    ingest_date: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE_PREFIX + "$")
    content_hash: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")

    class Config:
        name = "articles"
        strict = True
        ordered = True
        coerce = True
