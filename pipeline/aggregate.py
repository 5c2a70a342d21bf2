"""Corpus-wide work: which canonical entity each mention is, with what type.

In this order:

1. Curation (:mod:`pipeline.curation`): stoplisted names are dropped, aliases take their canonical key.
2. Type consensus (:mod:`pipeline.consensus`): each document already gave every name one type from its own
   evidence (:mod:`pipeline.evidence`). A name's type in a document is now the best of its own scores plus
   a quarter of the scores the other documents gave it, so a document's own evidence counts first but a
   lone mistake ("Mexicali" as a person in one article, a place in five) is outvoted. Curated types
   override.
3. Acronyms and people (:mod:`pipeline.links`): a bare acronym takes the one long form the corpus defines
   it with; a shorter person name joins the one longest person name that contains it, within a document
   and, for names of two or more words and for surnames, across documents (ambiguous ones are listed in
   ``Corpus.unmerged``, joined surnames in ``Corpus.surnames``).
4. (with 3) Words are compared by match key, so case and accents do not matter.
5. Mentions with the same type and key are one entity; :mod:`pipeline.entities` gives each its identifier,
   links locations to places (all the names of one place are one entity) and picks the displayed name.

**Bounded memory.** The documents are read three times, one at a time, and never held together (in a run
they come from the results store: :class:`~pipeline.records.Documents`). What stays in memory is kept per
name and per entity, never per mention:

* the survey (:func:`pipeline.consensus.survey`): curation, each name's scores summed over the corpus, the
  acronyms the corpus defines, the tally of documents;
* the grouping (:func:`_group`): each document's mentions resolved (curated, re-typed, acronyms and people
  within the document: :class:`_Resolver`) and summed up per type and key (:class:`~pipeline.entities.Group`);
  then people across documents, on those keys, and the entities;
* the export (:attr:`~pipeline.records.Corpus.placed`): each document with its mentions' entity ids, as the
  outputs list it; in a run, read back as the grouping kept it resolved in the scratch folder
  (:class:`_Resolved`), else resolved once more.

With ``parallel``, the survey and the grouping each read the first half of the documents here and the
second in a forked process, and merge (:func:`_halves`): the same result as one reading.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from pipeline import consensus, entities, links, workers
from pipeline.curation import Curation
from pipeline.entities import Group, GroupKey
from pipeline.records import (
    Corpus,
    DocumentResult,
    Documents,
    EntityType,
    Mention,
    MentionRow,
    Placed,
)

T = TypeVar("T")

#: Documents from which, with ``parallel``, the first two readings are shared with a forked process.
PARALLEL_DOCUMENTS = 400


def aggregate(
    results: Iterable[DocumentResult] | Documents,
    curation: Curation | None = None,
    *,
    parallel: bool = False,
    scratch: Path | None = None,
) -> Corpus:
    """Build the corpus view of per-document results: any iterable of them (sorted here, in memory), or
    :class:`~pipeline.records.Documents` (already in order; read two or three times, never held).

    parallel: a forked process may read the second half of the documents in the survey and the grouping
    while this one reads the first, for the same result (:func:`_halves`).
    scratch: a folder where the grouping keeps each document with its mentions resolved, for the export
    to read instead of reading the documents and resolving their mentions again (:class:`_Resolved`)."""
    curation = curation or Curation()
    documents = results if isinstance(results, Documents) else tuple(sorted(results, key=lambda r: r.doc_id))
    halves = parallel and len(documents) >= PARALLEL_DOCUMENTS
    survey = _halves(
        documents, lambda part, _: consensus.survey(part, curation), consensus.Survey.merge, forked=halves
    )
    resolve = _Resolver(curation, survey.totals, survey.acronyms(curation))
    kept = _Resolved(scratch, 2 if halves else 1) if scratch is not None else None
    groups = _halves(
        documents, lambda part, half: _group(part, resolve, kept, half), _merge_groups, forked=halves
    )
    merges, unmerged, surnames = links.link_across_documents(k for t, k in groups if t == "person")
    merged: dict[GroupKey, Group] = {}
    for (entity_type, key), group in groups.items():
        final = (entity_type, merges.get(key, key) if entity_type == "person" else key)
        if final in merged:
            merged[final].absorb(group)
        else:
            merged[final] = group
    found, ids = entities.build(merged, curation, survey.curated)

    def placed() -> Iterator[Placed]:
        # After the run (its scratch folder gone), a caller's reading resolves the documents again.
        resolved = kept.read() if kept is not None and kept.kept() else ((d, resolve(d)) for d in documents)
        for document, pairs in resolved:
            rows = []
            for mention, key in pairs:
                final = merges.get(key, key) if mention.type == "person" else key
                language = document.language_at(mention.start)  # its part's
                rows.append(MentionRow(document.doc_id, ids[(mention.type, final)], language, mention))
            rows.sort(key=lambda r: (r.mention.start, r.mention.end, r.entity_id))
            yield Placed(document, tuple(rows), len({row.entity_id for row in rows}))

    return Corpus(found, placed, survey.tally(), unmerged, surnames)


class _Resolved:
    """Documents with their mentions resolved (:class:`_Resolver`), as the grouping met them, pickled to a
    file per half (:func:`_halves`) in a scratch folder: read back in order, one at a time, by every
    iteration of :meth:`read`. Pickle is safe here: only this run writes these files, and reads them."""

    def __init__(self, folder: Path, halves: int) -> None:
        self.folder, self.halves = folder, halves

    def kept(self) -> bool:
        """Whether the files are still there (the scratch folder goes at the end of a run)."""
        return all((self.folder / f"resolved-{half}.pickle").exists() for half in range(self.halves))

    def writer(self, half: int) -> BinaryIO:
        return (self.folder / f"resolved-{half}.pickle").open("wb")

    def read(self) -> Iterator[tuple[DocumentResult, list[tuple[Mention, str]]]]:
        for half in range(self.halves):
            with (self.folder / f"resolved-{half}.pickle").open("rb") as spool:
                while True:
                    try:
                        yield pickle.load(spool)
                    except EOFError:
                        break


def _halves(
    documents: Sequence[DocumentResult] | Documents,
    read: Callable[[Sequence[DocumentResult] | Documents, int], T],
    merge: Callable[[T, T], T],
    *,
    forked: bool,
) -> T:
    """``read(documents, 0)``; with ``forked``, as ``merge(read(first half, 0), read(second half, 1))``, the
    second half read by a forked process meanwhile (on another core: the survey and the grouping are half
    the corpus-wide stage). Both give the same result: every score is a multiple of 0.5
    (:mod:`pipeline.evidence`), so sums are exact in any order, and the merges keep first-seen order."""
    if not forked:
        return read(documents, 0)
    middle = len(documents) // 2
    first, second = (
        (documents.part(0, middle), documents.part(middle, len(documents)))
        if isinstance(documents, Documents)
        else (documents[:middle], documents[middle:])
    )
    with workers.forked(lambda: read(second, 1)) as later:
        found = read(first, 0)
        return merge(found, later())


class _Resolver:
    """A document's mentions as the corpus sees them, each with the key of its group: curated, re-typed by
    consensus, bare acronyms as their long form, and a person's shorter names as the document's longest
    name that contains them (cross-document links are applied to the groups, not here)."""

    def __init__(
        self,
        curation: Curation,
        totals: dict[str, consensus.Scores],
        acronyms: dict[str, tuple[str, EntityType]],
    ) -> None:
        self.curation, self.totals, self.acronyms = curation, totals, acronyms

    def __call__(self, document: DocumentResult) -> list[tuple[Mention, str]]:
        mentions = consensus.curate(document.mentions, self.curation)
        own = consensus.document_scores(mentions)
        retyped = []
        for m in mentions:
            new_type = consensus.retyped(m.key, m.type, own[m.key], self.totals[m.key], self.curation)
            retyped.append(m if new_type == m.type else replace(m, type=new_type))
        aliased = links.alias_bare(retyped, self.acronyms)
        local = links.link_people(aliased)
        forms = links.link_short_forms(aliased)
        return [
            (m, local.get(m.key, m.key) if m.type == "person" else forms.get((m.type, m.key), m.key))
            for m in aliased
        ]


def _group(
    documents: Iterable[DocumentResult], resolve: _Resolver, kept: _Resolved | None = None, half: int = 0
) -> dict[GroupKey, Group]:
    groups: dict[GroupKey, Group] = {}
    with kept.writer(half) if kept is not None else contextlib.nullcontext() as spool:
        for document in documents:
            pairs = resolve(document)
            if spool is not None:
                pickle.dump((document, pairs), spool, pickle.HIGHEST_PROTOCOL)
            for mention, key in pairs:
                group = groups.get((mention.type, key))
                if group is None:
                    group = groups[(mention.type, key)] = Group(order=len(groups))
                group.add(document.doc_id, document.language_at(mention.start), mention.name, mention.key)
    return groups


def _merge_groups(groups: dict[GroupKey, Group], later: dict[GroupKey, Group]) -> dict[GroupKey, Group]:
    """The groups of some documents with those of the documents after them added: as if one reading."""
    for group_key, group in later.items():
        mine = groups.get(group_key)
        if mine is None:
            group.order = len(groups)
            groups[group_key] = group
        else:
            group.order = mine.order
            mine.absorb(group)
    return groups
