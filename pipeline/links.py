"""Which names are the same person or organization across a corpus: people's shorter names, surnames,
and acronyms defined in one document and used bare in another.

* Within a document, a shorter person name whose words all appear, in order, in exactly one longest person
  name of the same document joins it ("Bustamante", "Norma Bustamante" -> "Norma Alicia Bustamante
  Martínez"). Words are compared by match key, so case and accents do not matter.
* Across documents, a person name of two or more words joins the one longest person name in the corpus
  that contains its words in order; with several candidates it stays separate and is listed as unmerged.
  A one-word name that only one longer person name in the corpus has, and not as its first word (a
  surname: "Bustamante", not "Norma"), joins it too, and is listed as a joined surname so that an analyst
  can see why.
* An acronym defined in a document ("Comisión Mexicana de Ayuda a Refugiados (COMAR)") is its long form's
  name there (:mod:`pipeline.analysis`); where the corpus defines it with one long form only, its bare
  mentions in the other documents are that long form's too, with its type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pipeline.normalize import contains_words
from pipeline.records import EntityType, Mention

Unmerged = tuple[tuple[str, tuple[str, ...]], ...]


def link_people(mentions: Sequence[Mention]) -> dict[str, str]:
    """Map each shorter person key of one document to the single longest person key that contains it.

    RETURNS (dict[str, str]): ``short key -> long key``; keys with no or several containing names are absent.
    """
    links, _ = _link({m.key for m in mentions if m.type == "person"}, min_words=1)
    return links


def link_across_documents(
    people: Iterable[str],
) -> tuple[dict[str, str], Unmerged, tuple[tuple[str, str], ...]]:
    """Cross-document person links ``short key -> long key`` among the corpus's person keys (each
    document's after :func:`link_people`): names of two or more words, and surnames; then the ambiguous
    names of two or more words with their candidate keys, and the joined surnames."""
    keys = set(people)
    links, unmerged = _link(keys, min_words=2)
    single, _ = _link(keys, min_words=1)
    surnames = {k: v for k, v in single.items() if " " not in k and not v.startswith(k + " ")}
    return links | surnames, unmerged, tuple(sorted(surnames.items()))


def alias_bare(
    mentions: Sequence[Mention], aliases: dict[str, tuple[str, EntityType]]
) -> tuple[Mention, ...]:
    """A document's mentions with each bare acronym of ``aliases`` (``acronym key -> (long form's key,
    type)``: the acronyms that the corpus defines with one long form only) re-keyed and re-typed as its long
    form's (module docstring)."""
    return tuple(
        replace(m, key=aliases[m.key][0], alias_key=m.key, type=aliases[m.key][1])
        if not m.alias_key and m.key in aliases
        else m
        for m in mentions
    )


def _link(keys: set[str], *, min_words: int) -> tuple[dict[str, str], Unmerged]:
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
