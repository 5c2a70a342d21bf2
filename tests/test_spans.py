from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import lexicons
from pipeline.extract import Candidate
from pipeline.records import EntityType
from pipeline.spans import repair
from tests.conftest import ANY_CHARACTER


def at(text: str, span: str, entity_type: EntityType, label: str = "X") -> Candidate:
    start = text.index(span)
    return Candidate(start, start + len(span), entity_type, label)


def repaired(text: str, *spans: tuple[str, EntityType], language: str = "es") -> list[tuple[str, str, str]]:
    found = sorted((at(text, span, t) for span, t in spans), key=lambda c: c.start)
    result = repair(text, found, lambda word: lexicons.is_common_word(word, language))
    return [(text[c.start : c.end], c.type, c.cue) for c in result]


@pytest.mark.parametrize(
    ("text", "span", "pieces"),
    [
        ("Foto: Ana Ruiz / Reuters.", "Ruiz / Reuters", ["Ruiz", "Reuters"]),
        (
            "Pies en Movimiento: Beneficiando a todos.",
            "Movimiento: Beneficiando",
            ["Movimiento", "Beneficiando"],
        ),
        ("la Fiscalía, Meléndez dijo", "Fiscalía, Meléndez", ["Fiscalía", "Meléndez"]),
        ("Dundee 2 Falkirk 1 ayer", "Dundee 2 Falkirk", ["Dundee", "Falkirk"]),
        ("Partido Verde (PV) ganó", "Partido Verde (PV", ["Partido Verde", "PV"]),
    ],
)
def test_a_span_never_crosses_a_separator(text: str, span: str, pieces: list[str]) -> None:
    assert [piece for piece, _, _ in repaired(text, (span, "organization"))] == pieces


def test_a_company_suffix_after_a_comma_stays_with_its_name() -> None:
    text = "consignado a Distribuidora Química del Pacífico, S.A. de C.V., una empresa"
    assert repaired(text, ("Distribuidora Química del Pacífico", "person"))[0][:2] == (
        "Distribuidora Química del Pacífico, S.A. de C.V.",
        "organization",
    )


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "including Cochise County Sheriff Mark Dannels, who",
            ["Cochise County Sheriff", "Mark Dannels"],
            ("Cochise County", "location"),
        ),
        (
            "said Tijuana Police Director José Ruiz on",
            ["Tijuana Police Director", "José Ruiz"],
            ("Tijuana Police", "organization"),
        ),
        (
            "said Marina Sheriff, then left",
            ["Marina Sheriff"],
            ("Marina Sheriff", "person"),
        ),  # no person after
    ],
)
def test_a_person_span_ending_with_an_office_before_a_person_is_the_office_s_jurisdiction(
    text: str, spans: list[str], expected: tuple[str, str]
) -> None:
    found = repaired(text, *((span, "person") for span in spans), language="en")
    assert found[0][:2] == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("a bridge over the Rio Grande between Eagle Pass and the plant", ["Rio Grande", "Eagle Pass"]),
        ("at the Rio Grande Credit Union Field", []),  # a longer run: another name
        ("Sergio Eagle Pass said", []),  # the end of a longer run
        ("West Bromwich 3 0 2 1", []),  # a table's team
        ("the Thmei (New Liberty) newspaper", []),  # a gloss in brackets
        ("OVER THE RIO GRANDE", []),  # capitals prove nothing
        ("flights to Victoria", []),  # one word: left to the model
        ("pills stored in Socorro before", ["Socorro"]),  # ... unless "in" or "en" says it is a place
        ("con domicilio fiscal en Culiacán.", ["Culiacán"]),
        ("una casa en Tijuana Innovadora", []),  # a longer run
        ("in TUCSON", []),
    ],
)
def test_a_known_place_the_model_missed_is_a_place(text: str, places: list[str]) -> None:
    assert [span for span, t, _ in repaired(text, language="en") if t == "location"] == places


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        (
            "manager of Hidalgo County Irrigation District No. 2, which",
            "Hidalgo County Irrigation District No",
            "Hidalgo County Irrigation District No. 2",
        ),
        (
            "de su Unidad Médica de Alta Especialidad No. 25, en",
            "Unidad Médica de Alta Especialidad",
            "Unidad Médica de Alta Especialidad No. 25",
        ),
        ("la Escuela Primaria Núm. 5 abrió", "Escuela Primaria", "Escuela Primaria Núm. 5"),
        ("Mexicali No. 1 en ventas", "Mexicali", "Mexicali"),  # one word: a ranking
        ("el Distrito de Riego No. 2.5 millones", "Distrito de Riego", "Distrito de Riego"),  # a decimal
    ],
)
def test_a_number_after_a_number_sign_is_part_of_the_name(text: str, span: str, name: str) -> None:
    assert repaired(text, (span, "organization"))[0][0] == name


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("las Fiestas del Pitic regresan", "Pitic", False),
        ("parte del Plan Sonora de Energía Sostenible, porque", "Energía Sostenible", False),
        ("la futura Ley de Comercio Minorista de Extremadura.", "Extremadura", False),
        ("el plan de Sonora", "Sonora", True),  # "plan" in lower case heads no name
        ("el Programa de Salud y Bienestar de Tijuana", "Tijuana", False),
        ("Pedro Plan, de Sonora", "Sonora", True),  # a comma ends the name
    ],
)
def test_a_name_nested_in_a_programme_or_event_is_not_an_entity(text: str, span: str, kept: bool) -> None:
    assert bool(repaired(text, (span, "location"))) == kept


def test_an_office_complement_is_not_a_person() -> None:
    text = "nombró a Pérez como el nuevo Director de Seguridad Pública Municipal de Mexicali. Luego habló."
    assert repaired(text, ("Seguridad Pública Municipal de Mexicali", "person")) == []


@pytest.mark.parametrize(
    ("text", "span", "cue"),
    [
        ("the criminal organization Los Rusos, led by", "Los Rusos", "group"),
        ("la organización criminal Los Rusos opera", "Los Rusos", "group"),
        ("las garitas de Otay, El Chaparral y Tecate", "Otay", "place"),
        ("links Tucson with Sells, the seat of the tribal government", "Sells", "place"),
        ("near the small community of Three Points", "Three Points", "place"),
        ("células de Los Mexicles operan", "Los Mexicles", "group"),
        ("grupos como Los Tigres del Norte tocan", "Los Tigres del Norte", "plural"),  # a plural group name
        ("el grupo de Juan Pérez llegó", "Juan Pérez", ""),  # a group of someone's, not a group's name
        ("vuelos a Los Angeles salen", "Los Angeles", ""),  # a known place
        ("las colonias Tierra Blanca y Las Quintas reportan", "Las Quintas", "place"),  # with a place noun
        ("in San Luis Río Colorado, Sonora, said", "San Luis Río Colorado", "place_pair"),
        ("moved to Mazatlán, the state's beach resort, which", "Mazatlán", "place"),  # apposition
        ("Dr. Ana Ruiz, the county's health authority, said", "Ana Ruiz", ""),  # the county's: not a place
        ("el puerto de entrada de Otay Mesa, en California", "Otay Mesa", "place"),
        ("a cell linked to La Línea, the armed wing of the Juárez Cartel", "La Línea", "group"),  # apposition
        ("operan para La Línea, brazo armado del Cártel de Juárez.", "La Línea", "group"),
        ("Juan Pérez, a cartel leader, said", "Juan Pérez", ""),  # the group noun does not head it
        ("rescataron un empate 2-2 ante Monterrey la noche", "Monterrey", "team"),  # the club of a city
        ("a 24-10 victory over Gloucester on", "Gloucester", "team"),
        ("Ganó 6-3 a Federer en", "Federer", ""),  # no city: a player
        ("a 2-0 win over Mexico in", "Mexico", ""),  # a country: the national side stays the country
    ],
)
def test_words_around_a_name_are_read_as_cues(text: str, span: str, cue: str) -> None:
    others: list[tuple[str, EntityType]] = [("Tierra Blanca", "location")] if "Tierra" in text else []
    found = {name: c for name, _, c in repaired(text, (span, "person"), *others)}
    assert found[span] == cue


@pytest.mark.parametrize(
    ("text", "span", "model_type", "cue"),
    [
        ("farmers around Delicias have protested", "Delicias", "organization", "place"),
        ("una planta en Saltillo cerró", "Saltillo", "organization", "place"),
        ("the plant in Saltillo closed", "Saltillo", "person", "place"),
        ("a store in Camargo closed", "Camargo", "person", ""),  # a surname too: the city weight's
        ("the pitcher in Acme Town said", "Acme Town", "organization", ""),  # no known place
        ("a win for Saltillo", "Saltillo", "organization", ""),  # not after "in", "near", "around"…
    ],
)
def test_a_known_place_the_model_did_not_read_as_one_after_in_is_a_place(
    text: str, span: str, model_type: EntityType, cue: str
) -> None:
    assert repaired(text, (span, model_type))[0][2] == cue


def test_known_places_listed_after_in_are_places() -> None:
    text = "la mayoría en Delicias, Meoqui y Saucillo; luego Juan Pérez y Meoqui"
    spans: list[tuple[str, EntityType]] = [
        ("Delicias", "location"),
        ("Meoqui", "person"),
        ("Saucillo", "person"),
    ]
    found = [at(text, span, t) for span, t in spans]
    found += [at(text, "Juan Pérez", "person"), Candidate(text.rindex("Meoqui"), len(text), "person", "X")]
    found = repair(text, found, lambda word: lexicons.is_common_word(word, "es"))
    assert [(text[c.start : c.end], c.cue) for c in found] == [
        ("Delicias", ""),  # the model's place needs no cue
        ("Meoqui", "place"),
        ("Saucillo", "place"),
        ("Juan Pérez", ""),  # no known place
        ("Meoqui", ""),  # listed after a name that is no place after "en"
    ]


def test_datelines_credits_and_streets_are_places_people_and_agencies() -> None:
    text = (
        "TIJUANA, B.C. — Cerraron el bulevar Lázaro Cárdenas, la garita de Otay y la Carretera Federal 2.\n\n"
        "Foto: Ana Ruiz / Reuters\n"
    )
    spans: list[tuple[str, EntityType]] = [
        ("Lázaro Cárdenas", "person"),
        ("Otay", "person"),
        ("Carretera Federal", "organization"),
    ]
    assert repaired(text, *spans) == [
        ("TIJUANA", "location", "dateline"),
        ("B.C.", "location", "dateline"),
        ("bulevar Lázaro Cárdenas", "location", "street"),
        ("garita de Otay", "location", "street"),
        ("Carretera Federal 2", "location", "street"),  # a road with its number
        ("Ana Ruiz", "person", "byline"),
        ("Reuters", "organization", "agency"),
    ]


@given(st.text(ANY_CHARACTER))
def test_repair_keeps_spans_sorted_disjoint_and_inside_the_text(text: str) -> None:
    found = [Candidate(i, min(len(text), i + 7), "organization") for i in range(0, len(text), 9)]
    result = repair(text, found, lambda word: False)
    assert all(0 <= c.start < c.end <= len(text) for c in result)
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))


def test_a_named_holder_after_an_office_and_its_complement_is_kept() -> None:
    text = "a tool promoted by Secretary of Homeland Security Kristi Noem for people"
    assert repaired(text, ("Kristi Noem", "person"), language="en") == [("Kristi Noem", "person", "")]
