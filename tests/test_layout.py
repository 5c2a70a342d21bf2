from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import layout
from pipeline.extract import Candidate


def spans(text: str) -> list[Candidate]:
    """The spans the layout names in ``text``, as they replace the model's: sorted and disjoint."""
    return layout.merge([], layout.layout_spans(text))


@pytest.mark.parametrize(
    ("text", "roads"),
    [
        ("patrols on State Route 86 and Arivaca Road", ["State Route 86"]),
        (
            "including Interstate 95 on the East Coast, Interstates 80 and 90",
            ["Interstate 95", "Interstates 80"],
        ),
        ("sobre la Carretera Federal No. 2 rumbo a Tecate", ["Carretera Federal No. 2"]),
        ("the route 66 diner and Highway 1.5 miles away", []),  # lower case; a decimal is no road number
    ],
)
def test_numbered_roads_are_places_with_their_number(text: str, roads: list[str]) -> None:
    assert [text[c.start : c.end] for c in layout.roads(text)] == roads


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "por la carretera San Luis Río Colorado–Sonoyta",
            [("San Luis Río Colorado", "place"), ("Sonoyta", "place")],
        ),
        ("la autopista Tijuana-Ensenada", [("Tijuana", "place"), ("Ensenada", "place")]),
        ("la carretera Tecate", [("carretera Tecate", "street")]),  # a road named by one place
        ("el bulevar Lázaro Cárdenas-Norte", [("bulevar Lázaro Cárdenas-Norte", "street")]),  # not a road
    ],
)
def test_a_road_named_by_its_ends_names_two_places(text: str, places: list[tuple[str, str]]) -> None:
    assert [(text[c.start : c.end], c.cue) for c in layout.streets(text)] == places


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Foto: Ana Ruiz / Reuters", [("Ana Ruiz", "byline"), ("Reuters", "agency")]),
        ("Foto: Ayuntamiento de Fresnillo", [("Ayuntamiento de Fresnillo", "agency")]),  # an institution
        ("Foto: Ana Guardia", [("Ana Guardia", "byline")]),  # a head word as a surname
        ("Photo: Tucson Police Department", [("Tucson Police Department", "agency")]),
        # a byline and a credit on one line, a photographer "for" an outlet, a courtesy without a colon
        (
            "By Ana Ruiz | Photo: Juan Gil for the Border Ledger",
            [("Ana Ruiz", "byline"), ("Juan Gil", "byline"), ("Border Ledger", "agency")],
        ),
        ("By Ana Ruiz | Reuters", [("Ana Ruiz", "byline"), ("Reuters", "agency")]),
        ("Por Ana Ruiz | Foto: Cortesía de la Diócesis de Juárez", [("Ana Ruiz", "byline")]),
        ("Photo courtesy of Ana Ruiz", []),  # a source: the rest of the evidence decides
    ],
)
def test_a_credit_names_an_institution_by_its_head_word(text: str, credited: list[tuple[str, str]]) -> None:
    assert [(text[c.start : c.end], c.cue) for c in layout.credits(text)] == credited


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        (
            "By Ana Ruiz\nLas Cruces Sun-News\n\nLAS CRUCES",
            [("Ana Ruiz", "BYLINE"), ("Las Cruces Sun-News", "OUTLET")],
        ),
        ("Por Ana Ruiz\nEl Sol de Parral\n", [("Ana Ruiz", "BYLINE"), ("El Sol de Parral", "OUTLET")]),
        ("By Ana Ruiz\nStaff Writer\n", [("Ana Ruiz", "BYLINE")]),  # a role, not an outlet
        ("Por Redacción\nEl Sol de Parral", [("El Sol de Parral", "OUTLET")]),  # no one named
        ("By Ana Ruiz\nLas Cruces officials said on Monday", [("Ana Ruiz", "BYLINE")]),  # prose follows
        ("Photo: Ana Ruiz\nLas Cruces Sun-News", [("Ana Ruiz", "BYLINE")]),  # a credit's next line: anything
    ],
)
def test_the_line_after_a_byline_names_the_reporter_s_outlet(
    text: str, credited: list[tuple[str, str]]
) -> None:
    found = [
        (text[c.start : c.end], c.label if c.label == "OUTLET" else "BYLINE") for c in layout.credits(text)
    ]
    assert found == credited


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Isidro Barajas Mendoza, 44, worked as a roofer", ["Isidro Barajas Mendoza"]),
        ("Ayer Juan Pérez, de 34 años, huyó", ["Juan Pérez"]),  # from the given name on
        ("The driver, Brandon Castillo, 24, of Phoenix", ["Brandon Castillo"]),
        ("Chelsea, 3, Arsenal, 1", []),  # not a given name
        ("Juan, 44, said", []),  # a given name alone
    ],
)
def test_a_name_given_with_an_age_is_a_person(text: str, people: list[str]) -> None:
    assert [text[c.start : c.end] for c in layout.ages(text, [])] == people


def test_an_age_adds_no_person_where_the_model_has_one() -> None:
    text = "said Yorman José Pérez, 31, who"
    model = [Candidate(5, 22, "person", "PER")]
    assert layout.ages(text, model) == []  # "José Pérez": the model knows "Yorman" is part of the name
    assert layout.ages(text, [Candidate(0, 4, "person", "PER")]) != []


def test_a_dateline_with_an_abbreviated_state_names_both() -> None:
    text = "Titular\n\nHERMOSILLO, Son. — Con conciertos"
    found = [(text[c.start : c.end], c.cue) for c in spans(text)]
    assert found == [("HERMOSILLO", "dateline"), ("Son.", "dateline")]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Sami Aboudi\nAL-RAM, West Bank 1996-08-30\nText.", ["AL-RAM", "West Bank"]),
        ("SAN DIEGO — A man pleaded guilty.", ["SAN DIEGO"]),
        ("EL PARTIDO MERIDA-EXTREMADURA, DECLARADO DE ALTO RIESGO Madrid (EFE).", []),  # a headline
    ],
)
def test_datelines_name_places_and_nothing_else(text: str, places: list[str]) -> None:
    found = [(text[c.start : c.end], c.cue) for c in spans(text)]
    assert found == [(place, "dateline") for place in places]


def test_a_wire_dateline_with_a_date_names_a_place() -> None:
    text = "SOCCER - RESULTS\nLONDON 1996-08-30\nText follows."
    assert [(text[c.start : c.end], c.cue) for c in spans(text)] == [("LONDON", "dateline")]


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12)


def overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


@given(SPANS, SPANS)
def test_layout_spans_replace_the_candidates_they_overlap_and_the_rest_stay(
    found: list[tuple[int, int]], named: list[tuple[int, int]]
) -> None:
    candidates = sorted((Candidate(s, s + n, "person") for s, n in found), key=lambda c: (c.start, c.end))
    evidence = [Candidate(s, s + n, "location", "DATELINE", "dateline") for s, n in named]
    merged = layout.merge(candidates, evidence)
    kept = [c for c in merged if c.cue == "dateline"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(kept))  # the layout's own spans: disjoint
    assert all(e in kept or any(overlap(e, k) for k in kept) for e in evidence)
    assert [c for c in merged if c.cue != "dateline"] == [
        c for c in candidates if not any(overlap(c, k) for k in kept)
    ]
    assert merged == sorted(merged, key=lambda c: (c.start, c.end))
