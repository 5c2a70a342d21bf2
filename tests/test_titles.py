from __future__ import annotations

import pytest

from pipeline.titles import LEADING_TITLES, TITLES, is_title


@pytest.mark.parametrize(
    "text",
    [
        "Governor",
        "governor",
        "GOVERNOR",
        "Gov.",
        "Mr.",
        "Dr.",
        "Sr.",
        "lic.",
        "alcaldesa",
        "Señor",
        "capitán",
        "Prime Minister",
        "Vice  President",
        "Lt. Col.",
        "teniente coronel",
        "Teniente  Coronel",
        "presidenta municipal",
        "General de División",
        " Mayor ",
        "don",
        "doña",
    ],
)
def test_known_titles(text: str) -> None:
    assert is_title(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Don",  # an English given name
        "Doña",
        "General",  # "General Motors"
        "Major",  # "Major League"
        "Prince",  # "Prince Edward Island"
        "Mayor Norma",
        "Governorship",
        "Gov",  # the abbreviation needs its dot
        "Mr",
        "Norma",
    ],
)
def test_not_titles(text: str) -> None:
    assert not is_title(text)


def test_titles_are_casefolded_and_longest_first() -> None:
    assert all(t == t.casefold() for t in TITLES)
    assert TITLES.index("teniente coronel") < TITLES.index("teniente")
    assert TITLES.index("lieutenant governor") < TITLES.index("governor")


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Mayor Norma", "Mayor "),
        ("Mayor  Norma", "Mayor  "),
        ("Teniente Coronel, Julián", "Teniente Coronel, "),  # the multiword title, not just "Teniente"
        ("Sr. don Juan", "Sr. don "),  # several titles in a row
        ("Sr. Don Juan", "Sr. "),  # capitalized "Don" is a name
        ("Lt. Col. Smith", "Lt. Col. "),
        ("Directora Ana", "Directora "),
        ("Governor", "Governor"),  # a bare title up to the end
        ("Mayor, ", "Mayor, "),
    ],
)
def test_leading_titles_match(text: str, prefix: str) -> None:
    match = LEADING_TITLES.match(text)
    assert match is not None
    assert match.group() == prefix


@pytest.mark.parametrize(
    "text",
    [
        "Don Juan",
        "General Motors",
        "Governorship",
        "Mayoral race",
        "Dr.Smith",  # no space after the title
        "Mayor\nNorma",  # a title does not continue on the next line
        "the Mayor",  # only at the start
    ],
)
def test_leading_titles_do_not_match(text: str) -> None:
    assert LEADING_TITLES.match(text) is None
