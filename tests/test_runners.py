"""[runner] and [zones] settings, the choice of task runner, and the code stage's batch seam, as plain functions
(the flow on a real Dask cluster: tests/flows/test_dask_runner.py)."""

from __future__ import annotations

import json
import socket

import pandas as pd
import pytest

from flows.runners import RunnerUnavailable, check_scheduler, scheduler_endpoint, task_runner_for
from sitrep.settings import load_settings, raw_zone_from_table, runner_from_table


def settings_with(tmp_path, body: str, env: dict[str, str] | None = None):
    config = tmp_path / "sitrep.toml"
    config.write_text(f'data_dir = "data"\n{body}\n', encoding="utf-8")
    return load_settings(config, env=env or {})


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_runner_defaults_to_local_and_reads_dask_with_its_address(tmp_path):
    default = settings_with(tmp_path, "")
    assert (default.runner_kind, default.runner_address, default.runner_batch_size) == ("local", None, 500)
    dask = settings_with(tmp_path, '[runner]\nkind = "dask"\naddress = "tcp://127.0.0.1:8786"\nbatch_size = 50')
    assert (dask.runner_kind, dask.runner_address, dask.runner_batch_size) == ("dask", "tcp://127.0.0.1:8786", 50)
    assert "runner" not in dask.extra
    from_env = settings_with(tmp_path, "", env={"SITREP_RUNNER_KIND": "dask",
                                                "SITREP_RUNNER_ADDRESS": "tcp://127.0.0.1:9000"})
    assert (from_env.runner_kind, from_env.runner_address) == ("dask", "tcp://127.0.0.1:9000")


@pytest.mark.parametrize(("table", "message"), [
    ({"kind": "spark"}, "must be one of local, dask"),
    ({"kind": "dask"}, "needs an address"),
    ({"kind": "local", "workers": 3}, "unknown keys ['workers']"),
    ({"batch_size": 0}, "batch_size = 0"),
    ({"batch_size": "10"}, "batch_size = '10'"),
])
def test_a_wrong_runner_table_is_refused_with_the_key(table, message):
    with pytest.raises(ValueError, match="runner") as error:
        runner_from_table(table, {})
    assert message in str(error.value)


def test_raw_zone_is_a_url_as_given_or_a_folder_beside_the_config(tmp_path):
    assert raw_zone_from_table({}, tmp_path, {}) is None
    assert raw_zone_from_table({"raw": "s3://bucket/sitrep/raw/"}, tmp_path, {}) == "s3://bucket/sitrep/raw"
    assert raw_zone_from_table({"raw": "elsewhere"}, tmp_path, {}) == str(tmp_path / "elsewhere")
    assert raw_zone_from_table({}, tmp_path, {"SITREP_RAW_ZONE": "s3://b/r"}) == "s3://b/r"
    with pytest.raises(ValueError, match=r"\[zones\]: unknown keys \['curated_dir'\]"):
        raw_zone_from_table({"curated_dir": "x"}, tmp_path, {})
    assert settings_with(tmp_path, '[zones]\nraw = "s3://bucket/raw"').raw_zone == "s3://bucket/raw"


def test_scheduler_addresses_are_parsed_and_others_refused():
    assert scheduler_endpoint("tcp://127.0.0.1:8786") == ("127.0.0.1", 8786)
    assert scheduler_endpoint("127.0.0.1:9001") == ("127.0.0.1", 9001)
    assert scheduler_endpoint("tls://scheduler.example:8800") == ("scheduler.example", 8800)
    assert scheduler_endpoint("tcp://127.0.0.1") == ("127.0.0.1", 8786)
    with pytest.raises(RunnerUnavailable, match=r"\[runner\] address"):
        scheduler_endpoint("http://127.0.0.1:8787")


def test_local_runner_is_a_one_thread_pool(tmp_path):
    from prefect.task_runners import ThreadPoolTaskRunner

    runner = task_runner_for(settings_with(tmp_path, ""))
    assert isinstance(runner, ThreadPoolTaskRunner) and runner._max_workers == 1


def test_dask_runner_gets_the_address_once_something_answers_there(tmp_path):
    from prefect_dask import DaskTaskRunner

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        runner = task_runner_for(settings_with(tmp_path, f'[runner]\nkind = "dask"\naddress = "{address}"'))
    assert isinstance(runner, DaskTaskRunner) and runner.address == address


def test_an_unreachable_scheduler_stops_the_code_step_naming_address_and_setting(tmp_path):
    from flows.code import code_new_articles

    address = f"tcp://127.0.0.1:{closed_port()}"
    with pytest.raises(RunnerUnavailable) as error:
        check_scheduler(address, timeout_s=2)
    assert address in str(error.value) and "[runner] address" in str(error.value)
    settings = settings_with(tmp_path, f'[runner]\nkind = "dask"\naddress = "{address}"')
    with pytest.raises(RunnerUnavailable, match=address):
        code_new_articles(settings)      # before reading or writing anything
    assert not (tmp_path / "data" / "curated").exists()


def test_batches_coded_elsewhere_write_the_batch_one_pass_writes(tmp_path):
    """The flow's steps (articles_to_code, batches of two coded out of order and handed back in order,
    write_coded) write the same coded batch as code_stage's single pass."""
    from flows.code import check_coder_versions, cut_batches
    from sitrep.coding import CODER_VERSION
    from sitrep.pipeline import code_stage, ingest_sources
    from sitrep.pipeline.code import CodeResult, articles_to_code, code_batch, write_coded

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    places = [("Bokkos, Plateau State, Nigeria", "five"), ("Kherson, Ukraine", "two"), ("Djenne, Mali", "seven")]
    (inbox / "reports.jsonl").write_text("".join(json.dumps({
        "id": f"b{i}", "published": f"2025-05-0{i + 1}", "title": "Attack",
        "text": f"Gunmen killed {dead} people in an attack in {place} on Monday, police said."}) + "\n"
        for i, (place, dead) in enumerate(places)))

    def in_batches(settings):
        result = CodeResult()
        todo, _ = articles_to_code(settings, result=result)
        batches = cut_batches(todo, 2)
        assert [[a["id"] for a in batch] for batch in batches] == [["b0", "b1"], ["b2"]]
        coded = [code_batch(batch) for batch in reversed(batches)][::-1]
        check_coder_versions(coded, CODER_VERSION)
        return write_coded(settings, coded, result)

    results, files = {}, {}
    for name, code in {"one": code_stage, "batched": in_batches}.items():
        (tmp_path / name).mkdir()
        settings = settings_with(tmp_path / name, f'[[sources]]\nname = "inbox"\nkind = "folder"\npath = "{inbox}"')
        ingest_sources(settings)
        results[name] = code(settings)
        files[name] = {p.relative_to(settings.curated_dir).as_posix(): pd.read_parquet(p)
                       for p in sorted(settings.curated_dir.rglob("*.parquet"))}
    assert results["one"].coded == results["batched"].coded == 3
    assert results["one"].article_ids == results["batched"].article_ids
    assert sorted(files["one"]) == sorted(files["batched"]) and files["one"]
    for name, frame in files["one"].items():
        pd.testing.assert_frame_equal(frame, files["batched"][name], obj=name)


def test_rows_of_another_coder_version_are_refused():
    from flows.code import WorkerMismatch, check_coder_versions
    from sitrep.pipeline.code import CodedBatch

    batch = CodedBatch()
    batch.rows["status"].append({"article_id": "a", "status": "coded", "events": 1, "reason": "",
                                 "coder_version": "0.1.0"})
    check_coder_versions([batch], "0.1.0")
    with pytest.raises(WorkerMismatch, match=r"\['0.1.0'\], this run's is 9.9.9"):
        check_coder_versions([batch], "9.9.9")


def test_a_scheduler_without_workers_stops_the_run_instead_of_waiting_forever(tmp_path, monkeypatch):
    from distributed import LocalCluster

    from flows import runners

    monkeypatch.setattr(runners, "WORKER_WAIT_S", 1.0)
    with LocalCluster(host="127.0.0.1", protocol="tcp", n_workers=0, processes=False,
                      dashboard_address=None) as cluster:
        settings = settings_with(tmp_path, f'[runner]\nkind = "dask"\naddress = "{cluster.scheduler_address}"')
        with pytest.raises(RunnerUnavailable, match="has no worker") as error:
            with runners.started_runner(settings):
                pass
    assert cluster.scheduler_address in str(error.value)


def test_sitrep_run_with_an_unreachable_scheduler_says_so_before_starting_anything(tmp_path, capsys, monkeypatch):
    from sitrep.cli import main

    monkeypatch.delenv("SITREP_DATA_DIR", raising=False)
    address = f"tcp://127.0.0.1:{closed_port()}"
    config = tmp_path / "sitrep.toml"
    config.write_text(f'data_dir = "data"\n[runner]\nkind = "dask"\naddress = "{address}"\n', encoding="utf-8")
    assert main(["--config", str(config), "run"]) == 1
    error = capsys.readouterr().err
    assert "sitrep run: error: no Dask scheduler answers at " + address in error and "[runner] address" in error
    assert not (tmp_path / "data" / "raw").exists() and not (tmp_path / "data" / "curated").exists()
