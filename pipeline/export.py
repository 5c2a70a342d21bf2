"""Write the corpus as spreadsheet-safe CSV, as JSON and as Parquet, atomically and deterministically.

CSV files are UTF-8 with a BOM (Excel then detects the encoding), RFC 4180 quoting and CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); control characters that spreadsheets reject are
removed from CSV cells. ``entities.json`` (:mod:`pipeline.jsonout`) and the Parquet tables
(:mod:`pipeline.tables`) keep the raw values. All files are first written under temporary names in the
output folder and renamed only when every one of them is complete (:mod:`pipeline.atomic`). Files are
written as they are rendered, a few thousand rows at a time, so a large corpus never exists twice in memory
as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from pipeline import jsonout
from pipeline.atomic import write_atomically
from pipeline.models import ModelInfo
from pipeline.records import Corpus, DocumentResult, Entity

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


def unguard(cell: str) -> str:
    """A text cell as it was before :func:`guard` put ``'`` before a formula-like start."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES) else cell


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
    return {**files, "entities.json": jsonout.chunks(corpus, models, detector)}


def write(out_dir: Path, corpus: Corpus, models: Sequence[ModelInfo], detector: str) -> list[Path]:
    """Render and write every output file: :func:`render`'s and the Parquet tables
    (:func:`pipeline.tables.parquet`), all at once (:func:`pipeline.atomic.write_atomically`)."""
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
