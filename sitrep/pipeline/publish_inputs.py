"""What a publish has to take in: the coded batches and raw article parts the last publish had not consumed.

The tables' manifest (sitrep.tables) records, under `inputs`, the coder version, the batch files and the raw
parts its tables were built from. A batch file and a raw part never change once written (sitrep.zones), so
"not consumed yet" is "not listed". A different coder version, a different publish format or no manifest at
all means a full publish: everything is new and nothing stored is reused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from schemas.columns import ARTICLE_COLUMNS
from sitrep import object_store
from sitrep.object_store import Location, is_url
from sitrep.pipeline.code import read_coded
from sitrep.settings import Settings
from sitrep.tables import Manifest
from sitrep.zones import articles_dir, coded_batches

# Bumped when the publish stage's output for the same inputs changes: the next publish is then a full one.
PUBLISH_FORMAT = 1
ARTICLE_METADATA = [c for c in ARTICLE_COLUMNS if c != "text"]


@dataclass
class PublishInputs:
    full: bool                                   # no stored table is reused
    batches: list[str]                           # every batch file (name) of the coder version
    new_batches: list[str]                       # those not consumed yet
    raw_parts: list[str]                         # every raw article part, relative to raw/articles
    new_raw_parts: list[str]
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)     # of the new batches; newest per article
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    status: pd.DataFrame = field(default_factory=pd.DataFrame)
    raw_articles: pd.DataFrame = field(default_factory=pd.DataFrame)  # metadata of the new raw parts

    @property
    def nothing_new(self) -> bool:
        return not self.full and not self.new_batches and not self.new_raw_parts

    def record(self, coder_version: str) -> dict[str, Any]:
        """The manifest's `inputs` once these are published."""
        return {"publish_format": PUBLISH_FORMAT, "coder_version": coder_version, "coded_batches": self.batches,
                "raw_article_parts": self.raw_parts}


def publish_inputs(settings: Settings, manifest: Manifest | None, coder_version: str) -> PublishInputs:
    """What is new since the manifest (everything, for a full publish), read."""
    recorded = manifest.inputs if manifest is not None else {}
    full = (manifest is None or recorded.get("coder_version") != coder_version
            or recorded.get("publish_format") != PUBLISH_FORMAT or "_mentions" not in manifest.tables)
    batches = [p.name for p in coded_batches(settings, coder_version, "status")]
    folder = articles_dir(settings)
    raw_parts = _raw_part_names(folder)
    seen_batches = set() if full else set(recorded.get("coded_batches", []))
    seen_parts = set() if full else set(recorded.get("raw_article_parts", []))
    inputs = PublishInputs(full, batches, [b for b in batches if b not in seen_batches], raw_parts,
                           [p for p in raw_parts if p not in seen_parts])
    inputs.mentions, inputs.figures, inputs.status = read_coded(settings, coder_version, inputs.new_batches)
    inputs.raw_articles = _read_raw_parts(folder, inputs.new_raw_parts)
    return inputs


def _raw_part_names(folder: Location) -> list[str]:
    """The raw zone's article parts, as paths relative to its articles folder (a folder or an fsspec URL)."""
    if is_url(folder):
        _, files = object_store.parquet_files(str(folder))
        root = object_store.filesystem(str(folder))[1].rstrip("/")
        return sorted(f[len(root) + 1:] for f in files)
    local = Path(folder)
    return sorted(p.relative_to(local).as_posix() for p in local.rglob("*.parquet")
                  if not p.name.startswith(".")) if local.is_dir() else []


def _read_raw_parts(folder: Location, parts: list[str]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(columns=ARTICLE_METADATA)
    if is_url(folder):
        fs, root = object_store.filesystem(str(folder))
        frames = [object_store.read_parquet(fs, f"{root.rstrip('/')}/{p}", ARTICLE_METADATA).to_pandas()
                  for p in parts]
    else:
        frames = [pq.read_table(Path(folder) / p, columns=ARTICLE_METADATA).to_pandas() for p in parts]
    return pd.concat(frames, ignore_index=True).drop_duplicates("id", keep="first").reset_index(drop=True)
