"""Coding on every core: batches of article records coded in worker processes, results in input order.

    map_batches(code, batches, workers=N, progress=...) -> list of code(batch), in the batches' order

Each worker is a fresh interpreter (the "spawn" start method, not "fork": the code stage runs inside Prefect's
task threads, and a forked child of a threaded process can inherit a lock some other thread held) that loads
the coder once, in the pool's initializer: the gazetteer, the lexicons and the NER model (warm_up), then codes
batch after batch. Results are put back in the order of the batches, so the output of N workers is row for
row that of one process. With one worker, or fewer than two batches, the batches are coded in this process
(no pool to start: a nightly run with a handful of new articles pays nothing).

A worker that dies (killed, out of memory, a crash in native code) breaks the pool: the caller gets a
WorkerCrashed naming the batch that was lost, never a hang; an exception raised by `code` itself is re-raised
as it was. Either way nothing has been written: the callers write only after every batch is back.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

BATCH_SIZE = 100  # articles per batch: big enough that a batch's pickling is small next to its coding
WARM_UP_ARTICLE = {"id": "worker-warm-up", "published": "2022-01-02", "outlet": "Warm-up",
                   "text": "On 1 January 2022, police arrested two men in Kano, Nigeria."}


class WorkerCrashed(RuntimeError):
    """A worker process died while coding; the message names the batch."""


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(requested: int | None) -> int:
    """The number of worker processes: 0 or None means every core; a negative number is an error."""
    if requested is None or requested == 0:
        return default_workers()
    if requested < 0:
        raise ValueError(f"workers must be 0 (every core) or a positive number, not {requested}")
    return requested


def split_batches(items: Sequence[T], size: int = BATCH_SIZE) -> list[list[T]]:
    """Consecutive batches of at most size items, in order."""
    if size < 1:
        raise ValueError(f"batch size must be positive, not {size}")
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def warm_up() -> None:
    """Load what coding needs once (the pool's initializer): coding one article loads the lexicons, the
    gazetteer and the NER model of the default coder."""
    from sitrep.coding import code_article

    code_article(WARM_UP_ARTICLE)


def map_batches(code: Callable[[list[T]], R], batches: Sequence[list[T]], workers: int | None = None,
                progress: Callable[[int, int], None] | None = None,
                initializer: Callable[[], None] | None = warm_up) -> list[R]:
    """code(batch) for every batch, in order; in `workers` processes (0/None: every core). progress(done,
    total) is told the items done after each batch. `code` must be a module-level function (it is pickled)."""
    count = min(resolve_workers(workers), len(batches))
    total = sum(len(b) for b in batches)
    if count <= 1:
        results = []
        done = 0
        for batch in batches:
            results.append(code(batch))
            done += len(batch)
            if progress:
                progress(done, total)
        return results
    return _in_pool(code, batches, count, total, progress, initializer)


def _in_pool(code: Callable[[list[T]], R], batches: Sequence[list[T]], count: int, total: int,
             progress: Callable[[int, int], None] | None, initializer: Callable[[], None] | None) -> list[R]:
    results: dict[int, R] = {}
    done = 0
    context = multiprocessing.get_context("spawn")
    log.info("coding %d articles in %d batches on %d worker processes", total, len(batches), count)
    pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=initializer)
    try:
        pending: dict[Future[Any], int] = {pool.submit(code, batch): n for n, batch in enumerate(batches)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                n = pending.pop(future)
                try:
                    results[n] = future.result()
                except BrokenProcessPool as exc:
                    raise WorkerCrashed(
                        f"a coding worker process died while coding batch {n + 1} of {len(batches)} "
                        f"({len(batches[n])} articles); nothing was written: {exc}") from exc
                done += len(batches[n])
                if progress:
                    progress(done, total)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [results[n] for n in range(len(batches))]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers still coding: their results are no longer wanted."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # the executor keeps no public list
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
