"""Results and roster lines (pipeline/results.py), as the layout's spans give them."""

from __future__ import annotations

import pytest

from tests.test_layout import spans


@pytest.mark.parametrize(
    ("line", "teams"),
    [
        ("Leicestershire 22 points, Somerset 4.", ["Leicestershire", "Somerset"]),
        ("Somerset 83 and 174 (P. Simmons 4-38), Leicestershire 296.", ["Somerset", "Leicestershire"]),
        ("Rotor Volgograd 2 Dynamo Moscow 1", ["Rotor Volgograd", "Dynamo Moscow"]),
        ("Rotor Volgograd\t2\tDynamo Moscow\t1", ["Rotor Volgograd", "Dynamo Moscow"]),  # a table's tabs
        ("Bob Estes 64 Nolan Henke 65", []),  # players: they start with a given name
        ("Phoenix Rising FC 1, El Paso Locomotive FC 1", ["Phoenix Rising FC", "El Paso Locomotive FC"]),
        ("Germany 2 Italy 1", []),  # countries keep their own evidence
        ("Essex reached 372 on Friday.", []),  # one name and one number is prose
        (
            "Gloucestershire 183 and 185-6 (J. Russell 56 not out), Northamptonshire 190.",
            ["Gloucestershire", "Northamptonshire"],
        ),
        (
            "Patrols on State Route 86 grew after ranchers reported speeding cars on State Route 86.",
            [],
        ),  # prose
        # one match a line, the score between the sides
        ("- Tigres 3-0 Necaxa", ["Tigres", "Necaxa"]),
        ("Fuerza Regia 98-87 Halcones de Xalapa.", ["Fuerza Regia", "Halcones de Xalapa"]),
        ("- Juan Pérez 6-4 Carlos Ruiz", []),  # players
        ("México 2-1 Canadá", []),  # countries
        ("Tigres goleó 3-0 al Necaxa", []),  # prose
    ],
)
def test_names_followed_by_scores_on_one_line_are_teams(line: str, teams: list[str]) -> None:
    text = f"Results:\n{line}\n"
    assert [text[c.start : c.end] for c in spans(text) if c.cue == "team"] == teams


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Expulsión a Poli (Getafe), Berruet (Villarreal) y Alex y Pepín (Badajoz).",
            [
                ("Poli", "roster"),
                ("Getafe", "side"),
                ("Berruet", "roster"),
                ("Villarreal", "side"),
                ("Alex", "roster"),
                ("Pepín", "roster"),
                ("Badajoz", "side"),
            ],
        ),
        (
            "4. Yekaterina Podkopayeva (Russia) 4:09.25 5. Leah Pells (Canada) 4:09.95",
            [
                ("Yekaterina Podkopayeva", "roster"),
                ("Russia", "country"),
                ("Leah Pells", "roster"),
                ("Canada", "country"),
            ],
        ),
        ("Miami (EEUU) y Lima (Perú) informaron.", []),  # places with their countries
        ("el Partido Verde (PV) y el Partido del Trabajo (PT) votaron", []),  # acronym definitions
        ("Only Poli (Extremadura) was sent off.", []),  # one name is no list
    ],
)
def test_names_with_their_sides_in_brackets_are_people_on_a_roster(
    line: str, expected: list[tuple[str, str]]
) -> None:
    assert [(line[c.start : c.end], c.cue) for c in spans(line)] == expected
