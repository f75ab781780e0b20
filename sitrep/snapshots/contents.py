"""What one snapshot version holds, as bytes: the tables, CHANGES.json, README.md, SHA256SUMS and manifest.json.

Pure functions, no storage: sitrep.snapshots writes what `version_contents` returns and reads it back."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

MANIFEST_FILE = "manifest.json"
SUMS_FILE = "SHA256SUMS"
README_FILE = "README.md"
CHANGES_FILE = "CHANGES.json"
EVENTS_TABLE = "events"


def version_contents(tables: dict[str, bytes], previous_tables: dict[str, bytes] | None, *, version: str,
                     previous: str | None, created: str, code_version: str,
                     schema_version: str) -> tuple[dict[str, bytes], dict[str, dict[str, Any]], bytes]:
    """Every file of a version but the manifest (name → bytes), the manifest's per-file entries, the manifest."""
    contents = dict(tables)
    changes = events_changes(_events_frame(contents),
                             _events_frame(previous_tables) if previous_tables is not None else None)
    contents[CHANGES_FILE] = as_json({"version": version, "previous": previous, **changes,
                                      "counts": {k: len(v) for k, v in changes.items()}})
    contents[README_FILE] = readme(version, created, contents, code_version, schema_version).encode()
    entries = {name: file_entry(name, data) for name, data in sorted(contents.items())}
    contents[SUMS_FILE] = "".join(f"{e['sha256']}  {name}\n" for name, e in entries.items()).encode()
    entries[SUMS_FILE] = file_entry(SUMS_FILE, contents[SUMS_FILE])
    manifest = {"version": version, "created": created, "schema_version": schema_version,
                "code_version": code_version, "files": entries}
    return contents, entries, as_json(manifest)


def table_checksums(entries: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The tables' sha256 from a manifest's per-file entries: what says whether two versions hold the same data."""
    return {name: str(e["sha256"]) for name, e in entries.items() if name.endswith(".parquet")}


def file_entry(name: str, data: bytes) -> dict[str, Any]:
    entry: dict[str, Any] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if name.endswith(".parquet"):
        meta = pq.ParquetFile(io.BytesIO(data))
        entry["rows"] = meta.metadata.num_rows
        entry["columns"] = meta.schema_arrow.names
    return entry


def events_changes(current: pd.DataFrame | None, previous: pd.DataFrame | None) -> dict[str, list[str]]:
    """Event IDs added, updated (row hash differs) and deleted between two events tables."""
    now_hashes = _row_hashes(current)
    old_hashes = _row_hashes(previous)
    return {
        "added": sorted(set(now_hashes) - set(old_hashes)),
        "updated": sorted(i for i in set(now_hashes) & set(old_hashes) if now_hashes[i] != old_hashes[i]),
        "deleted": sorted(set(old_hashes) - set(now_hashes)),
    }


def readme(version: str, created: str, contents: dict[str, bytes], code_version: str, schema_version: str) -> str:
    lines = [
        f"# sitrep snapshot {version}", "",
        f"Created {created} by sitrep {code_version} (schema {schema_version}). Conflict events coded from news",
        "articles in the ACLED format: one row per event, with date, place, actors, event type, fatalities and",
        "sources; sitrep's own columns (article_id, quote, offsets, confidence …) follow the ACLED ones.", "",
        "## Tables", "",
    ]
    for name, data in sorted(contents.items()):
        if name.endswith(".parquet"):
            entry = file_entry(name, data)
            lines += [f"- `{name}` — {entry['rows']} rows; columns: " + ", ".join(entry["columns"])]
    lines += [
        "", "Also here: `CHANGES.json` (event IDs added, updated and deleted since the previous snapshot),",
        "`manifest.json` (sizes, row counts, checksums) and `SHA256SUMS` (check with `sha256sum -c SHA256SUMS`).",
        "", "## Query", "",
        "```sh",
        "duckdb -c \"SELECT event_date, event_type, location, fatalities FROM 'events.parquet' ORDER BY event_date\"",
        "```", "",
        "## Licence", "",
        "sitrep's own output (its coding of the articles, its quotes' offsets and its code) is published under the",
        "project's licence (Apache-2.0). Quotes are short excerpts of the cited outlets' articles and remain theirs.",
        "ACLED data is not part of this snapshot: ACLED's terms of use restrict redistribution of ACLED data, so",
        "do not merge ACLED rows into a copy of this snapshot that you share; the format is ACLED's, the rows are not.",
        "",
    ]
    return "\n".join(lines)


def as_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=False, ensure_ascii=False) + "\n").encode()


def _events_frame(contents: dict[str, bytes]) -> pd.DataFrame | None:
    parts = [data for name, data in sorted(contents.items())
             if name == f"{EVENTS_TABLE}.parquet" or name.startswith(f"{EVENTS_TABLE}/")]
    if not parts:
        return None
    return pd.concat([pq.read_table(io.BytesIO(p)).to_pandas() for p in parts], ignore_index=True)


def _row_hashes(events: pd.DataFrame | None) -> dict[str, str]:
    if events is None or events.empty or "event_id_cnty" not in events:
        return {}
    columns = sorted(events.columns)
    return {
        str(row["event_id_cnty"]): hashlib.sha256(
            json.dumps([_plain(row[c]) for c in columns], default=str).encode()).hexdigest()
        for row in events.to_dict("records")
    }


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
