"""pandera DataFrameModels of every table sitrep writes, with the ACLED enumerations. Column lists
(schemas.columns) and Arrow/DuckDB types (schemas.tables) are read from these models."""

from schemas.article import ArticleSchema
from schemas.event import ACLED_REGIONS, AcledEventSchema, EventSchema
from schemas.event_mention import DeletedEventSchema, EventMentionSchema
from schemas.figure import FigureSchema
from schemas.near_duplicate import NearDuplicateSchema
from schemas.published_article import ArticleStatusSchema, ArticleTableSchema
from schemas.quarantine import QUARANTINE_STAGES, QuarantineSchema

__all__ = [
    "ACLED_REGIONS", "AcledEventSchema", "ArticleSchema", "ArticleStatusSchema", "ArticleTableSchema",
    "DeletedEventSchema", "EventMentionSchema", "EventSchema", "FigureSchema", "NearDuplicateSchema",
    "QUARANTINE_STAGES", "QuarantineSchema",
]
