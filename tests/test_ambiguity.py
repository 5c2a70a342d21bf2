from __future__ import annotations

from typing import Any

from pipeline.ambiguity import CITY_POPULATION, DOMINANCE, Builder, resolve
from pipeline.places import Place


def linked(tables: dict[str, Any], key: str) -> int | None:
    """The GeoNames id that ``key`` links to in resolved ``tables``, if any."""
    found = tables["names"].get(key)
    return None if found is None else int(tables["places"][found[0]][0])


def city(b: Builder, geonames_id: int, name: str, country: str, population: int, admin1: str = "") -> int:
    index = b.add(Place(geonames_id, "city", name, country, 0.0, 0.0), admin1=admin1, population=population)
    b.name(index, [name], 0)
    return index


def test_a_country_loses_its_name_to_a_division_of_another_country() -> None:
    b = Builder()
    country = b.add(Place(1, "country", "Georgia", "GE"), population=3_700_000)
    division = b.add(Place(2, "division", "Georgia", "US"), admin1="GA")
    b.name(country, ["Georgia"], 0)
    b.name(division, ["Georgia"], 0)
    tables = resolve(b)
    assert linked(tables, "georgia") is None
    assert tables["places"][tables["divisions"]["georgia"]][0] == 2  # "Estado de Georgia" is the state


def test_a_country_keeps_its_name_over_its_own_cities() -> None:
    b = Builder()
    country = b.add(Place(1, "country", "Mexico", "MX"), population=120_000_000)
    b.name(country, ["México"], 0)
    city(b, 2, "México", "MX", 12_000_000)
    assert linked(resolve(b), "mexico") == 1


def test_a_city_links_only_when_ten_times_bigger_than_every_other() -> None:
    b = Builder()
    city(b, 1, "Nogales", "MX", DOMINANCE * 20_000, admin1="26")
    city(b, 2, "Nogales", "US", 20_000, admin1="AZ")
    city(b, 3, "Juárez", "MX", 1_500_000)
    city(b, 4, "Juárez", "MX", 1_500_000 // DOMINANCE + 1)
    city(b, 5, "Smallville", "US", CITY_POPULATION - 1)
    tables = resolve(b)
    assert linked(tables, "nogales") == 1
    assert linked(tables, "juarez") is None
    assert linked(tables, "smallville") is None  # too small to link, big enough to compete


def test_abbreviations_shared_or_also_titles_link_to_nothing() -> None:
    b = Builder()
    michigan = b.add(Place(1, "division", "Michigan", "US"), admin1="MI")
    michoacan = b.add(Place(2, "division", "Michoacán", "MX"), admin1="16")
    colima = b.add(Place(3, "division", "Colima", "MX"), admin1="08")
    california = b.add(Place(4, "division", "California", "US"), admin1="CA")
    b.abbreviations += [("Mich.", michigan), ("Mich.", michoacan), ("Col.", colima), ("Calif.", california)]
    tables = resolve(b)
    assert tables["dotted"]["mich"] == -1
    assert "col" not in tables["dotted"]
    assert tables["places"][tables["dotted"]["calif"]][0] == 4
    assert tables["names"]["calif"][1] == 2  # five letters: also without the dot, as an abbreviation


def test_continents_are_never_linked() -> None:
    b = Builder()
    city(b, 1, "Asia", "PH", 40_000)
    b.blocked.add("asia")
    assert linked(resolve(b), "asia") is None
