from __future__ import annotations

import pytest

from pipeline.extract import context
from pipeline.sentences import breaks, starts_clause


def sentences(text: str) -> list[str]:
    """``text`` cut at its breaks, each sentence without what separates it from the next."""
    found, start = [], 0
    for end, next_start in breaks(text, 0, len(text)):
        found.append(text[start:end])
        start = next_start
    return [*found, text[start:]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uno. Dos! ¿Tres? Cuatro… 5 más.", ["Uno.", "Dos!", "¿Tres?", "Cuatro…", "5 más."]),
        ('Dijo "basta." Luego salió.', ['Dijo "basta."', "Luego salió."]),
        ("Título\nPrimera frase.\n\nSegunda", ["Título", "Primera frase.", "Segunda"]),
        ("Met Lyndon B. Johnson. Then left.", ["Met Lyndon B. Johnson.", "Then left."]),
        ("Vimos al Sr. Pérez y a la Sra. Gómez. Fin.", ["Vimos al Sr. Pérez y a la Sra. Gómez.", "Fin."]),
        ("Gov. Katie Hobbs spoke. later on. Done", ["Gov. Katie Hobbs spoke. later on.", "Done"]),
    ],
)
def test_breaks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Apoyo llegó.", "Apoyo", True),
        ("Llegó. Apoyo vino.", "Apoyo", True),
        ("Nota: Apoyo vino.", "Apoyo", True),
        ("Lista\n- «Apoyo» vino.", "Apoyo", True),
        ("Llegó el Apoyo.", "Apoyo", False),
    ],
)
def test_starts_clause(text: str, word: str, expected: bool) -> None:
    assert starts_clause(text, text.index(word)) is expected


def test_context_keeps_an_initial_and_a_closing_quote_in_the_sentence() -> None:
    text = 'Antes. Dijo "lo vio Lyndon B. Johnson." Después.'
    start = text.index("Johnson")
    assert context(text, start, start + 7, max_chars=100) == 'Dijo "lo vio Lyndon B. Johnson."'
