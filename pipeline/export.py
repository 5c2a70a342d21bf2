"""Write the corpus as spreadsheet-safe CSV and as JSON, atomically and deterministically.

CSV files are UTF-8 with a BOM (Excel then detects the encoding), RFC 4180 quoting and CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); control characters that spreadsheets reject are
removed from CSV cells. ``entities.json`` keeps the raw values. All files are first written under temporary
names in the output folder and renamed only when every one of them is complete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from pipeline.models import ModelInfo
from pipeline.records import Corpus, Entity

DOCUMENT_COLUMNS = (
    "doc_id",
    "source",
    "title",
    "date",
    "url",
    "language",
    "language_score",
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
)
LIST_SEPARATOR = "; "
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Cell = str | int | float | None


def guard(value: Cell) -> str:
    """A CSV cell: formula-guarded text, numbers as written by ``str``, ``None`` as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = _CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """One CSV file's content: header plus guarded rows, CRLF line ends (the BOM is added on writing)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([guard(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def render(corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> dict[str, str]:
    """The content of every output file, by file name."""
    return {
        "documents.csv": csv_text(DOCUMENT_COLUMNS, _document_rows(corpus)),
        "mentions.csv": csv_text(MENTION_COLUMNS, _mention_rows(corpus)),
        "entities.csv": csv_text(ENTITY_COLUMNS, (_entity_row(e) for e in corpus.entities)),
        "entities.json": json.dumps(_json(corpus, models, detector), ensure_ascii=False, indent=2) + "\n",
    }


def write_atomically(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write every file to a temporary name, flush it to disk, then rename them all into place.

    A crash or kill before the renames leaves the previous outputs untouched; Ctrl-C and SIGTERM are held
    back during the renames themselves (microseconds), so only a SIGKILL in that instant could mix old and
    new files. Temporary files left by a killed run are removed. CSV files get a UTF-8 BOM.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in files:
        for stale in out_dir.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in sorted(files.items()):
            final = out_dir / name
            temporary = out_dir / f".{name}.{os.getpid()}.tmp"
            encoding = "utf-8-sig" if name.endswith(".csv") else "utf-8"
            staged.append((temporary, final))  # before writing, so that a failed write is cleaned up too
            with temporary.open("w", encoding=encoding, newline="") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            for temporary, final in staged:
                os.replace(temporary, final)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [final for _, final in staged]


def _document_rows(corpus: Corpus) -> Iterator[list[Cell]]:
    for d in corpus.documents:
        score = None if d.language_score is None else f"{d.language_score:.4f}"
        entities = corpus.entities_per_document.get(d.doc_id, 0)
        yield [
            d.doc_id,
            d.source,
            d.title,
            d.date,
            d.url,
            d.language,
            score,
            d.encoding,
            d.chars,
            d.status,
            d.message,
            len(d.mentions),
            entities,
        ]


def _mention_rows(corpus: Corpus) -> Iterator[list[Cell]]:
    for row in corpus.mentions:
        m = row.mention
        yield [
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


def _entity_row(e: Entity) -> list[Cell]:
    return [
        e.entity_id,
        e.type,
        e.name,
        LIST_SEPARATOR.join(e.aliases),
        len(e.doc_ids),
        e.mentions,
        LIST_SEPARATOR.join(e.languages),
        LIST_SEPARATOR.join(e.doc_ids),
        LIST_SEPARATOR.join(e.curation),
    ]


def _json(corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> dict[str, Any]:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in corpus.mentions:
        mention = {"entity_id": row.entity_id, **_fields(row.mention)}
        by_doc.setdefault(row.doc_id, []).append(mention)
    documents = []
    for d in corpus.documents:
        columns = {k: v for k, v in _fields(d).items() if k != "mentions"}
        columns["entities"] = corpus.entities_per_document.get(d.doc_id, 0)
        documents.append({**columns, "mentions": by_doc.get(d.doc_id, [])})
    entities = [
        {
            **_fields(e),
            "aliases": list(e.aliases),
            "doc_ids": list(e.doc_ids),
            "languages": list(e.languages),
            "curation": list(e.curation),
        }
        for e in corpus.entities
    ]
    return {
        "models": [_fields(m) for m in models],
        "language_detector": detector,
        "documents": documents,
        "entities": entities,
        "unmerged_people": [{"key": key, "candidates": list(keys)} for key, keys in corpus.unmerged],
    }


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, without ``dataclasses.asdict``'s deep copy (a second per mention)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
