"""What each canonical entity looks like: its identifier, its displayed name and aliases, its documents, and
for a location the place it links to. :mod:`pipeline.aggregate` decides which mentions are one entity and
hands over a :class:`Group` per type and match key, a summary that never holds the mentions themselves.

* ``entity_id`` comes from type and key only (:func:`entity_id`), so it is stable across runs and corpora.
* Place linking (:mod:`pipeline.places`): a location whose names (and curated canonical name) link to one
  place of the gazetteer gets its identity, and all locations linked to the same place are one entity
  ("Estados Unidos", "United States", "U.S.", "EE.UU."). Its ``entity_id`` comes from type and GeoNames id
  (:func:`place_id`), so it does not depend on which spellings a corpus has; its ``key`` is the match key of
  the name it displays. A location whose names link to two places, or to none, stays as it is; so does a
  name that starts in lower case ("río Bravo": the river, not the city). A city is linked only when a
  document that mentions it also names another place of the same country (a country, a state or another
  city that links): "Palma" among plants in a Mexican article is not Palma de Mallorca, "Mexicali" next to
  "Baja California" is Mexicali.
* The displayed name is the canonical name of a curation alias if there is one, else the most complete
  variant (:func:`pick_name`): most words; then not in all capitals (headline style); then most mentions;
  then most accented letters (the carefully written form); then alphabetical order. For a linked place,
  only the variants that name it best compete: its names ("Chihuahua") before its other names ("Estado de
  Chihuahua") before its abbreviations ("Chih.").
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipeline import places
from pipeline.curation import Curation
from pipeline.places import Place
from pipeline.records import Entity, EntityType

GroupKey = tuple[EntityType, str]


@dataclass(slots=True)
class Group:
    """The mentions of one type and match key across the corpus, summed up."""

    #: When the group was first met (order of documents, then of mentions): the later of two groups wins
    #: the match key of a spelling both have when they become one place.
    order: int
    names: Counter[str] = field(default_factory=Counter)
    doc_ids: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    #: The mentions' own keys (a person's shorter names joined to a longer one keep theirs): their curation
    #: actions are the entity's.
    keys: set[str] = field(default_factory=set)
    mentions: int = 0

    def add(self, doc_id: str, language: str, name: str, key: str) -> None:
        self.names[name] += 1
        self.doc_ids.add(doc_id)
        self.languages.add(language)
        self.keys.add(key)
        self.mentions += 1

    def absorb(self, other: Group) -> None:
        self.order = min(self.order, other.order)
        self.names.update(other.names)
        self.doc_ids |= other.doc_ids
        self.languages |= other.languages
        self.keys |= other.keys
        self.mentions += other.mentions


def build(
    groups: dict[GroupKey, Group], curation: Curation, curated: dict[str, set[str]]
) -> tuple[tuple[Entity, ...], dict[GroupKey, str]]:
    """Every entity, in output order (type, most mentions first, key), and the ``entity_id`` of each group.

    curated: key -> the curation actions that shaped mentions with that key (``alias``, ``type``).
    """
    entities: list[Entity] = []
    ids: dict[GroupKey, str] = {}
    found = _link_locations(groups, curation)
    linked: dict[Place, list[tuple[str, Group]]] = defaultdict(list)
    for (entity_type, key), group in groups.items():
        place = found.get(key) if entity_type == "location" else None
        if place is not None:
            linked[place].append((key, group))
            continue
        canonical = curation.canonical_names.get(key)
        entity = _entity(entity_type, key, [group], curated, canonical)
        entities.append(entity)
        ids[(entity_type, key)] = entity.entity_id
    for place, parts in linked.items():
        entities.append(_place_entity(place, sorted(parts, key=lambda p: p[1].order), curation, curated))
        ids.update({("location", key): entities[-1].entity_id for key, _ in parts})
    entities.sort(key=lambda e: (e.type, -e.mentions, e.key, e.entity_id))
    return tuple(entities), ids


def link_place(names: Iterable[str]) -> Place | None:
    """The one place that the names of a location link to (:func:`pipeline.places.link`); ``None`` when
    none does or when two link to different places. Names that link to nothing do not count against it, and
    a name that starts in lower case is a description, not a name ("río Bravo" is the river, not the city)."""
    named = sorted(n for n in names if not n[:1].islower())
    found = {place for place in map(places.link, named) if place is not None}
    return found.pop() if len(found) == 1 else None


def place_id(place: Place) -> str:
    """The ``entity_id`` of a linked place: from type and GeoNames id, e.g. ``loc-...`` for 6252001."""
    return entity_id("location", f"geonames:{place.geonames_id}")


def entity_id(entity_type: str, key: str) -> str:
    """Stable identifier from type and match key, e.g. ``per-1b2c3d4e5f60``."""
    digest = hashlib.sha256(f"{entity_type}\x1f{key}".encode()).hexdigest()
    return f"{entity_type[:3]}-{digest[:12]}"


def pick_name(names: Counter[str]) -> str:
    """The displayed name among spelling variants with their mention counts (rule in the module docstring)."""
    return min(
        names,
        key=lambda n: (-len(n.split()), n.isupper(), -names[n], -sum(not c.isascii() for c in n), n),
    )


def _link_locations(groups: dict[GroupKey, Group], curation: Curation) -> dict[str, Place]:
    """Location key -> place, for the locations that link (:func:`link_place`) and, for a city, whose
    documents support it: one of them names another place of the same country."""
    found: dict[str, Place] = {}
    for (entity_type, key), group in groups.items():
        if entity_type != "location":
            continue
        canonical = curation.canonical_names.get(key)
        place = link_place(set(group.names) | ({canonical} if canonical else set()))
        if place is not None:
            found[key] = place
    places_in: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for key, place in found.items():
        for doc_id in groups[("location", key)].doc_ids:
            places_in[doc_id].add((place.geonames_id, place.country_code))
    return {
        key: place
        for key, place in found.items()
        if place.kind != "city"
        or any(
            country == place.country_code and other != place.geonames_id
            for doc_id in groups[("location", key)].doc_ids
            for other, country in places_in[doc_id]
        )
    }


def _place_entity(
    place: Place, parts: list[tuple[str, Group]], curation: Curation, curated: dict[str, set[str]]
) -> Entity:
    """One entity for every location linked to ``place`` (``parts`` in the order they were first met): the
    displayed name by :func:`pick_name` among the variants that name the place best, or a curated canonical
    name; the key of the variant displayed (of the part met last, when two parts have it)."""
    canonicals = sorted((curation.canonical_names[k], k) for k, _ in parts if k in curation.canonical_names)
    if canonicals:
        name, key = canonicals[0]
    else:
        names: Counter[str] = Counter()
        for _, group in parts:
            names.update(group.names)
        rank = {n: _form_rank(n) for n in names}
        best = min(rank.values())
        name = pick_name(Counter({n: c for n, c in names.items() if rank[n] == best}))
        key = next(k for k, group in reversed(parts) if name in group.names)
    entity = _entity("location", key, [group for _, group in parts], curated, name)
    return replace(
        entity,
        entity_id=place_id(place),
        country_code=place.country_code,
        geonames_id=place.geonames_id,
        latitude=place.latitude,
        longitude=place.longitude,
    )


def _form_rank(name: str) -> int:
    found = places.match(name)
    return len(places.FORMS) if found is None else places.FORMS.index(found[1])


def _entity(
    entity_type: EntityType,
    key: str,
    groups: list[Group],
    curated: dict[str, set[str]],
    canonical: str | None,
) -> Entity:
    names: Counter[str] = Counter()
    for group in groups:
        names.update(group.names)
    name = canonical or pick_name(names)
    keys = set().union(*(group.keys for group in groups))
    return Entity(
        entity_id=entity_id(entity_type, key),
        type=entity_type,
        key=key,
        name=name,
        aliases=tuple(sorted((n for n in names if n != name), key=lambda n: (n.casefold(), n))),
        doc_ids=tuple(sorted(set().union(*(group.doc_ids for group in groups)))),
        mentions=sum(group.mentions for group in groups),
        languages=tuple(sorted(set().union(*(group.languages for group in groups)))),
        curation=tuple(sorted(set().union(*(curated.get(k, set()) for k in keys)))),
    )
