from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.sentences import starts_clause
from pipeline.textwords import _WORD, _WORD_INSIDE, TextWords, _distinct


def found(text: str, word: str) -> list[int]:
    """Where the junk filter's definition finds ``word`` in ``text``: as a whole word."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


TEXT_PIECES = st.sampled_from(
    ["Según", "según", "Para", "para", "U.S.", "u.s.", "U", "S", "Jean-Pierre", "jean", "Pierre", "O'Neil",
     "İstanbul", "Me\u0301xico", "x_y", "A1", "Ⓐ", ".", "!", "?", ":", ";", ",", "«", "»", "(", ")", "-", "—",
     "¿", '"', "'", "•", "*", " ", " ", "  ", "\t", "\n", "\u00a0", "\r"]
)  # fmt: skip


@given(st.lists(TEXT_PIECES, max_size=30).map("".join), st.lists(TEXT_PIECES, min_size=1, max_size=4))
def test_text_words_answer_as_searching_the_whole_text_does(text: str, pieces: list[str]) -> None:
    words = TextWords(text)
    candidates = ["".join(pieces), pieces[0], *text.split(), *(w.lower() for w in text.split())]
    for word in filter(None, candidates):
        starts = found(text, word)
        assert words.occurs(word) is bool(starts), word
        assert words.occurs_mid_sentence(word) is any(not starts_clause(text, s) for s in starts), word


@given(st.lists(TEXT_PIECES, max_size=40).map("".join), st.integers(1, 8))
def test_words_are_read_a_window_at_a_time_as_from_the_whole_text(text: str, window: int) -> None:
    for pattern in (_WORD, _WORD_INSIDE):
        assert _distinct(pattern, text, window) == set(pattern.findall(text))


def test_a_word_is_inside_a_sentence_unless_only_openers_stand_after_a_sentence_end() -> None:
    text = "Según «Pedro» dijo. «Según» (U.S.) — Para\nEEUU y U.S. e: Para"
    words = TextWords(text)
    assert words.occurs_mid_sentence("Pedro")
    assert not words.occurs_mid_sentence("Según")  # at the start of the text, and after ". «"
    assert words.occurs_mid_sentence("U.S.")  # after "y "
    assert not words.occurs_mid_sentence("EEUU")  # after a line break
    assert not words.occurs_mid_sentence("e")  # after "U.S. ": a full stop ends a sentence
    assert words.occurs_mid_sentence("Para")  # after ") — "; the other one is after ": "
    assert not words.occurs("para")
    assert words.occurs("S")  # a whole word of "U.S."
    assert not words.occurs("Ped")  # part of a word
