"""Prefect's temporary server for one `sitrep run`.

Started here rather than lazily inside the flow, so that the run (1) gives it a generous startup timeout and a
clear error saying what to do when even that is not enough (a first run on a slow machine migrates Prefect's
database), (2) stops it when the run ends, is interrupted (SIGINT) or terminated (SIGTERM), and (3) stops the
orphan a run killed with SIGKILL left behind, even one killed while its server was still starting: the server
inherits the run's environment, where SERVER_OF_ENV names the data dir, and the next run on that data dir holds
its lock, so no live run owns such a server (Linux: found through /proc). With PREFECT_API_URL set (a real
server) nothing is started."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT_S = 180      # Prefect's own default (20 s) is too short for a first run on a slow machine
SERVER_OF_ENV = "SITREP_PREFECT_SERVER_OF"                # the data dir whose run started the server
SERVER_MARKER = b"prefect.server.api.server:create_app"  # in the command line of Prefect's server process


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

    stop_orphaned_servers(data_dir)
    # The same instance the flow's client asks for (one per port; None: any free port), so the flow uses it.
    server = SubprocessASGIServer()
    os.environ[SERVER_OF_ENV] = str(data_dir)   # inherited by the server: how the next run finds an orphan
    with stop_on_sigterm():
        try:
            _start(server)
            yield server.api_url
        finally:
            server.stop()


def _start(server) -> None:
    timeout = startup_timeout_s()
    try:
        server.start(timeout=timeout)
    except Exception as exc:
        server.stop()   # the process may be up but not answering yet: don't leave it behind
        raise PrefectServerError(
            f"Prefect's temporary server did not start within {timeout} s ({type(exc).__name__}: "
            f"{str(exc)[:300]}). A first run on a slow or busy machine can take longer: run again, or set "
            f"{STARTUP_TIMEOUT_ENV} higher (e.g. 600), or start a server with `prefect server start` and set "
            f"PREFECT_API_URL=http://127.0.0.1:4200/api.") from exc


def stop_orphaned_servers(data_dir: Path) -> list[int]:
    """Stop the temporary servers killed runs on data_dir left behind; returns their pids. Call only while
    holding the data dir's lock (then no live run owns them)."""
    orphans = [pid for pid in _prefect_servers() if _server_of(pid) == str(data_dir)]
    for pid in orphans:
        _terminate(pid)
    return orphans


def _prefect_servers() -> list[int]:
    try:
        entries = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    except OSError:       # no /proc (not Linux): orphans are not looked for
        return []
    return [int(p.name) for p in entries if _is_prefect_server(int(p.name))]


def _is_prefect_server(pid: int) -> bool:
    """True when pid is alive and is Prefect's server."""
    try:
        return SERVER_MARKER in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _server_of(pid: int) -> str | None:
    """The data dir whose run started server pid (from its environment), if any and if readable."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    prefix = f"{SERVER_OF_ENV}=".encode()
    return next((e[len(prefix):].decode("utf-8", "replace") for e in environ if e.startswith(prefix)), None)


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
