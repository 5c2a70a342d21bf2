"""Corpus-wide work: link mentions to canonical entities and pick each entity's displayed name.

1. Within a document, a shorter person name whose words all appear, in order, in exactly one longest person
   name of the same document joins it ("Bustamante", "Norma Bustamante" -> "Norma Alicia Bustamante
   Martínez"). Words are compared by match key, so case and accents do not matter.
2. Across documents, mentions with the same type and (linked) match key are one entity. Its ``entity_id`` is
   derived from type and key only, so it is stable across runs and corpora.
3. The displayed name is the most complete variant: most words; then not in all capitals (headline style);
   then most mentions; then most accented letters (the carefully written form); then alphabetical order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from pipeline.records import Corpus, DocumentResult, Entity, EntityType, Mention, MentionRow


def aggregate(results: Iterable[DocumentResult]) -> Corpus:
    """Build the corpus view of per-document results (any order in, sorted order out)."""
    documents = tuple(sorted(results, key=lambda r: r.doc_id))
    groups: dict[tuple[EntityType, str], list[tuple[DocumentResult, Mention]]] = defaultdict(list)
    for document in documents:
        links = link_people(document.mentions)
        for mention in document.mentions:
            key = links.get(mention.key, mention.key) if mention.type == "person" else mention.key
            groups[(mention.type, key)].append((document, mention))

    entities: list[Entity] = []
    rows: list[MentionRow] = []
    for (entity_type, key), members in groups.items():
        entity = _entity(entity_type, key, members)
        entities.append(entity)
        rows.extend(MentionRow(d.doc_id, entity.entity_id, d.language, m) for d, m in members)

    rows.sort(key=lambda r: (r.doc_id, r.mention.start, r.mention.end, r.entity_id))
    entities.sort(key=lambda e: (e.type, -e.mentions, e.key, e.entity_id))
    per_document = Counter(doc_id for doc_id, _ in {(r.doc_id, r.entity_id) for r in rows})
    return Corpus(documents, tuple(rows), tuple(entities), dict(per_document))


def link_people(mentions: Sequence[Mention]) -> dict[str, str]:
    """Map each shorter person key of one document to the single longest person key that contains it.

    RETURNS (dict[str, str]): ``short key -> long key``; keys with no or several containing names are absent.
    """
    keys = sorted({m.key for m in mentions if m.type == "person"}, key=lambda k: (-len(k.split()), k))
    longest = [k for k in keys if not any(other != k and _contains(other, k) for other in keys)]
    links: dict[str, str] = {}
    for key in keys:
        if key in longest:
            continue
        containing = [long for long in longest if _contains(long, key)]
        if len(containing) == 1:
            links[key] = containing[0]
    return links


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


def _entity(entity_type: EntityType, key: str, members: list[tuple[DocumentResult, Mention]]) -> Entity:
    names = Counter(m.name for _, m in members)
    name = pick_name(names)
    return Entity(
        entity_id=entity_id(entity_type, key),
        type=entity_type,
        key=key,
        name=name,
        aliases=tuple(sorted((n for n in names if n != name), key=lambda n: (n.casefold(), n))),
        doc_ids=tuple(sorted({d.doc_id for d, _ in members})),
        mentions=len(members),
        languages=tuple(sorted({d.language for d, _ in members})),
    )


def _contains(long: str, short: str) -> bool:
    """True when every word of ``short`` appears in ``long`` in the same order (not necessarily adjacent)."""
    words = iter(long.split())
    return all(word in words for word in short.split())
