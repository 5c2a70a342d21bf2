"""The records that flow between stages; together they are the output schema.

Per-document work ends in a :class:`DocumentResult` (compact: no spaCy objects, no text). Corpus-wide work
turns those into a :class:`Corpus` of documents, mention rows and entities, which is what gets exported.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, cast

EntityType = Literal["person", "organization", "location"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization", "location")

#: ``ok``, ``empty`` and ``unsupported_language`` are handled inputs; the others are failures (exit code 1).
Status = Literal[
    "ok",
    "empty",
    "unsupported_language",
    "unsupported_format",
    "binary",
    "undecodable",
    "unreadable",
    "malformed_record",
    "too_large",
    "failed",
]
#: Inputs that could not be used: any of them makes the run exit with 1 (the rest is still written).
FAILED_STATUSES: frozenset[str] = frozenset(
    {"unsupported_format", "binary", "undecodable", "unreadable", "malformed_record", "too_large", "failed"}
)


class _Pickled:
    """Pickled as its class and its fields' values, rebuilt by its ``__init__``: a dataclass with slots is
    otherwise pickled through a ``__setstate__`` that asks ``dataclasses.fields`` for every record, 3x as
    slow, and results cross processes and scratch files by the hundred thousand."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            names = _FIELD_NAMES[type(self)] = tuple(f.name for f in fields(cast(Any, self)))
        return type(self), tuple([getattr(self, name) for name in names])


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class Metadata(_Pickled):
    """What is known about a document apart from its text, from the reader to the outputs unchanged."""

    doc_id: str
    #: The file it came from (its doc_id without ``#record``).
    source: str
    title: str = ""
    date: str = ""
    url: str = ""
    #: How its bytes were decoded (:func:`pipeline.text.decode`).
    encoding: str = ""


class _Described(_Pickled):
    """The metadata's fields read as the record's own."""

    __slots__ = ()
    meta: Metadata

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def source(self) -> str:
        return self.meta.source

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> str:
        return self.meta.date

    @property
    def url(self) -> str:
        return self.meta.url

    @property
    def encoding(self) -> str:
        return self.meta.encoding


@dataclass(frozen=True, slots=True)
class Source(_Described):
    """One input document as read from disk. ``text`` is empty unless ``status`` is ``ok``."""

    meta: Metadata
    path: Path
    text: str
    status: Status = "ok"
    message: str = ""
    #: A record's own ``language`` field, which overrides detection.
    language_hint: str = ""


@dataclass(frozen=True, slots=True)
class Segment(_Pickled):
    """A part of a document's text, ``text[start:end]``, and the language it is read in."""

    start: int
    end: int
    language: str


def shares(segments: tuple[Segment, ...]) -> dict[str, float]:
    """Each language's share of the text the segments cover, largest first (then alphabetical)."""
    total = sum(s.end - s.start for s in segments) or 1
    chars: dict[str, int] = {}
    for s in segments:
        chars[s.language] = chars.get(s.language, 0) + s.end - s.start
    return {lang: n / total for lang, n in sorted(chars.items(), key=lambda item: (-item[1], item[0]))}


@dataclass(frozen=True, slots=True)
class Detection:
    """The language a document is routed to (``en``, ``es`` or ``other``: the language of most of its text),
    how sure the detector was of its first characters, and the language of each of its parts."""

    language: str
    score: float
    method: Literal["detected", "forced", "record"] = "detected"
    #: The detector's best guess (an ISO 639-1 code) even when it is not routed, for messages.
    guess: str = ""
    #: The document's segments, in order, covering its text (:mod:`pipeline.segments`); empty: the whole
    #: text is in ``language``.
    segments: tuple[Segment, ...] = ()

    def parts(self, text: str) -> tuple[Segment, ...]:
        """The segments, or the whole text as one segment in ``language``."""
        return self.segments or (Segment(0, len(text), self.language),)


@dataclass(frozen=True, slots=True)
class Mention(_Pickled):
    """One cleaned entity mention. ``text == document_text[start:end]``; ``name`` is its display form."""

    start: int
    end: int
    text: str
    name: str
    key: str
    type: EntityType
    context: str
    #: What the model said (``PERSON``, ``ORG``, ``GPE``...), or ``TITLE`` for a person found after a title.
    model_label: str = ""
    #: The document's summed evidence for (person, organization, location) behind ``type``.
    scores: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: For an acronym defined in its document ("CBP" after "Customs and Border Protection (CBP)"), its own
    #: match key; ``key`` is then the long form's. Empty otherwise.
    alias_key: str = ""


@dataclass(frozen=True, slots=True)
class DocumentResult(_Described):
    """Everything the corpus stage needs to know about one document."""

    meta: Metadata
    language: str
    language_score: float | None
    chars: int
    status: Status
    message: str
    mentions: tuple[Mention, ...] = ()
    #: The language of each part of its text (:attr:`Detection.segments`); empty for a document not read.
    segments: tuple[Segment, ...] = ()

    @property
    def languages(self) -> dict[str, float]:
        """Each language of its text with its share, largest first, to 4 decimals (:func:`shares`); empty
        for a document not read."""
        return (
            {lang: round(share, 4) for lang, share in shares(self.segments).items()} if self.segments else {}
        )

    def language_at(self, offset: int) -> str:
        """The language of the segment that holds ``offset`` (the document's when it has no segments)."""
        for segment in self.segments:
            if segment.start <= offset < segment.end:
                return segment.language
        return self.language


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A mention placed in the corpus: which document, which entity."""

    doc_id: str
    entity_id: str
    language: str
    mention: Mention


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: one type and one match key across the corpus, or one linked place."""

    entity_id: str
    type: EntityType
    key: str
    name: str
    aliases: tuple[str, ...]
    doc_ids: tuple[str, ...]
    mentions: int
    languages: tuple[str, ...]
    #: Curation actions that shaped this entity (``alias``, ``type``), empty when none did.
    curation: tuple[str, ...] = ()
    #: A location linked to the gazetteer (:mod:`pipeline.places`): its country (ISO 3166-1 alpha-2) and
    #: GeoNames id, and for a city its point; ``None`` for every other entity.
    country_code: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


class Documents(abc.ABC):
    """Per-document results in ``doc_id`` order, read anew by every iteration, never all held in memory: the
    results store's view of a run (:class:`pipeline.store.StoredDocuments`). The corpus-wide stage reads it
    a few times (:mod:`pipeline.aggregate`)."""

    @abc.abstractmethod
    def __iter__(self) -> Iterator[DocumentResult]: ...

    @abc.abstractmethod
    def __len__(self) -> int: ...

    @abc.abstractmethod
    def part(self, start: int, stop: int) -> Documents:
        """The documents from position ``start`` to ``stop`` (excluded), likewise."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A document as the outputs list it: its result, its mention rows in output order, and how many
    distinct entities they are."""

    document: DocumentResult
    rows: tuple[MentionRow, ...]
    entities: int


@dataclass(frozen=True, slots=True)
class Tally:
    """What a run's summary says about its documents, counted without keeping them."""

    documents: int = 0
    languages: tuple[tuple[str, int], ...] = ()
    statuses: tuple[tuple[str, int], ...] = ()
    #: ``(status, doc_id, message)`` of every document that could not be used.
    failures: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Corpus:
    """The aggregated result of a run. Entities are held in memory, in output order; documents and their
    mention rows are made anew, in output order, by each call of :meth:`placed` (from the results store in
    a run, so that a corpus of any size is exported in bounded memory)."""

    entities: tuple[Entity, ...]
    placed: Callable[[], Iterator[Placed]]
    tally: Tally = Tally()
    #: Person keys that more than one longer person name contains, with those names' keys: left unmerged.
    unmerged: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: One-word person keys joined across documents to the one longer person name that has them as a
    #: surname, with that name's key (:mod:`pipeline.links`).
    surnames: tuple[tuple[str, str], ...] = ()

    # Whole views, each made by one call of :meth:`placed`: for tests and small corpora, not for exporting.
    @property
    def documents(self) -> tuple[DocumentResult, ...]:
        return tuple(placed.document for placed in self.placed())

    @property
    def mentions(self) -> tuple[MentionRow, ...]:
        return tuple(row for placed in self.placed() for row in placed.rows)

    @property
    def entities_per_document(self) -> dict[str, int]:
        """Distinct entities mentioned per ``doc_id`` (documents without mentions are absent)."""
        return {p.document.doc_id: p.entities for p in self.placed() if p.entities}
