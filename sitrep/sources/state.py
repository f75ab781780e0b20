"""Per-source incremental state: what a feed or page list already gave us, so the next run asks only for news.

    <raw zone>/state/<source-name>.json   {"etag", "last_modified", "seen_urls": [...], "updated_at"}
                                          (the folder: sitrep.zones.state_dir)

A source reader never writes this file itself. It *stages* the state it would like to keep
(`stage_state`); the ingest stage calls `commit_staged_states(settings)` only after the run's articles and
quarantine rows are safely in the raw zone. So a crash between fetching and writing loses nothing: the next
run sends no validators, fetches the feed again, and re-reads the items (ingest's exact dedup drops repeats).
Without the commit the state simply never advances, which is slower but never wrong."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sitrep.settings import Settings
from sitrep.store import atomic_write_bytes
from sitrep.zones import state_dir

# Feeds carry their newest items; remembering this many URLs per source covers any feed's window many times.
MAX_SEEN_URLS = 20_000


@dataclass
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    seen_urls: list[str] = field(default_factory=list)      # canonical URLs, oldest first
    updated_at: str | None = None

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def with_seen(self, urls: list[str]) -> list[str]:
        known = set(self.seen_urls)
        merged = self.seen_urls + [u for u in dict.fromkeys(urls) if u not in known]
        return merged[-MAX_SEEN_URLS:]


def state_path(settings: Settings, source_name: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", source_name).strip("._") or "source"
    return state_dir(settings) / f"{slug}.json"


def load_state(settings: Settings, source_name: str) -> SourceState:
    """The committed state of a source (an empty one when there is none or the file is unreadable)."""
    path = state_path(settings, source_name)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return SourceState()
    return SourceState(etag=raw.get("etag"), last_modified=raw.get("last_modified"),
                       seen_urls=list(raw.get("seen_urls") or []), updated_at=raw.get("updated_at"))


def save_state(settings: Settings, source_name: str, state: SourceState) -> None:
    state.updated_at = datetime.now(UTC).isoformat(timespec="seconds")
    data = json.dumps(asdict(state), ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write_bytes(state_path(settings, source_name), data)


# ── staged until ingest has written the raw zone ──

_lock = threading.Lock()
_staged: dict[tuple[str, str], SourceState] = {}


def stage_state(settings: Settings, source_name: str, state: SourceState) -> None:
    """Remember the state a source reached in this run; written by commit_staged_states."""
    with _lock:
        _staged[(str(settings.raw_dir), source_name)] = state


def staged_state(settings: Settings, source_name: str) -> SourceState | None:
    with _lock:
        return _staged.get((str(settings.raw_dir), source_name))


def commit_staged_states(settings: Settings, source_names: list[str] | None = None) -> list[str]:
    """Write the staged states of this data dir (of the named sources only, if given); returns the names written.
    Call this once the run's raw-zone files are written."""
    key_dir = str(settings.raw_dir)
    with _lock:
        keys = [k for k in _staged if k[0] == key_dir and (source_names is None or k[1] in source_names)]
        states = [(k[1], _staged.pop(k)) for k in keys]
    for name, state in states:
        save_state(settings, name, state)
    return [name for name, _ in states]


def discard_staged_states(settings: Settings) -> None:
    """Forget what this data dir's sources staged (a failed run)."""
    with _lock:
        for key in [k for k in _staged if k[0] == str(settings.raw_dir)]:
            del _staged[key]
