"""``entities.json``: the whole corpus as one JSON document, rendered one document or entity at a time.

The file is what ``json.dumps(..., indent=2, ensure_ascii=False)`` makes of the whole, line for line,
rendered by orjson (the standard library indents in pure Python: ~0.7 s of a rerun at 4x the dev corpus;
orjson writes a number below 1e-4 in its own way, ``0.00001`` for ``1e-05``, and NaN as ``null``), with
its raw values (no formula guard: that is for the CSV files, :mod:`pipeline.export`): the models and the
language detector, every document with its metadata and its mentions, every entity, and the people and
surnames the aggregation left unmerged or joined. It is written in pieces (:class:`JsonWriter`) so that the
corpus never exists as one string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import IO, Any

import orjson

from pipeline.models import ModelInfo
from pipeline.records import Corpus, Placed

#: A document's fields in ``entities.json``, in this order (its metadata read as its own fields).
JSON_DOCUMENT_FIELDS = (
    "doc_id",
    "title",
    "language",
    "language_score",
    "languages",
    "encoding",
    "chars",
    "status",
    "message",
    "source",
    "date",
    "url",
)


class JsonWriter:
    """Writes ``entities.json`` to ``handle`` as the export's one pass over the documents gives them: the
    head at once, each :meth:`document` as it comes, the entities and the rest at :meth:`finish`."""

    def __init__(self, handle: IO[str], models: Sequence[ModelInfo], detector: str) -> None:
        self.handle = handle
        handle.write('{\n  "models": ' + _dumps([_fields(m) for m in models], depth=1))
        handle.write(',\n  "language_detector": ' + _dumps(detector) + ',\n  "documents": ')
        self.items = 0

    def document(self, placed: Placed) -> None:
        d = placed.document
        self._item(
            {
                **{name: getattr(d, name) for name in JSON_DOCUMENT_FIELDS},
                "entities": placed.entities,
                "mentions": [
                    {"entity_id": r.entity_id, "language": r.language, **_fields(r.mention)}
                    for r in placed.rows
                ],
            }
        )

    def finish(self, corpus: Corpus) -> None:
        self._end_list()
        self.handle.write(',\n  "entities": ')
        for e in corpus.entities:
            self._item(
                {
                    **_fields(e),
                    "aliases": list(e.aliases),
                    "doc_ids": list(e.doc_ids),
                    "languages": list(e.languages),
                    "curation": list(e.curation),
                }
            )
        self._end_list()
        unmerged = [{"key": key, "candidates": list(keys)} for key, keys in corpus.unmerged]
        surnames = [{"key": key, "person": person} for key, person in corpus.surnames]
        self.handle.write(',\n  "unmerged_people": ' + _dumps(unmerged, depth=1))
        self.handle.write(',\n  "joined_surnames": ' + _dumps(surnames, depth=1) + "\n}\n")

    def _item(self, item: dict[str, Any]) -> None:
        self.handle.write(f"{',' if self.items else '['}\n    {_dumps(item, depth=2)}")
        self.items += 1

    def _end_list(self) -> None:
        self.handle.write("\n  ]" if self.items else "[]")
        self.items = 0


def _dumps(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` (as orjson writes it) with its lines after the
    first indented by ``depth`` more levels, as it stands nested in the whole file (JSON strings never hold a
    raw newline)."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, without ``dataclasses.asdict``'s deep copy (a second per mention), nor
    asking ``dataclasses.fields`` for every record."""
    names = _NAMES.get(type(record))
    if names is None:
        names = _NAMES[type(record)] = tuple(f.name for f in fields(record))
    return {name: getattr(record, name) for name in names}


_NAMES: dict[type, tuple[str, ...]] = {}
