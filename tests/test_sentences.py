from __future__ import annotations

import pytest

from pipeline.sentences import breaks, context, starts_clause


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
        ("Por Ana Ruiz | Foto: Cortesía", "Foto", True),  # "|" separates a line's fields
        ("Llegó el Apoyo.", "Apoyo", False),
    ],
)
def test_starts_clause(text: str, word: str, expected: bool) -> None:
    assert starts_clause(text, text.index(word)) is expected


def test_context_keeps_an_initial_and_a_closing_quote_in_the_sentence() -> None:
    text = 'Antes. Dijo "lo vio Lyndon B. Johnson." Después.'
    start = text.index("Johnson")
    assert context(text, start, start + 7, max_chars=100) == 'Dijo "lo vio Lyndon B. Johnson."'


def test_context_is_the_sentence_and_stops_at_line_breaks() -> None:
    text = "Seguridad\nFirst one. The Mayor of  Mexicali spoke today. Last one."
    start = text.index("Mexicali")
    assert context(text, start, start + 8, max_chars=100) == "The Mayor of Mexicali spoke today."


@pytest.mark.parametrize("before", ["First one. ", "First one.\n", "¿Primera? ", "", "Uno. “"])
def test_context_of_a_mention_that_starts_a_sentence_is_its_own_sentence(before: str) -> None:
    text = f"{before}Norma Bustamante spoke today. Last one."
    start = text.index("Norma")
    assert context(text, start, start + 16, max_chars=100).endswith("Norma Bustamante spoke today.")
    assert "one" not in context(text, start, start + 16, max_chars=100).replace("Last one.", "")


def test_context_is_bounded_and_cut_at_words() -> None:
    text = "word " * 100 + "Mexicali" + " word" * 100
    start = text.index("Mexicali")
    snippet = context(text, start, start + 8, max_chars=30)
    assert snippet.startswith("…word")
    assert snippet.endswith("word…")
    assert "Mexicali" in snippet
    assert len(snippet) <= 8 + 2 * 30 + 2
