"""The model's entities as typed candidates (pipeline/labels.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.extract import Candidate
from pipeline.labels import candidates, join_split_places
from pipeline.models import entity_spans
from tests.test_extract import spans


def test_model_labels_map_to_three_types_and_others_are_dropped(ruler_nlp: Language) -> None:
    text = "On September 20 the Municipal Police of Mexicali met."
    assert spans(text, candidates(text, entity_spans(ruler_nlp(text)))) == [
        ("the Municipal Police", "organization"),
        ("Mexicali", "location"),
    ]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("stash houses in Baja California.", ["Baja", "California"], ["Baja California"]),  # two spans
        ("who grew up in Chula Vista and", ["Chula"], ["Chula Vista"]),  # cut short of a known place
        ("flights to Mexico City today", ["Mexico"], ["Mexico City"]),
        ("in Sonora Grill, a restaurant", ["Sonora"], ["Sonora"]),  # not a known place
        ("in Chula\nVista", ["Chula"], ["Chula"]),  # only over one space
        ("in Chula  Vista", ["Chula"], ["Chula"]),
        ("in Chula Vista", ["Chula", "Vista"], ["Chula Vista"]),
        ("trucks at the Port of Laredo wait", ["Laredo"], ["Port of Laredo"]),  # a place's head word and "of"
        ("the mayor of Laredo said", ["Laredo"], ["Laredo"]),
    ],
)
def test_join_split_places(text: str, model: list[str], expected: list[str]) -> None:
    found = [Candidate(text.index(n), text.index(n) + len(n), "location") for n in model]
    joined = join_split_places(text, found, {"baja california", "chula vista", "mexico city"})
    assert [text[c.start : c.end] for c in joined] == expected


def test_a_person_is_not_completed_into_a_place() -> None:
    text = "Juan Aldama dijo"
    found = [Candidate(0, 4, "person")]
    assert join_split_places(text, found, {"juan aldama"}) == found


def at(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return (start, start + len(name), label)


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        (  # a known place the model labelled NORP, listed with one of its places
            "police departments in Tucson and Nogales will",
            [("Tucson", "GPE"), ("Nogales", "NORP")],
            [("Tucson", "location"), ("Nogales", "location")],
        ),
        (  # along a list, from a place after it
            "en Hermosillo, Nogales y Sonoyta",
            [("Hermosillo", "MISC"), ("Nogales", "MISC"), ("Sonoyta", "LOC")],
            [("Hermosillo", "location"), ("Nogales", "location"), ("Sonoyta", "location")],
        ),
        ("Mexicans and Americans in Tucson", [("Mexicans", "NORP"), ("Americans", "NORP")], []),  # no place
        ("BNP y Paribas", [("BNP", "MISC"), ("Paribas", "LOC")], [("Paribas", "location")]),  # capitals
        ("Tucson, where Nogales", [("Tucson", "GPE"), ("Nogales", "NORP")], [("Tucson", "location")]),
    ],
)
def test_a_known_place_listed_with_the_models_places_is_a_place(
    text: str, entities: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    assert spans(text, candidates(text, [at(text, name, label) for name, label in entities])) == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        (
            "El economista Iván Corona Sauceda, de la",
            "El economista Iván Corona Sauceda",
            "Iván Corona Sauceda",
        ),
        (
            "El cerrador Mauricio Dávila Cepeda retiró",
            "El cerrador Mauricio Dávila Cepeda",
            "Mauricio Dávila Cepeda",
        ),
        ("el diputado Julio Rivera dijo", "el diputado Julio Rivera", "Julio Rivera"),  # a known surname
        ("ayuda de la Cruz Roja en", "la Cruz Roja", None),  # an article only
        ("el torneo Roland Garros", "el torneo Roland Garros", None),  # two words, no known surname
        ("Sao Paulo Franca", "Sao Paulo Franca", None),  # "ao" is no word
    ],
)
def test_a_person_after_lower_case_words_in_a_misc_span_is_a_person(
    text: str, span: str, expected: str | None
) -> None:
    found = spans(text, candidates(text, [at(text, span, "MISC")]))
    assert (expected, "person") in found if expected else all(t != "person" for _, t in found)


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("sobre el Bulevar Lázaro Cárdenas, al", "Bulevar Lázaro Cárdenas", "MISC"),  # a place head first
        ("cruzan por la Garita Mexicali II cada", "Garita Mexicali II", "MISC"),
        (
            "across the Bridge of the Americas a",
            "the Bridge of the Americas",
            "WORK_OF_ART",
        ),  # a tail, then "of"
    ],
)
def test_a_span_of_another_label_that_a_place_word_heads_is_a_place(text: str, span: str, label: str) -> None:
    assert spans(text, candidates(text, [at(text, span, label)])) == [(span, "location")]


def test_a_known_country_inside_such_a_span_is_found_first() -> None:
    text = "SIERRA LEONA GOLPE MILITAR"
    assert spans(text, candidates(text, [at(text, text, "MISC")], {"sierra leona"})) == [
        ("SIERRA LEONA", "location")
    ]
