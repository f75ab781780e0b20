"""Partitioned tables with a manifest (sitrep.tables): a partition is rewritten only when its bytes change, a
superseded file goes once the manifest no longer names it, readers see only what the manifest lists."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from sitrep.tables import WHOLE, Manifest, TableStore, year_key
from tests.test_snapshots import s3_endpoint  # noqa: F401  (the local S3 server fixture)

SCHEMA = pa.schema([("id", pa.string()), ("year", pa.int64())])


def frame(*rows: tuple[str, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "year"])


def files(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet"))


def test_unchanged_partition_writes_nothing_changed_one_gets_a_new_file_and_the_old_goes(tmp_path):
    store = TableStore(tmp_path)
    manifest = Manifest()
    assert store.write_partition(manifest, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    assert store.write_partition(manifest, "t", "year=2025", frame(("b", 2025)), SCHEMA)
    store.write_manifest(manifest)
    before = files(tmp_path)

    assert not store.write_partition(manifest, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    assert store.write_partition(manifest, "t", "year=2025", frame(("b", 2025), ("c", 2025)), SCHEMA)
    assert files(tmp_path)[0] == before[0] and len(files(tmp_path)) == 3   # old 2025 file until the manifest
    store.write_manifest(manifest)
    assert store.remove_unlisted(manifest, ["t"]) == [before[1]]
    assert files(tmp_path) == sorted([before[0], manifest.tables["t"]["year=2025"].path])
    assert {k: p.rows for k, p in store.read_manifest().tables["t"].items()} == {"year=2024": 1, "year=2025": 2}


def test_a_rerun_of_the_same_partitions_writes_no_file_and_no_manifest(tmp_path):
    store = TableStore(tmp_path)
    manifest = Manifest(inputs={"coded_batches": ["batch-000001.parquet"]})
    store.write_partition(manifest, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    assert store.write_manifest(manifest)
    again = store.read_manifest()
    assert again is not None and again.to_json() == manifest.to_json()
    assert not store.write_partition(again, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    assert not store.write_manifest(again)


def test_an_emptied_partition_leaves_the_manifest_but_a_whole_table_stays_typed(tmp_path):
    store = TableStore(tmp_path)
    manifest = Manifest()
    store.write_partition(manifest, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    assert store.write_partition(manifest, "t", "year=2024", frame(), SCHEMA)
    assert manifest.tables["t"] == {}
    store.write_partition(manifest, "deleted", WHOLE, frame(), SCHEMA)
    assert manifest.tables["deleted"][WHOLE].rows == 0
    assert store.read_table(manifest, "deleted", SCHEMA).schema == SCHEMA
    assert store.read_table(manifest, "t", SCHEMA).num_rows == 0


def test_reads_take_the_listed_partitions_and_push_the_filter_down(tmp_path):
    store = TableStore(tmp_path)
    manifest = Manifest()
    store.write_partition(manifest, "t", "year=2024", frame(("a", 2024), ("b", 2024)), SCHEMA)
    store.write_partition(manifest, "t", "year=2025", frame(("c", 2025)), SCHEMA)
    (tmp_path / "t" / "year=2025" / "part-stray.parquet").write_bytes(b"not listed, not read")
    got = store.read_table(manifest, "t", SCHEMA, keys={"year=2024", "year=2030"}, with_key=True).to_pandas()
    assert got.to_dict("records") == [{"id": "a", "year": 2024, "_partition": "year=2024"},
                                      {"id": "b", "year": 2024, "_partition": "year=2024"}]
    picked = store.read_table(manifest, "t", SCHEMA, filter=ds.field("id").isin(["b", "c"])).to_pandas()
    assert picked["id"].tolist() == ["b", "c"]
    assert year_key(2025) == "year=2025" and year_key(None) == "year=0000"


def test_partitioned_tables_on_the_local_s3_server(tmp_path, s3_endpoint):  # noqa: F811
    """The same store over an s3:// URL (moto's server on 127.0.0.1): write, rerun, supersede, read back."""
    store = TableStore("s3://snaps/curated/tables", {"endpoint_url": s3_endpoint, "skip_instance_cache": True})
    manifest = Manifest()
    store.write_partition(manifest, "t", "year=2024", frame(("a", 2024)), SCHEMA)
    store.write_partition(manifest, "t", "year=2025", frame(("b", 2025)), SCHEMA)
    store.write_manifest(manifest)
    old = manifest.tables["t"]["year=2025"].path
    again = store.read_manifest()
    assert again is not None and not store.write_manifest(again)
    assert store.write_partition(again, "t", "year=2025", frame(("b", 2025), ("c", 2025)), SCHEMA)
    store.write_manifest(again)
    assert store.remove_unlisted(again, ["t"]) == [old]
    assert store.read_table(store.read_manifest(), "t", SCHEMA).to_pandas()["id"].tolist() == ["a", "b", "c"]
