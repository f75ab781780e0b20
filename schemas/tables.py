"""Every table sitrep writes, by name, and what its pandera model says about it: the column order, the Arrow
(Parquet) types and the DuckDB types. The one place they come from; nothing keeps a second list."""

from __future__ import annotations

import pandera.pandas as pa
import pyarrow

from schemas.article import ArticleSchema
from schemas.event import EventSchema
from schemas.event_mention import DeletedEventSchema, EventMentionSchema
from schemas.figure import FigureSchema
from schemas.published_article import ArticleTableSchema
from schemas.quarantine import QuarantineSchema

Model = type[pa.DataFrameModel]

# The published tables (sitrep.zones.tables_dir), in the order the publish stage writes them.
PUBLISHED_TABLES: dict[str, Model] = {
    "events": EventSchema,
    "figures": FigureSchema,
    "articles": ArticleTableSchema,
    "quarantine": QuarantineSchema,
    "event_mentions": EventMentionSchema,
    "deleted_events": DeletedEventSchema,
}
# Tables of the raw zone (all text: an article record is stored exactly as it was read).
RAW_TABLES: dict[str, Model] = {"articles": ArticleSchema, "quarantine": QuarantineSchema}

# pandera's dtype names → (Arrow type, DuckDB type).
_TYPES: dict[str, tuple[pyarrow.DataType, str]] = {
    "str": (pyarrow.string(), "varchar"),
    "string": (pyarrow.string(), "varchar"),
    "string[pyarrow]": (pyarrow.string(), "varchar"),
    "string[python]": (pyarrow.string(), "varchar"),
    "date": (pyarrow.date32(), "date"),
    "int64": (pyarrow.int64(), "bigint"),
    "Int64": (pyarrow.int64(), "bigint"),
    "float64": (pyarrow.float64(), "double"),
}


def columns_of(model: Model) -> list[str]:
    """The model's columns, in order."""
    return list(model.to_schema().columns)


def _types(model: Model) -> dict[str, tuple[pyarrow.DataType, str]]:
    out = {}
    for name, column in model.to_schema().columns.items():
        dtype = str(column.dtype)
        if dtype not in _TYPES:
            raise TypeError(f"{model.__name__}.{name}: no Arrow/DuckDB type known for pandera dtype {dtype!r}")
        out[name] = _TYPES[dtype]
    return out


def arrow_schema(model: Model) -> pyarrow.Schema:
    """The Parquet schema of a table written from a frame the model validated."""
    return pyarrow.schema([(name, arrow) for name, (arrow, _) in _types(model).items()])


def sql_types(model: Model) -> dict[str, str]:
    """The model's columns and their DuckDB types."""
    return {name: sql for name, (_, sql) in _types(model).items()}
