"""``entities.json``: the whole corpus as one JSON document, rendered one document or entity at a time.

The file is byte for byte what ``json.dumps(..., indent=2, ensure_ascii=False)`` makes of the whole, with
its raw values (no formula guard: that is for the CSV files, :mod:`pipeline.export`): the models and the
language detector, every document with its metadata and its mentions, every entity, and the people and
surnames the aggregation left unmerged or joined. It is made in pieces (:func:`chunks`) so that the corpus
never exists as one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import Any

from pipeline.models import ModelInfo
from pipeline.records import Corpus, MentionRow

#: A document's fields in ``entities.json``, in this order (its metadata read as its own fields).
JSON_DOCUMENT_FIELDS = (
    "doc_id",
    "title",
    "language",
    "language_score",
    "encoding",
    "chars",
    "status",
    "message",
    "source",
    "date",
    "url",
)


def chunks(corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> Iterator[str]:
    """``entities.json``, one document or entity at a time, byte for byte what ``json.dumps(..., indent=2,
    ensure_ascii=False)`` makes of the whole (nested lines are indented by the nesting depth)."""
    by_doc: dict[str, list[MentionRow]] = {}
    for row in corpus.mentions:
        by_doc.setdefault(row.doc_id, []).append(row)
    documents = (
        {
            **{name: getattr(d, name) for name in JSON_DOCUMENT_FIELDS},
            "entities": corpus.entities_per_document.get(d.doc_id, 0),
            "mentions": [{"entity_id": r.entity_id, **_fields(r.mention)} for r in by_doc.get(d.doc_id, [])],
        }
        for d in corpus.documents
    )
    entities = (
        {
            **_fields(e),
            "aliases": list(e.aliases),
            "doc_ids": list(e.doc_ids),
            "languages": list(e.languages),
            "curation": list(e.curation),
        }
        for e in corpus.entities
    )
    top: dict[str, Any] = {
        "models": [_fields(m) for m in models],
        "language_detector": detector,
        "documents": documents,
        "entities": entities,
        "unmerged_people": [{"key": key, "candidates": list(keys)} for key, keys in corpus.unmerged],
        "joined_surnames": [{"key": key, "person": person} for key, person in corpus.surnames],
    }
    yield "{"
    for position, (key, value) in enumerate(top.items()):
        yield f"{',' if position else ''}\n  {_dumps(key)}: "
        if not isinstance(value, Iterator):
            yield _dumps(value, depth=1)
            continue
        first = True
        for item in value:
            yield f"{'[' if first else ','}\n    {_dumps(item, depth=2)}"
            first = False
        yield "[]" if first else "\n  ]"
    yield "\n}\n"


def _dumps(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with its lines after the first indented by
    ``depth`` more levels, as it stands nested in the whole file (JSON strings never hold a raw newline)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, without ``dataclasses.asdict``'s deep copy (a second per mention)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
