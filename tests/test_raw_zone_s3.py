"""The raw zone on object storage ([zones] raw = "s3://…"), against moto's S3 server on 127.0.0.1: ingest writes
its parts there (and a rerun writes nothing), every reader reads them back, and the run that follows publishes
what the same run over a local raw zone publishes."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from schemas.tables import PUBLISHED_TABLES
from sitrep.settings import load_settings
from sitrep.tables import read_published
from tests.test_snapshots import s3_endpoint  # noqa: F401  (moto's server on 127.0.0.1, the snapshot tests' own)

DAY = date(2025, 6, 2)
WIRE = ("Gunmen killed nine people and wounded several others in an overnight attack on a market in Bokkos, "
        "Plateau State, Nigeria, a police spokesman said on Sunday, adding that the attackers fled before "
        "soldiers arrived at the scene.")
LINES = [
    json.dumps({"id": "s1", "published": "2025-06-01", "title": "Market attack", "text": WIRE,
                "outlet": "Test Wire", "url": "https://testwire.example/s1"}),
    json.dumps({"id": "s2", "published": "2025-06-01", "title": "Market attack (copy)",
                "text": WIRE + " Reporting by our correspondent.", "outlet": "Copy Desk",
                "url": "https://copydesk.example/s2"}),
    json.dumps({"id": "s3", "published": "2025-05-31", "title": "Shelling in Kherson",
                "text": "Shelling killed two civilians in Kherson, Ukraine, on Saturday, the governor said.",
                "outlet": "Test Wire", "url": "https://testwire.example/s3"}),
    '{"id": "s4", "text": ',      # not JSON: quarantined with the reason
]


def settings_for(tmp_path, name: str, inbox, raw: str | None):
    root = tmp_path / name
    root.mkdir()
    zones = f'[zones]\nraw = "{raw}"\n' if raw else ""
    (root / "sitrep.toml").write_text(
        f'data_dir = "data"\n{zones}[[sources]]\nname = "inbox"\nkind = "folder"\npath = "{inbox}"\n')
    return load_settings(root / "sitrep.toml", env={})


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "wire.jsonl").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return folder


def objects(endpoint: str, bucket: str) -> dict[str, str]:
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True)
    return {path: fs.info(path)["ETag"] for path in fs.find(bucket)}


def test_raw_zone_on_s3_is_written_read_and_published_like_a_local_one(tmp_path, inbox, s3_endpoint,  # noqa: F811
                                                                      monkeypatch):
    import s3fs

    from sitrep.near_duplicates import duplicate_ids
    from sitrep.pipeline import code_stage, ingest_sources, publish_stage
    from sitrep.pipeline.ingest import read_raw_articles, read_raw_quarantine

    monkeypatch.setenv("SITREP_S3_ENDPOINT_URL", s3_endpoint)   # the snapshot setting's endpoint variable
    s3fs.S3FileSystem(endpoint_url=s3_endpoint, skip_instance_cache=True).mkdir("rawzone")
    remote = settings_for(tmp_path, "remote", inbox, "s3://rawzone/sitrep/raw")
    local = settings_for(tmp_path, "local", inbox, None)

    first = ingest_sources(remote, ingest_date=DAY)
    assert (first.new, first.near_duplicates, first.rejected) == (3, 1, 1)
    assert str(first.articles_file).startswith("s3://rawzone/sitrep/raw/articles/ingest_date=2025-06-02/part-")
    stored = objects(s3_endpoint, "rawzone")
    assert {p.split("/")[3] for p in stored} == {"articles", "quarantine", "links"}
    assert not list((tmp_path / "remote" / "data").rglob("*.parquet"))     # nothing raw on the local disk

    again = ingest_sources(remote, ingest_date=DAY)
    assert (again.new, again.duplicates, again.quarantined) == (0, 3, 0)
    assert objects(s3_endpoint, "rawzone") == stored                          # a rerun writes nothing

    ingest_sources(local, ingest_date=DAY)
    pd.testing.assert_frame_equal(read_raw_articles(remote), read_raw_articles(local))
    pd.testing.assert_frame_equal(read_raw_quarantine(remote), read_raw_quarantine(local))
    assert duplicate_ids(remote) == duplicate_ids(local) == {"s2"}

    published = {}
    for name, settings in {"remote": remote, "local": local}.items():
        coded = code_stage(settings)
        publish_stage(settings, now=1_750_000_000)
        published[name] = {table: read_published(settings.curated_dir / "tables", table)
                           for table in PUBLISHED_TABLES}
        assert (coded.coded + coded.no_event, coded.not_coded) == (2, 1)
    assert sorted(published["remote"]) == sorted(published["local"]) and len(published["local"]["events"])
    for table, frame in published["local"].items():
        pd.testing.assert_frame_equal(published["remote"][table], frame, obj=table)


def test_a_part_that_cannot_be_built_leaves_no_object(tmp_path, s3_endpoint, monkeypatch):  # noqa: F811
    import pyarrow as pa
    import s3fs

    from sitrep.zones import append_part

    monkeypatch.setenv("SITREP_S3_ENDPOINT_URL", s3_endpoint)
    s3fs.S3FileSystem(endpoint_url=s3_endpoint, skip_instance_cache=True).mkdir("rawzone")
    schema = pa.schema([("id", pa.string())])
    with pytest.raises((pa.ArrowTypeError, pa.ArrowInvalid)):
        append_part("s3://rawzone/raw/articles", DAY, pd.DataFrame({"id": [object()]}), ["x"], schema)
    assert objects(s3_endpoint, "rawzone") == {}
    written = append_part("s3://rawzone/raw/articles", DAY, pd.DataFrame({"id": ["a"]}), ["a"], schema)
    assert list(objects(s3_endpoint, "rawzone")) == [str(written).removeprefix("s3://")]
