"""Stable event IDs: ISO alpha-3 + a number, assigned once, never reused, kept across reruns and revisions.

The registry (registry_dir/events.parquet, one atomic file; registry_dir is sitrep.zones.registry_dir) remembers
every ID ever issued: its mention keys (article_id:quote_start, see merge.mention_key), its merge key (country,
day, admin1, location, event type, actors), a hash of the row's content, the row's timestamp, and — once the
event is gone — when and why it was deleted. The per-country counters travel in the file's metadata; the next
number is one more than the largest ever issued, so a deleted event's number is never given to another event.

Matching a newly merged event to the registry: first by shared mention keys (most shared wins), then by merge
key; a registry event matches at most one new event. A deleted event that comes back gets its old ID again.
`timestamp` is kept while the row's content hash is unchanged and set to `now` when it changes.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.columns import DELETED_EVENT_COLUMNS
from sitrep.merge import mention_key
from sitrep.store import atomic_write_parquet

REGISTRY_FILE = "events.parquet"
REGISTRY_SCHEMA = pa.schema([
    ("event_id_cnty", pa.string()),
    ("mention_keys", pa.list_(pa.string())),
    ("merge_key", pa.string()),
    ("content_hash", pa.string()),
    ("timestamp", pa.int64()),
    ("deleted_at", pa.int64()),       # null while the event is live
    ("reason", pa.string()),
])
# Columns left out of the content hash: the ID and timestamp are what the hash decides about, and a new coder
# release that codes a row identically must not make it look changed.
UNHASHED_COLUMNS = {"event_id_cnty", "timestamp", "coder_version"}

ID_PATTERN = re.compile(r"^([A-Z]{3})(\d+)$")


@dataclass(frozen=True)
class IdResult:
    events: pd.DataFrame          # event_id_cnty stable, timestamp kept or set to now
    event_mentions: pd.DataFrame  # event_id_cnty remapped to the stable IDs
    deleted: pd.DataFrame         # DELETED_EVENT_COLUMNS: every tombstone in the registry, by ID


def assign_stable_ids(events: pd.DataFrame, event_mentions: pd.DataFrame, registry_dir: Path, now: int) -> IdResult:
    """Give merged events their stable IDs (see the module docstring) and persist the registry.

    events carry the provisional ID of their first mention in event_id_cnty; event_mentions link those
    provisional IDs to their mentions (article_id, quote_start)."""
    registry = load_registry(registry_dir)
    counters = _counters(registry, registry_dir)
    events = events.reset_index(drop=True)
    provisional = events["event_id_cnty"].astype(str).tolist()
    mentions_of = {pid: sorted({mention_key(a, q) for a, q in zip(g["article_id"], g["quote_start"], strict=False)})
                   for pid, g in event_mentions.groupby(event_mentions["event_id_cnty"].astype(str))}
    keys = [merge_key(row) for row in events.to_dict("records")]

    # Visit events in a fixed order so the assignment does not depend on input row order.
    # New numbers follow event date, then the coder's provisional IDs (deterministic per article).
    dates = events["event_date"].astype(str).tolist()
    order = sorted(range(len(events)), key=lambda i: (dates[i], _id_sort_key(provisional[i]), keys[i]))
    position = {i: n for n, i in enumerate(order)}
    claimed: dict[str, int] = {}  # registry ID → event index
    assigned: dict[int, str] = {}

    owner_of_mention: dict[str, str] = {}
    for rec in registry.itertuples():
        for mid in rec.mention_keys:
            owner_of_mention.setdefault(mid, rec.event_id_cnty)
    pairs = []
    for i in order:
        shared: dict[str, int] = {}
        for mid in mentions_of.get(provisional[i], []):
            if mid in owner_of_mention:
                shared[owner_of_mention[mid]] = shared.get(owner_of_mention[mid], 0) + 1
        pairs += [(-n, position[i], _id_sort_key(rid), i, rid) for rid, n in shared.items()]
    for _, _, _, i, rid in sorted(pairs):
        if i not in assigned and rid not in claimed:
            assigned[i], claimed[rid] = rid, i

    by_key: dict[str, list[str]] = {}
    for rec in sorted(registry.itertuples(), key=lambda r: _id_sort_key(r.event_id_cnty)):
        by_key.setdefault(rec.merge_key, []).append(rec.event_id_cnty)
    for i in order:
        if i in assigned:
            continue
        free = [rid for rid in by_key.get(keys[i], []) if rid not in claimed]
        if free:
            assigned[i], claimed[free[0]] = free[0], i

    for i in order:
        if i not in assigned:
            prefix = country_prefix(events.iloc[i], provisional[i])
            counters[prefix] = counters.get(prefix, 0) + 1
            assigned[i] = f"{prefix}{counters[prefix]}"

    stable_ids = [assigned[i] for i in range(len(events))]
    hashes = [content_hash(row) for row in events.to_dict("records")]
    timestamps = _timestamps(registry, stable_ids, hashes, now)
    out_events = events.copy()
    out_events["event_id_cnty"] = stable_ids
    out_events["timestamp"] = timestamps

    id_of_provisional = dict(zip(provisional, stable_ids, strict=False))
    out_mentions = event_mentions.copy()
    out_mentions["event_id_cnty"] = out_mentions["event_id_cnty"].astype(str).map(id_of_provisional)

    coders = "; ".join(sorted({str(v) for v in events.get("coder_version", pd.Series(dtype=str)).dropna()}))
    new_owner = {mid: id_of_provisional[pid] for pid, mids in mentions_of.items() if pid in id_of_provisional
                 for mid in mids}
    rows = []
    for i, rid in enumerate(stable_ids):
        rows.append({"event_id_cnty": rid, "mention_keys": mentions_of.get(provisional[i], []), "merge_key": keys[i],
                     "content_hash": hashes[i], "timestamp": timestamps[i], "deleted_at": None, "reason": None})
    rows += _tombstones(registry, set(claimed), new_owner, coders, now)
    rows.sort(key=lambda r: _id_sort_key(str(r["event_id_cnty"])))
    new_registry = pd.DataFrame(rows, columns=REGISTRY_SCHEMA.names)
    save_registry(new_registry, counters, registry_dir)

    deleted = new_registry[new_registry["deleted_at"].notna()][DELETED_EVENT_COLUMNS].reset_index(drop=True)
    deleted["deleted_at"] = deleted["deleted_at"].astype("int64")
    return IdResult(out_events, out_mentions.reset_index(drop=True), deleted)


def _timestamps(registry: pd.DataFrame, stable_ids: list[str], hashes: list[str], now: int) -> list[int]:
    """Each event's timestamp: kept from the registry while its content hash is unchanged, else now."""
    old = registry.set_index("event_id_cnty") if not registry.empty else None
    timestamps = []
    for rid, h in zip(stable_ids, hashes, strict=False):
        if old is not None and rid in old.index and old.at[rid, "content_hash"] == h \
                and pd.isna(old.at[rid, "deleted_at"]):
            timestamps.append(int(old.at[rid, "timestamp"]))
        else:
            timestamps.append(int(now))
    return timestamps


def _tombstones(registry: pd.DataFrame, claimed: set[str], new_owner: dict[str, str], coders: str,
                now: int) -> list[dict]:
    """Registry rows of the events this publish no longer has: old tombstones as they were, new ones saying why."""
    rows = []
    for rec in registry.itertuples():
        if rec.event_id_cnty in claimed:
            continue
        if pd.notna(rec.deleted_at):
            rows.append(_record(rec))  # an old tombstone stays as it was
            continue
        successors = sorted({new_owner[m] for m in rec.mention_keys if m in new_owner}, key=_id_sort_key)
        reason = (f"merged into {successors[0]}" if successors
                  else f"no longer coded by coder {coders}" if coders else "no longer coded")
        rows.append({**_record(rec), "deleted_at": int(now), "reason": reason})
    return rows


def load_registry(registry_dir: Path) -> pd.DataFrame:
    path = Path(registry_dir) / REGISTRY_FILE
    if not path.exists():
        return pd.DataFrame(columns=REGISTRY_SCHEMA.names)
    frame = pq.read_table(path).to_pandas()
    frame["mention_keys"] = frame["mention_keys"].map(lambda v: [] if v is None else list(v))
    return frame


def save_registry(registry: pd.DataFrame, counters: dict[str, int], registry_dir: Path) -> None:
    table = pa.Table.from_pandas(registry, schema=REGISTRY_SCHEMA, preserve_index=False)
    table = table.replace_schema_metadata({b"sitrep.counters": json.dumps(counters, sort_keys=True).encode()})
    atomic_write_parquet(table, Path(registry_dir) / REGISTRY_FILE)


def merge_key(event: dict) -> str:
    """What identifies an event when none of its mentions is known: country, day, place, type and actors."""
    parts = [event.get(c) for c in ("iso", "event_date", "admin1", "location", "event_type", "actor1", "actor2")]
    return "|".join("" if _missing(p) else str(p).strip().lower() for p in parts)


def content_hash(event: dict) -> str:
    """sha256 of the row's content (all columns but UNHASHED_COLUMNS), insensitive to numeric dtype."""
    canonical = {k: _canonical(v) for k, v in sorted(event.items()) if k not in UNHASHED_COLUMNS}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def country_prefix(event: pd.Series, provisional_id: str) -> str:
    """ISO alpha-3 of the event's country: from the iso number, else from the coder's provisional ID."""
    from sitrep.coding.countries import all_countries  # the coder's country table, read once

    iso = event.get("iso")
    if not _missing(iso):
        for country in all_countries():
            if country.iso == int(iso):
                return country.iso3
    match = re.match(r"^([A-Z]{3})", provisional_id)
    if match:
        return match.group(1)
    raise ValueError(f"event {provisional_id!r}: no country to number it by")


def _counters(registry: pd.DataFrame, registry_dir: Path) -> dict[str, int]:
    """Per-country counters: the saved ones, never below the largest number in the registry."""
    counters: dict[str, int] = {}
    path = Path(registry_dir) / REGISTRY_FILE
    if path.exists():
        meta = pq.read_schema(path).metadata or {}
        counters = {k: int(v) for k, v in json.loads(meta.get(b"sitrep.counters", b"{}")).items()}
    for rid in registry["event_id_cnty"]:
        match = ID_PATTERN.match(str(rid))
        if match:
            counters[match.group(1)] = max(counters.get(match.group(1), 0), int(match.group(2)))
    return counters


def _record(rec) -> dict:
    return {c: getattr(rec, c) for c in REGISTRY_SCHEMA.names}


def _id_sort_key(event_id: str) -> tuple[str, int, str]:
    match = ID_PATTERN.match(str(event_id))
    return (match.group(1), int(match.group(2)), "") if match else ("", 0, str(event_id))


def _canonical(value: object) -> object:
    if _missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, (int, bool, str)):
        return value
    return str(value)


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)
