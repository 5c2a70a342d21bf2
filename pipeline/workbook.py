"""``entities.xlsx``: the three tables as one Excel workbook, for analysts who open a file rather than import
one: sheets Entities, Mentions and Documents, with the CSV files' columns and rows.

Written with openpyxl in write-only mode, row by row in the export's one pass (:func:`pipeline.export.write`),
so a large corpus never is in memory. Each sheet has a frozen header row, an autofilter over its rows, and
column widths read from the header and its first ``WIDTH_ROWS`` rows (at most ``MAX_WIDTH``). Numbers are
numbers (counts, offsets, ``language_score``, coordinates); every other cell is **text, never a formula**:
a name that begins with ``=`` (``=HYPERLINK(…)``) stays that literal text, written as an inline string; lists
are ``; ``-joined as in the CSV; characters that Excel refuses are removed, and a cell longer than Excel's
32,767 characters (the ``doc_ids`` of an entity in thousands of documents) is cut, ending with ``…``. A
sheet that would pass Excel's 1,048,576 rows goes on in "Mentions 2", "Mentions 3"… (after the other sheets),
each with its header,
and :meth:`Workbook.close` says so for the run's summary. The file is deterministic: the timestamps openpyxl
would write (the ZIP entries', the document properties') are a fixed date.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from pipeline import tables
from pipeline.export import LIST_SEPARATOR, Cell

#: Sheets in the workbook's order, with the table each holds.
SHEETS = {"entities": "Entities", "mentions": "Mentions", "documents": "Documents"}
MAX_ROWS = 1_048_576
MAX_CELL = 32_767
WIDTH_ROWS, MAX_WIDTH = 200, 60
#: Every timestamp in the file: a date of no meaning, so that the same tables give the same bytes.
FIXED = datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


class Workbook:
    """``entities.xlsx`` being written: :meth:`add` rows to a table's sheet, in any order of tables."""

    def __init__(self, path: Path, headers: Mapping[str, Sequence[str]]) -> None:
        self.path = path
        self.book = OpenpyxlWorkbook(write_only=True)
        self.sheets = {name: _Sheet(self.book, SHEETS[name], headers[name]) for name in SHEETS}

    def add(self, table: str, row: Sequence[Cell]) -> None:
        self.sheets[table].add(row)

    def close(self) -> list[str]:
        """Write the file. RETURNS: a line for each table that went on over more than one sheet."""
        notes = []
        for sheet in self.sheets.values():
            sheet.finish()
            if len(sheet.parts) > 1:
                names = ", ".join(part.title for part in sheet.parts)
                notes.append(f"entities.xlsx: {sheet.title} over {len(sheet.parts)} sheets ({names})")
        self.book.properties.created = self.book.properties.modified = FIXED
        with _FixedTimes(self.path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(self.book, archive).write_data()  # openpyxl's save, without dating the file "now"
        return notes


class _Sheet:
    """One table's sheets: its first part (created at once, so that the sheets keep their order), then more
    once Excel's row limit is reached (after the others)."""

    def __init__(self, book: OpenpyxlWorkbook, title: str, header: Sequence[str]) -> None:
        self.book, self.title, self.header = book, title, list(header)
        self.convert = [_CONVERTERS.get(tables.dtype(column), _text_value) for column in header]
        self.parts: list[WriteOnlyWorksheet] = [book.create_sheet(title)]
        self.rows = 0  # in the current part, header included
        self.waiting: list[list[Any]] | None = []  # the first rows, held until the column widths are known
        self.widths: list[float] = []

    def add(self, row: Sequence[Cell]) -> None:
        values = [None if cell is None else f(cell) for f, cell in zip(self.convert, row, strict=True)]
        if self.waiting is None:
            self._put(values)
            return
        self.waiting.append(values)
        if len(self.waiting) == WIDTH_ROWS:
            self._start()

    def finish(self) -> None:
        if self.waiting is not None:
            self._start()
        self._filter()

    def _start(self) -> None:
        """Column widths from the header and the rows held, then the first part's header and those rows."""
        waiting, self.waiting = self.waiting or [], None
        for position, column in enumerate(self.header):
            values = [column, *(row[position] for row in waiting)]
            self.widths.append(min(MAX_WIDTH, max(len(str(v)) for v in values if v is not None) + 2))
        self._begin(self.parts[0])
        for values in waiting:
            self._put(values)

    def _put(self, values: list[Any]) -> None:
        if self.rows == MAX_ROWS:
            self.parts.append(self.book.create_sheet(f"{self.title} {len(self.parts) + 1}"))
            self.rows = 0
            self._begin(self.parts[-1])
        self._append(values)

    def _begin(self, sheet: Any) -> None:  # a write-only sheet: its stubs lack these attributes
        if len(self.parts) > 1:
            self._filter(self.parts[-2], MAX_ROWS)
        sheet.freeze_panes = "A2"
        for position, width in enumerate(self.widths):
            sheet.column_dimensions[get_column_letter(position + 1)].width = width
        self._append(self.header)

    def _append(self, values: Sequence[Any]) -> None:
        sheet = self.parts[-1]
        sheet.append([_text(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in values])
        self.rows += 1

    def _filter(self, part: Any = None, rows: int = 0) -> None:
        sheet: Any = part or self.parts[-1]  # write-only sheets have an autofilter; the stubs do not say so
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.header))}{rows or max(self.rows, 1)}"


def _text(sheet: WriteOnlyWorksheet, value: str) -> Any:
    """A cell that openpyxl would take for a formula, as the text it is."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _text_value(cell: Cell) -> str:
    """A text cell: lists joined, characters Excel refuses removed, cut at Excel's longest cell."""
    text = LIST_SEPARATOR.join(cell) if isinstance(cell, tuple) else str(cell)
    if not text.isprintable():  # rare: only then look for what Excel refuses
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


#: Numbers as numbers, by the column's dtype (:func:`pipeline.tables.dtype`); any other column is text.
_CONVERTERS: dict[str, Any] = {"int64": int, "Int64": int, "Float64": float}


class _FixedTimes(zipfile.ZipFile):
    """A ZIP file whose every entry is dated :data:`FIXED`: openpyxl dates them when it writes them (and
    adds the write-only sheets from temporary files, dated by the file system)."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._entry(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as source, self.open(self._entry(arcname or filename), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(str(name), date_time=_ZIP_TIME)
        entry.compress_type = self.compression
        return entry
