"""pandera DataFrameModels of every table sitrep publishes, with the column lists and ACLED enumerations."""

from schemas.article import ArticleSchema
from schemas.event import ACLED_REGIONS, EventSchema
from schemas.figure import FigureSchema
from schemas.quarantine import QUARANTINE_STAGES, QuarantineSchema

__all__ = ["ACLED_REGIONS", "ArticleSchema", "EventSchema", "FigureSchema", "QUARANTINE_STAGES", "QuarantineSchema"]
