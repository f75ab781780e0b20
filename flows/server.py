"""Prefect's temporary server for one `sitrep run`.

Started here rather than lazily inside the flow, so that the run (1) gives it a generous startup timeout and a
clear error saying what to do when even that is not enough (a first run on a slow machine migrates Prefect's
database), (2) stops it when the run ends, is interrupted (SIGINT) or terminated (SIGTERM), and (3) stops the
orphan a run killed with SIGKILL left behind: its pid is recorded in the data dir, and the next run, which
holds the data dir's lock, knows no live run owns it. With PREFECT_API_URL set (a real server) nothing is
started."""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Iterator

STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT_S = 180      # Prefect's own default (20 s) is too short for a first run on a slow machine
PID_FILE = ".prefect-server.pid"
SERVER_MARKER = "prefect.server.api.server:create_app"   # in the command line of Prefect's server process


class PrefectServerError(RuntimeError):
    """Prefect's temporary server did not start."""


def startup_timeout_s() -> int:
    return int(os.environ.get(STARTUP_TIMEOUT_ENV) or DEFAULT_STARTUP_TIMEOUT_S)


@contextmanager
def temporary_server(data_dir: Path) -> Iterator[str | None]:
    """Run the block with Prefect's temporary server up (its API URL), or None when a server is configured."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield None
        return
    from prefect.server.api.server import SubprocessASGIServer

    stop_orphaned_server(data_dir)
    # The same instance the flow's client asks for (one per port; None: any free port), so the flow uses it.
    server = SubprocessASGIServer()
    with stop_on_sigterm():
        try:
            _start(server)
            if server.server_process is not None:
                (data_dir / PID_FILE).write_text(f"{server.server_process.pid}\n", encoding="utf-8")
            yield server.api_url
        finally:
            server.stop()
            (data_dir / PID_FILE).unlink(missing_ok=True)


def _start(server) -> None:
    timeout = startup_timeout_s()
    try:
        server.start(timeout=timeout)
    except Exception as exc:
        raise PrefectServerError(
            f"Prefect's temporary server did not start within {timeout} s ({type(exc).__name__}: "
            f"{str(exc)[:300]}). A first run on a slow or busy machine can take longer: run again, or set "
            f"{STARTUP_TIMEOUT_ENV} higher (e.g. 600), or start a server with `prefect server start` and set "
            f"PREFECT_API_URL=http://127.0.0.1:4200/api.") from exc


def stop_orphaned_server(data_dir: Path) -> int | None:
    """Stop the temporary server a killed run left (the pid recorded in the data dir, if it is still Prefect's
    server); returns its pid when one was stopped. Call only while holding the data dir's lock."""
    pid_file = data_dir / PID_FILE
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    stopped = pid if _is_prefect_server(pid) else None
    if stopped is not None:
        _terminate(pid)
    pid_file.unlink(missing_ok=True)
    return stopped


def _is_prefect_server(pid: int) -> bool:
    """True when pid is alive and is Prefect's server (a recorded pid may since belong to another program)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return False
    return SERVER_MARKER in cmdline


def _terminate(pid: int, grace_s: float = 5.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline and _is_prefect_server(pid):
            time.sleep(0.1)
        if _is_prefect_server(pid):
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into SystemExit for the block, so finally clauses (stopping the server) run. Prefect
    installs its own handler while a flow runs (it raises TerminationSignal), with the same effect."""
    def terminate(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:   # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
