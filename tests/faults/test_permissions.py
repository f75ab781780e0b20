"""Published files get the published modes ([publish] file_mode / dir_mode, default 644 / 755), whatever the
umask and however they were written (mkstemp and mkdtemp make 0600 / 0700): curated tables, the DuckDB file,
snapshot files and folders, LATEST and index.json."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sitrep.pipeline import code_stage, models_stage, publish_stage
from sitrep.pipeline.ingest import ingest_sources
from sitrep.settings import Settings, SourceConfig
from sitrep.tables import published_files
from sitrep.zones import tables_dir

from .conftest import REPO, write_config

MODES = [(0o644, 0o755), (0o640, 0o750)]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def private_umask():
    """A umask that would make every new file private: the modes must come from the settings, not from it."""
    old = os.umask(0o077)
    yield
    os.umask(old)


def settings_for(tmp_path: Path, inbox: Path, file_mode: int, dir_mode: int) -> Settings:
    return Settings(data_dir=tmp_path / "data", samples_dir=inbox, sql_dir=REPO / "sql",
                    sources=(SourceConfig(name="inbox", kind="folder", path=str(inbox)),),
                    publish_file_mode=file_mode, publish_dir_mode=dir_mode)


@pytest.mark.parametrize(("file_mode", "dir_mode"), MODES)
def test_curated_tables_and_duckdb_file_get_the_publish_modes(tmp_path, inbox, private_umask, file_mode, dir_mode):
    settings = settings_for(tmp_path, inbox, file_mode, dir_mode)
    ingest_sources(settings)
    code_stage(settings)
    publish_stage(settings, now=1_741_200_000)
    models_stage(settings)

    entries = sorted(tables_dir(settings).rglob("*"))
    files = [p for p in entries if p.is_file()]
    assert "manifest.json" in {p.name for p in files} and len(files) > 6    # the manifest and the partitions
    assert {p.relative_to(tables_dir(settings)).as_posix(): mode(p) for p in files} == \
        {p.relative_to(tables_dir(settings)).as_posix(): file_mode for p in files}
    folders = [tables_dir(settings), settings.curated_dir, *(p for p in entries if p.is_dir())]
    assert {mode(p) for p in folders} == {dir_mode}
    assert mode(settings.duckdb_path) == file_mode


def test_a_table_left_private_by_an_older_build_is_opened_up_even_when_unchanged(tmp_path, inbox):
    settings = settings_for(tmp_path, inbox, 0o644, 0o755)
    ingest_sources(settings)
    code_stage(settings)
    publish_stage(settings, now=1_741_200_000)
    events = Path(published_files(tables_dir(settings), "events")[0])
    manifest = tables_dir(settings) / "manifest.json"
    events.chmod(0o600)
    manifest.chmod(0o600)

    result = publish_stage(settings, now=1_741_200_000)

    assert result.written == [] and mode(events) == 0o644 and mode(manifest) == 0o644


@pytest.mark.parametrize(("file_mode", "dir_mode"), MODES)
def test_snapshot_files_folders_latest_and_index_get_the_publish_modes(tmp_path, inbox, private_umask, monkeypatch,
                                                                        file_mode, dir_mode):
    from sitrep.cli import main

    config = write_config(tmp_path, inbox=inbox,
                          extra=f'[publish]\nfile_mode = "{file_mode:o}"\ndir_mode = "{dir_mode:o}"\n')
    monkeypatch.delenv("SITREP_DATA_DIR", raising=False)
    monkeypatch.delenv("SITREP_SNAPSHOT_TARGET", raising=False)
    tables = tmp_path / "data" / "curated" / "tables"
    tables.mkdir(parents=True)
    import pandas as pd
    pd.DataFrame({"event_id_cnty": ["UKR1"], "fatalities": [2]}).to_parquet(tables / "events.parquet")

    assert main(["--config", str(config), "snapshot", "publish"]) == 0

    target = tmp_path / "snapshots"
    version = (target / "LATEST").read_text().strip()
    files = [target / "LATEST", target / "index.json", *(p for p in (target / version).rglob("*") if p.is_file())]
    assert len(files) == 2 + 5     # events.parquet, CHANGES.json, README.md, SHA256SUMS, manifest.json
    assert {p.name: mode(p) for p in files} == {p.name: file_mode for p in files}
    assert mode(target / version) == dir_mode and mode(target) == dir_mode
