"""Column lists of every table sitrep writes, in the order they are written, read from the pandera models
(schemas/): a column is added, renamed or moved there and nowhere else.

The ACLED columns and their order are a contract (../shared/DESIGN.md): outside checks rely on them, and
tests/schemas/test_columns.py pins them.
"""

from schemas.article import ArticleSchema
from schemas.event import AcledEventSchema, EventSchema
from schemas.event_mention import DeletedEventSchema, EventMentionSchema
from schemas.figure import FigureSchema
from schemas.near_duplicate import NearDuplicateSchema
from schemas.published_article import ArticleStatusSchema, ArticleTableSchema
from schemas.quarantine import QuarantineSchema
from schemas.tables import columns_of

ACLED_COLUMNS: list[str] = columns_of(AcledEventSchema)
EVENT_COLUMNS: list[str] = columns_of(EventSchema)
# sitrep's own columns, after the ACLED ones: where the row came from and how sure the coder is.
SITREP_EVENT_COLUMNS: list[str] = EVENT_COLUMNS[len(ACLED_COLUMNS):]
FIGURE_COLUMNS: list[str] = columns_of(FigureSchema)
ARTICLE_COLUMNS: list[str] = columns_of(ArticleSchema)              # a raw-zone article record
ARTICLE_TABLE_COLUMNS: list[str] = columns_of(ArticleTableSchema)   # the published articles table
ARTICLE_STATUS_COLUMNS: list[str] = columns_of(ArticleStatusSchema)  # one row per article and coding run
QUARANTINE_COLUMNS: list[str] = columns_of(QuarantineSchema)
EVENT_MENTION_COLUMNS: list[str] = columns_of(EventMentionSchema)
DELETED_EVENT_COLUMNS: list[str] = columns_of(DeletedEventSchema)
NEAR_DUPLICATE_COLUMNS: list[str] = columns_of(NearDuplicateSchema)
