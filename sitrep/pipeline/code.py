"""The code stage: the raw zone's articles → coded batches (sitrep.zones.coded_dir), one batch per run.

A batch is three parts (mentions, figures, status) of one number; an article's newest batch wins, so a re-code
(backfill, or --force) supersedes what an older batch said without rewriting it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow.parquet as pq

from schemas.columns import ARTICLE_COLUMNS, ARTICLE_STATUS_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from sitrep.language import is_codable
from sitrep.near_duplicates import duplicate_ids
from sitrep.pipeline.code_guards import check_writable, in_window
from sitrep.pipeline.ingest import read_raw_articles
from sitrep.settings import Settings
from sitrep.store import atomic_write_parquet
from sitrep.zones import CODED_PARTS, coded_batches, next_coded_batch

if TYPE_CHECKING:
    from sitrep.coding import CodedArticle

log = logging.getLogger(__name__)

PART_COLUMNS = {"mentions": EVENT_COLUMNS, "figures": FIGURE_COLUMNS, "status": ARTICLE_STATUS_COLUMNS}


@dataclass
class CodeResult:
    coded: int = 0            # articles with at least one event
    no_event: int = 0         # articles read and found to report no event
    failed: int = 0           # articles the coder could not handle (quarantined with the error)
    skipped: int = 0          # already coded by this coder version
    not_coded: int = 0        # unsupported language or near-duplicate: kept raw, not coded
    mentions: int = 0
    figures: int = 0
    article_ids: list[str] = field(default_factory=list)


def read_coded(settings: Settings, coder_version: str, names: Collection[str] | None = None,
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Mentions, figures and statuses of a coder version's batches (those named, else all); an article's newest
    batch among them wins."""
    frames = {}
    wanted = None if names is None else set(names)
    for part in CODED_PARTS:
        pieces = []
        for path in coded_batches(settings, coder_version, part):
            if wanted is not None and path.name not in wanted:
                continue
            df = pq.read_table(path).to_pandas()
            df["_batch"] = path.name
            pieces.append(df)
        frames[part] = (pd.concat(pieces, ignore_index=True) if pieces
                        else pd.DataFrame(columns=[*PART_COLUMNS[part], "_batch"]))
    status = frames["status"]
    latest = status.groupby("article_id")["_batch"].max() if len(status) else pd.Series(dtype=str)

    def newest(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        if df.empty:
            return pd.DataFrame(columns=columns)
        keep = df["_batch"].to_numpy() == df["article_id"].map(latest).to_numpy()
        return df.loc[keep, columns].reset_index(drop=True)

    return (newest(frames["mentions"], EVENT_COLUMNS), newest(frames["figures"], FIGURE_COLUMNS),
            newest(status, ARTICLE_STATUS_COLUMNS))


def _not_coded_ids(settings: Settings, articles: pd.DataFrame) -> set[str]:
    """Articles kept in the raw zone but not coded: unsupported language, or a near-duplicate of another
    (sitrep.language.is_codable, the rule ingest counts by too)."""
    copies = duplicate_ids(settings)
    return {row["id"] for row in articles[["id", "language"]].to_dict("records")
            if not is_codable(row, settings, copies)}


def code_stage(settings: Settings, *, since: date | None = None, until: date | None = None, force: bool = False,
               progress: Callable[[int, int], None] | None = None, workers: int | None = None,
               batch_size: int | None = None) -> CodeResult:
    """Code the raw-zone articles this coder version has not coded yet; with force, re-code them all.
    since/until (inclusive) limit either to articles published in that window. The articles are coded in
    batches of batch_size articles (code_batch) on `workers` processes (None: settings.code_workers; 0: every
    core), with the same rows in the same order as one process would write.

    Every step of one article (coding, checking its rows can be written) runs inside its guard: whatever it
    raises quarantines that article with the reason, and the batch goes on. The three steps (articles_to_code,
    code_batch, write_coded) are apart so that a flow can also map the batches through a task runner
    (flows/code.py)."""
    from sitrep.coding.workers import BATCH_SIZE, map_batches, split_batches

    result = CodeResult()
    todo, not_coded = articles_to_code(settings, since=since, until=until, force=force, result=result)
    records = [a for a in todo if a["id"] not in not_coded]
    result.not_coded += len(todo) - len(records)
    batches = map_batches(code_batch, split_batches(records, batch_size or BATCH_SIZE),
                          settings.code_workers if workers is None else workers, progress=progress)
    return write_coded(settings, batches, result)


def articles_to_code(settings: Settings, *, since: date | None = None, until: date | None = None,
                     force: bool = False, result: CodeResult | None = None) -> tuple[list[dict], set[str]]:
    """The article records to code (sorted by id, with their texts) and the ids among them kept raw but not
    coded (unsupported language, near-duplicate); result.skipped counts those this coder version has coded."""
    from sitrep.coding import CODER_VERSION

    # Metadata first: what to code is decided without reading every text of the raw zone.
    articles = read_raw_articles(settings, columns=[c for c in ARTICLE_COLUMNS if c != "text"])
    if articles.empty:
        return [], set()
    _, _, status = read_coded(settings, CODER_VERSION)
    not_coded = _not_coded_ids(settings, articles)
    if since is not None or until is not None:
        articles = in_window(articles, since, until)
    todo = articles if force else articles[~articles["id"].isin(set(status["article_id"]))]
    if result is not None:
        result.skipped = len(articles) - len(todo)
    texts = read_raw_articles(settings, ids=set(todo["id"]) - not_coded, columns=["id", "text"])
    todo = todo.merge(texts, on="id", how="left").sort_values("id")
    return todo.to_dict("records"), not_coded


@dataclass
class CodedBatch:
    """The rows one batch of articles adds to a coded batch file, and what became of its articles."""
    rows: dict[str, list[dict]] = field(default_factory=lambda: {part: [] for part in CODED_PARTS})
    coded: int = 0
    no_event: int = 0
    failed: int = 0
    article_ids: list[str] = field(default_factory=list)


def code_batch(articles: list[dict]) -> CodedBatch:
    """Code one batch of article records, each inside its guard, into rows (a plain function: the code stage
    maps it over worker processes, and a task runner can map it too)."""
    from sitrep import coding

    batch = CodedBatch()
    for article, coded in zip(articles, coding.code_many(articles), strict=True):
        _code_one(article, coded, coding.CODER_VERSION, batch)
    return batch


def write_coded(settings: Settings, batches: list[CodedBatch], result: CodeResult | None = None) -> CodeResult:
    """Write the batches' rows, in order, as the next coded batch of this coder version (nothing when no
    article was coded) and count them into result."""
    from sitrep.coding import CODER_VERSION

    result = result or CodeResult()
    rows: dict[str, list[dict]] = {part: [] for part in CODED_PARTS}
    for batch in batches:
        for part in CODED_PARTS:
            rows[part].extend(batch.rows[part])
        result.coded += batch.coded
        result.no_event += batch.no_event
        result.failed += batch.failed
        result.article_ids.extend(batch.article_ids)
    if rows["status"]:
        # status last: a batch counts only once its status file exists, so a crash leaves no half batch.
        for part, path in next_coded_batch(settings, CODER_VERSION).items():
            atomic_write_parquet(pd.DataFrame(rows[part], columns=PART_COLUMNS[part]), path)
    result.mentions, result.figures = len(rows["mentions"]), len(rows["figures"])
    return result


def _code_one(article: dict, coded: CodedArticle | Exception, coder_version: str, batch: CodedBatch) -> None:
    """One article's coding (or the exception it raised) into the batch's rows, inside its guard."""
    rows = batch.rows
    try:
        if isinstance(coded, Exception):
            raise coded
        check_writable(coded)
    except Exception as exc:  # one bad article must not stop the run; it is quarantined with the error
        log.error("coder failed on article %s", article["id"], exc_info=exc)
        rows["status"].append({"article_id": article["id"], "status": "quarantined", "events": 0,
                               "reason": f"coder error: {type(exc).__name__}: {exc}"[:2000],
                               "coder_version": coder_version})
        batch.failed += 1
        return
    rows["mentions"].extend(coded.events)
    rows["figures"].extend(coded.figures)
    rows["status"].append({"article_id": article["id"], "status": coded.status, "events": len(coded.events),
                           "reason": "", "coder_version": coder_version})
    batch.coded += coded.status == "coded"
    batch.no_event += coded.status == "no_event"
    batch.article_ids.append(article["id"])
