from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import models
from pipeline.analysis import analyse, analyse_batch, route, spool_for
from pipeline.analysis import model_spans as analysis_spans
from pipeline.config import DEFAULT_MODELS, Settings
from pipeline.models import Models
from pipeline.normalize import match_key
from pipeline.records import Detection, Metadata, Segment, Source, Status
from pipeline.text import clean
from tests.conftest import ANY_CHARACTER


class FailsOnBoom:
    """A stand-in for an NER pipeline whose ``pipe`` raises when any text of the batch contains BOOM."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def pipe(self, pieces: Iterable[tuple[str, Any]], **kwargs: Any) -> Iterator[tuple[Doc, Any]]:
        batch = list(pieces)
        if any("BOOM" in text for text, _ in batch):
            raise RuntimeError("spaCy failed")
        return self.nlp.pipe(batch, **kwargs)


def item(doc_id: str, text: str) -> tuple[Source, Detection]:
    return Source(Metadata(doc_id, doc_id), Path(doc_id), text), Detection("en", 1.0)


@pytest.fixture
def with_model(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Make ``nlp`` this process's model for every language, as :func:`pipeline.models.cached` gives it."""

    def use(nlp: Any) -> None:
        monkeypatch.setattr(models, "cached", lambda language, packages: (nlp, None))

    return use


def test_a_document_that_makes_spacy_fail_fails_alone(
    ruler_nlp: Language, with_model: Callable[[Any], None]
) -> None:
    with_model(FailsOnBoom(ruler_nlp))
    batch = [item("a", "Norma Alicia visited Mexicali."), item("b", "BOOM"), item("c", "Mexicali.")]
    results = analyse_batch(Settings(), batch)
    assert [(r.doc_id, r.status) for r in results] == [("a", "ok"), ("b", "failed"), ("c", "ok")]
    assert results[1].message == "RuntimeError: spaCy failed"
    assert [m.name for m in results[0].mentions] == ["Norma Alicia", "Mexicali"]


def test_a_batch_gives_what_each_document_gives_alone(
    ruler_nlp: Language, with_model: Callable[[Any], None]
) -> None:
    with_model(ruler_nlp)
    texts = ["Norma Alicia visited Mexicali.", "Nothing here.", "In Mexicali, Norma Alicia spoke."]
    batch = [item(str(n), text) for n, text in enumerate(texts)]
    together = analyse_batch(Settings(), batch)
    alone = [analyse_batch(Settings(), [one])[0] for one in batch]
    assert together == alone


def test_tasks_and_the_work_function_pickle(ruler_nlp: Language) -> None:
    work = functools.partial(analyse_batch, Settings())
    batch = [item("a", "Norma Alicia visited Mexicali.")]
    assert pickle.loads(pickle.dumps((work, batch)))[1] == batch


def test_the_language_of_its_segment_decides_what_is_an_everyday_word() -> None:
    text = "Apoyo llegó tarde.\nApoyo arrived late."
    spans = [(0, 5, "ORG"), (19, 24, "ORG")]
    spanish_first = [Segment(0, 19, "es"), Segment(19, len(text), "en")]
    assert [m.start for m in analyse(text, spanish_first, spans, Settings())] == [19]  # "Apoyo": es junk
    assert [m.start for m in analyse(text, [Segment(0, len(text), "en")], spans, Settings())] == [0, 19]


def test_a_credit_s_newspaper_keeps_its_article_where_other_names_lose_it() -> None:
    text = "Photo: Joel Garrido / The Monitor\n\nThe Monitor reported that The Arizona Bank closed."
    bank = text.index("The Arizona")
    mentions = analyse(text, [Segment(0, len(text), "en")], [(bank, bank + 16, "ORG")], Settings())
    assert [(m.name, m.model_label) for m in mentions] == [
        ("Joel Garrido", "CREDIT"),
        ("The Monitor", "CREDIT"),
        ("Arizona Bank", "ORG"),
    ]


def test_a_defined_acronym_is_its_long_form_and_never_junk() -> None:
    text = (
        "La Comisión Mexicana de Ayuda a Refugiados (COMAR) abrió una oficina.\nCOMAR atendió a 90 personas."
    )
    long = text.index("Comisión")
    spans = [(long, long + 29, "ORG"), (text.index("Refugiados"), text.index(" (COMAR"), "PER")]
    mentions = analyse(text, [Segment(0, len(text), "es")], spans, Settings())
    assert [(m.text, m.key, m.alias_key, m.type) for m in mentions] == [
        (
            "Comisión Mexicana de Ayuda a Refugiados",
            "comision mexicana de ayuda a refugiados",
            "",
            "organization",
        ),
        ("COMAR", "comision mexicana de ayuda a refugiados", "comar", "organization"),
        ("COMAR", "comision mexicana de ayuda a refugiados", "comar", "organization"),  # at a line start
    ]


@pytest.mark.parametrize(
    ("text", "model", "name"),
    [
        (
            "Agents of U.S. Customs and Border Protection (CBP) met.\nCBP said no.",
            "U.S. Customs and Border Protection",
            "U.S. Customs and Border Protection",
        ),
        (
            "A fund run by the Arizona Department of Public Safety (DPS) grew.\nDPS said no.",
            "the Arizona Department of Public Safety",
            "Arizona Department of Public Safety",
        ),
        (  # what stands before the letters is not a place: the name is what they cover
            "Agentes de la Fiscalía General del Estado (FGE) llegaron.\nLa FGE no dijo nada.",
            "Agentes de la Fiscalía General del Estado",
            "Fiscalía General del Estado",
        ),
    ],
)
def test_a_defined_acronym_s_long_form_keeps_the_place_the_model_puts_before_its_letters(
    text: str, model: str, name: str
) -> None:
    start = text.index(model)
    spans = [(start, start + len(model), "ORG")]
    found = analyse(text, [Segment(0, len(text), "en")], spans, Settings())
    acronym = text[text.index("(") + 1 : text.index(")")]
    key = match_key(name)
    assert [(m.text, m.key) for m in found] == [(name, key), (acronym, key), (acronym, key)]


def test_a_defined_long_form_the_model_missed_is_an_organization_when_an_organization_word_heads_it() -> None:
    text = (
        "Mexico's Secretariat of Security and Citizen Protection (SSPC) sent troops, and the SSPC said so.\n"
        "The National Survey of Occupation and Employment (ENOE) grew."
    )
    found = analyse(text, [Segment(0, len(text), "en")], [], Settings())
    key = match_key("Secretariat of Security and Citizen Protection")
    assert [(m.text, m.key, m.type) for m in found] == [
        ("Secretariat of Security and Citizen Protection", key, "organization"),
        ("SSPC", key, "organization"),
        ("SSPC", key, "organization"),
    ]


@pytest.fixture(scope="module")
def real_models() -> dict[str, Language]:
    models = Models(DEFAULT_MODELS)
    return {language: models.get(language) for language in ("en", "es")}


NAMEISH = st.sampled_from(
    ["Norma", "Bustamante", "Durán", "la", "alcaldesa", "Governor", "Mexicali", "B.", ".", ", ", "\n", " "]
)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.one_of(NAMEISH, st.text(alphabet=ANY_CHARACTER, max_size=4)), max_size=40).map(" ".join),
    st.sampled_from(["en", "es"]),
)
def test_any_text_is_analysed_and_offsets_index_it(
    real_models: dict[str, Language], raw: str, language: str
) -> None:
    text, _ = clean(raw)  # what a reader gives
    source, _ = item("doc", text)
    [result] = analyse_batch(Settings(), [(source, Detection(language, 1.0))])
    assert result.status == "ok", result.message
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.name == " ".join(mention.name.split())
        assert mention.key


def test_each_part_of_a_mixed_document_goes_to_its_language_s_model() -> None:
    raw = Path(__file__).parents[1] / "data" / "raw"
    english = clean((raw / "000_3865931dd156fbf6.txt").read_text(encoding="utf-8"))[0].split("\n\n")
    spanish = clean((raw / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8"))[0].split("\n")[0]
    before, after = "\n\n".join(english[:4]) + "\n\n", "\n\n" + "\n\n".join(english[4:])
    text = before + spanish + after
    parts = (
        Segment(0, len(before), "en"),
        Segment(len(before), len(before) + len(spanish), "es"),
        Segment(len(before) + len(spanish), len(text), "en"),
    )
    task = (Source(Metadata("m", "m"), Path("m"), text), Detection("en", 1.0, segments=parts))
    settings = Settings()
    (spans,) = analysis_spans(settings, [task])
    alone = {lang: models.cached(lang, DEFAULT_MODELS[lang])[0] for lang in ("en", "es")}
    expected = []
    for part in parts:
        doc = alone[part.language](text[part.start : part.end])
        expected += [(e.start_char + part.start, e.end_char + part.start, e.label_) for e in doc.ents]
    assert spans == expected
    assert any(label == "PER" for start, _, label in spans if parts[1].start <= start < parts[1].end)
    (result,) = analyse_batch(settings, [task])
    assert result.segments == parts
    assert {result.language_at(m.start) for m in result.mentions} == {"en", "es"}


def test_a_part_in_a_third_language_goes_to_no_model() -> None:
    text = "Norma Bustamante visitó Mexicali.\n\nA presidente Dilma Rousseff visitou Brasília ontem."
    split = text.index("A presidente")
    parts = (Segment(0, split, "es"), Segment(split, len(text), "other"))
    task = (Source(Metadata("p", "p"), Path("p"), text), Detection("es", 1.0, segments=parts))
    (spans,) = analysis_spans(Settings(), [task])
    assert spans
    assert all(end <= split for _, end, _ in spans)


@pytest.mark.parametrize(
    ("text", "status"),
    [("", "ok"), (" \n\t ", "ok"), ("", "unreadable"), ("Texto que no se leyó.", "binary")],
)
@pytest.mark.parametrize("forced", ["auto", "es"])
def test_a_document_not_read_or_empty_goes_to_no_model(
    text: str, status: Status, forced: Literal["auto", "es"]
) -> None:
    source = Source(Metadata("a.txt", "a.txt"), Path("a.txt"), text, status)
    assert spool_for(route(source, Settings(language=forced))) is None
