"""Where the code stage's batches run: the Prefect task runner that [runner] kind names.

    kind = "local"   a thread pool of one in this process: today's behaviour and speed (the coder's models load
                     once and are not shared between threads)
    kind = "dask"    prefect_dask.DaskTaskRunner on the scheduler at [runner] address (tcp://host:8786); every
                     batch is a task on one of its workers, and its rows come back to this process, which writes
                     the coded batch (so the output is the same as a local run's)

Before a Dask run starts, the scheduler must answer at its address and have a worker, or the run stops with an
error that names the address and the setting."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sitrep.settings import Settings

if TYPE_CHECKING:   # Prefect only when a runner is made: `sitrep run` checks the runner before importing it
    from prefect.task_runners import TaskRunner

DEFAULT_SCHEDULER_PORT = 8786
CONNECT_TIMEOUT_S = 5.0
WORKER_WAIT_S = 60.0
SETTING = "[runner] address (or SITREP_RUNNER_ADDRESS)"


class RunnerUnavailable(RuntimeError):
    """The configured task runner cannot run batches (no scheduler at its address, or no worker)."""


def scheduler_endpoint(address: str) -> tuple[str, int]:
    """(host, port) of a Dask scheduler address: tcp://host:port, tls://host:port or host:port."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        raise RunnerUnavailable(f"{SETTING} = {address!r}: not a Dask scheduler address such as "
                                f"tcp://127.0.0.1:{DEFAULT_SCHEDULER_PORT}")
    return parts.hostname, parts.port or DEFAULT_SCHEDULER_PORT


def check_scheduler(address: str, timeout_s: float = CONNECT_TIMEOUT_S) -> None:
    """Raise RunnerUnavailable unless something accepts connections at the scheduler's address."""
    host, port = scheduler_endpoint(address)
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except OSError as exc:
        raise RunnerUnavailable(
            f"no Dask scheduler answers at {address} ({SETTING}): {exc}. Start one (`dask scheduler`, then "
            f"`dask worker {address} --nthreads 1`), or set [runner] kind = \"local\".") from exc


def check_runner(settings: Settings) -> None:
    """Raise RunnerUnavailable when the settings' runner cannot be reached (a local one always can)."""
    if settings.runner_kind == "dask":
        if not settings.runner_address:
            raise RunnerUnavailable(f'[runner] kind = "dask" needs {SETTING}')
        check_scheduler(settings.runner_address)


def task_runner_for(settings: Settings) -> TaskRunner:
    """The task runner the settings name (for Dask, only once its scheduler answers)."""
    if settings.runner_kind == "dask":
        check_runner(settings)
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.runner_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)


@contextmanager
def started_runner(settings: Settings) -> Iterator[TaskRunner]:
    """The settings' task runner, started (and, for Dask, connected with at least one worker)."""
    runner = task_runner_for(settings)
    with runner:
        if settings.runner_kind == "dask":
            _wait_for_a_worker(runner, str(settings.runner_address))
        yield runner


def _wait_for_a_worker(runner: TaskRunner, address: str) -> None:
    """A scheduler without workers would hold the batches forever: wait a while for one, then stop."""
    client = runner.client  # type: ignore[attr-defined]   # DaskTaskRunner's client, connected on first use
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except TimeoutError as exc:
        raise RunnerUnavailable(
            f"the Dask scheduler at {address} ({SETTING}) has no worker after {WORKER_WAIT_S:.0f} s: start one "
            f"with `dask worker {address} --nthreads 1`") from exc
