"""Write the corpus as spreadsheet-safe CSV, as JSON and as Parquet, atomically and deterministically.

CSV files are UTF-8 with a BOM (Excel then detects the encoding), RFC 4180 quoting and CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); control characters that spreadsheets reject are
removed from CSV cells. ``entities.json`` (:mod:`pipeline.jsonout`) and the Parquet tables
(:mod:`pipeline.tables`) keep the raw values; ``entities.xlsx`` (:mod:`pipeline.workbook`) has numbers as
numbers and everything else as text, never a formula. All files are first written under temporary names in
the output folder and renamed only when every one of them is complete (:mod:`pipeline.atomic`). They are
written row by row as the documents are read back (Parquet in row groups), so that a corpus of any size is
written in bounded memory; the Parquet files and the workbook are written from the same rows in another
process, on another core.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from pipeline import feeds, jsonout
from pipeline import report as html
from pipeline.atomic import Staging, staged, write_atomically
from pipeline.columns import HEADERS, LIST_SEPARATOR, Cell, document_row, entity_row, mention_row
from pipeline.models import ModelInfo
from pipeline.records import Corpus, Tally
from pipeline.report import Texts

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def guard(value: Cell) -> str:
    """A CSV cell: formula-guarded text, a list ``; ``-joined, numbers as written by ``str``, ``None`` as
    empty."""
    if type(value) is not str:
        if value is None:
            return ""
        if not isinstance(value, tuple):
            return str(value)
        value = LIST_SEPARATOR.join(value)
    # A printable text has no control character: the pattern is only tried on the others.
    text = value if value.isprintable() else _CONTROL.sub("", value)
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
    """Write every output file (:class:`Output`) at once. RETURNS: their paths."""
    with opened(out_dir, background=background) as output:
        output.write(corpus, models, detector, notes, report=report)
    return output.written


@contextlib.contextmanager
def opened(out_dir: Path, *, background: bool = False) -> Iterator[Output]:
    """The output files about to be written (:meth:`Output.write`), all at once
    (:func:`pipeline.atomic.staged`). The tables' rows go to two writers, :class:`TableFiles` and
    :class:`WorkbookFile`; with ``background`` each runs in a process of its own
    (:func:`pipeline.feeds.fed`), forked now, small, and made ready (pandas and pyarrow imported) at
    :meth:`Output.start`: a run opens the outputs first and starts them when a core is free, before the
    corpus-wide stage."""
    with staged(out_dir) as staging:
        sinks = [functools.partial(sink, {n: staging.path(n) for n in sink.FILES}) for sink in SINKS]
        with feeds.fed(sinks, background=background) as rows:
            yield Output(staging, rows)


#: Where :class:`Output` sends each table's rows: ``(table name, raw row)``; closing gives each one's notes.
Rows = feeds.Feed[tuple[str, list[Cell]], list[str]]


class Output:
    """The output files being written (:func:`opened`)."""

    def __init__(self, staging: Staging, rows: Rows) -> None:
        self.staging, self.rows = staging, rows

    def start(self) -> None:
        """Have the processes that write the tables get ready (import pandas...) now: a core is free."""
        self.rows.start()

    @property
    def written(self) -> list[Path]:
        """The files' paths, once they are in place (after :func:`opened`)."""
        return self.staging.written

    def write(
        self,
        corpus: Corpus,
        models: Sequence[ModelInfo],
        detector: str,
        notes: list[str] | None = None,
        *,
        report: tuple[Texts, int] | None = None,
    ) -> None:
        """Every file, in one pass over the corpus's documents (:meth:`~pipeline.records.Corpus.placed`):
        each document's row, its mention rows and its ``entities.json`` entry go to their files as it comes,
        and nothing but the entities is held. Each table's raw rows go to :class:`TableFiles` (CSV and
        Parquet) and :class:`WorkbookFile` (its sheet of ``entities.xlsx``) alike, so their columns and rows
        cannot differ.
        notes: gets a line for each table that the workbook had to split over several sheets.
        report: how to read documents' texts again, and how many to show: ``report.html``
        (:mod:`pipeline.report`), from the same pass."""
        entities_json = jsonout.JsonWriter(self.staging.open("entities.json"), models, detector)
        page = html.Page(report[1]) if report is not None else None  # what report.html shows, from this pass
        add = self.rows.add
        for placed in corpus.placed():
            add(("documents", document_row(placed)))
            for row in placed.rows:
                add(("mentions", mention_row(row)))
            entities_json.document(placed)
            if page is not None:
                page.add(placed)
        for entity in corpus.entities:
            add(("entities", entity_row(entity)))
        entities_json.finish(corpus)
        if page is not None and report is not None:
            page.write(self.staging.open("report.html"), corpus, report[0])
        else:  # not an earlier run's page beside these outputs
            self.staging.remove("report.html")
        for found in self.rows.close():
            if notes is not None:
                notes.extend(found)


class TableFiles:
    """Each table's CSV file (:class:`CsvTable`) and Parquet file (:class:`pipeline.tables.ParquetTable`),
    from its raw rows."""

    FILES = tuple(f"{name}.{kind}" for name in HEADERS for kind in ("csv", "parquet"))

    def __init__(self, paths: dict[str, Path]) -> None:
        from pipeline import tables  # pandas and pyarrow: imported to write, not with this module

        self.handles = [paths[f"{name}.csv"].open("w", encoding="utf-8-sig", newline="") for name in HEADERS]
        self.csv = {
            name: CsvTable(h, header) for h, (name, header) in zip(self.handles, HEADERS.items(), strict=True)
        }
        self.parquet = {name: tables.ParquetTable(paths[f"{name}.parquet"], h) for name, h in HEADERS.items()}

    def add(self, item: tuple[str, list[Cell]]) -> None:
        table, row = item
        self.csv[table].add(row)
        self.parquet[table].add(row)

    def close(self) -> list[str]:
        for handle in self.handles:
            handle.close()
        for table in self.parquet.values():
            table.close()
        return []


class WorkbookFile:
    """``entities.xlsx`` (:class:`pipeline.workbook.Workbook`) from the tables' raw rows; :meth:`close`
    gives its notes."""

    FILES = ("entities.xlsx",)

    def __init__(self, paths: dict[str, Path]) -> None:
        from pipeline import workbook

        self.book = workbook.Workbook(paths["entities.xlsx"], HEADERS)

    def add(self, item: tuple[str, list[Cell]]) -> None:
        self.book.add(*item)

    def close(self) -> list[str]:
        return self.book.close()


#: The writers of the tables' rows (:func:`opened`).
SINKS = (TableFiles, WorkbookFile)


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
