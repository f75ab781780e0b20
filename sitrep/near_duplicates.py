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
from sitrep.zones import append_part, links_dir

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
    """An LSH index of article signatures: a base table of many (sitrep.near_duplicate_store keeps it on disk;
    searched with sorted band keys, numpy) and the few added since (a dict of band buckets)."""

    def __init__(self, threshold: float = THRESHOLD, base: SignatureTable | None = None) -> None:
        self.threshold = threshold
        self._base = base if base is not None else SignatureTable.build([], _empty_signatures())
        self._signatures: dict[str, np.ndarray] = {}       # added since the base was built
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> NearDuplicateIndex:
        index = cls(threshold)
        for article_id, text in items:
            index.add(article_id, text)
        return index

    def __len__(self) -> int:
        return len(self._base) + len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures or article_id in self._base

    def add(self, article_id: str, text: str) -> None:
        self.add_signature(article_id, signature(text))

    def add_signature(self, article_id: str, sig: np.ndarray | None) -> None:
        """Index one signature; the first one given for an id is kept (as when the zone is read in file order)."""
        if sig is None or article_id in self:
            return
        self._signatures[article_id] = sig
        for key in _band_keys(sig):
            self._buckets[key].append(article_id)

    def match(self, text: str) -> tuple[str, float] | None:
        """The most similar indexed article and its similarity, if any reaches the threshold."""
        sig = signature(text)
        return None if sig is None else self.match_signature(sig)

    def match_signature(self, sig: np.ndarray) -> tuple[str, float] | None:
        candidates = self._base.candidates(sig)
        for cid in {cid for key in _band_keys(sig) for cid in self._buckets.get(key, ())}:
            candidates[cid] = self._signatures[cid]
        best: tuple[str, float] | None = None
        for cid in sorted(candidates):       # sorted: ties go to the same article on every run
            score = similarity(sig, candidates[cid])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (cid, score)
        return best

    def find(self, text: str) -> str | None:
        found = self.match(text)
        return found[0] if found else None

    def contents(self) -> tuple[list[str], np.ndarray]:
        """Every indexed id and its signature (uint32[n, NUM_PERM]): the base's first, then in order added."""
        added = list(self._signatures)
        rows = [self._base.signatures] + ([np.stack([self._signatures[i] for i in added])] if added else [])
        return self._base.ids + added, np.concatenate(rows).astype(np.uint32, copy=False)


class SignatureTable:
    """Many signatures, searchable without a dict entry per band: for each band, every row's band key (a
    64-bit mix of its ROWS values) sorted, so a query's candidates are a binary search per band. A key match is
    checked against the band's values, so candidates are exactly the rows sharing a whole band with the query."""

    def __init__(self, ids: list[str], signatures: np.ndarray, order: np.ndarray, sorted_keys: np.ndarray) -> None:
        self.ids, self.signatures = ids, signatures
        self._id_set = set(ids)
        self._order, self._sorted_keys = order, sorted_keys        # both [BANDS, n]

    @classmethod
    def build(cls, ids: list[str], signatures: np.ndarray) -> SignatureTable:
        keys = band_key_matrix(signatures).T                       # [BANDS, n]
        order = np.argsort(keys, axis=1, kind="stable")
        return cls(list(ids), signatures, order, np.take_along_axis(keys, order, axis=1))

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._id_set

    def candidates(self, sig: np.ndarray) -> dict[str, np.ndarray]:
        if not self.ids:
            return {}
        query = band_key_matrix(sig[None, :])[0]
        rows: set[int] = set()
        for band in range(BANDS):
            keys = self._sorted_keys[band]
            lo, hi = np.searchsorted(keys, query[band], "left"), np.searchsorted(keys, query[band], "right")
            if lo == hi:
                continue
            found = self._order[band, lo:hi]
            cols = slice(band * ROWS, (band + 1) * ROWS)
            same = np.all(self.signatures[found, cols] == sig[cols], axis=1)
            rows.update(int(r) for r in found[same])
        return {self.ids[r]: self.signatures[r] for r in rows}


def band_key_matrix(signatures: np.ndarray) -> np.ndarray:
    """uint64[n, BANDS]: each band's ROWS values mixed into one key (equal bands → equal keys)."""
    values = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    key = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(ROWS):
            key = (key * np.uint64(0x9E3779B97F4A7C15)) ^ values[:, :, row]
    return key


def _empty_signatures() -> np.ndarray:
    return np.zeros((0, NUM_PERM), dtype=np.uint32)


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
    """What ingest uses: `link(id, text)` per admitted article, `save(day)` (the links) before the run's articles
    are written, `save_index(articles_file)` after.

    The index is opened on first use from its file beside the raw zone (sitrep.near_duplicate_store: extended
    with the raw zone's parts it has not seen, rebuilt from the zone when missing, unreadable or of another
    format); articles already linked as copies are left out, so a new copy links to the first one."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.links: list[dict] = []
        self._index: NearDuplicateIndex | None = None
        self._covered: list[str] = []        # the raw zone's article parts the index holds
        self._changed = False                # the index holds more than its file

    @property
    def index(self) -> NearDuplicateIndex:
        if self._index is None:
            from sitrep.near_duplicate_store import open_index

            self._index, self._covered, self._changed = open_index(self.settings)
        return self._index

    def link(self, article_id: str, text: str) -> str | None:
        """The id of the earlier article this one copies (recorded as a link), or None (then it is indexed)."""
        sig = signature(text)
        found = None if sig is None else self.index.match_signature(sig)
        if found is None:
            if sig is not None:
                self.index.add_signature(article_id, sig)
                self._changed = True
            return None
        self.links.append({"article_id": article_id, "duplicate_of": found[0], "similarity": round(found[1], 4)})
        return found[0]

    def save(self, day: date) -> Path | str | None:
        return write_links(self.settings, self.links, day)

    def save_index(self, articles_file: Path | str | None) -> None:
        """Keep the index on disk once the run's articles part (if any) is written: it then covers that part."""
        if self._index is None:
            return
        from sitrep.near_duplicate_store import part_name, save_index

        covered = list(self._covered)
        if articles_file is not None and part_name(articles_file) not in covered:
            covered.append(part_name(articles_file))
            self._changed = True
        if self._changed:
            save_index(self.settings, self._index, covered)
            self._covered, self._changed = covered, False
