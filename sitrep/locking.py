"""One writing run at a time per data dir.

Every command that writes to a data dir (run, ingest, backfill, snapshot publish, and the flows when a deployment
runs them) holds `<data_dir>/.sitrep.lock` (an OS file lock, via filelock: released by the kernel when the
holder dies, even by kill -9, so a crashed run never blocks the next one). A second run waits up to
settings.lock_timeout_s ([lock] timeout_s; 0: not at all) and then stops with DataDirBusy, before writing
anything, naming the data dir and the holder's pid.

The holder's pid, command and start time are written beside the lock (`.sitrep.lock.json`), because the lock
itself says nothing about who holds it. Taking the lock (the outermost time in a process) also deletes the temp
files a killed run left in the zones: while it is held, no other run can be writing one."""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from sitrep.settings import Settings
from sitrep.store import atomic_write_bytes, remove_stale_temp_files
from sitrep.zones import HOLDER_FILE, LOCK_FILE, holder_path, lock_path, writable_zones  # noqa: F401 (re-exported)

BUSY_EXIT_CODE = 75   # EX_TEMPFAIL: try again later


class DataDirBusy(RuntimeError):
    """Another sitrep process holds the data dir's lock."""

    def __init__(self, data_dir: Path, holder: dict[str, Any] | None, waited_s: float) -> None:
        self.data_dir, self.holder, self.waited_s = data_dir, holder, waited_s
        who = (f"pid {holder['pid']} ({holder.get('command', '?')}, since {holder.get('since', '?')})"
               if holder else "another process (pid unknown)")
        wait = f"after waiting {waited_s:g} s" if waited_s > 0 else "at once ([lock] timeout_s = 0)"
        super().__init__(
            f"data dir {data_dir} is in use by {who}: only one run at a time may write to it. Stopped {wait}, "
            f"nothing written. Try again when it has finished, or set [lock] timeout_s in sitrep.toml to wait.")


@contextmanager
def data_dir_lock(settings: Settings, command: str) -> Iterator[None]:
    """Hold the data dir's lock for the block (re-entrant within a process, across threads)."""
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # thread_local=False and is_singleton: a flow's tasks on other threads, and a command that takes the lock
    # before calling a flow that takes it again, share one hold instead of locking each other out.
    lock = FileLock(str(lock_path(data_dir)), thread_local=False, is_singleton=True)
    timeout = settings.lock_timeout_s if settings.lock_timeout_s >= 0 else -1
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise DataDirBusy(data_dir, read_holder(data_dir), max(timeout, 0)) from None
    outermost = lock.lock_counter == 1
    try:
        if outermost:
            _write_holder(data_dir, command)
            for zone in writable_zones(settings):
                remove_stale_temp_files(zone)
        yield
    finally:
        if outermost:
            holder_path(data_dir).unlink(missing_ok=True)
        lock.release()


def run_locked(settings: Settings, command: str, body: Callable[[], int]) -> int:
    """Run a command's body under the lock; when the data dir is busy, say so on stderr and return BUSY_EXIT_CODE."""
    try:
        with data_dir_lock(settings, command):
            return body()
    except DataDirBusy as exc:
        print(f"{command}: error: {exc}", file=sys.stderr)
        return BUSY_EXIT_CODE


def read_holder(data_dir: Path) -> dict[str, Any] | None:
    """Who holds the lock, when known: the holder file, if the process it names is alive (else it is stale)."""
    try:
        holder = json.loads(holder_path(data_dir).read_text(encoding="utf-8"))
        pid = int(holder["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if holder.get("host") == socket.gethostname() and not _alive(pid):
        return None
    return holder


def _write_holder(data_dir: Path, command: str) -> None:
    holder = {"pid": os.getpid(), "command": command, "host": socket.gethostname(),
              "since": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")}
    atomic_write_bytes(holder_path(data_dir), json.dumps(holder).encode(), mode=0o644)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
