from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import cues

# Words of the nouns' patterns and what stands around them (glued ones too: "subgrupo"), and separators.
WORDS = (
    "organización organizaciones grupo grupos subgrupo célula cártel empresa compañías multinacional "
    "organization group gang cartel companies colonia colonias fraccionamiento barrio municipio municipios "
    "ciudad estado puerto puertos entrada neighborhood town city state de del en y of the la criminal "
    "armado española Los Zetas Sinaloa X 2-2 10-1 empate victoria win ante frente a sobre over the el los"
).split()
#: The longest matches (a bound in cues too low fails on these).
PHRASES = [
    "puerto de entrada de",
    "puertos  de\tentrada de",
    "organización criminal de",
    "células armadas de",
    "2-2 frente a los",
    "3–1\tfrente  a el",
]
SEPARATORS = [" ", "  ", "\t", "\n", " \n", ", ", ". ", " (", ""]


@given(
    st.lists(st.tuples(st.sampled_from(WORDS + PHRASES), st.sampled_from(SEPARATORS)), max_size=12),
    st.integers(0, 60),
)
def test_a_noun_before_a_name_is_found_in_the_last_words_as_in_the_whole_window(
    parts: list[tuple[str, str]], cut: int
) -> None:
    _check("".join(word + separator for word, separator in parts)[cut:])


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_longest_match_is_found_in_the_last_words(phrase: str) -> None:
    _check(f"Sinaloa {phrase} ")


def _check(window: str) -> None:
    for pattern, words in (
        (cues._TYPE_NOUN, cues._TYPE_NOUN_WORDS),
        (cues._PLACE_NOUN, cues._PLACE_NOUN_WORDS),
        (cues._RESULT_BEFORE, cues._RESULT_WORDS),
    ):
        assert _found(cues.ends_with(pattern, window, words)) == _found(pattern.search(window))


def _found(match: re.Match[str] | None) -> tuple[int, int, dict[str, str | None]] | None:
    return None if match is None else (match.start(), match.end(), match.groupdict())
