"""What the fault tests share: a tiny inbox written here, a sitrep.toml for it, the environment of a real
second process (the `sitrep` CLI or `python -c`), and a process that holds a data dir's lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The build whose lock the holder takes: this one, unless checking these tests against an older build (which has
# no lock): then the holder comes from a build that has one.
HOLDER_REPO = Path(os.environ.get("SITREP_TEST_HOLDER_REPO") or REPO)
SITREP = [sys.executable, "-m", "sitrep.cli"]

# Invented reports. COPY is a wire copy of SHELLING (new headline, an added footer): a near-duplicate.
SHELLING = {"url": "https://wire-one.example/kharkiv-shelling", "outlet": "Wire One", "published": "2025-03-05",
            "title": "Shelling kills two in Kharkiv",
            "text": "Russian forces shelled the city of Kharkiv in northeastern Ukraine on Tuesday, killing two "
                    "civilians and wounding five others, regional governor Oleh Syniehubov said on Telegram."}
COPY = {**SHELLING, "url": "https://syndicator.example/world/8812", "outlet": "Syndicator",
        "title": "Two killed as Russian shells hit Kharkiv",
        "text": SHELLING["text"] + " Reporting by the Wire One desk; editing by staff."}
PROTEST = {"url": "https://daily-two.example/news/77", "outlet": "Daily Two", "published": "2025-03-06",
           "title": "Teachers march in Lviv",
           "text": "Hundreds of teachers marched peacefully through the centre of Lviv in western Ukraine on "
                   "Wednesday, demanding higher wages, local media reported."}


def write_inbox(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def write_config(tmp_path: Path, *, inbox: Path, lock_timeout_s: float = 0, extra: str = "") -> Path:
    config = tmp_path / "sitrep.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        f'sql_dir = "{REPO / "sql"}"\n'
        f'[snapshot]\ntarget = "{tmp_path / "snapshots"}"\nkeep = 2\n'
        f'[lock]\ntimeout_s = {lock_timeout_s}\n'
        f'{extra}'
        f'[[sources]]\nname = "inbox"\nkind = "folder"\npath = "{inbox}"\n', encoding="utf-8")
    return config


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a second process: this repo first on the path, the shared gazetteer cache (a fresh
    data dir would rebuild it, which takes long), no config or data dir inherited from the caller."""
    from sitrep.coding.places.gazetteer_cache import default_cache_dir

    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env.update({"PYTHONPATH": str(REPO), "SITREP_CACHE_DIR": str(default_cache_dir()), **extra})
    return env


HOLDER = """
import subprocess, sys
from pathlib import Path
from sitrep.locking import data_dir_lock
from sitrep.settings import load_settings

with data_dir_lock(load_settings(Path(sys.argv[1])), "sitrep run (test holder)"):
    if sys.argv[2] == "spawn":   # a child that outlives us, as Prefect's server outlives a killed run
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        print(child.pid, flush=True)
    print("locked", flush=True)
    sys.stdin.readline()   # hold the lock until the test says so
"""


def start_holder(config: Path, spawn: bool = False) -> tuple[subprocess.Popen, int | None]:
    """A real second process that holds the lock of config's data dir (and its child's pid, with spawn)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(config), "spawn" if spawn else "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=child_env(PYTHONPATH=str(HOLDER_REPO)), cwd=config.parent)
    assert proc.stdout is not None
    child = int(proc.stdout.readline()) if spawn else None
    assert proc.stdout.readline().strip() == "locked"
    return proc, child


@contextmanager
def lock_held(config: Path) -> Iterator[subprocess.Popen]:
    """A real second process holding the lock of config's data dir until the block ends."""
    proc, _ = start_holder(config)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.stdin.close()
            proc.wait(timeout=30)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return write_inbox(tmp_path / "inbox", [SHELLING, PROTEST])
