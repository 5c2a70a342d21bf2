"""Headline-style lines and list items: which lines they are.

The lines are written for these tests in the style of border news; the word lists are the real ones.
"""

from __future__ import annotations

import pytest

from pipeline.stylelines import line_kind, style_lines

# Which lines are style lines


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Tijuana Man Pleads Guilty in Fentanyl Case Prosecutors Tie to Sinaloa Cartel", "headline"),
        ("Apprehensions in Yuma Sector Fall to Lowest Level in Decades, Border Patrol Says", "headline"),
        ("Hobbs Signs $40 Million Border Security Package After Weeks of Talks", "headline"),
        ("### Political Rift Over Security in Mexicali", "headline"),
        ("Medio Ambiente", "headline"),
        # Spanish in title case: prepositions stay in lower case, and a percentage is no score
        ("Capturan a Presunto Jefe de Célula tras Balacera en la Colonia Sóstenes Valenzuela", "headline"),
        ("Presa Falcón Cae a 14%; Comapa Anuncia Tandeos en 60 Colonias de Reynosa", "headline"),
        ("Maquiladoras de Mexicali Suman 4 Mil Empleos; Remesas a Baja California Caen 6%", "headline"),
        ("- Vecino Vigilante", "item"),
        ("• Maguey Azul", "item"),
        ("* Nopal de jardín", "item"),
        ("2) Sendero Seguro", "item"),
        ("- Platanillo y más.", "item"),
    ],
)
def test_title_case_lines_headings_and_short_list_items_are_style_lines(line: str, kind: str) -> None:
    assert line_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        # Spanish headlines are in sentence case: their capitals are names
        "Capturan en Tijuana a presunto generador de violencia; Fiscalía lo investiga por tres homicidios",
        "Xolos rescata el empate ante Monterrey en el Estadio Caliente; Águilas ganan en Hermosillo",
        # sentences, all capitals, datelines, bylines and credits
        "Gov. Katie Hobbs signed the bill on Wednesday.",
        "SOCCER - ENGLISH LEAGUE RESULTS",
        "TIJUANA, B.C. —",
        "MEXICALI, 2 dic (EFE)",
        "By Megan Lindqvist / Reuters",
        "Por Luis Armenta",
        "Photo: Courtesy of Arizona State Museum",
        "Man of the Match: Aravinda de Silva",
        # a name alone, as a signature
        "Glenn Somerville",
        "Liutauras Stremaitis",
        "- Kevin Ochoa",
        # results, fixtures, scorecards and tables
        "Dundee 2 Falkirk 1",
        "Phoenix Rising FC 1, El Paso Locomotive FC 1",
        "Águilas 6, Naranjeros 3",
        "- Xolos 2, Rayados 1",
        "1. Michelle Freeman (Jamaica) 12.71 seconds",
        "A. Stewart b Mushtaq Ahmed 46",
        "Results in the Trofej Beograd 96",
        "65 Billy Andrade, Duffy Waldorf, Jesper Parnevik (Sweden)",
        # a bullet that is a sentence, bullets of data, a single word
        "- Trade talks between Tunisia and the Palestinian Authority.",
        "- FOMYDE: 13 apoyos con un monto total de $94 mil pesos.",
        "- - -",
        "Seguridad",
    ],
)
def test_sentences_datelines_bylines_names_and_results_are_not_style_lines(line: str) -> None:
    assert line_kind(line) is None


def test_style_lines_are_found_with_their_offsets() -> None:
    text = "Tucson Exhibit Brings Weaving Traditions\n\nThe show opened.\n- Thread and Dye\n"
    assert [(text[s:e], kind) for s, e, kind in style_lines(text)] == [
        ("Tucson Exhibit Brings Weaving Traditions", "headline"),
        ("- Thread and Dye", "item"),
    ]


def test_the_label_of_a_long_list_item_before_its_colon_is_an_item() -> None:
    text = (
        "Programas:\n- Pies en Movimiento: Beneficiando a más de 3 mil niñas, niños y jóvenes de la ciudad.\n"
    )
    start = text.index("- Pies")
    assert style_lines(text) == [(start, text.index(":", start), "item")]
