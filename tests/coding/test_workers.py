"""The worker pool of the coder (sitrep/coding/workers.py) with plain functions: results in the batches' order,
progress per batch, an error raised as it was, a dead worker reported instead of waited for."""

from __future__ import annotations

import os
import time

import pytest

from sitrep.coding.workers import WorkerCrashed, map_batches, resolve_workers, split_batches


def lengths_and_pid(batch: list[int]) -> tuple[list[int], int]:
    time.sleep(0.02 * (len(batch) % 3))  # batches finish out of order
    return [x * 2 for x in batch], os.getpid()


def fail_on_seven(batch: list[int]) -> list[int]:
    if 7 in batch:
        raise ValueError("seven is not welcome")
    return batch


def die_on_seven(batch: list[int]) -> list[int]:
    if 7 in batch:
        os._exit(3)  # as a worker killed by the kernel or crashing in native code
    time.sleep(0.2)
    return batch


def test_split_batches_keeps_order_and_size():
    assert split_batches(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert split_batches([], 3) == []
    with pytest.raises(ValueError):
        split_batches([1], 0)


def test_resolve_workers():
    assert resolve_workers(None) == resolve_workers(0) >= 1
    assert resolve_workers(3) == 3
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(-1)


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_the_batches_order(workers):
    batches = split_batches(list(range(23)), 2)
    seen: list[tuple[int, int]] = []
    results = map_batches(lengths_and_pid, batches, workers=workers, progress=lambda d, t: seen.append((d, t)),
                          initializer=None)
    assert [r for r, _pid in results] == [[x * 2 for x in b] for b in batches]
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and seen[-1] == (23, 23) and len(seen) == 12
    pids = {pid for _r, pid in results}
    assert (pids == {os.getpid()}) if workers == 1 else (os.getpid() not in pids)


def test_an_error_in_a_worker_is_raised_as_it_was():
    with pytest.raises(ValueError, match="seven is not welcome"):
        map_batches(fail_on_seven, split_batches(list(range(12)), 2), workers=2, initializer=None)


def test_a_worker_that_dies_is_reported_not_waited_for():
    started = time.monotonic()
    with pytest.raises(WorkerCrashed, match=r"batch \d+ of 6 .*nothing was written"):
        map_batches(die_on_seven, split_batches(list(range(12)), 2), workers=2, initializer=None)
    assert time.monotonic() - started < 60
