from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.acronyms import Definition, aliases, definitions


def pairs(text: str) -> list[tuple[str, str]]:
    return [(text[d.short_start : d.short_end], text[d.long_start : d.long_end]) for d in definitions(text)]


# "Long Form (ACR)": the long form runs from the word where the first letter matched to the bracket.
FORWARD = [
    (
        "Según el Instituto Nacional de Estadística y Geografía (INEGI), el empleo cayó.",
        "INEGI",
        "Instituto Nacional de Estadística y Geografía",
    ),
    (
        "figures released Thursday by U.S. Customs and Border Protection (CBP) show",
        "CBP",
        "Customs and Border Protection",
    ),
    (
        "acudirá a la Comisión Mexicana de Ayuda a Refugiados (Comar) el lunes.",
        "Comar",
        "Comisión Mexicana de Ayuda a Refugiados",
    ),
    (
        "El plan se coordinará con la Secretaría de Seguridad Ciudadana de Baja California (SSCBC).",
        "SSCBC",
        "Secretaría de Seguridad Ciudadana de Baja California",
    ),
    (
        "The Fresh Produce Association of the Americas (FPAA) said",
        "FPAA",
        "Fresh Produce Association of the Americas",
    ),
    ("The Texas Department of Transportation (TxDOT) said", "TxDOT", "Texas Department of Transportation"),
    (
        "El Servicio de Administración Tributaria (SAT) informó",
        "SAT",
        "Servicio de Administración Tributaria",
    ),
    (
        "la Secretaría de Educación Pública y Cultura (SEPyC)",
        "SEPyC",
        "Secretaría de Educación Pública y Cultura",
    ),
    ("la Secretaría de Marina (Semar) y", "Semar", "Secretaría de Marina"),
    (
        "la Comisión Federal para la Protección contra Riesgos Sanitarios (Cofepris)",
        "Cofepris",
        "Comisión Federal para la Protección contra Riesgos Sanitarios",
    ),
    ("en el Museo de Arte de Sonora (Musas) y", "Musas", "Museo de Arte de Sonora"),
    (
        "the United States-Mexico-Canada Agreement (USMCA)",
        "USMCA",
        "United States-Mexico-Canada Agreement",
    ),
    (
        "del Tratado entre México, Estados Unidos y Canadá (T-MEC)",
        "T-MEC",
        "Tratado entre México, Estados Unidos y Canadá",
    ),
    ("Los Angeles Police Department (LAPD)", "LAPD", "Los Angeles Police Department"),
    ("el Grupo de los 20 (G20)", "G20", "Grupo de los 20"),
    ("the Department of Homeland Security's (DHS)", "DHS", "Department of Homeland Security"),
    ("el “Programa Sembrando Vida” (PSV)", "PSV", "Programa Sembrando Vida"),
    ("Petróleos Mexicanos (Pemex) reportó", "Pemex", "Petróleos Mexicanos"),
    # Spanish plurals double the initials.
    ("viajó a Estados Unidos (EE.UU.) ayer", "EE.UU.", "Estados Unidos"),
    # A trailing remark after a comma is not part of the short form.
    (
        "Customs and Border Protection (CBP, por sus siglas en inglés)",
        "CBP",
        "Customs and Border Protection",
    ),
    # An article inside the bracket is not part of the short form.
    (
        "investigador de El Colegio de la Frontera Norte (El Colef)",
        "Colef",
        "Colegio de la Frontera Norte",
    ),
]


@pytest.mark.parametrize(("text", "short", "long"), FORWARD)
def test_forward_definitions(text: str, short: str, long: str) -> None:
    assert pairs(text) == [(short, long)]


# Of the words that can start the long form: most word initials, then a non-article, then the nearest.
START = [
    (
        "Agentes de la Fiscalía General de la República (FGR) detuvieron",
        "Fiscalía General de la República",
    ),
    (
        "Personal de la Agencia Nacional de Aduanas de México (ANAM) revisó",
        "Agencia Nacional de Aduanas de México",
    ),
    ("La Liga Mexicana del Pacífico (LMP)", "Liga Mexicana del Pacífico"),
    ("el Instituto Nacional de Migración (INM)", "Instituto Nacional de Migración"),
    ("con el BBVA la fusión de ambos grupos, Banamex Accival (BANACCI)", "Banamex Accival"),
]


@pytest.mark.parametrize(("text", "long"), START)
def test_long_form_start(text: str, long: str) -> None:
    assert [found for _, found in pairs(text)] == [long]


# Function words do not count toward min(|A| + 5, |A| * 2) words; other words do.
WINDOW = [
    ("La Fiscalía General del Estado de Baja California (FGE) dijo", True),
    ("Comisión uno dos tres cuatro Federal Electricidad (CFE)", False),  # 7 words for 3 letters
    ("Comisión uno dos tres Federal Electricidad (CFE)", True),
]


@pytest.mark.parametrize(("text", "found"), WINDOW)
def test_word_limit(text: str, found: bool) -> None:
    assert bool(definitions(text)) is found


# The long form never crosses a stop, a line break, another bracket or the acronym itself.
STOPS = [
    "Comisión Federal: de Electricidad (CFE)",
    "Comisión Federal; de Electricidad (CFE)",
    "Comisión Federal\nde Electricidad (CFE)",
    "Comisión (Federal) de Electricidad (CFE)",
    "Habló la Comisión. Federal de Electricidad (CFE)",
    "Comisión Federal — de Electricidad (CFE)",
    "la aplicación CBP One, de la Oficina de Aduanas y Protección Fronteriza (CBP, por sus siglas en inglés)",
]


@pytest.mark.parametrize("text", STOPS)
def test_window_stops(text: str) -> None:
    assert definitions(text) == []


def test_abbreviations_do_not_end_the_sentence() -> None:
    assert pairs("Mr. Smith met the Dr. Jones Foundation (DJF).") == [("DJF", "Dr. Jones Foundation")]


# Brackets that hold no acronym, or an acronym whose letters do not match.
REJECTED = [
    "el informe (en inglés) de la ONU",
    "la Comisión Federal de Electricidad (2024)",
    "El Paso Times (foto) publicó",
    "Club Tijuana 2, San Diego FC 1 (friendly)",
    "MEXICALI, B.C. (Agencia) — El plan",
    "la Comisión Federal de Electricidad (C)",
    "el Papa Juan Pablo (II) y Isabel Inés (II)",
    "el siglo Veinte y Uno (XXI)",
    "la Comisión Federal de Electricidad (PRI)",
    "el Servicio de Inmigración y Control de Aduanas (ICE)",  # the E of "de" does not count
    "ESTAFA Sevilla (EFE)",  # a headline word and a dateline
    "Armen Martirosyan (Armenia) 6-4",  # one capital: needs two word initials
    "el Banco de México (Banxico)",  # a blend with one initial: missed, like any such name
    "según la Comisión Federal de electricidad (CFE)",  # the last word must be a name
]


@pytest.mark.parametrize("text", REJECTED)
def test_rejected(text: str) -> None:
    assert definitions(text) == []


# "ACR (Long Form)": the short form is the word before the bracket.
REVERSED = [
    (
        "Pagó ante el SAT (Servicio de Administración Tributaria) en marzo.",
        "SAT",
        "Servicio de Administración Tributaria",
    ),
    (
        "la Comar (Comisión Mexicana de Ayuda a Refugiados)",
        "Comar",
        "Comisión Mexicana de Ayuda a Refugiados",
    ),
    ("el SAT (el Servicio de Administración Tributaria)", "SAT", "Servicio de Administración Tributaria"),
    (
        "el SAT (Servicio de Administración Tributaria, que depende de Hacienda)",
        "SAT",
        "Servicio de Administración Tributaria",
    ),
]


@pytest.mark.parametrize(("text", "short", "long"), REVERSED)
def test_reversed_definitions(text: str, short: str, long: str) -> None:
    assert pairs(text) == [(short, long)]


@pytest.mark.parametrize(
    "text",
    [
        "ante el SAT (aquí el Servicio de Administración Tributaria)",
        "el SAT (Sistema Solar)",
        "Hermosillo (Sonora, México)",
    ],
)
def test_reversed_rejected(text: str) -> None:
    assert definitions(text) == []


# English news translates Spanish names and keeps their acronyms: initials in another order.
TRANSLATED = [
    ("Mexico's National Migration Institute (INM) said", "National Migration Institute"),
    ("the Mexican Social Security Institute (IMSS) said", "Mexican Social Security Institute"),
    ("el Instituto Americano del Petróleo (API)", "Instituto Americano del Petróleo"),
]


@pytest.mark.parametrize(("text", "long"), TRANSLATED)
def test_translated_names(text: str, long: str) -> None:
    assert [found for _, found in pairs(text)] == [long]


def test_offsets_and_order() -> None:
    text = "El SAT (Servicio de Administración Tributaria) y la Comisión Federal de Electricidad (CFE)."
    found = definitions(text)
    assert found == sorted(found)
    assert found[0] == Definition(3, 6, 8, 45)
    assert text[found[1].short_start : found[1].short_end] == "CFE"
    assert text[found[1].long_start : found[1].long_end] == "Comisión Federal de Electricidad"


def test_aliases_map_each_acronym_to_the_name_its_first_definition_ends_with() -> None:
    text = (
        "la Secretaría de Marina (Semar) dijo. Luego la Semar (Secretaría de Marina Armada) y la "
        "Comisión Federal de Electricidad (CFE). La Semar y la CFE firmaron. U.S. Customs and Border "
        "Protection (CBP) y Border Protection (BP)."
    )

    def span(name: str) -> tuple[int, int]:
        return text.index(name), text.index(name) + len(name)

    names = {
        span("Secretaría de Marina"): "secretaria de marina",
        span("Comisión Federal de Electricidad"): "comision federal de electricidad",
        span("U.S. Customs and Border Protection"): "us customs and border protection",  # a place before
        (text.index("Protection (BP)"), text.index(" (BP)")): "protection",  # starts after the long form
    }
    assert aliases(text, definitions(text), names) == {
        "semar": "secretaria de marina",
        "cfe": "comision federal de electricidad",
        "cbp": "us customs and border protection",
    }


# Pieces that make brackets, names, stops and odd characters meet often.
FRAGMENTS = st.sampled_from(
    " (|)|(INM)| de |Comisión |Federal |National Migration Institute |(CFE, |SAT (|. |\n|–|—|É|ß|İ|ǅ"
    "|EE.UU.".split("|")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), FRAGMENTS), max_size=40).map("".join))
def test_any_text(text: str) -> None:
    found = definitions(text)
    assert found == sorted(found)
    for d in found:
        assert 0 <= d.short_start < d.short_end <= len(text)
        assert 0 <= d.long_start < d.long_end <= len(text)
        short, long = text[d.short_start : d.short_end], text[d.long_start : d.long_end]
        assert short == short.strip()
        assert long == long.strip()
        assert "\n" not in long
        assert d.long_end <= d.short_start or d.short_end <= d.long_start


def test_linear_time_on_long_documents() -> None:
    paragraph = (
        "Agentes de la Fiscalía General de la República (FGR) y de la Secretaría de Marina (Semar) "
        "aseguraron (en Tijuana) 200 kilos. El SAT (Servicio de Administración Tributaria) informó "
        "que U.S. Customs and Border Protection (CBP) colaboró (foto: Agencia).\n"
    )
    small, large = paragraph * (250_000 // len(paragraph)), paragraph * (2_000_000 // len(paragraph))
    timings = []
    for text in (small, large):
        began = time.perf_counter()
        assert len(definitions(text)) == 4 * (len(text) // len(paragraph))
        timings.append(time.perf_counter() - began)
    assert timings[1] < 5.0
    assert timings[1] < 16 * timings[0] + 0.5  # 8x the text: about 8x the time, never quadratic


@pytest.mark.parametrize(
    "text",
    ["(" * 200_000, "(AB) " * 40_000, "x" * 1_000_000 + " Banco de México (BM)", "Ab " * 300_000 + "(AB)"],
)
def test_hostile_texts_stay_fast(text: str) -> None:
    began = time.perf_counter()
    definitions(text)
    assert time.perf_counter() - began < 2.0
