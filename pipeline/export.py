"""Write the corpus as spreadsheet-safe CSV, as JSON and as Parquet, atomically and deterministically.

CSV files are UTF-8 with a BOM (Excel then detects the encoding), RFC 4180 quoting and CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); control characters that spreadsheets reject are
removed from CSV cells. ``entities.json`` and the Parquet tables (:mod:`pipeline.tables`) keep the raw
values. All files are first written under temporary names in the output folder and renamed only when every one
of them is complete. Files are written as they are rendered, a few thousand rows at a time, so a large corpus
never exists twice in memory as text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pipeline.models import ModelInfo
from pipeline.records import Corpus, DocumentResult, Entity, MentionRow

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
    "country_code",
    "geonames_id",
    "latitude",
    "longitude",
)
LIST_SEPARATOR = "; "
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: A table cell; a tuple is a list (an entity's aliases...), written ``; ``-joined in CSV.
Cell = str | int | float | tuple[str, ...] | None


def guard(value: Cell) -> str:
    """A CSV cell: formula-guarded text, a list ``; ``-joined, numbers as written by ``str``, ``None`` as
    empty."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = LIST_SEPARATOR.join(value)
    if not isinstance(value, str):
        return str(value)
    text = _CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """One CSV file's content: header plus guarded rows, CRLF line ends (the BOM is added on writing)."""
    return "".join(csv_chunks(header, rows))


def csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], rows_per_chunk: int = 2000
) -> Iterator[str]:
    """:func:`csv_text` in pieces of ``rows_per_chunk`` rows, for writing as the rows are made."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for count, row in enumerate(rows, 1):
        writer.writerow([guard(cell) for cell in row])
        if count % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def table_rows(corpus: Corpus) -> dict[str, tuple[Sequence[str], Iterator[list[Cell]]]]:
    """Each table's header and raw rows, by table name: the one source of the CSV files and of the Parquet
    tables (:mod:`pipeline.tables`), so that their columns cannot differ."""
    return {
        "documents": (DOCUMENT_COLUMNS, _document_rows(corpus)),
        "mentions": (MENTION_COLUMNS, _mention_rows(corpus)),
        "entities": (ENTITY_COLUMNS, (_entity_row(e) for e in corpus.entities)),
    }


def render(corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> dict[str, Iterator[str]]:
    """The content of every text output file, by file name, as pieces of text made on demand."""
    files = {f"{name}.csv": csv_chunks(header, rows) for name, (header, rows) in table_rows(corpus).items()}
    return {**files, "entities.json": _json_chunks(corpus, models, detector)}


def write(out_dir: Path, corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> list[Path]:
    """Render and write every output file: :func:`render`'s and the Parquet tables
    (:func:`pipeline.tables.parquet`), all at once (:func:`write_atomically`)."""
    from pipeline import tables  # pandas is imported to write the tables, not with this module

    return write_atomically(out_dir, {**render(corpus, models, detector), **tables.parquet(corpus)})


def write_run_log(
    out_dir: Path,
    inputs: Sequence[Path],
    documents: Sequence[DocumentResult],
    seconds: float,
    errors: list[str],
    *,
    extracted: int = 0,
    reused: int = 0,
) -> None:
    """``run.json``: when and how long, how many documents were extracted and how many reused from the
    results store, kept apart so the other outputs stay byte-identical across runs."""
    statuses = Counter(d.status for d in documents)
    entry = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "inputs": [str(p) for p in inputs],
        "documents": len(documents),
        "extracted": extracted,
        "reused": reused,
        "statuses": dict(sorted(statuses.items())),
        "errors": errors,
    }
    write_atomically(out_dir, {"run.json": json.dumps(entry, indent=2) + "\n"})


def write_atomically(out_dir: Path, files: Mapping[str, str | Iterable[str] | bytes]) -> list[Path]:
    """Write every file (its whole text, its text in pieces, or bytes: Parquet) to a temporary name, flush
    it to disk, then rename them all into place.

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
            if isinstance(content, bytes):
                with temporary.open("wb") as binary:
                    binary.write(content)
                    _sync(binary)
                continue
            with temporary.open("w", encoding=encoding, newline="") as handle:
                handle.writelines([content] if isinstance(content, str) else content)
                _sync(handle)
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


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


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


def _json_chunks(corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> Iterator[str]:
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
