"""Ambiguous place names: which one place, if any, each name of the gazetteer links to.

:mod:`pipeline.gazetteer` collects every place (its kind, country, first-level division and population) and
every name it is known by into a :class:`Builder`; :func:`resolve` then decides each name by the rules of
:mod:`pipeline.places` ("When a name is unambiguous") and returns the tables that :func:`pipeline.places.link`
reads: a name links to one place, or to none when another place has a fair claim to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.normalize import match_key
from pipeline.places import CITY_FORM, DIVISION_FORM, Place, PlaceKind, compact_form, dotted_form

#: The most populous candidate wins only with at least this many times the people of the next one.
DOMINANCE = 10
#: Cities smaller than this are never linked (the threshold of :func:`pipeline.lexicons.places`)...
CITY_POPULATION = 15_000
#: ...but cities from this size up count as other places of the same name.
RIVAL_POPULATION = 5_000
#: A city this big outside a division makes the division's name ambiguous ("Washington").
MAJOR_CITY = 100_000


@dataclass
class Candidate:
    """A place that a name may link to, and how the name names it (an index of
    :data:`pipeline.places.FORMS`)."""

    place: int
    form: int
    #: For cities: the name is the city's GeoNames name or a short form of it ("Matamoros" for "Heroica
    #: Matamoros"), not an unrelated alternate (a former or a county's name: "El Paso" for Colorado Springs).
    strong: bool = True


@dataclass
class Builder:
    """Every place (as the stored row of a :class:`pipeline.places.Place`, with its kind, country, admin1
    code and population by index) and every name's candidates, as :mod:`pipeline.gazetteer` gathers them."""

    places: list[list[Any]] = field(default_factory=list)
    kinds: list[PlaceKind] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    names: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
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
                self.names[key].append(Candidate(index, form, strong))


def resolve(b: Builder) -> dict[str, Any]:
    """Decide every name by the rules of :mod:`pipeline.places`: the tables it reads, as JSON data."""
    from pipeline import lexicons
    from pipeline.titles import TITLES

    dotted: dict[str, set[int]] = defaultdict(set)
    acronyms: dict[str, set[int]] = defaultdict(set)
    for abbreviation, index in b.abbreviations:
        if {abbreviation.casefold(), abbreviation.casefold().rstrip(".")} & set(TITLES):
            continue  # "Miss.", "Col.": a title before a name
        form = dotted_form(abbreviation)
        if form is not None:
            dotted[form].add(index)
        compact = compact_form(abbreviation)
        if compact is not None:
            acronyms[compact].add(index)
        key = match_key(abbreviation) or ""
        if len(key) > 4 or (
            len(key) == 4 and not any(lexicons.is_common_word(key, language) for language in ("en", "es"))
        ):
            b.names[key].append(Candidate(index, 2))  # also without its dot: "Calif", "Chih", "Edomex"

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
        elif DIVISION_FORM.fullmatch(key) or CITY_FORM.fullmatch(key):
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


def _choose(b: Builder, candidates: list[Candidate]) -> int | None:
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


def _city(b: Builder, candidates: list[Candidate]) -> int | None:
    """The city rule of :mod:`pipeline.places`: names first, other alternates only when 10x bigger."""
    primary = {c.place for c in candidates if c.strong}
    alternate = {c.place for c in candidates} - primary
    pop = b.population
    largest_primary = max((pop[p] for p in primary), default=0)
    if alternate and max(pop[p] for p in alternate) >= DOMINANCE * largest_primary:
        winner = _dominant(b, primary | alternate)
    else:
        winner = _dominant(b, primary)
    return winner if winner is not None and pop[winner] >= CITY_POPULATION else None


def _dominant(b: Builder, places: set[int]) -> int | None:
    if not places:
        return None
    ranked = sorted(places, key=lambda p: (-b.population[p], b.places[p][0]))
    top = ranked[0]
    if len(ranked) > 1 and b.population[ranked[1]] * DOMINANCE > b.population[top]:
        return None
    return top
