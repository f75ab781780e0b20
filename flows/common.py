"""What every flow shares: settings from a config path (flow parameters stay plain values), and the data dir's
lock, which every flow that writes holds for its whole run (sitrep.locking)."""

from __future__ import annotations

from pathlib import Path

from sitrep.locking import data_dir_lock
from sitrep.settings import Settings, load_settings

locked = data_dir_lock


def settings_from(config: str | None) -> Settings:
    return load_settings(Path(config) if config else None)
