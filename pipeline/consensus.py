"""Type consensus, and the survey of the corpus it needs: the first of the corpus-wide stage's readings
(:mod:`pipeline.aggregate`).

Each document already gave every name one type from its own evidence (:mod:`pipeline.evidence`). A name's
type in a document is the best of its own scores plus a quarter (``OTHER_DOCUMENTS``) of the scores the
other documents gave it (:func:`retyped`), so a document's own evidence counts first but a lone mistake
("Mexicali" as a person in one article, a place in five) is outvoted. Curated types override; stoplisted
names are dropped and aliases take their canonical key first (:func:`curate`).

The survey (:func:`survey`) reads the documents one at a time and keeps what the consensus and the rest of
the stage need per name, never per mention: each name's scores summed over the corpus, the curation
actions that shaped each name, the acronyms the corpus defines, and the tally of documents. Surveys of two
runs of documents merge into the survey of both (:meth:`Survey.merge`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pipeline.curation import Curation
from pipeline.records import ENTITY_TYPES, FAILED_STATUSES, DocumentResult, EntityType, Mention, Tally

#: The weight of the other documents' scores for a name against the document's own.
OTHER_DOCUMENTS = 0.25

#: A name's scores as a person, an organization and a location (:data:`pipeline.records.ENTITY_TYPES`).
Scores = list[float]


def _zeros() -> Scores:
    return [0.0, 0.0, 0.0]


@dataclass
class Survey:
    """What the first reading learns about the corpus."""

    #: key -> the curation actions that shaped mentions with that key (``alias``, ``type``).
    curated: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: key -> the sum over documents of each document's scores for it (:func:`document_scores`).
    totals: dict[str, Scores] = field(default_factory=lambda: defaultdict(_zeros))
    #: acronym key -> the keys of the long forms the corpus defines it with.
    defined: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: long form's key -> its own scores and type where a document first defines an acronym with it.
    first_definition: dict[str, tuple[Scores, EntityType]] = field(default_factory=dict)
    languages: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def acronyms(self, curation: Curation) -> dict[str, tuple[str, EntityType]]:
        """Acronym key -> the one long form's key the corpus defines it with, and that long form's type
        where first defined (after consensus); acronyms defined with two long forms are left out."""
        found = {}
        for short, longs in self.defined.items():
            if len(longs) == 1:
                (long,) = longs
                own, entity_type = self.first_definition[long]
                found[short] = (long, retyped(long, entity_type, own, self.totals[long], curation))
        return found

    def merge(self, later: Survey) -> Survey:
        """This survey, of the documents before ``later``'s, with ``later``'s added."""
        for key, actions in later.curated.items():
            self.curated[key] |= actions
        for key, scores in later.totals.items():
            self.totals[key] = [a + b for a, b in zip(self.totals[key], scores, strict=True)]
        for key, longs in later.defined.items():
            self.defined[key] |= longs
        for key, first in later.first_definition.items():
            self.first_definition.setdefault(key, first)
        self.languages.update(later.languages)
        self.statuses.update(later.statuses)
        self.failures.extend(later.failures)
        return self

    def tally(self) -> Tally:
        return Tally(
            documents=sum(self.statuses.values()),
            languages=tuple(sorted(self.languages.items())),
            statuses=tuple(sorted(self.statuses.items())),
            failures=tuple(self.failures),
        )


def survey(documents: Iterable[DocumentResult], curation: Curation) -> Survey:
    survey = Survey()
    for document in documents:
        survey.languages[document.language or "-"] += 1
        survey.statuses[document.status] += 1
        if document.status in FAILED_STATUSES:
            survey.failures.append((document.status, document.doc_id, document.message))
        for mention in document.mentions:
            if mention.key in curation.aliases and mention.key not in curation.stop:
                survey.curated[curation.aliases[mention.key][0]].add("alias")
        mentions = curate(document.mentions, curation)
        own = document_scores(mentions)
        for key, scores in own.items():
            total = survey.totals[key]
            survey.totals[key] = [a + b for a, b in zip(total, scores, strict=True)]
            if key in curation.types:
                survey.curated[key].add("type")
        for mention in mentions:
            if mention.alias_key:
                survey.defined[mention.alias_key].add(mention.key)
                survey.first_definition.setdefault(mention.key, (own[mention.key], mention.type))
    return survey


def curate(mentions: Sequence[Mention], curation: Curation) -> list[Mention]:
    """Stoplisted mentions dropped, aliased ones with their canonical key."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.key in curation.stop:
            continue
        if mention.key in curation.aliases:
            mention = replace(mention, key=curation.aliases[mention.key][0])
        kept.append(mention)
    return kept


def document_scores(mentions: Iterable[Mention]) -> dict[str, Scores]:
    """Key -> the document's scores for it (every mention of a key in a document carries the same
    document-level scores; the largest of each is taken all the same)."""
    own: dict[str, Scores] = {}
    for m in mentions:
        seen = own.get(m.key, [0.0, 0.0, 0.0])
        own[m.key] = [max(a, b) for a, b in zip(seen, m.scores, strict=True)]
    return own


def retyped(key: str, current: EntityType, own: Scores, corpus: Scores, curation: Curation) -> EntityType:
    """A name's type in a document: by its own scores plus ``OTHER_DOCUMENTS`` x the other documents'; ties
    keep the document's own decision; a curated type overrides."""
    if key in curation.types:
        return curation.types[key]
    total = [o + OTHER_DOCUMENTS * (c - o) for o, c in zip(own, corpus, strict=True)]
    top = max(total)
    if total[ENTITY_TYPES.index(current)] == top:
        return current
    return ENTITY_TYPES[total.index(top)]
