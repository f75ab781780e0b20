"""What is in an inbox folder, and reading it safely: the folder source's file-system side.

    walk_inbox(root) -> [InboxEntry]          every entry below root, in path order, each readable or refused
    read_capped(path, limit) -> bytes         a regular file's bytes, refused when over limit
    open_regular(path) -> BinaryIO            a regular file opened for reading (for line-by-line reading)
    capped_lines(fh, limit) -> (number, bytes | None)   lines, an over-long one as None without holding it

An inbox is written by others: it may hold FIFOs, sockets, devices, symlink loops, symlinks pointing outside
it, files that are huge or that change while read. Nothing here ever blocks on one (a FIFO is never opened
for a blocking read), follows a link out of the inbox, or holds more than `limit` bytes of one file or line;
every such entry comes back refused with a reason that names no absolute path, so it can be quarantined
and published as it is."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# Bytes read at a time when skipping the rest of an over-long line.
SKIP_CHUNK = 1 << 20


@dataclass(frozen=True)
class InboxEntry:
    relative: str           # POSIX path below the inbox root: the entry's name in quarantine and origins
    path: Path | None       # what to open (a symlink's resolved target inside the inbox); None when refused
    refused: str = ""       # why the entry is not read; "" for a readable regular file

    @property
    def suffix(self) -> str:
        return Path(self.relative).suffix.lower()


class NotRegularFile(OSError):
    """The path turned out not to be a regular file when opened (replaced since it was listed)."""


class TooLarge(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes (limit {limit})")
        self.size, self.limit = size, limit


def walk_inbox(root: Path) -> list[InboxEntry]:
    """Every entry below root, sorted by path; hidden names and READMEs are not inputs and are left out.

    Subfolders are walked; symlinked folders are not followed (a loop or a way out of the inbox)."""
    real_root = root.resolve()
    entries: list[tuple[tuple[str, ...], InboxEntry]] = []
    pending: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if parts:  # the root itself is checked by the caller
                entries.append((parts, InboxEntry("/".join(parts), None,
                                                  f"unreadable folder: {exc.strerror or type(exc).__name__}")))
            continue
        for child in children:
            if child.name.startswith("."):
                continue
            child_parts = (*parts, child.name)
            try:
                is_dir = child.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                pending.append((Path(child.path), child_parts))
                continue
            if Path(child.name).stem.upper() == "README":
                continue
            entries.append((child_parts, _entry(Path(child.path), "/".join(child_parts), real_root)))
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


def _entry(path: Path, relative: str, real_root: Path) -> InboxEntry:
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return InboxEntry(relative, None, f"unreadable entry: {exc.strerror or type(exc).__name__}")
    if stat.S_ISLNK(mode):
        return _symlink_entry(path, relative, real_root)
    if not stat.S_ISREG(mode):
        return InboxEntry(relative, None, f"not a regular file ({_kind(mode)}): not read")
    return InboxEntry(relative, path)


def _symlink_entry(path: Path, relative: str, real_root: Path) -> InboxEntry:
    """A symlink is read only when it resolves to a regular file inside the inbox."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return InboxEntry(relative, None, "symlink loop: not read")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP (Python 3.13+)
            return InboxEntry(relative, None, "symlink loop: not read")
        return InboxEntry(relative, None, "broken symlink: its target does not exist")
    if not target.is_relative_to(real_root):
        # Neither the target's path nor its content may leave this machine through the quarantine table.
        return InboxEntry(relative, None, "symlink pointing outside the inbox: refused")
    try:
        mode = os.stat(target).st_mode
    except OSError as exc:
        return InboxEntry(relative, None, f"unreadable entry: {exc.strerror or type(exc).__name__}")
    if stat.S_ISDIR(mode):
        return InboxEntry(relative, None, "symlink to a folder: not followed")
    if not stat.S_ISREG(mode):
        return InboxEntry(relative, None, f"symlink to something not a regular file ({_kind(mode)}): not read")
    return InboxEntry(relative, target)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a file"


def open_regular(path: Path) -> BinaryIO:
    """Open path for reading only if it is (still) a regular file. O_NONBLOCK: should it have become a FIFO
    since it was listed, opening returns at once instead of waiting for a writer; O_NOFOLLOW: no new link."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile("not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, limit: int) -> bytes:
    """The whole file; TooLarge (without reading it) when it is bigger than limit bytes."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise TooLarge(size, limit)
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise TooLarge(len(data), limit)
    return data


def capped_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line without its newline, length in bytes); the line is None when longer than limit,
    in which case it was skipped in chunks and never held whole in memory."""
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line.rstrip(b"\n").rstrip(b"\r"), len(line)
            continue
        length = len(line)
        del line
        while True:
            rest = fh.readline(SKIP_CHUNK)
            length += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield number, None, length
