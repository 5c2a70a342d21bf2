"""Headline-style lines and list items: which capitalized words on them are names.

The texts are written for these tests in the style of border news; the word lists are the real ones.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.headlines import Layout, name_part

ARTICLE = """\
Tijuana Man Pleads Guilty in Fentanyl Case Prosecutors Tie to Sinaloa Cartel

SAN DIEGO — A Tijuana man pleaded guilty Tuesday to importing fentanyl pills hidden in cars, prosecutors \
said. Agents of the U.S. Border Patrol found the pills at the San Ysidro crossing, and the Sinaloa Cartel \
paid the drivers, according to court papers.

In the USL Championship, Phoenix Rising FC and El Paso Locomotive FC played to a draw. Governor Katie Hobbs \
watched.

By Megan Lindqvist / Reuters
"""


def narrowed(text: str, phrase: str, language: str = "en") -> str | None:
    """What :func:`name_part` leaves of the first ``phrase`` in ``text``, as text."""
    start = text.index(phrase)
    found = name_part(text, start, start + len(phrase), Layout(text), language)
    return None if found is None else text[found[0] : found[1]]


# Which spans on them are names


def test_words_capitalized_only_by_headline_style_are_cut_from_a_name() -> None:
    assert narrowed(ARTICLE, "Tijuana Man Pleads Guilty") == "Tijuana"
    text = "Nogales Mayor Unveils Plan to Reopen Morley Gate\n\nThe Morley Gate crossing is on the line.\n"
    assert narrowed(text, "Reopen Morley Gate") == "Morley Gate"


def test_a_span_of_everyday_words_on_a_headline_is_dropped() -> None:
    # "fentanyl" is written in lower case in the body; "Pills" is an everyday word, never capitalized there
    text = "Deputies Seize 40 Pounds of Fentanyl Pills West of Tucson\n\nThe fentanyl pills were seized.\n"
    assert narrowed(text, "Fentanyl Pills") is None


def test_a_span_broken_by_an_everyday_word_is_dropped_not_split() -> None:
    text = "Sheinbaum Meets Biden as Trade Talks Stall\n\nPresident Claudia Sheinbaum met Joe Biden.\n"
    assert narrowed(text, "Sheinbaum Meets Biden") is None


def test_a_demonym_alone_is_not_a_name() -> None:
    text = "Exhibit Brings Oaxacan and Sonoran Weaving Under One Roof\n\nIt shows the Sonoran Desert.\n"
    assert narrowed(text, "Sonoran Weaving") is None
    assert narrowed(text, "Oaxacan") is None


def test_a_piece_of_a_longer_name_is_not_a_name() -> None:
    text = "Apprehensions Fall to Lowest Level, Border Patrol Says\n\nThe U.S. Border Patrol said so.\n"
    assert narrowed(text, "Patrol Says") is None
    assert narrowed(text, "Border Patrol") == "Border Patrol"  # as the model gave it: part of a prose name
    text = "Xolos Edge Galaxy; Phoenix Rising Held to Draw\n\nIn the league, Phoenix Rising FC drew.\n"
    assert narrowed(text, "Phoenix Rising Held") is None


def test_names_with_evidence_in_the_prose_are_kept_on_a_headline() -> None:
    assert narrowed(ARTICLE, "Sinaloa Cartel") == "Sinaloa Cartel"
    assert narrowed(ARTICLE, "Tijuana") == "Tijuana"
    # "Hobbs" is common per wordfreq and starts its sentences, but is never written in lower case
    text = "Hobbs's Plan Signed as Border Security Package\n\nHobbs, a Democrat, signed the border package.\n"
    assert narrowed(text, "Hobbs's Plan") == "Hobbs"
    assert narrowed(text, "Border Security Package") is None


def test_rare_words_are_names_when_the_prose_or_the_places_know_them() -> None:
    text = "Xolos Beat Galaxy at Home\n\nThe Xolos won.\n- Tecate\n- Ensenada\n- Maguey Azul\n"
    assert narrowed(text, "Xolos") == "Xolos"
    assert narrowed(text, "Tecate", "es") == "Tecate"  # a known city, on a list item
    assert narrowed(text, "Maguey Azul", "es") is None  # a rare word, seen nowhere else: not proven
    assert narrowed(text, "Maguey", "es") is None


def test_spanish_list_items_of_everyday_words_are_not_names() -> None:
    text = (
        "La estrategia incluye programas:\n\n- Vecino Vigilante\n- Sendero Seguro\n- Botón Rosa\n"
        "- Guardia Nacional\n\nEl comité ya se inscribió en Vecino Vigilante.\n"
    )
    assert narrowed(text, "Sendero Seguro", "es") is None
    assert narrowed(text, "Botón Rosa", "es") is None
    assert narrowed(text, "Vecino Vigilante", "es") == "Vecino Vigilante"  # the prose writes it as a name
    assert narrowed(text, "Guardia Nacional", "es") == "Guardia Nacional"  # a label that names a body


def test_organization_and_place_names_are_kept() -> None:
    text = (
        "Lead Underwriter Bear Stearns & Co Inc\n\nArgentina at South Korea\n\n"
        "The National Bank of Poland\n\n- A Shuttle to Mariposa Road\n- Calle Reforma\n"
    )
    assert narrowed(text, "Bear Stearns & Co Inc") == "Bear Stearns & Co Inc"
    assert narrowed(text, "South Korea") == "South Korea"
    assert narrowed(text, "National Bank of Poland") == "National Bank of Poland"
    assert narrowed(text, "Mariposa Road") == "Mariposa Road"
    assert narrowed(text, "Calle Reforma", "es") == "Calle Reforma"


def test_spans_off_style_lines_are_unchanged() -> None:
    for phrase in ("SAN DIEGO", "Megan Lindqvist", "Phoenix Rising FC", "Katie Hobbs"):
        assert narrowed(ARTICLE, phrase) == phrase
    text = "Capturan en Tijuana a presunto generador de violencia\n\nLa Fiscalía lo investiga.\n"
    assert narrowed(text, "Tijuana", "es") == "Tijuana"
    start = ARTICLE.index("Cartel\n\nSAN")  # across a line break: not on one line
    assert name_part(ARTICLE, start, start + 11, Layout(ARTICLE), "en") == (start, start + 11)


WORDS = st.sampled_from(
    ["Tijuana", "Man", "Pleads", "Guilty", "of", "the", "Border", "Patrol", "Says", "Oaxacan", "U.S.",
     "Xolos", "Cross-Border", "FC", "Hobbs's", "(AP)", "2", "de", "Nacional", "Road", "Cartel", "—"]
)  # fmt: skip
LINES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
BULLETS = st.sampled_from(["", "", "- ", "• ", "1. ", "### "])
BODY = "\nThe U.S. Border Patrol met the Xolos in Tijuana, and the cartel said so."


@given(st.lists(st.tuples(BULLETS, LINES), min_size=1, max_size=6), st.data())
def test_a_name_part_is_whole_words_of_the_span_or_nothing(
    lines: list[tuple[str, str]], data: st.DataObject
) -> None:
    text = "\n".join(bullet + line for bullet, line in lines) + BODY
    layout = Layout(text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 60)))
    found = name_part(text, start, end, layout, "en")
    if layout.line_at(start, end) is None:
        assert found == (start, end)
    elif found is not None and found != (start, end):
        new_start, new_end = found
        assert start <= new_start < new_end <= end
        assert text[new_start].isupper()
        assert new_start == start or not text[new_start - 1].isalnum()
        assert new_end == end or not text[new_end].isalnum()


def test_an_items_first_word_followed_by_a_description_is_not_a_name_even_if_a_place() -> None:
    text = "Plantas nativas:\n\n- Palma común\n- Nopal de jardín\n\nLa ciudad de Tecate crece.\n"
    assert narrowed(text, "Palma", "es") is None  # "Palma" is also a city, but here a plant
    assert narrowed(text, "Nopal", "es") is None
