"""The three tables' columns, in order, their types, and a record's row: what the CSV files
(:mod:`pipeline.export`), the Parquet tables (:mod:`pipeline.tables`) and the workbook
(:mod:`pipeline.workbook`) are all made of, so that their columns and rows cannot differ.

A row is raw: text as it is, numbers as numbers, a list as a tuple, ``None`` for no value. Each writer
renders it its own way (the CSV's formula guard, Parquet's types, the workbook's numbers and inline strings).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.records import Corpus, Entity, MentionRow, Placed

DOCUMENT_COLUMNS = (
    "doc_id",
    "source",
    "title",
    "date",
    "url",
    "language",
    "language_score",
    "languages",
    "encoding",
    "chars",
    "status",
    "message",
    "mentions",
    "entities",
)
MENTION_COLUMNS = (
    "doc_id",
    "entity_id",
    "type",
    "model_label",
    "text",
    "name",
    "start",
    "end",
    "language",
    "context",
)
ENTITY_COLUMNS = (
    "entity_id",
    "type",
    "name",
    "aliases",
    "documents",
    "mentions",
    "languages",
    "doc_ids",
    "curation",
    "country_code",
    "geonames_id",
    "latitude",
    "longitude",
)
#: The type of each column that is not text, by column name: a name has one type in every table. Numbers
#: are NumPy ``int64`` where a value is always present and nullable ``Int64``/``Float64`` where it may be
#: missing; ``language_score`` is the CSV's (4 decimals). Lists are Python lists of strings (``object``).
DTYPES: dict[str, str] = {
    "language_score": "Float64",
    "chars": "int64",
    "mentions": "int64",
    "entities": "int64",
    "start": "int64",
    "end": "int64",
    "documents": "int64",
    "aliases": "object",
    "languages": "object",
    "doc_ids": "object",
    "curation": "object",
    "geonames_id": "Int64",
    "latitude": "Float64",
    "longitude": "Float64",
}
#: Every other column: pandas' nullable string dtype. Empty text stays ``""``, as in ``entities.json``.
TEXT = "string"


def dtype(column: str) -> str:
    """The pandas dtype of a column (:data:`DTYPES`, else :data:`TEXT`): its Parquet type
    (:mod:`pipeline.tables`), and whether the workbook writes it as a number (:mod:`pipeline.workbook`)."""
    return DTYPES.get(column, TEXT)


LIST_SEPARATOR = "; "

HEADERS = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "entities": ENTITY_COLUMNS}

#: A table cell; a tuple is a list (an entity's aliases...), written ``; ``-joined in CSV.
Cell = str | int | float | tuple[str, ...] | None


def table_rows(corpus: Corpus) -> dict[str, tuple[Sequence[str], Iterator[list[Cell]]]]:
    """Each table's header and raw rows, by table name, as :func:`write` writes them (each table is one
    pass over the documents: for small corpora and tests, :func:`pipeline.tables.frames`)."""
    return {
        "documents": (DOCUMENT_COLUMNS, (document_row(p) for p in corpus.placed())),
        "mentions": (MENTION_COLUMNS, (mention_row(r) for p in corpus.placed() for r in p.rows)),
        "entities": (ENTITY_COLUMNS, (entity_row(e) for e in corpus.entities)),
    }


def document_row(placed: Placed) -> list[Cell]:
    d = placed.document
    score = None if d.language_score is None else f"{d.language_score:.4f}"
    return [
        d.doc_id,
        d.source,
        d.title,
        d.date,
        d.url,
        d.language,
        score,
        tuple(f"{lang} {share:.2f}" for lang, share in d.languages.items()),
        d.encoding,
        d.chars,
        d.status,
        d.message,
        len(d.mentions),
        placed.entities,
    ]


def mention_row(row: MentionRow) -> list[Cell]:
    m = row.mention
    return [
        row.doc_id,
        row.entity_id,
        m.type,
        m.model_label,
        m.text,
        m.name,
        m.start,
        m.end,
        row.language,
        m.context,
    ]


def entity_row(e: Entity) -> list[Cell]:
    return [
        e.entity_id,
        e.type,
        e.name,
        e.aliases,
        len(e.doc_ids),
        e.mentions,
        e.languages,
        e.doc_ids,
        e.curation,
        e.country_code,
        e.geonames_id,
        e.latitude,
        e.longitude,
    ]
