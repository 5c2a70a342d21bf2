"""Write the corpus as spreadsheet-safe CSV, as JSON and as Parquet, atomically and deterministically.

CSV files are UTF-8 with a BOM (Excel then detects the encoding), RFC 4180 quoting and CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); control characters that spreadsheets reject are
removed from CSV cells. ``entities.json`` (:mod:`pipeline.jsonout`) and the Parquet tables
(:mod:`pipeline.tables`) keep the raw values; ``entities.xlsx`` (:mod:`pipeline.workbook`) has numbers as
numbers and everything else as text, never a formula. All files are first written under temporary names in
the output folder and renamed only when every one of them is complete (:mod:`pipeline.atomic`). They are
written row by row as the documents are read back (Parquet in row groups; the workbook in a pass of its
own, in another process), so that a corpus of any size is written in bounded memory.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pipeline import jsonout, workers
from pipeline import report as html
from pipeline.atomic import Staging, staged, write_atomically
from pipeline.models import ModelInfo
from pipeline.records import Corpus, Entity, MentionRow, Placed, Tally
from pipeline.report import Texts

if TYPE_CHECKING:
    from pipeline.tables import ParquetTable

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


class CsvTable:
    """Rows written to a text handle as CSV (opened with ``newline=""``): guarded cells (:func:`guard`),
    RFC 4180 quoting, CRLF line ends, the header first."""

    def __init__(self, handle: IO[str], header: Sequence[str]) -> None:
        self._writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self._writer.writerow(header)

    def add(self, row: Sequence[Cell]) -> None:
        self._writer.writerow([guard(cell) for cell in row])


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A whole CSV file's content as :class:`CsvTable` writes it (the BOM is added on writing)."""
    buffer = io.StringIO(newline="")
    table = CsvTable(buffer, header)
    for row in rows:
        table.add(row)
    return buffer.getvalue()


def table_rows(corpus: Corpus) -> dict[str, tuple[Sequence[str], Iterator[list[Cell]]]]:
    """Each table's header and raw rows, by table name, as :func:`write` writes them (each table is one
    pass over the documents: for small corpora and tests, :func:`pipeline.tables.frames`)."""
    return {
        "documents": (DOCUMENT_COLUMNS, (document_row(p) for p in corpus.placed())),
        "mentions": (MENTION_COLUMNS, (mention_row(r) for p in corpus.placed() for r in p.rows)),
        "entities": (ENTITY_COLUMNS, (entity_row(e) for e in corpus.entities)),
    }


def write(
    out_dir: Path,
    corpus: Corpus,
    models: Sequence[ModelInfo],
    detector: str,
    notes: list[str] | None = None,
    *,
    background: bool = False,
    report: tuple[Texts, int] | None = None,
) -> list[Path]:
    """Write every output file, all at once (:func:`pipeline.atomic.staged`), in one pass over the
    corpus's documents (:meth:`~pipeline.records.Corpus.placed`): each document's row, its mention rows and
    its ``entities.json`` entry go to their files as it comes, and nothing but the entities is held. Each
    table goes to CSV, to Parquet (:class:`pipeline.tables.ParquetTable`) and to a sheet of ``entities.xlsx``
    (:class:`pipeline.workbook.Workbook`) from the same raw rows, so their columns and rows cannot differ.
    The workbook (:func:`write_workbook`) has its own pass: openpyxl takes ~7 µs a cell, so that it is the
    slowest file; with ``background`` it is written in a forked process meanwhile, on another core.
    notes: gets a line for each table that the workbook had to split over several sheets.
    report: how to read documents' texts again, and how many to show: ``report.html``
    (:mod:`pipeline.report`), from the same pass."""
    from pipeline import tables  # pandas is imported to write the tables, not with this module

    with staged(out_dir) as staging:
        book = functools.partial(write_workbook, staging.path("entities.xlsx"), corpus)
        if background:
            with workers.forked(book) as book_notes:
                _write_files(staging, corpus, models, detector, tables.ParquetTable, report)
                found = book_notes()
        else:
            found = book()
            _write_files(staging, corpus, models, detector, tables.ParquetTable, report)
    if notes is not None:
        notes.extend(found)
    return staging.written


def write_workbook(path: Path, corpus: Corpus) -> list[str]:
    """``entities.xlsx`` (:class:`pipeline.workbook.Workbook`) in one pass over the documents, from the rows
    the CSV files get. RETURNS: the workbook's notes."""
    from pipeline import workbook  # likewise

    headers = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "entities": ENTITY_COLUMNS}
    book = workbook.Workbook(path, headers)
    for placed in corpus.placed():
        book.add("documents", document_row(placed))
        for row in placed.rows:
            book.add("mentions", mention_row(row))
    for entity in corpus.entities:
        book.add("entities", entity_row(entity))
    return book.close()


def _write_files(
    staging: Staging,
    corpus: Corpus,
    models: Sequence[ModelInfo],
    detector: str,
    parquet: type[ParquetTable],
    report: tuple[Texts, int] | None,
) -> None:
    """Every file but the workbook, in one pass over the documents (:func:`write`)."""
    documents = _Table(staging, "documents", DOCUMENT_COLUMNS, parquet)
    mentions = _Table(staging, "mentions", MENTION_COLUMNS, parquet)
    entities_json = jsonout.JsonWriter(staging.open("entities.json"), models, detector)
    page = html.Page(report[1]) if report is not None else None  # what report.html shows, from this pass
    for placed in corpus.placed():
        documents.add(document_row(placed))
        for row in placed.rows:
            mentions.add(mention_row(row))
        entities_json.document(placed)
        if page is not None:
            page.add(placed)
    entities = _Table(staging, "entities", ENTITY_COLUMNS, parquet)
    for entity in corpus.entities:
        entities.add(entity_row(entity))
    entities_json.finish(corpus)
    for table in (documents, mentions, entities):
        table.close()
    if page is not None and report is not None:
        page.write(staging.open("report.html"), corpus, report[0])


class _Table:
    """One table's rows to its CSV file and its Parquet file at once."""

    def __init__(
        self, staging: Staging, name: str, header: Sequence[str], parquet: type[ParquetTable]
    ) -> None:
        self.csv = CsvTable(staging.open(f"{name}.csv"), header)
        self.parquet = parquet(staging.path(f"{name}.parquet"), header)

    def add(self, row: Sequence[Cell]) -> None:
        self.csv.add(row)
        self.parquet.add(row)

    def close(self) -> None:
        self.parquet.close()


def write_run_log(
    out_dir: Path,
    inputs: Sequence[Path],
    tally: Tally,
    seconds: float,
    errors: list[str],
    *,
    extracted: int = 0,
    reused: int = 0,
) -> None:
    """``run.json``: when and how long, how many documents were extracted and how many reused from the
    results store, kept apart so the other outputs stay byte-identical across runs."""
    entry = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "inputs": [str(p) for p in inputs],
        "documents": tally.documents,
        "extracted": extracted,
        "reused": reused,
        "statuses": dict(tally.statuses),
        "errors": errors,
    }
    write_atomically(out_dir, {"run.json": json.dumps(entry, indent=2) + "\n"})


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
