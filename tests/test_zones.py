"""sitrep.zones: the one writer of raw-zone parts, and the one place data paths are built."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from sitrep import zones
from sitrep.settings import Settings

SCHEMA = pa.schema([("id", pa.string()), ("n", pa.int64())])
DAY = date(2025, 3, 5)
PACKAGE = Path(zones.__file__).resolve().parent


def test_a_part_is_named_by_its_keys_and_never_rewritten(tmp_path, caplog):
    frame = pd.DataFrame({"id": ["b", "a"], "n": [2, 1]})
    first = zones.append_part(tmp_path, DAY, frame, ["b", "a"], SCHEMA)
    assert first is not None and first.parent == tmp_path / "ingest_date=2025-03-05"
    assert re.fullmatch(r"part-[0-9a-f]{16}\.parquet", first.name)
    before = first.read_bytes()
    # The same keys in another order: the same name, and the file stays as it was.
    again = zones.append_part(tmp_path, DAY, frame.assign(n=[20, 10]), ["a", "b"], SCHEMA)
    assert again == first and first.read_bytes() == before
    assert "not rewriting" in caplog.text
    assert zones.append_part(tmp_path, DAY, frame.head(0), [], SCHEMA) is None
    assert pd.read_parquet(first)["n"].tolist() == [2, 1]


def test_settings_paths_are_the_zones(tmp_path):
    settings = Settings(data_dir=tmp_path, samples_dir=tmp_path, sql_dir=tmp_path, sources=())
    assert settings.raw_dir == zones.raw_dir(settings) == tmp_path / "raw"
    assert settings.duckdb_path == zones.duckdb_path(settings)
    assert zones.table_path(zones.tables_dir(settings), "events") == tmp_path / "curated" / "tables" / "events.parquet"
    batch = zones.next_coded_batch(settings, "1.0")
    assert sorted(batch) == ["figures", "mentions", "status"]
    assert batch["status"] == tmp_path / "curated" / "coded" / "1.0" / "status" / "batch-000001.parquet"


def test_no_module_but_zones_builds_a_data_path_by_hand():
    by_hand = re.compile(r'/ "(raw|curated|tables|coded|registry|state|links|cache|snapshots)"|"sitrep\.duckdb"'
                         r'|\.(raw_dir|curated_dir) /')
    offenders = [f"{path.relative_to(PACKAGE)}:{n}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path.name != "zones.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if by_hand.search(line)]
    assert offenders == []
