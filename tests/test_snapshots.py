import functools
import hashlib
import json
import threading
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pandas as pd
import pytest

from sitrep.http import HttpLimits
from sitrep.snapshots import SnapshotCorrupted, list_snapshots, publish_snapshot, pull_snapshot
from sitrep.store import atomic_write_parquet

DAY1 = datetime(2025, 2, 7, 2, 0, tzinfo=UTC)
DAY2 = datetime(2025, 2, 8, 2, 0, tzinfo=UTC)


def write_tables(folder: Path, events: list[tuple[str, int]]) -> Path:
    """Tiny events and figures tables: (event_id_cnty, fatalities) pairs."""
    frame = pd.DataFrame(events, columns=["event_id_cnty", "fatalities"])
    frame["timestamp"] = 1738900000
    atomic_write_parquet(frame, folder / "events.parquet")
    atomic_write_parquet(pd.DataFrame({"figure_id": ["f1"], "value": [3]}), folder / "figures.parquet")
    return folder


def publish(tables: Path, target: str, now: datetime = DAY1, keep: int = 5, **kw):
    return publish_snapshot(tables, target, keep=keep, code_version="0.1.0", schema_version="1", now=now, **kw)


def assert_same_files(published: Path, pulled: Path) -> None:
    names = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(pulled).as_posix() for p in pulled.rglob("*") if p.is_file())
    for name in names:
        assert (published / name).read_bytes() == (pulled / name).read_bytes()


def test_publish_writes_manifest_sums_readme_latest(tmp_path):
    tables = write_tables(tmp_path / "tables", [("UKR1", 3), ("UKR2", 0)])
    info = publish(tables, str(tmp_path / "snaps"))
    folder = tmp_path / "snaps" / "v2025.02.07"
    assert info.version == "v2025.02.07" and Path(info.location) == folder
    assert (tmp_path / "snaps" / "LATEST").read_text().strip() == "v2025.02.07"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["schema_version"] == "1" and manifest["code_version"] == "0.1.0"
    assert manifest["created"] == "2025-02-07T02:00:00Z"
    events = manifest["files"]["events.parquet"]
    assert events["rows"] == 2 and events["columns"] == ["event_id_cnty", "fatalities", "timestamp"]
    assert events["sha256"] == hashlib.sha256((folder / "events.parquet").read_bytes()).hexdigest()
    sums = (folder / "SHA256SUMS").read_text().splitlines()
    assert sorted(line.split("  ")[1] for line in sums) == [
        "CHANGES.json", "README.md", "events.parquet", "figures.parquet"]
    readme = (folder / "README.md").read_text()
    assert "duckdb -c" in readme and "ACLED" in readme and "event_id_cnty" in readme
    assert not [p for p in (tmp_path / "snaps").iterdir() if p.name.startswith(".")]  # no temp folder left


def test_second_publish_same_day_gets_suffix_and_changes(tmp_path):
    target = str(tmp_path / "snaps")
    publish(write_tables(tmp_path / "t1", [("UKR1", 3), ("UKR2", 0), ("UKR3", 1)]), target)
    info = publish(write_tables(tmp_path / "t2", [("UKR1", 3), ("UKR2", 5), ("UKR4", 1)]), target)
    assert info.version == "v2025.02.07.1"
    changes = json.loads((tmp_path / "snaps" / "v2025.02.07.1" / "CHANGES.json").read_text())
    assert changes == {"version": "v2025.02.07.1", "previous": "v2025.02.07", "added": ["UKR4"],
                       "updated": ["UKR2"], "deleted": ["UKR3"],
                       "counts": {"added": 1, "updated": 1, "deleted": 1}}
    assert publish(tmp_path / "t2", target).version == "v2025.02.07.2"
    first = json.loads((tmp_path / "snaps" / "v2025.02.07" / "CHANGES.json").read_text())
    assert first["previous"] is None and first["added"] == ["UKR1", "UKR2", "UKR3"]


def test_retention_keeps_last_n(tmp_path):
    tables = write_tables(tmp_path / "t", [("UKR1", 3)])
    target = str(tmp_path / "snaps")
    for now in (DAY1, DAY1, DAY2):
        info = publish(tables, target, now=now, keep=2)
    assert info.removed == ["v2025.02.07"]
    assert sorted(p.name for p in (tmp_path / "snaps").iterdir() if p.is_dir()) == ["v2025.02.07.1", "v2025.02.08"]
    assert [s["version"] for s in list_snapshots(target)] == ["v2025.02.08", "v2025.02.07.1"]
    assert list_snapshots(target)[0]["latest"] is True


def test_pull_from_folder_round_trips(tmp_path):
    tables = write_tables(tmp_path / "t", [("UKR1", 3)])
    publish(tables, str(tmp_path / "snaps"))
    pulled = pull_snapshot(str(tmp_path / "snaps"), None, tmp_path / "down")
    assert pulled == tmp_path / "down" / "v2025.02.07"
    assert_same_files(tmp_path / "snaps" / "v2025.02.07", pulled)
    pd.testing.assert_frame_equal(pd.read_parquet(pulled / "events.parquet"),
                                  pd.read_parquet(tables / "events.parquet"))


@pytest.mark.parametrize("victim", ["events.parquet", "README.md", "SHA256SUMS"])
def test_flipped_byte_is_named_and_nothing_is_left(tmp_path, victim):
    publish(write_tables(tmp_path / "t", [("UKR1", 3)]), str(tmp_path / "snaps"))
    path = tmp_path / "snaps" / "v2025.02.07" / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(SnapshotCorrupted, match=victim):
        pull_snapshot(str(tmp_path / "snaps"), "v2025.02.07", tmp_path / "down")
    assert list((tmp_path / "down").iterdir()) == []


def test_missing_file_is_named(tmp_path):
    publish(write_tables(tmp_path / "t", [("UKR1", 3)]), str(tmp_path / "snaps"))
    (tmp_path / "snaps" / "v2025.02.07" / "figures.parquet").unlink()
    with pytest.raises(SnapshotCorrupted, match="figures.parquet"):
        pull_snapshot(str(tmp_path / "snaps"), None, tmp_path / "down")


@pytest.fixture
def http_base(tmp_path):
    """A static HTTP server on 127.0.0.1 serving tmp_path/site."""
    site = tmp_path / "site"
    site.mkdir()

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


# The server is on 127.0.0.1, which the default address policy refuses: allowed explicitly here.
LOOPBACK = HttpLimits(per_host_interval_s=0.0, allow_private_addresses=True)


def test_pull_over_http(tmp_path, http_base):
    site, base = http_base
    tables = write_tables(tmp_path / "t", [("UKR1", 3), ("UKR2", 1)])
    publish(tables, str(site / "snaps"))
    publish(tables, str(site / "snaps"), now=DAY2)
    assert [s["version"] for s in list_snapshots(f"{base}/snaps", http=LOOPBACK)] == ["v2025.02.08", "v2025.02.07"]
    pulled = pull_snapshot(f"{base}/snaps/", None, tmp_path / "down", http=LOOPBACK)
    assert pulled.name == "v2025.02.08"
    assert_same_files(site / "snaps" / "v2025.02.08", pulled)
    older = pull_snapshot(f"{base}/snaps", "v2025.02.07", tmp_path / "down", http=LOOPBACK)
    assert older.name == "v2025.02.07"

    path = site / "snaps" / "v2025.02.08" / "figures.parquet"
    data = bytearray(path.read_bytes())
    data[10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SnapshotCorrupted, match="figures.parquet"):
        pull_snapshot(f"{base}/snaps", None, tmp_path / "down2", http=LOOPBACK)
    assert list((tmp_path / "down2").iterdir()) == []


@pytest.fixture
def s3_endpoint(monkeypatch):
    """moto's S3 server on 127.0.0.1 with dummy credentials and an empty bucket "snaps"."""
    import s3fs
    from moto.server import ThreadedMotoServer

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_CA_BUNDLE", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
                "FSSPEC_S3_ENDPOINT_URL", "SITREP_S3_ENDPOINT_URL"):
        monkeypatch.delenv(key, raising=False)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    httpx.post(f"{endpoint}/moto-api/reset")   # moto keeps buckets across servers in one process: start empty
    s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True).mkdir("snaps")
    yield endpoint
    server.stop()


def test_publish_and_pull_via_s3(tmp_path, s3_endpoint, monkeypatch):
    tables = write_tables(tmp_path / "t", [("UKR1", 3)])
    options = {"endpoint_url": s3_endpoint}
    first = publish(tables, "s3://snaps/sitrep", storage_options=options)
    assert first.location == "s3://snaps/sitrep/v2025.02.07"
    publish(write_tables(tmp_path / "t2", [("UKR1", 4)]), "s3://snaps/sitrep", storage_options=options, keep=1)

    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)  # the endpoint from the environment this time
    assert list_snapshots("s3://snaps/sitrep") == [
        {"version": "v2025.02.07.1", "created": "2025-02-07T02:00:00Z", "latest": True}]
    pulled = pull_snapshot("s3://snaps/sitrep", None, tmp_path / "down")
    changes = json.loads((pulled / "CHANGES.json").read_text())
    assert changes["updated"] == ["UKR1"] and changes["previous"] == "v2025.02.07"
    assert pd.read_parquet(pulled / "events.parquet")["fatalities"].tolist() == [4]
    manifest = json.loads((pulled / "manifest.json").read_text())
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((pulled / name).read_bytes()).hexdigest() == entry["sha256"]


def test_cli_publish_list_pull(tmp_path, monkeypatch, capsys):
    from sitrep.cli import main

    monkeypatch.chdir(tmp_path)  # no sitrep.toml here
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    monkeypatch.delenv("SITREP_SNAPSHOT_TARGET", raising=False)
    monkeypatch.setenv("SITREP_DATA_DIR", str(tmp_path / "data"))
    write_tables(tmp_path / "data" / "curated" / "tables", [("UKR1", 3)])
    assert main(["snapshot", "publish", "--keep", "3"]) == 0
    snaps = tmp_path / "data" / "curated" / "snapshots"
    version = (snaps / "LATEST").read_text().strip()
    assert main(["snapshot", "list", "--from", str(snaps)]) == 0
    assert version in capsys.readouterr().out
    assert main(["snapshot", "pull", "--from", str(snaps), "--to", str(tmp_path / "down")]) == 0
    assert (tmp_path / "down" / version / "events.parquet").exists()
    (snaps / version / "events.parquet").write_bytes(b"not parquet")
    assert main(["snapshot", "pull", version, "--from", str(snaps), "--to", str(tmp_path / "again")]) == 1
    assert "events.parquet" in capsys.readouterr().err


def test_s3_half_written_version_is_replaced_not_merged(tmp_path, s3_endpoint):
    """An object store gets a version file by file, manifest last: a publish killed half-way leaves files without
    a manifest. Readers skip them; the next publish of that name starts from an empty prefix."""
    import s3fs

    options = {"endpoint_url": s3_endpoint}
    publish(write_tables(tmp_path / "t", [("UKR1", 3)]), "s3://snaps/sitrep", storage_options=options)
    fs = s3fs.S3FileSystem(endpoint_url=s3_endpoint, skip_instance_cache=True)
    fs.pipe_file("snaps/sitrep/v2025.02.08/events.parquet", b"half")
    fs.pipe_file("snaps/sitrep/v2025.02.08/stray.parquet", b"from the killed run")

    assert [s["version"] for s in list_snapshots("s3://snaps/sitrep", storage_options=options)] == ["v2025.02.07"]
    info = publish(write_tables(tmp_path / "t2", [("UKR1", 4)]), "s3://snaps/sitrep", now=DAY2,
                   storage_options=options)

    assert info.version == "v2025.02.08"
    assert not fs.exists("snaps/sitrep/v2025.02.08/stray.parquet")
    pulled = pull_snapshot("s3://snaps/sitrep", None, tmp_path / "down", storage_options=options)
    assert pd.read_parquet(pulled / "events.parquet")["fatalities"].tolist() == [4]
