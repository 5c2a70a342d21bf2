from __future__ import annotations

import pytest

from pipeline import lexicons
from pipeline.extract import Candidate
from pipeline.people import extend_people, person_and_organization
from pipeline.records import EntityType


def at(text: str, span: str, entity_type: EntityType, label: str = "X") -> Candidate:
    start = text.index(span)
    return Candidate(start, start + len(span), entity_type, label)


def extended(text: str, span: str, entity_type: EntityType) -> list[tuple[str, str]]:
    found = extend_people(
        text, [at(text, span, entity_type)], lambda word: lexicons.is_common_word(word, "en")
    )
    return [(text[c.start : c.end], c.type) for c in found]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("led by Jesús Alexander Sánchez Félix. Despite", "Jesús Alexander", "Jesús Alexander Sánchez Félix"),
        ('el capo Joaquín "El Chapo" Guzmán fue', "Joaquín", 'Joaquín "El Chapo" Guzmán'),
        ("said Jesús Alexander Yesterday", "Jesús Alexander", "Jesús Alexander"),  # an everyday word
    ],
)
def test_a_person_extends_over_surnames_and_a_quoted_nickname(text: str, span: str, expected: str) -> None:
    assert extended(text, span, "person") == [(expected, "person")]


def test_a_given_name_typed_otherwise_before_a_nickname_is_a_person() -> None:
    text = 'el capo Joaquín "El Chapo" Guzmán fue'
    assert extended(text, "Joaquín", "location") == [('Joaquín "El Chapo" Guzmán', "person")]


def test_a_person_running_on_into_an_organization_is_cut_in_two() -> None:
    text = "dijo Juan Pérez de la Dirección de Seguridad Pública ayer"
    pieces = person_and_organization(
        text, at(text, "Juan Pérez de la Dirección de Seguridad Pública", "person")
    )
    assert [(text[c.start : c.end], c.type) for c in pieces] == [
        ("Juan Pérez", "person"),
        ("Dirección de Seguridad Pública", "organization"),
    ]
    text = "Marina del Pilar Ávila habló"  # "del" + a name, not an organization
    [whole] = person_and_organization(text, at(text, "Marina del Pilar Ávila", "person"))
    assert (text[whole.start : whole.end], whole.type) == ("Marina del Pilar Ávila", "person")
