"""The near-duplicate index kept on disk, so that a night's ingest fingerprints only the night's articles.

One file beside the raw zone (raw_dir/state/near_duplicates/index.npz, local even when the zone is on object
storage): the indexed ids, their MinHash signatures, the raw zone's article parts they come from, and the
parameters that made them. Opening it for a run:
- the zone's article parts the file does not name yet (a run that crashed after writing its articles, another
  machine's run) are read and added, so the index always equals one built from the whole zone;
- the file is rebuilt from the raw zone when it is missing, unreadable, of another format or other parameters,
  or names a part the zone no longer has (a zone that was replaced), with a log line saying why.
Articles linked as copies (sitrep.near_duplicates link table) are left out, as a full rebuild leaves them out.
Written atomically (temp file, fsync, rename) after the run's articles part, never before."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import numpy as np
import pyarrow.parquet as pq

from sitrep import near_duplicates as nd
from sitrep import object_store
from sitrep.settings import Settings
from sitrep.store import atomic_write_bytes
from sitrep.zones import articles_dir, state_dir

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


def index_path(settings: Settings) -> Path:
    return state_dir(settings) / "near_duplicates" / "index.npz"


def parameters() -> str:
    """What the stored signatures depend on: a change to any of them makes the file useless (rebuilt)."""
    permutations = hashlib.sha256(nd._A.tobytes() + nd._B.tobytes()).hexdigest()[:16]
    return json.dumps({"format": FORMAT_VERSION, "bands": nd.BANDS, "rows": nd.ROWS,
                       "shingle_words": nd.SHINGLE_WORDS, "min_shingles": nd.MIN_SHINGLES,
                       "hashed_chars": nd.HASHED_CHARS, "permutations": permutations}, sort_keys=True)


def part_name(path: Path | str) -> str:
    """An article part's name inside the zone: "ingest_date=D/part-H.parquet" (sitrep.zones.append_part)."""
    return "/".join(PurePosixPath(str(path)).parts[-2:])


def article_parts(settings: Settings) -> list[str]:
    """The raw zone's article parts, in the order every reader of the zone takes them."""
    folder = articles_dir(settings)
    if object_store.is_url(folder):
        _fs, names = object_store.parquet_files(str(folder))
        return [part_name(n) for n in names]
    files = sorted(p for p in Path(folder).rglob("*.parquet") if not p.name.startswith("."))
    return [part_name(p) for p in files]


def read_part_texts(settings: Settings, names: list[str]) -> Iterator[tuple[str, str]]:
    """(id, text) of the given article parts, part by part (never the whole zone in memory at once)."""
    folder = articles_dir(settings)
    for name in names:
        location = object_store.join(folder, *name.split("/"))
        if isinstance(location, str):
            fs, path = object_store.filesystem(location)
            table = object_store.read_parquet(fs, path, ["id", "text"])
        else:
            table = pq.read_table(location, columns=["id", "text"])
        yield from zip(table.column("id").to_pylist(), table.column("text").to_pylist(), strict=True)


def open_index(settings: Settings) -> tuple[nd.NearDuplicateIndex, list[str], bool]:
    """The index of the whole raw zone, the parts it covers, and whether it holds more than its file."""
    parts = article_parts(settings)
    copies = nd.duplicate_ids(settings)
    stored = load_index(index_path(settings), set(parts))
    ids, signatures, covered = stored if stored is not None else ([], nd._empty_signatures(), [])
    keep = [i for i, article_id in enumerate(ids) if article_id not in copies]
    dropped = len(keep) < len(ids)       # linked as copies since the file was written (another machine's run)
    if dropped:
        ids, signatures = [ids[i] for i in keep], signatures[keep]
    index = nd.NearDuplicateIndex(base=nd.SignatureTable.build(ids, signatures))
    known = set(covered)
    missing = [p for p in parts if p not in known]
    for article_id, text in read_part_texts(settings, missing):
        if article_id not in copies:
            index.add(article_id, text)
    if missing:
        log.info("near-duplicate index: %d article part(s) read into it (%d articles indexed)",
                 len(missing), len(index))
    return index, covered + missing, bool(missing) or dropped


def load_index(path: Path, zone_parts: set[str]) -> tuple[list[str], np.ndarray, list[str]] | None:
    """The stored (ids, signatures, parts), or None (with the reason logged) when it must be rebuilt."""
    if not path.exists():
        log.info("near-duplicate index: no index file at %s; building it from the raw zone", path)
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            found = str(data["parameters"])
            ids = [str(i) for i in data["ids"]]
            signatures = np.asarray(data["signatures"], dtype=np.uint32)
            parts = [str(p) for p in data["parts"]]
    except Exception as exc:   # truncated, not a zip, a member missing: the file is a cache, rebuild it
        log.warning("near-duplicate index: %s is unreadable (%s: %s); rebuilding it from the raw zone",
                    path, type(exc).__name__, str(exc)[:200])
        return None
    if found != parameters():
        log.info("near-duplicate index: %s has another format or parameters; rebuilding it", path)
        return None
    if signatures.shape != (len(ids), nd.NUM_PERM):
        log.warning("near-duplicate index: %s has %s signatures for %d ids; rebuilding it",
                    path, signatures.shape, len(ids))
        return None
    gone = [p for p in parts if p not in zone_parts]
    if gone:
        log.warning("near-duplicate index: %d part(s) it covers are not in the raw zone (e.g. %s); rebuilding it",
                    len(gone), gone[0])
        return None
    return ids, signatures, parts


def save_index(settings: Settings, index: nd.NearDuplicateIndex, parts: list[str]) -> Path:
    ids, signatures = index.contents()
    buffer = io.BytesIO()
    np.savez(buffer, parameters=np.array(parameters()), ids=np.array(ids, dtype=np.str_),
             signatures=signatures, parts=np.array(parts, dtype=np.str_))
    path = index_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path
