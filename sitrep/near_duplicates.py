"""Near-duplicates: syndicated copies of one wire story (same text, small edits, other boilerplate) under
different URLs. The first copy is coded; each later copy is kept in the raw zone and linked to it, in the
link table (sitrep.zones.links_dir: article_id, duplicate_of, similarity).

The code stage skips every article_id in that table (`duplicate_ids`).

How: word 5-shingles → a 126-value MinHash signature (numpy, fixed seed, so runs are reproducible) → LSH in 42
bands of 3 rows to find candidates → the signature's estimate of Jaccard similarity decides (≥ THRESHOLD).
Two reports of one event by different outlets share few 5-word sequences (Jaccard well under 0.2); a wire
copy with a changed headline, dateline or footer keeps most of them."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from schemas import NearDuplicateSchema
from schemas.columns import NEAR_DUPLICATE_COLUMNS
from schemas.tables import arrow_schema
from sitrep.settings import Settings
from sitrep.store import read_parquet_files
from sitrep.zones import append_part, articles_dir, links_dir

THRESHOLD = 0.5
SHINGLE_WORDS = 5
MIN_SHINGLES = 10          # shorter texts are not compared: a few shared words say nothing
BANDS, ROWS = 42, 3
NUM_PERM = BANDS * ROWS
_PRIME = np.uint64(4_294_967_291)          # largest prime below 2**32: signature values fit uint32
_rng = np.random.default_rng(20250207)
_A = _rng.integers(1, 2**31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 2**31, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
# What one signature may cost: only a text's first HASHED_CHARS characters are shingled (more than any article
# keeps after ingest's max_article_chars cut, so stored articles hash as before), and the hash × permutation
# matrix is built HASH_ROWS shingles at a time (HASH_ROWS × NUM_PERM × 8 bytes ≈ 8 MB), never for all at once.
HASHED_CHARS = 500_000
HASH_ROWS = 8192

LINK_COLUMNS = NEAR_DUPLICATE_COLUMNS
LINK_SCHEMA = arrow_schema(NearDuplicateSchema)


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text[:HASHED_CHARS].lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text (uint32[NUM_PERM]); None when the text is too short to compare."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=4).digest(),
                                         "little") for s in found), dtype=np.uint64, count=len(found))
    minimum = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), HASH_ROWS):
        block = hashes[start:start + HASH_ROWS]
        np.minimum(minimum, ((block[:, None] * _A[None, :] + _B[None, :]) % _PRIME).min(axis=0), out=minimum)
    return minimum.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    return float(np.mean(a == b))


class NearDuplicateIndex:
    """An in-memory LSH index of article signatures."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._signatures: dict[str, np.ndarray] = {}
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> NearDuplicateIndex:
        index = cls(threshold)
        for article_id, text in items:
            index.add(article_id, text)
        return index

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, text: str) -> None:
        sig = signature(text)
        if sig is None or article_id in self._signatures:
            return
        self._signatures[article_id] = sig
        for key in _band_keys(sig):
            self._buckets[key].append(article_id)

    def match(self, text: str) -> tuple[str, float] | None:
        """The most similar indexed article and its similarity, if any reaches the threshold."""
        sig = signature(text)
        if sig is None:
            return None
        candidates = {cid for key in _band_keys(sig) for cid in self._buckets.get(key, ())}
        best: tuple[str, float] | None = None
        for cid in sorted(candidates):       # sorted: ties go to the same article on every run
            score = similarity(sig, self._signatures[cid])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (cid, score)
        return best

    def find(self, text: str) -> str | None:
        found = self.match(text)
        return found[0] if found else None


def _band_keys(sig: np.ndarray) -> Iterable[tuple[int, bytes]]:
    for band in range(BANDS):
        yield band, sig[band * ROWS:(band + 1) * ROWS].tobytes()


# ── the raw-zone link table ──

def read_links(settings: Settings) -> pd.DataFrame:
    frame = read_parquet_files(links_dir(settings), columns=LINK_COLUMNS)
    return frame[LINK_COLUMNS] if not frame.empty else pd.DataFrame(columns=LINK_COLUMNS)


def duplicate_ids(settings: Settings) -> set[str]:
    """Ids of the articles that are near-duplicates of an earlier one: the code stage skips them."""
    return set(read_links(settings)["article_id"])


def write_links(settings: Settings, links: list[dict], day: date) -> Path | str | None:
    """Append one part file of links (named by a hash of its content, like every raw-zone file)."""
    return append_part(links_dir(settings), day, pd.DataFrame(links, columns=LINK_COLUMNS),
                       [f"{r['article_id']}>{r['duplicate_of']}" for r in links], LINK_SCHEMA)


class NearDuplicateLinker:
    """What ingest uses: `link(id, text)` per admitted article, `save(day)` after the run's articles are written.

    The index is built from the raw zone on first use (articles already linked as copies are left out, so a new
    copy links to the first one)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.links: list[dict] = []
        self._index: NearDuplicateIndex | None = None

    @property
    def index(self) -> NearDuplicateIndex:
        if self._index is None:
            known = read_parquet_files(articles_dir(self.settings), columns=["id", "text"])
            copies = duplicate_ids(self.settings)
            self._index = NearDuplicateIndex.from_texts(
                (i, t) for i, t in zip(known.get("id", []), known.get("text", []), strict=False) if i not in copies)
        return self._index

    def link(self, article_id: str, text: str) -> str | None:
        """The id of the earlier article this one copies (recorded as a link), or None (then it is indexed)."""
        found = self.index.match(text)
        if found is None:
            self.index.add(article_id, text)
            return None
        self.links.append({"article_id": article_id, "duplicate_of": found[0], "similarity": round(found[1], 4)})
        return found[0]

    def save(self, day: date) -> Path | str | None:
        return write_links(self.settings, self.links, day)
