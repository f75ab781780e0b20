"""Stable event IDs: ISO alpha-3 + a number, assigned once, never reused, kept across reruns and revisions.

The registry (registry_dir/events.parquet, one atomic file; registry_dir is sitrep.zones.registry_dir) remembers
every ID ever issued: its mention keys (article_id:quote_start, see merge.mention_key), its merge key (country,
day, admin1, location, event type, actors), a hash of the row's content, the row's timestamp, and — once the
event is gone — when and why it was deleted. The per-country counters travel in the file's metadata; the next
number is one more than the largest ever issued, so a deleted event's number is never given to another event.

Matching a newly merged event to the registry: first by shared mention keys (most shared wins), then by merge
key; a registry event matches at most one new event. A deleted event that comes back gets its old ID again.
`timestamp` is kept while the row's content hash is unchanged and set to `now` when it changes.

A publish decides the IDs of the events it touched only (`scope`: the IDs of the stored events it re-merged);
the registry's other rows are kept as they are, and `frozen` IDs (published events outside the scope) are never
given to another event. With no scope every live ID is decided again (a first or full publish). The work is
done a column at a time (sitrep.row_keys) and on the registry's Arrow columns, so it grows with the touched
events, not with the registry.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.columns import DELETED_EVENT_COLUMNS
from sitrep.row_keys import UNHASHED_COLUMNS, canonical, content_hashes, key_text, mention_keys, merge_keys, missing
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
ID_PATTERN = re.compile(r"^([A-Z]{3})(\d+)$")
NAMED_ID_PATTERN = r"^(?P<pfx>[A-Z]{3})(?P<num>\d+)$"     # the same, for Arrow
__all__ = ["UNHASHED_COLUMNS", "IdResult", "assign_stable_ids", "content_hash", "load_registry", "merge_key"]


@dataclass(frozen=True)
class IdResult:
    events: pd.DataFrame          # event_id_cnty stable, timestamp kept or set to now
    event_mentions: pd.DataFrame  # event_id_cnty remapped to the stable IDs
    deleted: pd.DataFrame         # DELETED_EVENT_COLUMNS: every tombstone in the registry, by ID
    replaced: frozenset[str] = frozenset()   # IDs of the scope no event holds any more (now tombstones)


@dataclass(frozen=True)
class _Events:
    """The events being numbered, as flat arrays: provisional IDs, merge keys, visiting order, mention keys."""
    provisional: list[str]
    keys: list[str]
    position: np.ndarray          # event index → its place in the visiting order
    order: list[int]
    mention_keys: pd.DataFrame    # columns i (event index), key


def assign_stable_ids(events: pd.DataFrame, event_mentions: pd.DataFrame, registry_dir: Path, now: int, *,
                      scope: Collection[str] | None = None,
                      frozen: Callable[[set[str]], set[str]] | Collection[str] = (),
                      coder_versions: Collection[str] = ()) -> IdResult:
    """Give merged events their stable IDs (see the module docstring) and persist the registry.

    events carry the provisional ID of their first mention in event_id_cnty; event_mentions link those
    provisional IDs to their mentions (article_id, quote_start). scope: the live IDs these events replace
    (None: all); frozen: IDs no event here may take (or a function naming which of some IDs are);
    coder_versions: the coders a tombstone names when no event here says (a night that only removed events)."""
    registry = load_registry_table(registry_dir)
    counters = _counters(registry, registry_dir)
    is_frozen = frozen if callable(frozen) else (lambda rids, fixed=set(frozen): rids & fixed)
    events = events.reset_index(drop=True)
    todo = _prepare(events, event_mentions)

    hashes = content_hashes(events)
    assigned = _match_by_mentions(todo, registry, is_frozen, hashes)
    claimed = set(assigned.values())
    _match_by_merge_key(todo, registry, is_frozen, assigned, claimed)
    for i in todo.order:
        if i not in assigned:
            prefix = _prefix(events.at[i, "iso"] if "iso" in events else None, todo.provisional[i])
            counters[prefix] = counters.get(prefix, 0) + 1
            assigned[i] = f"{prefix}{counters[prefix]}"

    stable_ids = [assigned[i] for i in range(len(events))]
    ids = registry["event_id_cnty"]
    taken = pc.is_in(ids, value_set=pa.array(stable_ids, pa.string()))
    timestamps = _timestamps(registry.filter(taken), stable_ids, hashes, now)
    out_events = events.copy()
    out_events["event_id_cnty"] = stable_ids
    out_events["timestamp"] = timestamps
    id_of_provisional = dict(zip(todo.provisional, stable_ids, strict=False))
    out_mentions = event_mentions.copy()
    out_mentions["event_id_cnty"] = out_mentions["event_id_cnty"].astype(str).map(id_of_provisional)

    in_scope = pc.is_valid(ids) if scope is None else pc.is_in(ids, value_set=pa.array(sorted(scope), pa.string()))
    doomed = pc.and_(pc.and_(in_scope, pc.is_null(registry["deleted_at"])), pc.invert(taken))
    new_owner = dict(zip(todo.mention_keys["key"], [stable_ids[i] for i in todo.mention_keys["i"]], strict=True))
    coders = "; ".join(sorted({str(v) for v in events.get("coder_version", pd.Series(dtype=str)).dropna()}
                              or {str(v) for v in coder_versions}))
    keys_of = todo.mention_keys.groupby("i")["key"].agg(lambda k: sorted(set(k)))
    fresh = pd.DataFrame({
        "event_id_cnty": stable_ids, "mention_keys": [keys_of.get(i, []) for i in range(len(events))],
        "merge_key": todo.keys, "content_hash": hashes, "timestamp": timestamps, "deleted_at": None, "reason": None})
    tombstones = _tombstones(registry.filter(doomed), new_owner, coders, now)
    kept = registry.filter(pc.invert(pc.or_(doomed, taken)))
    new_registry = _sorted_by_id(pa.concat_tables([
        kept, pa.Table.from_pandas(pd.concat([fresh, tombstones], ignore_index=True), schema=REGISTRY_SCHEMA,
                                   preserve_index=False)]))
    save_registry(new_registry, counters, registry_dir)
    return IdResult(out_events, out_mentions.reset_index(drop=True), tombstones_of(new_registry),
                    frozenset(tombstones["event_id_cnty"]))


def _prepare(events: pd.DataFrame, event_mentions: pd.DataFrame) -> _Events:
    """Visit events in a fixed order so the assignment does not depend on input row order: new numbers follow
    event date, then the coder's provisional IDs (deterministic per article)."""
    provisional = events["event_id_cnty"].astype(str).tolist()
    keys = merge_keys(events)
    dates = events["event_date"].astype(str).tolist() if len(events) else []
    order = sorted(range(len(events)), key=lambda i: (dates[i], _id_sort_key(provisional[i]), keys[i]))
    position = np.empty(len(events), dtype=np.int64)
    position[order] = np.arange(len(events))
    links = pd.DataFrame({"pid": event_mentions["event_id_cnty"].astype(str),
                          "key": mention_keys(event_mentions["article_id"], event_mentions["quote_start"])})
    per_event = pd.DataFrame({"i": np.arange(len(events)), "pid": pd.Series(provisional, dtype=object)})
    links = links.astype({"pid": object, "key": object})
    pairs = per_event.merge(links.drop_duplicates(), on="pid")[["i", "key"]]
    return _Events(provisional, keys, position, order, pairs.reset_index(drop=True))


def _match_by_mentions(todo: _Events, registry: pa.Table, is_frozen: Callable[[set[str]], set[str]],
                       hashes: list[str]) -> dict[int, str]:
    """Events → registry IDs sharing their mention keys.

    First, an event whose mention keys, merge key and content are exactly a registry row's gets that row, then
    one whose keys and merge key are (live before tombstone, then lowest ID): what a rerun finds for every
    event it published. Then, by most keys shared,
    the row with the fewest keys the event does not have, visiting order, live before tombstone, ID.

    A key may be held by several registry rows: an article that yields two events from one sentence gives both
    mentions the same key, and a tombstone keeps the keys it had. Every holder counts; counting only the
    lowest ID's (and having no exact pass) made the first re-publish after a night renumber such events."""
    wanted = pa.array(todo.mention_keys["key"].unique(), pa.string())
    lists = registry["mention_keys"].combine_chunks() if registry.num_rows else pa.array([], REGISTRY_SCHEMA[1].type)
    flat = pc.list_flatten(lists)
    hit = pc.is_in(flat, value_set=wanted)
    rows = pc.list_parent_indices(lists).filter(hit)
    owners = pd.DataFrame({"key": flat.filter(hit).to_pandas(), "row": rows.to_numpy(),
                           "rid": registry["event_id_cnty"].take(rows).to_pandas()})
    owners = owners[~owners["rid"].isin(is_frozen(set(owners["rid"])))].drop_duplicates(["key", "rid"])
    held = registry.take(pa.array(sorted(set(owners["row"])), pa.int64())).select(
        ["event_id_cnty", "mention_keys", "merge_key", "content_hash", "deleted_at"]).to_pylist()
    assigned: dict[int, str] = {}
    claimed: set[str] = set()
    _exact_matches(todo, held, hashes, assigned, claimed)
    _exact_matches(todo, held, None, assigned, claimed)
    rows_by_id = {r["event_id_cnty"]: r for r in held}
    shared = todo.mention_keys.drop_duplicates().merge(owners[["key", "rid"]], on="key")
    counts = shared.groupby(["i", "rid"], sort=False).size().reset_index(name="n")
    if counts.empty:
        return assigned
    sort_keys = [_id_sort_key(r) for r in counts["rid"]]
    counts["neg"], counts["pos"] = -counts["n"], todo.position[counts["i"].to_numpy()]
    counts["extra"] = [len(rows_by_id[r]["mention_keys"] or []) for r in counts["rid"]] - counts["n"]
    counts["dead"] = [rows_by_id[r]["deleted_at"] is not None for r in counts["rid"]]
    counts["pfx"], counts["num"], counts["raw"] = zip(*sort_keys, strict=True)
    counts = counts.sort_values(["neg", "extra", "pos", "dead", "pfx", "num", "raw", "i"], kind="mergesort")
    for i, rid in zip(counts["i"].tolist(), counts["rid"].tolist(), strict=True):
        if i not in assigned and rid not in claimed:
            assigned[i] = rid
            claimed.add(rid)
    return assigned


def _exact_matches(todo: _Events, held: list[dict], hashes: list[str] | None, assigned: dict[int, str],
                   claimed: set[str]) -> None:
    """Events whose mention keys and merge key (and content hash, when hashes are given) are exactly a registry
    row's, matched to it in visiting order."""
    def signature(keys: object, merge_key: object, content: object) -> tuple:
        return (tuple(sorted(set(keys or []))), merge_key, content if hashes is not None else None)  # type: ignore[call-overload]

    by_signature: dict[tuple, list[tuple]] = {}
    for r in held:
        by_signature.setdefault(signature(r["mention_keys"], r["merge_key"], r["content_hash"]), []).append(
            (r["deleted_at"] is not None, _id_sort_key(r["event_id_cnty"]), r["event_id_cnty"]))
    keys_of = todo.mention_keys.groupby("i")["key"].agg(list).to_dict()
    for i in todo.order:
        if i in assigned:
            continue
        wanted = signature(keys_of.get(i, []), todo.keys[i], hashes[i] if hashes is not None else None)
        for _, _, rid in sorted(by_signature.get(wanted, [])):
            if rid not in claimed:
                assigned[i] = rid
                claimed.add(rid)
                break


def _match_by_merge_key(todo: _Events, registry: pa.Table, is_frozen: Callable[[set[str]], set[str]],
                        assigned: dict[int, str], claimed: set[str]) -> None:
    """Events no mention key placed: the first free registry ID (in ID order) with the same merge key."""
    open_keys = sorted({todo.keys[i] for i in todo.order if i not in assigned})
    if not open_keys:
        return
    hit = registry.filter(pc.is_in(registry["merge_key"], value_set=pa.array(open_keys, pa.string())))
    pairs = list(zip(hit["event_id_cnty"].to_pylist(), hit["merge_key"].to_pylist(), strict=True))
    frozen = is_frozen({rid for rid, _ in pairs})
    by_key: dict[str, list[str]] = {}
    for rid, key in sorted(pairs, key=lambda p: _id_sort_key(p[0])):
        if rid not in frozen:
            by_key.setdefault(key, []).append(rid)
    for i in todo.order:
        if i in assigned:
            continue
        free = [rid for rid in by_key.get(todo.keys[i], []) if rid not in claimed]
        if free:
            assigned[i] = free[0]
            claimed.add(free[0])


def _timestamps(old: pa.Table, stable_ids: list[str], hashes: list[str], now: int) -> list[int]:
    """Each event's timestamp: kept from the registry while its content hash is unchanged, else now."""
    if not stable_ids:
        return []
    rows = old.select(["event_id_cnty", "content_hash", "timestamp", "deleted_at"]).to_pandas()
    rows = rows.drop_duplicates("event_id_cnty").set_index("event_id_cnty")
    found = pd.DataFrame({"rid": stable_ids, "hash": hashes}).join(rows, on="rid")
    keep = (found["content_hash"] == found["hash"]) & found["deleted_at"].isna() & found["timestamp"].notna()
    return np.where(keep, found["timestamp"].fillna(now), now).astype("int64").tolist()


def _tombstones(doomed: pa.Table, new_owner: dict[str, str], coders: str, now: int) -> pd.DataFrame:
    """Registry rows of the events this publish no longer has, saying why."""
    out = []
    for rec in doomed.to_pylist():
        successors = sorted({new_owner[m] for m in rec["mention_keys"] or [] if m in new_owner}, key=_id_sort_key)
        reason = (f"merged into {successors[0]}" if successors
                  else f"no longer coded by coder {coders}" if coders else "no longer coded")
        out.append({**rec, "mention_keys": list(rec["mention_keys"] or []), "deleted_at": int(now), "reason": reason})
    return pd.DataFrame(out, columns=REGISTRY_SCHEMA.names)


def tombstones_of(registry: pa.Table) -> pd.DataFrame:
    """DELETED_EVENT_COLUMNS: every tombstone of the registry, in ID order."""
    dead = registry.filter(pc.is_valid(registry["deleted_at"])).select(DELETED_EVENT_COLUMNS).to_pandas()
    dead["deleted_at"] = dead["deleted_at"].astype("int64")
    return dead.reset_index(drop=True)


def _sorted_by_id(table: pa.Table) -> pa.Table:
    """The registry in ID order (country, then number), computed in Arrow: a million IDs take milliseconds."""
    parts = pc.extract_regex(table["event_id_cnty"], NAMED_ID_PATTERN)
    keys = pa.table({"pfx": pc.fill_null(pc.struct_field(parts, "pfx"), ""),
                     "num": pc.fill_null(pc.cast(pc.struct_field(parts, "num"), pa.int64()), 0),
                     "raw": table["event_id_cnty"]})
    order = pc.sort_indices(keys, sort_keys=[("pfx", "ascending"), ("num", "ascending"), ("raw", "ascending")])
    return table.take(order)


def load_registry_table(registry_dir: Path) -> pa.Table:
    path = Path(registry_dir) / REGISTRY_FILE
    if not path.exists():
        return REGISTRY_SCHEMA.empty_table()
    return pq.read_table(path, schema=REGISTRY_SCHEMA).replace_schema_metadata(None)


def load_registry(registry_dir: Path) -> pd.DataFrame:
    frame = load_registry_table(registry_dir).to_pandas()
    frame["mention_keys"] = frame["mention_keys"].map(lambda v: [] if v is None else list(v))
    return frame


def save_registry(registry: pa.Table | pd.DataFrame, counters: dict[str, int], registry_dir: Path) -> None:
    table = registry if isinstance(registry, pa.Table) else pa.Table.from_pandas(
        registry, schema=REGISTRY_SCHEMA, preserve_index=False)
    table = table.cast(REGISTRY_SCHEMA).replace_schema_metadata(
        {b"sitrep.counters": json.dumps(counters, sort_keys=True).encode()})
    atomic_write_parquet(table, Path(registry_dir) / REGISTRY_FILE)


def merge_key(event: dict) -> str:
    """What identifies an event when none of its mentions is known: country, day, place, type and actors."""
    parts = [event.get(c) for c in ("iso", "event_date", "admin1", "location", "event_type", "actor1", "actor2")]
    return "|".join(key_text(p) for p in parts)


def content_hash(event: dict) -> str:
    """sha256 of the row's content (all columns but UNHASHED_COLUMNS), insensitive to numeric dtype."""
    import hashlib

    values = {k: canonical(v) for k, v in sorted(event.items()) if k not in UNHASHED_COLUMNS}
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def country_prefix(event: pd.Series, provisional_id: str) -> str:
    """ISO alpha-3 of the event's country: from the iso number, else from the coder's provisional ID."""
    return _prefix(event.get("iso"), provisional_id)


@functools.cache
def _iso3_of() -> dict[int, str]:
    from sitrep.coding.countries import all_countries  # the coder's country table, read once

    table: dict[int, str] = {}
    for country in all_countries():
        table.setdefault(country.iso, country.iso3)
    return table


def _prefix(iso: object, provisional_id: str) -> str:
    if not missing(iso) and int(iso) in _iso3_of():  # type: ignore[call-overload]
        return _iso3_of()[int(iso)]  # type: ignore[call-overload]
    match = re.match(r"^([A-Z]{3})", provisional_id)
    if match:
        return match.group(1)
    raise ValueError(f"event {provisional_id!r}: no country to number it by")


def _counters(registry: pa.Table, registry_dir: Path) -> dict[str, int]:
    """Per-country counters: the saved ones (each save keeps them at or above every number issued); a registry
    saved without them is scanned for its largest numbers."""
    path = Path(registry_dir) / REGISTRY_FILE
    meta = (pq.read_schema(path).metadata or {}) if path.exists() else {}
    if b"sitrep.counters" in meta:
        return {k: int(v) for k, v in json.loads(meta[b"sitrep.counters"]).items()}
    counters: dict[str, int] = {}
    parts = registry["event_id_cnty"].to_pandas().str.extract(ID_PATTERN.pattern).dropna()
    if len(parts):
        for prefix, top in parts.assign(n=parts[1].astype("int64")).groupby(0)["n"].max().items():
            counters[str(prefix)] = max(counters.get(str(prefix), 0), int(top))
    return counters


def _id_sort_key(event_id: str) -> tuple[str, int, str]:
    match = ID_PATTERN.match(str(event_id))
    return (match.group(1), int(match.group(2)), "") if match else ("", 0, str(event_id))
