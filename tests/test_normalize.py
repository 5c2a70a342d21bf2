from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import clean_name, match_key, trim, trim_bounds

# Raw spans as NER models return them, with the name inside, in both languages.
TRIM_CASES = [
    ("the United Nations", "United Nations"),
    ("The White House", "White House"),
    ("la alcaldesa Norma Bustamante", "Norma Bustamante"),
    ("de Mexicali", "Mexicali"),
    ("Los Rusos", "Los Rusos"),
    ("El Paso", "El Paso"),
    ("La Paz", "La Paz"),
    ("Governor Marina del Pilar Ávila Olmeda", "Marina del Pilar Ávila Olmeda"),
    ("Mayor Norma Alicia", "Norma Alicia"),
    ("Teniente Coronel, Julián Leyzaola Pérez", "Julián Leyzaola Pérez"),
    ("Teniente  Coronel Julián", "Julián"),
    ("Sr. don Juan", "Juan"),
    ("Lic. Pedro", "Pedro"),
    ("Dr. Smith", "Smith"),
    ("Lt. Col. Smith", "Smith"),
    ("presidenta municipal Norma", "Norma"),
    ("Don Johnson", "Don Johnson"),
    ("General Motors", "General Motors"),
    ("Mexico's", "Mexico"),
    ("Mexico’s", "Mexico"),
    ("Jones'", "Jones"),
    ('"Acme"', "Acme"),
    ("«Norma»", "Norma"),
    ("“Norma”", "Norma"),
    ("Norma Bustamante,", "Norma Bustamante"),
    ("Paris.", "Paris"),
    ("Acme Inc.", "Acme Inc."),
    ("Grupo Bimbo S.A.", "Grupo Bimbo S.A."),
    ("U.S.", "U.S."),
    ("(PAN)", "PAN"),
    ("[AP]", "AP"),
    ("Partido (PAN)", "Partido (PAN)"),
    ("Norma\nBustamante", "Norma"),
    ("\nNorma", "Norma"),
]


@pytest.mark.parametrize(("raw", "name"), TRIM_CASES)
def test_trim_finds_the_name_inside_the_span(raw: str, name: str) -> None:
    assert trim(raw) == name


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "###", "...", "1234", "Governor", "teniente coronel", "al Teniente Coronel", "Sr. don"],
)
def test_trim_returns_none_when_no_name_is_left(raw: str) -> None:
    assert trim_bounds(raw) is None
    assert trim(raw) is None


def test_trim_bounds_index_the_original_text() -> None:
    raw = "la alcaldesa Norma Bustamante"
    assert trim_bounds(raw) == (13, 29)
    assert trim_bounds("  «Mexicali’s»\n") == (3, 11)


def test_title_needs_a_capitalized_name_after_it() -> None:
    assert trim("Mayor of Mexicali") == "Mayor of Mexicali"
    assert trim("Mayor bob") is None  # "bob" goes as a trailing lower-case word, then the bare title


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Según Dáger", "Dáger"),
        ("After Clinton", "Clinton"),
        ("Cortesía Club Tijuana", "Club Tijuana"),  # a photo credit's source
        ("Real Madrid 83", "Real Madrid"),
        ("Irrigation District No. 2", "Irrigation District No. 2"),  # a number sign keeps its number
        ("Kent 108-3", "Kent"),
        ("Roberto Carlos 79th", "Roberto Carlos"),
        ("Gobierno español", "Gobierno"),
        ("Jurado Nacional de Elecciones vigente", "Jurado Nacional de Elecciones"),
        ("Coahuila de Zaragoza", "Coahuila de Zaragoza"),
        ("MOLUSCO Sevilla", "Sevilla"),
        ("FC Barcelona", "FC Barcelona"),
        ("MATILDE FERNANDEZ", "MATILDE FERNANDEZ"),
        ("Los Angeles", "Los Angeles"),
    ],
)
def test_sentence_words_trailing_words_numbers_and_headline_words(text: str, name: str) -> None:
    assert trim(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Norma  Bustamante", "Norma Bustamante"),
        (" Ciudad\tde\nMéxico ", "Ciudad de México"),
        ("Marti\u0301nez", "Martínez"),  # decomposed accent -> NFC
        ("iPhone", "iPhone"),
    ],
)
def test_clean_name_normalizes_unicode_and_spaces(text: str, name: str) -> None:
    cleaned = clean_name(text)
    assert cleaned == name
    assert cleaned is not None
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("text", ["", "   ", "###", "the", "la alcaldesa", "niñas"])
def test_clean_name_rejects_spans_without_a_capital(text: str) -> None:
    assert clean_name(text) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Martínez", "MARTINEZ"),
        ("Martínez", "Martinez"),
        ("Ávila Olmeda", "avila  olmeda"),
        ("Marti\u0301nez", "Martínez"),
        ("Jean-Luc", "Jean Luc"),
        ("Baja California/Sonora", "Baja California Sonora"),
        ("S.A.", "SA"),
        ("O'Neil", "ONeil"),
        ("“Acme”, Inc.", "Acme Inc"),
    ],
)
def test_match_key_groups_spelling_variants(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Martínez", "martinez"),
        ("Jean-Luc Pérez", "jean luc perez"),
        ("S.A. de C.V.", "sa de cv"),
        ("Straße", "strasse"),
    ],
)
def test_match_key_values(name: str, key: str) -> None:
    assert match_key(name) == key


def test_match_key_keeps_different_names_apart() -> None:
    assert match_key("Norma Bustamante") != match_key("Norma Bustamonte")
    assert match_key("Jean-Luc") != match_key("Jeanluc")


@pytest.mark.parametrize("name", ["", "   ", "###", "—", "\u0301"])
def test_match_key_is_none_without_letters_or_digits(name: str) -> None:
    assert match_key(name) is None


# Properties. A text mixing the characters that trigger each rule finds more cases than st.text() alone.
pieces = st.sampled_from(
    [*"aAsSñÉ ’'.,()[]#\n\t-\"«»¿", "the ", "The ", "la ", "de ", "Dr. ", "Mayor ", "don ", "Inc.", ", "]
)
spans = st.one_of(st.text(), st.lists(pieces, max_size=12).map("".join))


@given(spans)
def test_trim_is_the_slice_given_by_trim_bounds(text: str) -> None:
    bounds = trim_bounds(text)
    name = trim(text)
    if bounds is None:
        assert name is None
    else:
        start, end = bounds
        assert 0 <= start < end <= len(text)
        assert name == text[start:end]
        assert name in text
        assert len(name) <= len(text)
        assert name == name.strip()
        assert "\n" not in name


@given(spans)
def test_trim_is_idempotent(text: str) -> None:
    name = trim(text)
    if name is not None:
        assert trim(name) == name


@given(spans)
def test_clean_name_of_nfc_text_never_grows_and_is_idempotent(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    cleaned = clean_name(nfc)
    if cleaned is not None:
        assert len(cleaned) <= len(nfc)
        assert clean_name(cleaned) == cleaned


@given(st.text())
def test_match_key_is_idempotent_and_tidy(text: str) -> None:
    key = match_key(text)
    if key is not None:
        assert match_key(key) == key
        assert key == key.casefold() == key.strip()
        assert "  " not in key


def test_titles_are_trimmed_from_peoples_names_only_and_a_bare_title_is_junk_either_way() -> None:
    assert trim_bounds("Governor Katie Hobbs") == (9, 20)
    assert trim_bounds("Attorney General Office", titles=False) == (0, 23)  # inside an organization's name
    assert trim_bounds("Teniente Coronel", titles=False) is None
