"""Corpus-wide work: reconcile types, link mentions to canonical entities, pick each entity's name.

In this order:

1. Curation (:mod:`pipeline.curation`): stoplisted names are dropped, aliases take their canonical key.
2. Type consensus: each document already gave every name one type from its own evidence
   (:mod:`pipeline.evidence`). A name's type in a document is now the best of its own scores plus a quarter
   of the scores the other documents gave it, so a document's own evidence counts first but a lone mistake
   ("Mexicali" as a person in one article, a place in five) is outvoted. Curated types override.
3. Within a document, a shorter person name whose words all appear, in order, in exactly one longest person
   name of the same document joins it ("Bustamante", "Norma Bustamante" -> "Norma Alicia Bustamante
   Martínez"). Words are compared by match key, so case and accents do not matter.
4. Across documents, a person name of two or more words joins the one longest person name in the corpus
   that contains its words in order; with several candidates it stays separate and is listed in
   ``Corpus.unmerged``.
5. Mentions with the same type and key are one entity; ``entity_id`` comes from type and key only, so it is
   stable across runs and corpora.
6. The displayed name is the canonical name of a curation alias if there is one, else the most complete
   variant: most words; then not in all capitals (headline style);
   then most mentions; then most accented letters (the carefully written form); then alphabetical order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pipeline.curation import Curation
from pipeline.normalize import contains_words
from pipeline.records import ENTITY_TYPES, Corpus, DocumentResult, Entity, EntityType, Mention, MentionRow

OTHER_DOCUMENTS = 0.25


def aggregate(results: Iterable[DocumentResult], curation: Curation | None = None) -> Corpus:
    """Build the corpus view of per-document results (any order in, sorted order out)."""
    curation = curation or Curation()
    documents = tuple(sorted(results, key=lambda r: r.doc_id))
    curated: dict[str, set[str]] = defaultdict(set)  # key -> curation actions that shaped it
    mentions = {d.doc_id: _curate(d.mentions, curation, curated) for d in documents}
    mentions = _consensus(mentions, curation, curated)
    merges, unmerged = link_across_documents(mentions)

    groups: dict[tuple[EntityType, str], list[tuple[DocumentResult, Mention]]] = defaultdict(list)
    for document in documents:
        links = link_people(mentions[document.doc_id])
        for mention in mentions[document.doc_id]:
            key = mention.key
            if mention.type == "person":
                key = links.get(key, key)
                key = merges.get(key, key)
            groups[(mention.type, key)].append((document, mention))

    entities: list[Entity] = []
    rows: list[MentionRow] = []
    for (entity_type, key), members in groups.items():
        actions = sorted(set().union(*(curated.get(m.key, set()) for _, m in members)))
        canonical = curation.canonical_names.get(key)
        entity = _entity(entity_type, key, members, tuple(actions), canonical)
        entities.append(entity)
        rows.extend(MentionRow(d.doc_id, entity.entity_id, d.language, m) for d, m in members)

    rows.sort(key=lambda r: (r.doc_id, r.mention.start, r.mention.end, r.entity_id))
    entities.sort(key=lambda e: (e.type, -e.mentions, e.key, e.entity_id))
    per_document = Counter(doc_id for doc_id, _ in {(r.doc_id, r.entity_id) for r in rows})
    return Corpus(documents, tuple(rows), tuple(entities), dict(per_document), unmerged)


def link_people(mentions: Sequence[Mention]) -> dict[str, str]:
    """Map each shorter person key of one document to the single longest person key that contains it.

    RETURNS (dict[str, str]): ``short key -> long key``; keys with no or several containing names are absent.
    """
    links, _ = _link({m.key for m in mentions if m.type == "person"}, min_words=1)
    return links


def link_across_documents(
    mentions: dict[str, tuple[Mention, ...]],
) -> tuple[dict[str, str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Cross-document person links: ``short key -> long key`` for names of two or more words, and the
    ambiguous names with their candidate keys."""
    people: set[str] = set()
    for document_mentions in mentions.values():
        local = link_people(document_mentions)
        people.update(local.get(m.key, m.key) for m in document_mentions if m.type == "person")
    return _link(people, min_words=2)


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


def _link(
    keys: set[str], *, min_words: int
) -> tuple[dict[str, str], tuple[tuple[str, tuple[str, ...]], ...]]:
    by_word: dict[str, set[str]] = defaultdict(set)  # an index, so that linking stays near-linear
    for key in keys:
        for word in key.split():
            by_word[word].add(key)

    def containing(key: str) -> list[str]:
        pool = set.intersection(*(by_word[word] for word in set(key.split())))
        return sorted((o for o in pool if o != key and contains_words(o, key)), key=_longest_first)

    longest = {key for key in keys if not containing(key)}
    links: dict[str, str] = {}
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    for key in sorted(keys - longest, key=_longest_first):
        if len(key.split()) < min_words:
            continue
        candidates = tuple(o for o in containing(key) if o in longest)
        if len(candidates) == 1:
            links[key] = candidates[0]
        elif candidates:
            ambiguous.append((key, candidates))
    return links, tuple(sorted(ambiguous))


def _longest_first(key: str) -> tuple[int, str]:
    return (-len(key.split()), key)


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
