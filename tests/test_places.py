from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.places import Place, link, match
from tests.conftest import ANY_CHARACTER

UNITED_STATES = 6252001
MEXICO = 3996063
BAJA_CALIFORNIA = 4017700
SONORA = 3982846
CHIHUAHUA_STATE = 4014336
CHIHUAHUA_CITY = 4014338
ARIZONA = 5551752
CALIFORNIA = 5332921
TEXAS = 4736286
NEW_YORK_STATE = 5128638
MEXICO_CITY = 3527646
STATE_OF_MEXICO = 3523272
TIJUANA = 3981609
EL_PASO = 5520993


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [
        # countries: English and Spanish names, official names, abbreviations
        ("United States", UNITED_STATES),
        ("Estados Unidos", UNITED_STATES),
        ("ESTADOS UNIDOS", UNITED_STATES),
        ("United States of America", UNITED_STATES),
        ("Estados Unidos de América", UNITED_STATES),
        ("U.S.", UNITED_STATES),
        ("US", UNITED_STATES),
        ("USA", UNITED_STATES),
        ("U.S.A.", UNITED_STATES),
        ("EE.UU.", UNITED_STATES),
        ("EE. UU.", UNITED_STATES),
        ("EEUU", UNITED_STATES),
        ("estados unidos", UNITED_STATES),  # a match key works as well as a name
        ("Mexico", MEXICO),
        ("México", MEXICO),  # the country, not the state of the same name
        ("Estados Unidos Mexicanos", MEXICO),
        ("Canadá", 6251999),
        ("Rusia", 2017370),
        ("Corea del Sur", 1835841),
        ("UK", 2635167),
        # first-level divisions of Mexico and the United States: names, abbreviations, "Estado de ..."
        ("Baja California", BAJA_CALIFORNIA),
        ("B.C.", BAJA_CALIFORNIA),
        ("BC", BAJA_CALIFORNIA),
        ("Sonora", SONORA),
        ("Son.", SONORA),
        ("Chihuahua", CHIHUAHUA_STATE),  # the state before its capital
        ("Chih.", CHIHUAHUA_STATE),
        ("Chih", CHIHUAHUA_STATE),  # four letters that are no everyday word: the dot may be missing
        ("Estado de Chihuahua", CHIHUAHUA_STATE),
        ("Arizona", ARIZONA),
        ("Ariz.", ARIZONA),
        ("California", CALIFORNIA),
        ("Calif.", CALIFORNIA),
        ("Calif", CALIFORNIA),  # normalize drops the dot after five letters
        ("Texas", TEXAS),
        ("Tex.", TEXAS),
        ("State of Texas", TEXAS),
        ("New York", NEW_YORK_STATE),
        ("Nueva York", NEW_YORK_STATE),
        ("N.Y.", NEW_YORK_STATE),
        ("NY", NEW_YORK_STATE),
        ("Nuevo México", 5481136),
        ("Coahuila", 4013674),
        ("Coahuila de Zaragoza", 4013674),
        ("Mexico City", MEXICO_CITY),
        ("Ciudad de México", MEXICO_CITY),
        ("CDMX", MEXICO_CITY),
        ("Estado de México", STATE_OF_MEXICO),
        ("Edomex", STATE_OF_MEXICO),
        ("Q. Roo", 3520887),
        ("Wash.", 5815135),
        ("D.C.", 4138106),
        # cities: one of that name, or one ten times bigger than any other
        ("Tijuana", TIJUANA),
        ("TIJUANA", TIJUANA),
        ("Ciudad Juárez", 4013708),
        ("El Paso", EL_PASO),  # Colorado Springs' alternate "El Paso" does not compete with a name
        ("Los Angeles", 5368361),
        ("Panama City", 3703443),  # not Panama City, Florida: a tenth of its size
        ("Ciudad de Chihuahua", CHIHUAHUA_CITY),
        ("Chihuahua City", CHIHUAHUA_CITY),
        ("Heroica Caborca", 4004887),
        ("Caborca", 4004887),  # a short form of its GeoNames name
    ],
)
def test_links(name: str, geonames_id: int) -> None:
    place = link(name)
    assert place is not None, name
    assert place.geonames_id == geonames_id


@pytest.mark.parametrize(
    "name",
    [
        "EU",  # European Union as often as Estados Unidos
        "Korea",  # two countries
        "Congo",
        "Georgia",  # a country and a US state
        "Granada",  # Spanish for Grenada, and a city of Spain twice its size
        "Washington",  # a state, and a capital city of 690,000 outside it
        "Mich.",  # Michigan and Michoacán
        "Valencia",  # Spain and Venezuela
        "Santa Cruz",
        "San Luis",
        "Juárez",  # Ciudad Juárez and Ciudad Benito Juárez: 5 to 1
        "Matamoros",  # Heroica Matamoros and Matamoros, Coahuila: under 10 to 1
        "Manzanillo",  # Mexico and Cuba
        "Asia",  # a continent, not the city in the Philippines
        "América",
        "Son",  # "Son." is Sonora, the word is not
        "Wash",
        "us",  # "US" is the United States, "us" a pronoun
        "Usa",
        "Col.",  # Colima's abbreviation is also colonel's
        "Miss.",
        "Mexicali Valley",
        "Somewhere Nobody Has Heard Of",
        "",
        "...",
        "Estado de Nowhere",
        "Ciudad de Nowhere",
    ],
)
def test_does_not_link(name: str) -> None:
    assert link(name) is None


def test_a_place_has_its_country_and_for_a_city_its_point() -> None:
    assert link("Tijuana") == Place(TIJUANA, "city", "Tijuana", "MX", 32.5027, -117.00371)
    assert link("EE.UU.") == Place(UNITED_STATES, "country", "United States", "US")
    sonora = link("Sonora")
    assert sonora is not None
    assert (sonora.kind, sonora.country_code, sonora.latitude, sonora.longitude) == (
        "division",
        "MX",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Estados Unidos", "name"),
        ("Estados Unidos de América", "other name"),
        ("EE.UU.", "abbreviation"),
        ("Chihuahua", "name"),
        ("Estado de Chihuahua", "other name"),
        ("Chih.", "abbreviation"),
        ("Tijuana", "name"),
        ("Chihuahua City", "other name"),
    ],
)
def test_match_says_how_a_name_names_its_place(name: str, form: str) -> None:
    found = match(name)
    assert found is not None
    assert found[1] == form


@given(st.text(ANY_CHARACTER, max_size=40))
def test_link_never_raises(text: str) -> None:
    place = link(text)
    assert place is None or isinstance(place, Place)


@pytest.mark.parametrize("name", ["Estados Unidos", "Ciudad de México", "Nuevo León", "Chih.", "Tijuana"])
def test_case_and_accents_do_not_matter(name: str) -> None:
    plain = name.translate(str.maketrans("áéíóú", "aeiou"))
    assert link(name) is not None
    assert link(name.upper()) == link(name.lower()) == link(plain) == link(name)
