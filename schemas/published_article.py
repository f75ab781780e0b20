"""The published articles table: one row per raw-zone article, its metadata (the text stays in the raw zone)
and what became of it: coded, no_event, quarantined (with the reason) or not_coded (unsupported language,
near-duplicate, or not coded yet)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

ARTICLE_TABLE_STATUSES: list[str] = ["coded", "no_event", "quarantined", "not_coded"]


class ArticleTableSchema(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    published: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=True)
    outlet: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    language: Series[str] = pa.Field(nullable=True)
    source_name: Series[str] = pa.Field(nullable=True)
    source_scale: Series[str] = pa.Field(nullable=True)
    ingest_date: Series[str] = pa.Field(nullable=True)
    content_hash: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=ARTICLE_TABLE_STATUSES)
    events: Series[int] = pa.Field(ge=0)
    reason: Series[str] = pa.Field(nullable=True)
    coder_version: Series[str] = pa.Field(nullable=True)

    class Config:
        name = "articles"
        strict = True
        ordered = True
        coerce = True


class ArticleStatusSchema(pa.DataFrameModel):
    """The status part of a coded batch: one row per article a coding run read."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    status: Series[str] = pa.Field(isin=["coded", "no_event", "quarantined"])
    events: Series[int] = pa.Field(ge=0)
    reason: Series[str] = pa.Field(nullable=True)
    coder_version: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        name = "article_status"
        strict = True
        ordered = True
        coerce = True
