from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.config import Settings
from pipeline.extract import (
    _TITLED_NAME,
    Candidate,
    accepted,
    merge_title_evidence,
    titled_names,
)
from pipeline.labels import candidates
from pipeline.models import entity_spans, split_long, stream
from pipeline.records import ENTITY_TYPES, EntityType


def spans(text: str, found: list[Candidate]) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.type) for c in found]


def test_title_evidence_extends_a_person_the_model_cut_short(ruler_nlp: Language) -> None:
    text = "Mayor Norma Alicia Bustamante Martínez spoke."
    assert spans(text, candidates(text, entity_spans(ruler_nlp(text)))) == [
        ("Norma Alicia Bustamante Martínez", "person")
    ]


def test_title_evidence_overrides_a_wrong_type(ruler_nlp: Language) -> None:
    text = "The Secretary, Leopoldo Tizoc Aguilar Durán, replied."
    assert spans(text, candidates(text, entity_spans(ruler_nlp(text)))) == [
        ("Leopoldo Tizoc Aguilar Durán", "person")
    ]


def test_model_person_covering_the_titled_name_is_kept(ruler_nlp: Language) -> None:
    text = "Then Mayor Pedro Ariel Mendívil left."
    assert spans(text, candidates(text, entity_spans(ruler_nlp(text)))) == [
        ("Mayor Pedro Ariel Mendívil", "person")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("led by Governor Marina del Pilar Ávila Olmeda, and", ["Marina del Pilar Ávila Olmeda"]),
        ("gracias a la alcaldesa Norma Bustamante, se", ["Norma Bustamante"]),
        ("declaró al Teniente Coronel, Julián Leyzaola Pérez, como", ["Julián Leyzaola Pérez"]),
        ("Governor Marina del Pilar and Mayor Norma Alicia butt heads", ["Marina del Pilar", "Norma Alicia"]),
        ("el Teniente Coronel exhortó a los mandos", []),
        ("Director de Seguridad Pública Municipal", []),
        ("the governor said", []),
        ("doña Ana de la Cruz llegó; Don Johnson no", ["Ana de la Cruz"]),
        ("Dr. J. R. Smith", ["J. R. Smith"]),
        ("Mayor\nNorma Bustamante", []),
        # local offices and occupations of the news
        ("Assistant Superintendent Óscar Villaseñor said", ["Óscar Villaseñor"]),
        ("from Council Member Héctor Villegas Pruneda, who", ["Héctor Villegas Pruneda"]),
        ("explicó la investigadora Lucía Medellín Ríos", ["Lucía Medellín Ríos"]),
        ("City Manager Aurelio Oyervides said", ["Aurelio Oyervides"]),
        # positions and coaches of the sports pages
        ("Catcher Reid Pemberton homered", ["Reid Pemberton"]),
        ("dijo el director técnico Hernán Cristante", ["Hernán Cristante"]),
    ],
)
def test_titled_names(text: str, names: list[str]) -> None:
    assert [text[c.start : c.end] for c in titled_names(text)] == names


def test_evidence_replaces_only_the_spans_it_overlaps() -> None:
    model = [Candidate(0, 5, "location"), Candidate(10, 20, "organization"), Candidate(30, 35, "person")]
    merged = merge_title_evidence(model, [Candidate(12, 25, "person")])
    assert merged == [Candidate(0, 5, "location"), Candidate(12, 25, "person"), Candidate(30, 35, "person")]


def merged_by_definition(model: list[Candidate], evidence: list[Candidate]) -> list[Candidate]:
    """What ``merge_title_evidence`` does, written as its docstring says it (quadratic)."""
    kept = list(model)
    for person in evidence:
        if any(c.type == "person" and c.start <= person.start and person.end <= c.end for c in kept):
            continue
        kept = [c for c in kept if c.end <= person.start or person.end <= c.start]
        kept.append(person)
    return sorted(kept, key=lambda c: (c.start, c.end))


def laid_out(spans: list[tuple[int, int, EntityType]]) -> list[Candidate]:
    """Sorted, non-empty, non-overlapping candidates from (gap before, length, type) triples."""
    found, end = [], 0
    for gap, length, entity_type in spans:
        found.append(Candidate(end + gap, end + gap + length, entity_type, "X"))
        end += gap + length
    return found


LAYOUT = st.tuples(st.integers(0, 6), st.integers(1, 12), st.sampled_from(ENTITY_TYPES))
SPANS = st.lists(LAYOUT).map(laid_out)


@given(SPANS, SPANS)
def test_merging_title_evidence_in_one_sweep_does_what_its_definition_says(
    model: list[Candidate], titled: list[Candidate]
) -> None:
    evidence = [Candidate(c.start, c.end, "person", "TITLE") for c in titled]
    assert merge_title_evidence(model, evidence) == merged_by_definition(model, evidence)


def test_pieces_of_a_long_text_map_back_to_its_offsets(ruler_nlp: Language) -> None:
    text = "Filler words here. " * 20 + "Norma Alicia visited Mexicali."
    pieces = split_long(text, 100)
    assert all(len(piece) <= 100 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    [(index, entities)] = stream(ruler_nlp, [text], Settings(chunk_chars=100))
    assert index == 0
    assert spans(text, candidates(text, entities)) == [("Norma Alicia", "person"), ("Mexicali", "location")]


@pytest.mark.parametrize(
    ("text", "limit", "cuts"),
    [
        ("short", 10, [0]),
        ("aaaa bbbb\n\ncccc dddd", 12, [0, 11]),  # at the paragraph break
        ("aaaa. bbbb cccc", 10, [0, 6]),  # at the sentence end
        ("we met with Lyndon B. Johnson", 24, [0, 12]),  # not inside a name: before it
        ("Lyndon B. Johnson came", 20, [0, 18]),  # or after it
        ("hoy vimos a Sr. Pérez Gómez", 18, [0, 12]),  # an abbreviation does not end a sentence
        ("aaaa bbbb cccc", 10, [0, 10]),  # at a space
        ("x" * 25, 10, [0, 10, 20]),  # no boundary at all: hard cuts
    ],
)
def test_split_long_prefers_paragraphs_then_sentences_then_spaces(
    text: str, limit: int, cuts: list[int]
) -> None:
    pieces = split_long(text, limit)
    assert [offset for offset, _ in pieces] == cuts
    assert "".join(piece for _, piece in pieces) == text


TITLE_TEXT_PIECES = st.sampled_from(
    ["Governor", "governor", "GOBERNADORA", "Don", "don", "Dr.", "dr", "Lt. Col.", "teniente coronel", "Sr.",
     "Marina", "del", "Pilar", "Ávila", "O'Neil", "la", "alcaldesa", "Norma", ",", ".", " ", "  ", "\n", "\t",
     "xgovernor", "Mayor-elect", "señor", "SEÑORA", "vicepresidente", "Presidente Municipal"]
)  # fmt: skip


@given(st.lists(TITLE_TEXT_PIECES, max_size=25).map(" ".join))
def test_titled_names_finds_exactly_what_the_pattern_finds_anywhere(text: str) -> None:
    expected = [(m.start("name"), m.end("name")) for m in _TITLED_NAME.finditer(text) if accepted(m)]
    assert [(c.start, c.end) for c in titled_names(text)] == expected


def test_every_title_starts_with_a_plain_word_so_the_prefilter_sees_it() -> None:
    import re

    from pipeline.titles import TITLES

    assert all(re.fullmatch(r"\w+", title.split()[0].rstrip(".")) for title in TITLES)
