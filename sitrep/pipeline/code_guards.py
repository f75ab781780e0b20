"""Guards of the code stage: which articles a published-date window holds, and whether one article's coded
rows can be written with the batch. Neither ever raises for a reason outside the one article it looks at."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pyarrow as pa

from schemas.columns import EVENT_COLUMNS, FIGURE_COLUMNS


def published_day(value: object) -> date | None:
    """The UTC day of an ISO publication date; None when it is none (never raises, whatever the year)."""
    text = str(value or "").strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        try:
            return parsed.astimezone(UTC).date() if parsed.tzinfo else parsed.date()
        except OverflowError:  # 9999-12-31T23:00-05:00 has no UTC day; its own day is as good
            return parsed.date()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def in_window(articles: pd.DataFrame, since: date | None, until: date | None) -> pd.DataFrame:
    """The articles published between since and until (inclusive); an unreadable date is in no window."""
    days = articles["published"].map(published_day)
    keep = days.map(lambda d: d is not None and (since or date.min) <= d <= (until or date.max))
    return articles[keep.astype(bool)]


def check_writable(coded: Any) -> None:
    """Raise (inside the article's guard) if the article's rows could not be written with the batch: an int
    beyond int64, or a value pyarrow cannot convert. One article's output must never fail the batch."""
    for rows, columns in ((coded.events, EVENT_COLUMNS), (coded.figures, FIGURE_COLUMNS)):
        for row in rows:
            for name, value in row.items():
                if isinstance(value, int) and not -(2**63) <= value < 2**63:
                    raise OverflowError(f"{name} {value} does not fit a 64-bit integer")
        if rows:
            pa.Table.from_pandas(pd.DataFrame(rows, columns=columns), preserve_index=False)
