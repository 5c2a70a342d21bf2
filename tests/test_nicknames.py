from __future__ import annotations

import pytest

from pipeline import nicknames
from pipeline.extract import Candidate


def given(text: str, person: str) -> list[str]:
    start = text.index(person)
    found = [Candidate(start, start + len(person), "person", "PER")]
    return [text[c.start : c.end] for c in nicknames.spans(text, found)]


@pytest.mark.parametrize(
    ("text", "person", "nickname"),
    [
        (
            'Sergio Valenzuela Ríos, 31, also known as "El Tigre," admitted',
            "Sergio Valenzuela Ríos",
            "El Tigre",
        ),
        ('a Jesús Ruelas Meza, alias "el Güero", de 34 años', "Jesús Ruelas Meza", "el Güero"),
        ("Ismael Zambada, apodado El Mayo, fue detenido", "Ismael Zambada", "El Mayo"),
        (
            "Amado Carrillo, conocido como “El Señor de los Cielos”, murió",
            "Amado Carrillo",
            "El Señor de los Cielos",
        ),
        ("Juan Pérez, de 40 años, a quien apodan «El Flaco», huyó", "Juan Pérez", "El Flaco"),
    ],
)
def test_a_nickname_right_after_a_person_is_found(text: str, person: str, nickname: str) -> None:
    assert given(text, person) == [nickname]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Juan Pérez, known as a fixer, said so", "Juan Pérez"),  # not a name
        ('Juan Pérez said the alias "X" was false', "Juan Pérez"),  # not right after the person
        ("Juan Pérez, who lived in Tijuana for many years, known as El Flaco", "Juan Pérez"),  # too far
    ],
)
def test_no_nickname(text: str, person: str) -> None:
    assert given(text, person) == []


def test_only_a_person_is_given_a_nickname() -> None:
    text = 'Tijuana, known as "La Frontera", grew.'
    assert nicknames.spans(text, [Candidate(0, 7, "location", "GPE")]) == []


def test_aliases_map_the_nickname_to_its_person() -> None:
    text = 'Sergio Valenzuela Ríos, also known as "El Tigre," admitted. El Tigre paid drivers.'
    found = [Candidate(0, 22, "person", "PER"), Candidate(39, 47, "person", "NICKNAME")]
    names = {(0, 22): "sergio valenzuela rios", (39, 47): "el tigre"}
    assert nicknames.aliases(text, found, names) == {"el tigre": "sergio valenzuela rios"}
