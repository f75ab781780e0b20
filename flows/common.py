"""What every flow shares: settings from a config path (flow parameters stay plain values)."""

from __future__ import annotations

from pathlib import Path

from sitrep.settings import Settings, load_settings


def settings_from(config: str | None) -> Settings:
    return load_settings(Path(config) if config else None)
