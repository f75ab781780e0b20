"""The nightly flow with its code batches on a Dask cluster (a scheduler and two worker processes on 127.0.0.1)
writes the same curated zone as a local run over the same inbox."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from sitrep.settings import PROJECT_ROOT

pytestmark = pytest.mark.flow

# Our own short reports (one without an event), one JSON object a line, as the folder source reads them.
ARTICLES = [
    ("dk1", "2025-05-05", "Gunmen kill six in Plateau village",
     "Gunmen killed six people in an attack on a village in Bokkos, Plateau State, Nigeria, on Sunday night, "
     "a police spokesman said on Monday."),
    ("dk2", "2025-05-06", "Protesters march in Nairobi over fuel prices",
     "Hundreds of people marched peacefully through central Nairobi, Kenya, on Tuesday to protest against "
     "rising fuel prices, and dispersed after handing a petition to parliament."),
    ("dk3", "2025-05-07", "Shelling hits Kherson",
     "Russian shelling killed two civilians and wounded four in the city of Kherson, Ukraine, on Wednesday, "
     "the regional governor said."),
    ("dk4", "2025-05-08", "Central bank holds rates",
     "The central bank kept its main interest rate unchanged on Thursday and said inflation was slowing."),
    ("dk5", "2025-05-09", "Soldiers clash with militants near Mopti",
     "Soldiers clashed with militants near Djenne in the Mopti region of Mali on Friday; the army said ten "
     "militants and one soldier were killed."),
]


def write_inbox(folder: Path) -> Path:
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": i, "published": day, "title": title, "text": text, "outlet": "Test Wire",
                         "url": f"https://testwire.example/{i}"}) for i, day, title, text in ARTICLES]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_config(root: Path, inbox: Path, runner: str) -> Path:
    root.mkdir(parents=True)
    config = root / "sitrep.toml"
    config.write_text(f'data_dir = "{root / "data"}"\n{runner}\n'
                      f'[[sources]]\nname = "inbox"\nkind = "folder"\npath = "{inbox}"\n', encoding="utf-8")
    return config


# The publish run's clock (sitrep.ids: when an event was issued or changed): the one thing two runs may differ in.
RUN_CLOCK_COLUMNS = ["timestamp", "deleted_at"]


def curated_frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every Parquet file of the curated zone (coded batches, registry, tables) by relative path, without the
    publish run's clock."""
    curated = data_dir / "curated"
    found: dict[str, list[pd.DataFrame]] = {}
    for p in sorted(curated.rglob("*.parquet")):
        if not p.name.startswith("."):
            # A table partition's file is named by a hash of its rows, the clock among them: key it by its folder.
            key = re.sub(r"/part-[0-9a-f]+\.parquet$", "/part.parquet", p.relative_to(curated).as_posix())
            found.setdefault(key, []).append(pd.read_parquet(p).drop(columns=RUN_CLOCK_COLUMNS, errors="ignore"))
    return {key: pd.concat(frames, ignore_index=True) for key, frames in found.items()}


def test_nightly_flow_on_a_dask_cluster_writes_what_a_local_run_writes(tmp_path, prefect_harness, monkeypatch):
    from distributed import Client, LocalCluster, get_task_stream

    from flows.nightly import nightly_flow

    inbox = write_inbox(tmp_path / "inbox")
    local = nightly_flow(config=str(write_config(tmp_path / "local", inbox, '[runner]\nbatch_size = 2')))
    assert local.events > 0 and local.coded + local.no_event == len(ARTICLES)

    # Worker processes import flows/ and sitrep/ from this checkout, and find the gazetteer cache built above.
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))
    started = time.perf_counter()
    with LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        cluster_up = time.perf_counter()
        runner = f'[runner]\nkind = "dask"\naddress = "{cluster.scheduler_address}"\nbatch_size = 2'
        with get_task_stream(client) as recorded:
            on_dask = nightly_flow(config=str(write_config(tmp_path / "dask", inbox, runner)))
        stream = recorded.data
        workers = set(client.scheduler_info()["workers"])
    flow_s = time.perf_counter() - cluster_up
    print(f"dask: cluster up in {cluster_up - started:.1f} s, nightly flow on it {flow_s:.1f} s")

    # Three batches of at most two articles ran as tasks on the cluster's workers.
    batch_tasks = [t for t in stream if "code_batch" in str(t.get("key", ""))]
    assert len(batch_tasks) == 3, [t.get("key") for t in stream]
    assert {t["worker"] for t in batch_tasks} <= workers, (batch_tasks, workers)
    assert (on_dask.coded, on_dask.no_event, on_dask.events) == (local.coded, local.no_event, local.events)
    ours, theirs = curated_frames(tmp_path / "local" / "data"), curated_frames(tmp_path / "dask" / "data")
    assert sorted(ours) == sorted(theirs) and any(name.startswith("coded/") for name in ours)
    for name, frame in ours.items():
        pd.testing.assert_frame_equal(frame, theirs[name], obj=name)
