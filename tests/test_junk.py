"""Spans that are not names (pipeline/junk.py)."""

from __future__ import annotations

import pytest

from pipeline.junk import is_junk, not_an_entity, sentence_article_end
from pipeline.normalize import match_key
from pipeline.textwords import TextWords


def junk(text: str, span: str, language: str = "es", occurrence: int = 0) -> bool:
    """``is_junk`` for the ``occurrence``-th (from 0) appearance of ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    key = match_key(span)
    assert key is not None
    return is_junk(text, start, start + len(span), key, language)


@pytest.mark.parametrize(
    ("text", "span", "language", "occurrence", "expected"),
    [
        # a sentence-initial everyday word, at the start of the text, of a line or after a full stop
        ("Según el informe, la obra termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue.\nSegún el informe, termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue. Según el informe, termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue. «Según el informe, termina en mayo.»", "Según", "es", 0, True),  # after an opener
        ("Apoyo total al plan de obras.", "Apoyo", "es", 0, True),
        ("Attendance was low at the meeting.", "Attendance", "en", 0, True),
        ("The vote is on Monday, and September will tell.", "September", "en", 0, True),  # a month
        ("Ocurrió el Lunes pasado.", "Lunes", "es", 0, True),  # a weekday, even mid-sentence
        # acronyms, mixed-case words and known surnames are never taken for everyday words
        ("ONCE informó ayer.", "ONCE", "es", 0, False),
        ("McAllen recibió a los migrantes.", "McAllen", "es", 0, False),
        ("Campos dijo que no.", "Campos", "es", 0, False),
        # ... but not when the same word is capitalized mid-sentence elsewhere (then it is a name)
        ("Según el informe, sí. El grupo Según toca hoy.", "Según", "es", 0, False),
        ("Según el informe, sí. El grupo Según toca hoy.", "Según", "es", 1, False),  # not initial at all
        # a word written in lower case elsewhere in the text, even a known place ("Pará" in Brazil)
        ("Para el alcalde, la obra es necesaria para todos.", "Para", "es", 0, True),
        ("Para el alcalde, la obra es necesaria.", "Para", "es", 0, False),  # no lower-case "para"
        ("Los vecinos dijeron que los precios suben.", "Los", "es", 0, True),
        # gerunds at the start of a sentence are verbs
        ("Determinando la importancia del caso, habló.", "Determinando", "es", 0, True),
        ("Following the meeting, he left.", "Following", "en", 0, True),
        # known places and given names are names even at the start of a sentence
        ("México anunció un plan de obras.", "México", "es", 0, False),
        ("Fernando anunció un plan de obras.", "Fernando", "es", 0, False),
        ("Mexicali amaneció con calor.", "Mexicali", "es", 0, False),
        # a rare word at the start of a sentence may be a name
        ("Leyzaola anunció un plan de obras.", "Leyzaola", "es", 0, False),
        # a word mixing letters and digits, anywhere
        ("El vuelo ME2056 llegó tarde.", "ME2056", "es", 0, True),
        ("El jugador Min.36 salió.", "Min.36", "es", 0, True),
        # all capitals and only everyday words (five letters or more): a headline
        ("PLAN ENERGÉTICO\nEl gobierno presentó su plan.", "PLAN ENERGÉTICO", "es", 0, True),
        ("PLAN ENERGETICO\nEl gobierno presentó su plan.", "PLAN ENERGETICO", "es", 0, True),
        ("La votación fue RECHAZADA por el pleno.", "RECHAZADA", "es", 0, True),
        ("El PSOE votó en contra.", "PSOE", "es", 0, False),  # an acronym
        ("La CANACAR publicó datos.", "CANACAR", "es", 0, False),  # not an everyday word
        ("El Instituto de Geografía (INEGI) informó.", "INEGI", "es", 0, False),  # an acronym in brackets
        ("Desde MÉXICO llegan noticias.", "MÉXICO", "es", 0, False),  # a known place
        # more lower-case words than capitalized ones
        ("Dijo que Casa de los tres cerró.", "Casa de los tres", "es", 0, True),
        ("Visitó la Plaza de la Constitución ayer.", "Plaza de la Constitución", "es", 0, False),
        # names of several words are not checked against sentence starts
        ("Según Dáger, la obra termina.", "Según Dáger", "es", 0, False),
    ],
)
def test_is_junk(text: str, span: str, language: str, occurrence: int, expected: bool) -> None:
    assert junk(text, span, language, occurrence) is expected


def test_the_junk_filter_gives_the_same_with_the_document_words_built_once() -> None:
    text = "Según el informe. Para todos, para ellos. Según Dáger, U.S. y U.S. Army. Apoyo total."
    words = TextWords(text)
    for span in ("Según", "Para", "U.S.", "Apoyo"):
        start = text.index(span)
        key = match_key(span)
        assert key is not None
        alone = is_junk(text, start, start + len(span), key, "es")
        assert is_junk(text, start, start + len(span), key, "es", words) is alone


@pytest.mark.parametrize(
    ("text", "span", "name", "language"),
    [
        ("El Gobierno anunció un plan.", "El Gobierno", "Gobierno", "es"),
        ("Hubo quejas. Los Vecinos Unidos protestaron.", "Los Vecinos Unidos", "Vecinos Unidos", "es"),
        ("Hubo quejas.\nLa Comisión respondió.", "La Comisión", "Comisión", "es"),
        ("¿La Comisión respondió?", "La Comisión", "Comisión", "es"),
        # mid-sentence
        ("Habló el alcalde y El Gobierno anunció un plan.", "El Gobierno", "El Gobierno", "es"),
        # a known place keeps its article, also as the start of a longer name
        ("La Paz amaneció nublada.", "La Paz", "La Paz", "es"),
        ("Los Angeles Times publicó.", "Los Angeles Times", "Los Angeles Times", "es"),
        ("El gobierno anunció un plan.", "El gobierno", "El gobierno", "es"),  # only before a capital
        ("Elena Gómez anunció un plan.", "Elena Gómez", "Elena Gómez", "es"),  # not an article
        # a group of people of a place or institution starting a sentence: the place or institution
        (
            "Vecinos de la Avenida Gabriel Leyva Solano protestaron.",
            "Vecinos de la Avenida Gabriel Leyva Solano",
            "Avenida Gabriel Leyva Solano",
            "es",
        ),
        (
            "Hubo quejas. Personal del Hospital Central habló.",
            "Personal del Hospital Central",
            "Hospital Central",
            "es",
        ),
        (
            "Dijo que Vecinos de la Colonia Centro",
            "Vecinos de la Colonia Centro",
            "Vecinos de la Colonia Centro",
            "es",
        ),  # mid-sentence: capitalized on purpose
        # in English text a Spanish article is part of the name
        ("Las Vegas Lights FC 0, Monterey Bay FC 3", "Las Vegas Lights FC", "Las Vegas Lights FC", "en"),
        ("El Universal reported it.", "El Universal", "El Universal", "en"),
    ],
)
def test_sentence_article_end(text: str, span: str, name: str, language: str) -> None:
    start = text.index(span)
    end = start + len(span)
    key = match_key(span)
    assert key is not None
    assert text[sentence_article_end(text, start, end, key, language) : end] == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Plan Sonora", True),
        ("Encuesta Nacional de Ocupación y Empleo", True),
        ("Local Border Support Program", True),
        ("Operation Lone Star", True),
        ("United States-Mexico-Canada Agreement", True),
        ("Kino Border Initiative", False),  # an organization
        ("Plan", False),  # one word: the filter's other rules decide
        ("Secretaría de Planeación", False),
    ],
)
def test_programmes_plans_surveys_treaties_and_events_are_not_entities(name: str, expected: bool) -> None:
    key = match_key(name)
    assert key is not None
    assert not_an_entity(key) is expected
