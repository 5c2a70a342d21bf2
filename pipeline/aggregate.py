"""Corpus-wide work: reconcile types, link mentions to canonical entities, pick each entity's name.

In this order:

1. Curation (:mod:`pipeline.curation`): stoplisted names are dropped, aliases take their canonical key.
2. Type consensus: each document already gave every name one type from its own evidence
   (:mod:`pipeline.evidence`). A name's type in a document is now the best of its own scores plus a quarter
   of the scores the other documents gave it, so a document's own evidence counts first but a lone mistake
   ("Mexicali" as a person in one article, a place in five) is outvoted. Curated types override.
3. Acronyms and people (:mod:`pipeline.links`): a bare acronym takes the one long form the corpus defines
   it with; a shorter person name joins the one longest person name that contains it, within a document
   and, for names of two or more words and for surnames, across documents (ambiguous ones are listed in
   ``Corpus.unmerged``, joined surnames in ``Corpus.surnames``).
4. (with 3) Words are compared by match key, so case and accents do not matter.
5. Mentions with the same type and key are one entity; ``entity_id`` comes from type and key only, so it is
   stable across runs and corpora.
6. Place linking (:mod:`pipeline.places`): a location whose names (and curated canonical name) link to one
   place of the gazetteer gets its identity, and all locations linked to the same place are one entity
   ("Estados Unidos", "United States", "U.S.", "EE.UU."). Its ``entity_id`` comes from type and GeoNames id
   (``entity_id("location", "geonames:6252001")``), so it does not depend on which spellings a corpus has;
   its ``key`` is the match key of the name it displays. A location whose names link to two places, or to
   none, stays as it is; so does a name that starts in lower case ("río Bravo": the river, not the city).
   A city is linked only when a document that mentions it also names another place of the same country (a
   country, a state or another city that links): "Palma" among plants in a Mexican article is not Palma de
   Mallorca, "Mexicali" next to "Baja California" is Mexicali.
7. The displayed name is the canonical name of a curation alias if there is one, else the most complete
   variant: most words; then not in all capitals (headline style);
   then most mentions; then most accented letters (the carefully written form); then alphabetical order.
   For a linked place, only the variants that name it best compete: its names ("Chihuahua") before its other
   names ("Estado de Chihuahua") before its abbreviations ("Chih.").
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pipeline import links, places
from pipeline.curation import Curation
from pipeline.places import Place
from pipeline.records import ENTITY_TYPES, Corpus, DocumentResult, Entity, EntityType, Mention, MentionRow

OTHER_DOCUMENTS = 0.25


def aggregate(results: Iterable[DocumentResult], curation: Curation | None = None) -> Corpus:
    """Build the corpus view of per-document results (any order in, sorted order out)."""
    curation = curation or Curation()
    documents = tuple(sorted(results, key=lambda r: r.doc_id))
    curated: dict[str, set[str]] = defaultdict(set)  # key -> curation actions that shaped it
    mentions = {d.doc_id: _curate(d.mentions, curation, curated) for d in documents}
    mentions = links.alias_acronyms(_consensus(mentions, curation, curated))
    merges, unmerged, surnames = links.link_across_documents(mentions)

    groups: dict[tuple[EntityType, str], list[tuple[DocumentResult, Mention]]] = defaultdict(list)
    for document in documents:
        local = links.link_people(mentions[document.doc_id])
        for mention in mentions[document.doc_id]:
            key = mention.key
            if mention.type == "person":
                key = local.get(key, key)
                key = merges.get(key, key)
            groups[(mention.type, key)].append((document, mention))

    entities: list[Entity] = []
    rows: list[MentionRow] = []
    found = _link_locations(groups, curation)
    linked: dict[Place, list[tuple[str, list[tuple[DocumentResult, Mention]]]]] = defaultdict(list)
    for (entity_type, key), members in groups.items():
        place = found.get(key) if entity_type == "location" else None
        if place is not None:
            linked[place].append((key, members))
            continue
        canonical = curation.canonical_names.get(key)
        entity = _entity(entity_type, key, members, _actions(members, curated), canonical)
        entities.append(entity)
        rows.extend(MentionRow(d.doc_id, entity.entity_id, d.language, m) for d, m in members)
    for place, parts in linked.items():
        entity = _place_entity(place, parts, curation, curated)
        entities.append(entity)
        rows.extend(MentionRow(d.doc_id, entity.entity_id, d.language, m) for _, ms in parts for d, m in ms)

    rows.sort(key=lambda r: (r.doc_id, r.mention.start, r.mention.end, r.entity_id))
    entities.sort(key=lambda e: (e.type, -e.mentions, e.key, e.entity_id))
    per_document = Counter(doc_id for doc_id, _ in {(r.doc_id, r.entity_id) for r in rows})
    return Corpus(documents, tuple(rows), tuple(entities), dict(per_document), unmerged, surnames)


def link_place(names: Iterable[str]) -> Place | None:
    """The one place that the names of a location link to (:func:`pipeline.places.link`); ``None`` when
    none does or when two link to different places. Names that link to nothing do not count against it, and
    a name that starts in lower case is a description, not a name ("río Bravo" is the river, not the city)."""
    named = sorted(n for n in names if not n[:1].islower())
    found = {place for place in map(places.link, named) if place is not None}
    return found.pop() if len(found) == 1 else None


def _link_locations(
    groups: dict[tuple[EntityType, str], list[tuple[DocumentResult, Mention]]], curation: Curation
) -> dict[str, Place]:
    """Location key -> place, for the locations that link (:func:`link_place`) and, for a city, whose
    documents support it: one of them names another place of the same country."""
    found: dict[str, Place] = {}
    documents: dict[str, set[str]] = {}
    for (entity_type, key), members in groups.items():
        if entity_type != "location":
            continue
        canonical = curation.canonical_names.get(key)
        place = link_place({m.name for _, m in members} | ({canonical} if canonical else set()))
        if place is not None:
            found[key] = place
            documents[key] = {d.doc_id for d, _ in members}
    places_in: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for key, place in found.items():
        for doc_id in documents[key]:
            places_in[doc_id].add((place.geonames_id, place.country_code))
    return {
        key: place
        for key, place in found.items()
        if place.kind != "city"
        or any(
            country == place.country_code and other != place.geonames_id
            for doc_id in documents[key]
            for other, country in places_in[doc_id]
        )
    }


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


def _curate(
    mentions: Sequence[Mention], curation: Curation, curated: dict[str, set[str]]
) -> tuple[Mention, ...]:
    kept: list[Mention] = []
    for mention in mentions:
        if mention.key in curation.stop:
            continue
        if mention.key in curation.aliases:
            target, _ = curation.aliases[mention.key]
            curated[target].add("alias")
            mention = replace(mention, key=target)
        kept.append(mention)
    return tuple(kept)


def _consensus(
    mentions: dict[str, tuple[Mention, ...]], curation: Curation, curated: dict[str, set[str]]
) -> dict[str, tuple[Mention, ...]]:
    """Re-type every mention by its document's scores plus ``OTHER_DOCUMENTS`` x the other documents'."""
    per_document: dict[tuple[str, str], list[float]] = {}
    for doc_id, items in mentions.items():
        for m in items:  # every mention of a key in a document carries the same document-level scores
            seen = per_document.get((doc_id, m.key), [0.0, 0.0, 0.0])
            per_document[(doc_id, m.key)] = [max(a, b) for a, b in zip(seen, m.scores, strict=True)]
    corpus: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for (_, key), scores in per_document.items():
        corpus[key] = [a + b for a, b in zip(corpus[key], scores, strict=True)]
    result: dict[str, tuple[Mention, ...]] = {}
    for doc_id, items in mentions.items():
        retyped = []
        for m in items:
            own = per_document[(doc_id, m.key)]
            total = [o + OTHER_DOCUMENTS * (c - o) for o, c in zip(own, corpus[m.key], strict=True)]
            new_type = _best(total, m.type)
            if m.key in curation.types:
                new_type = curation.types[m.key]
                curated[m.key].add("type")
            retyped.append(m if new_type == m.type else replace(m, type=new_type))
        result[doc_id] = tuple(retyped)
    return result


def _best(scores: Sequence[float], current: EntityType) -> EntityType:
    top = max(scores)
    if scores[ENTITY_TYPES.index(current)] == top:
        return current  # ties keep the document's own decision
    return ENTITY_TYPES[list(scores).index(top)]


def _actions(members: list[tuple[DocumentResult, Mention]], curated: dict[str, set[str]]) -> tuple[str, ...]:
    return tuple(sorted(set().union(*(curated.get(m.key, set()) for _, m in members))))


def _place_entity(
    place: Place,
    parts: list[tuple[str, list[tuple[DocumentResult, Mention]]]],
    curation: Curation,
    curated: dict[str, set[str]],
) -> Entity:
    """One entity for every location linked to ``place``: the displayed name by :func:`pick_name` among the
    variants that name the place best, or a curated canonical name; the key of the variant displayed."""
    members = [member for _, part in parts for member in part]
    canonicals = sorted((curation.canonical_names[k], k) for k, _ in parts if k in curation.canonical_names)
    keys = {m.name: m.key for _, m in members}
    if canonicals:
        name, key = canonicals[0]
    else:
        names = Counter(m.name for _, m in members)
        rank = {n: _form_rank(n) for n in names}
        best = min(rank.values())
        name = pick_name(Counter({n: c for n, c in names.items() if rank[n] == best}))
        key = keys[name]
    entity = _entity("location", key, members, _actions(members, curated), name)
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
    members: list[tuple[DocumentResult, Mention]],
    curation: tuple[str, ...],
    canonical: str | None,
) -> Entity:
    names = Counter(m.name for _, m in members)
    name = canonical or pick_name(names)
    return Entity(
        entity_id=entity_id(entity_type, key),
        type=entity_type,
        key=key,
        name=name,
        aliases=tuple(sorted((n for n in names if n != name), key=lambda n: (n.casefold(), n))),
        doc_ids=tuple(sorted({d.doc_id for d, _ in members})),
        mentions=len(members),
        languages=tuple(sorted({d.language for d, _ in members})),
        curation=curation,
    )
