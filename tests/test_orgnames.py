"""Long organization names (pipeline/orgnames.py), through the span repair that applies them."""

from __future__ import annotations

import pytest

from pipeline.records import EntityType
from tests.test_spans import repaired


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (  # the model split the name at "y"
            "la Secretaría de Seguridad y Protección Ciudadana informó",
            [("Secretaría de Seguridad", "organization"), ("Protección Ciudadana", "person")],
            [("Secretaría de Seguridad y Protección Ciudadana", "organization")],
        ),
        (  # over several links, and over words the model left out
            "la Comisión Federal para la Protección contra Riesgos Sanitarios dijo",
            [("Comisión Federal", "organization"), ("Riesgos Sanitarios", "person")],
            [("Comisión Federal para la Protección contra Riesgos Sanitarios", "organization")],
        ),
        (  # the head word and its link before a span
            "Fuentes de la Secretaría de Hacienda y Crédito Público dijeron",
            [("Crédito Público", "person")],
            [("Secretaría de Hacienda y Crédito Público", "organization")],
        ),
        (  # "HEAD de <place>" is one organization
            "el Cabildo de Tijuana aprobó",
            [("Cabildo", "organization"), ("Tijuana", "location")],
            [("Cabildo de Tijuana", "organization")],
        ),
        (  # "y" does not join a second organization or a place
            "la Secretaría de Marina y Guardia Nacional en Sonora y Sinaloa",
            [("Secretaría de Marina", "organization"), ("Guardia Nacional", "organization")],
            [
                ("Secretaría de Marina", "organization"),
                ("Guardia Nacional", "organization"),
                ("Sonora", "location"),
            ],
        ),
        (  # a possessive first word: the owner stands before the span
            "scrutinized by the Federal Attorney General’s Office, which",
            [("General’s Office", "organization")],
            [("Federal Attorney General’s Office", "organization")],
        ),
        (  # an organization word right after a span
            "factions of the Sinaloa Cartel fought",
            [("Sinaloa", "organization")],
            [("Sinaloa Cartel", "organization")],
        ),
        (  # a name that enumerates its fields, cut by the model at the comma
            "La Cámara Nacional de Comercio, Servicios y Turismo de Culiacán estimó",
            [("La Cámara Nacional de Comercio", "location"), ("Servicios y Turismo de Culiacán", "person")],
            [("La Cámara Nacional de Comercio, Servicios y Turismo de Culiacán", "organization")],
        ),
        (  # ... but not a list of other names, nor a name and a person
            "la Secretaría de Economía, Marcelo Ebrard y Luisa Alcalde",
            [("Secretaría de Economía", "organization")],
            [("Secretaría de Economía", "organization")],
        ),
        (  # a head word last continues over "of" and a place
            "economists at the Federal Reserve Bank of Dallas said",
            [("Federal Reserve Bank", "organization"), ("Dallas", "location")],
            [("Federal Reserve Bank of Dallas", "organization")],
        ),
        (  # a possessive owner before a head word, over a place of the model's; a link the span ends with
            "according to the U.S. Attorney's Office for the District of Arizona, which",
            [("U.S.", "location"), ("Office for the District of", "organization"), ("Arizona", "location")],
            [("U.S. Attorney's Office for the District of Arizona", "organization")],
        ),
        (  # a head word last goes on over "for the" and then "of"
            "in District Court for the Western District of Texas on",
            [("District Court", "organization"), ("Western District", "location")],
            [("District Court for the Western District of Texas", "organization")],
        ),
        (  # a place's possessive is not the name's
            "Mexico's Secretariat of Agriculture and Rural Development (Sader) said",
            [("Mexico", "location"), ("Secretariat of Agriculture and Rural Development", "organization")],
            [("Mexico", "location"), ("Secretariat of Agriculture and Rural Development", "organization")],
        ),
        (  # an owner that is a person's span is not taken
            "said Juan Pérez's Office of Media",
            [("Juan Pérez", "person"), ("Office of Media", "organization")],
            [("Juan Pérez", "person"), ("Office of Media", "organization")],
        ),
        (  # a legal form last does not
            "a unit of Kia Motor Corp of South Korea said",
            [("Kia Motor Corp", "organization"), ("South Korea", "location")],
            [("Kia Motor Corp", "organization"), ("South Korea", "location")],
        ),
        (  # nor "and" after a head word last
            "the Federal Reserve Bank and Citigroup said",
            [("Federal Reserve Bank", "organization"), ("Citigroup", "organization")],
            [("Federal Reserve Bank", "organization"), ("Citigroup", "organization")],
        ),
        (
            "Shares of Bank of America, Citigroup and Wells Fargo fell.",
            [("Bank of America", "organization")],
            [("Bank of America", "organization")],
        ),
        (  # a facility's word alone and the rest of its name, of the model's type
            "al Centro de Ejecución de Sanciones de Reynosa llegó",
            [("Centro", "location"), ("Ejecución de Sanciones de Reynosa", "location")],
            [("Centro de Ejecución de Sanciones de Reynosa", "location")],
        ),
        (  # a known place, up to two words and a club's form: the club
            "Locomotive at Sacramento Republic FC, 8:30 p.m.",
            [("Sacramento", "location")],
            [("Sacramento Republic FC", "organization")],
        ),
        (  # not before another name: "FC" starts it ("BIDASOA FC BARCELONA")
            "derbi El Paso Locomotive FC Juárez",
            [("El Paso", "location")],
            [("El Paso", "location")],
        ),
        (  # not a known place first: a headline's verb is no part of a club's name
            "Xolos Edge San Diego FC",
            [("Xolos", "organization")],
            [("Xolos", "organization")],
        ),
        (  # not a known place: the city's centre
            "en el Centro de Tijuana hubo",
            [("Centro", "location"), ("Tijuana", "location")],
            [("Centro", "location"), ("Tijuana", "location")],
        ),
    ],
)
def test_long_organization_names_are_made_whole(
    text: str, spans: list[tuple[str, EntityType]], expected: list[tuple[str, str]]
) -> None:
    assert [(span, t) for span, t, _ in repaired(text, *spans)] == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (  # the model missed the name
            "Deputies with the Pima County Sheriff's Department seized pills.",
            [],
            [("Pima County Sheriff's Department", "organization")],
        ),
        ("two factions of the Sinaloa Cartel that", [], [("Sinaloa Cartel", "organization")]),
        (  # or saw only a part of it
            "The U.S. Border Patrol said",
            [("U.S.", "location")],
            [("U.S. Border Patrol", "organization")],
        ),
        (  # an adjective before it is not part of it
            "the Republican-led Arizona Legislature passed",
            [],
            [("Arizona Legislature", "organization")],
        ),
        (  # the name goes on after a link word: the long names' rule's, not this one's
            "the Arizona Department of Public Safety said",
            [("Arizona Department of Public Safety", "organization")],
            [("Arizona Department of Public Safety", "organization")],
        ),
        (  # a span that runs out of the run stays as it is
            "the Acme Police, Inc. said",
            [("Acme Police, Inc.", "organization")],
            [("Acme Police, Inc.", "organization")],
        ),
        (  # a head word in the possessive ends the name
            "The Border Patrol's Tucson Sector has",
            [],
            [("Border Patrol", "organization")],
        ),
        ("the Police said", [], []),  # one word
        ("the Tijuana Times Square", [], []),  # no head word last
    ],
)
def test_a_name_after_the_that_ends_with_a_head_word_is_an_organization(
    text: str, spans: list[tuple[str, EntityType]], expected: list[tuple[str, str]]
) -> None:
    assert [(span, t) for span, t, _ in repaired(text, *spans, language="en")] == expected
