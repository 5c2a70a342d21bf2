"""Language by segment (pipeline/segments.py), on real text: the two sample articles, alone and mixed."""

from __future__ import annotations

import itertools

import pytest

from pipeline import segments
from pipeline.records import Segment, shares
from pipeline.text import clean
from tests.conftest import ROOT

RAW = ROOT / "data" / "raw"
ENGLISH = clean((RAW / "000_3865931dd156fbf6.txt").read_text(encoding="utf-8"))[0]
SPANISH = clean((RAW / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8"))[0]
#: Article 1 of the Universal Declaration of Human Rights in Portuguese (public domain).
PORTUGUESE = (
    "Todos os seres humanos nascem livres e iguais em dignidade e em direitos. Dotados de razão e de "
    "consciência, devem agir uns para com os outros em espírito de fraternidade."
)


def detect(text: str) -> tuple[str, tuple[Segment, ...]]:
    found = segments.detect(text, sample_chars=500, min_confidence=0.3)
    parts = found.segments
    assert parts[0].start == 0
    assert parts[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))  # in order, covering
    return found.language, parts


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (SPANISH, "es")])
def test_a_single_language_article_is_one_segment_headings_and_list_items_included(
    text: str, language: str
) -> None:
    assert detect(text) == (language, (Segment(0, len(text), language),))


def test_a_spanish_paragraph_in_an_english_article_is_its_own_segment() -> None:
    english = ENGLISH.split("\n\n")
    spanish = SPANISH.split("\n")[0]  # its first paragraph
    text = "\n\n".join([*english[:4], spanish, *english[4:]])  # after the heading's paragraph
    language, parts = detect(text)
    assert language == "en"
    assert [p.language for p in parts] == ["en", "es", "en"]
    assert text[parts[1].start : parts[1].end].strip() == spanish


def test_a_list_item_continues_the_list_and_a_heading_belongs_to_what_follows() -> None:
    spanish = SPANISH.split("\n")[0]
    english = ENGLISH.split("\n\n")[1]
    text = f"{spanish}\n- Nopal de jardín\n- Mexicali Valley\n### Political Rift\n{english}"
    _, parts = detect(text)
    heading = text.index("### Political")
    assert [(p.start, p.language) for p in parts] == [(0, "es"), (heading, "en")]


def test_a_third_language_paragraph_is_other_and_a_lone_short_sentence_is_not_split_off() -> None:
    english = ENGLISH.split("\n\n")
    language, parts = detect("\n\n".join([*english[:2], PORTUGUESE, *english[2:]]))
    assert (language, [p.language for p in parts]) == ("en", ["en", "other", "en"])  # though read first
    short = "\n\n".join([*english[:3], "Se han mostrado notables cambios.", *english[3:]])
    assert [p.language for p in detect(short)[1]] == ["en"]  # four lower-case words say too little


def test_a_document_in_another_language_is_one_other_segment() -> None:
    assert detect(PORTUGUESE) == ("other", (Segment(0, len(PORTUGUESE), "other"),))


def test_the_language_of_a_document_is_the_one_with_most_of_its_text() -> None:
    spanish = SPANISH.split("\n")[0]
    text = f"{spanish}\n\n{ENGLISH}"  # detected as Spanish from its start, but mostly English
    language, parts = detect(text)
    assert (language, [p.language for p in parts]) == ("en", ["es", "en"])
    assert list(shares(parts)) == ["en", "es"]


def test_function_words_belong_to_one_language() -> None:
    assert {"the", "which"} <= segments.function_words("en")
    assert {"los", "más"} <= segments.function_words("es")
    for shared in ("de", "que", "a"):
        assert all(shared not in segments.function_words(lang) for lang in ("en", "es", "pt", "fr", "ca"))
