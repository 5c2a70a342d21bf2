"""``entities.xlsx``: the three tables as one Excel workbook, for analysts who open a file rather than import
one: sheets Entities, Mentions and Documents, with the CSV files' columns and rows.

Written row by row in the export's pass over the documents (:class:`pipeline.export.Binary`), so a large
corpus never is in memory. Each sheet has a frozen header row, an autofilter over its rows, and column widths
read from the header and its first ``WIDTH_ROWS`` rows (at most ``MAX_WIDTH``). Numbers are numbers (counts,
offsets, ``language_score``, coordinates); every other cell is **text, never a formula**: an inline string, so
a name that begins with ``=`` (``=HYPERLINK(…)``) stays that literal text; lists are ``; ``-joined as in the
CSV; characters that Excel (and XML) refuse are removed, and a cell longer than Excel's 32,767 characters
(UTF-16 units, as Excel counts them: an emoji is two; the ``doc_ids`` of an entity in thousands of documents)
is cut, ending with ``…``. A sheet that would pass Excel's 1,048,576 rows goes on in "Mentions 2", "Mentions
3"… (after the other sheets), each with its header, and :meth:`Workbook.close` says so for the run's summary.

The file is the smallest Office Open XML package that Excel, LibreOffice and Google Sheets open without a
repair: this module writes the cells itself, and :mod:`pipeline.xlsxparts` the rest of the package
(ECMA-376 SpreadsheetML), because a general library costs more per cell than everything else in the
export: openpyxl took ~7 µs a cell, ~4 s of every rerun at 4× the dev corpus; a row here is one string.
Each sheet's rows go to a temporary file until the column widths and the row count are known, then into
the ZIP package. The file is deterministic: every timestamp in it (the ZIP entries', the document
properties') is a fixed date.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from pipeline import xlsxparts
from pipeline.columns import LIST_SEPARATOR, Cell, dtype

#: Sheets in the workbook's order, with the table each holds.
SHEETS = {"entities": "Entities", "mentions": "Mentions", "documents": "Documents"}
MAX_ROWS = 1_048_576
MAX_CELL = 32_767
WIDTH_ROWS, MAX_WIDTH = 200, 60
#: What XML 1.0 cannot hold (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: A cell as XML, from its column's letters (``"C"``) and row number.
Render = Callable[[Cell, str, int], str]


class Workbook:
    """``entities.xlsx`` being written: :meth:`add` rows to a table's sheet, in any order of tables."""

    def __init__(self, path: Path, headers: Mapping[str, Sequence[str]]) -> None:
        self.path = path
        self.folder = Path(tempfile.mkdtemp(prefix="newsner-sheets-"))
        self.parts: list[_Part] = []  # in the workbook's order: each table's first part, then more
        self.sheets = {name: _Sheet(self, SHEETS[name], headers[name]) for name in SHEETS}

    def add(self, table: str, row: Sequence[Cell]) -> None:
        self.sheets[table].add(row)

    def part(self, title: str) -> _Part:
        part = _Part(title, self.folder / f"sheet{len(self.parts) + 1}.xml")
        self.parts.append(part)
        return part

    def close(self) -> list[str]:
        """Write the file. RETURNS: a line for each table that went on over more than one sheet."""
        notes = []
        try:
            for sheet in self.sheets.values():
                sheet.finish()
                if len(sheet.parts) > 1:
                    names = ", ".join(part.title for part in sheet.parts)
                    notes.append(f"entities.xlsx: {sheet.title} over {len(sheet.parts)} sheets ({names})")
            with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as package:
                sheets = [(part.title, part.columns, part.rows) for part in self.parts]
                for name, xml in xlsxparts.package(sheets).items():
                    with package.open(xlsxparts.entry(name), "w") as target:
                        target.write(xml.encode())
                for number, part in enumerate(self.parts, start=1):
                    with package.open(xlsxparts.entry(f"xl/worksheets/sheet{number}.xml"), "w") as target:
                        part.copy_to(target)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return notes


class _Part:
    """One worksheet: its rows' XML in a temporary file, then the whole sheet into the package."""

    def __init__(self, title: str, path: Path) -> None:
        self.title, self.path = title, path
        self.rows_file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.rows = 0
        self.columns = 0
        self.widths: list[float] = []

    def copy_to(self, target: IO[bytes]) -> None:
        self.rows_file.close()
        head, tail = xlsxparts.worksheet(self.columns, self.rows, self.widths)
        target.write(head.encode())
        with self.path.open("rb") as rows:
            shutil.copyfileobj(rows, target, 1 << 20)
        target.write(tail.encode())


class _Sheet:
    """One table's sheets: its first part (created at once, so that the sheets keep their order), then more
    once Excel's row limit is reached (after the others)."""

    def __init__(self, book: Workbook, title: str, header: Sequence[str]) -> None:
        self.book, self.title, self.header = book, title, list(header)
        self.render = [_RENDERERS.get(dtype(column), _text_cell) for column in header]
        self.letters = [xlsxparts.column(position + 1) for position in range(len(header))]
        self.parts = [book.part(title)]
        self.waiting: list[Sequence[Cell]] | None = []  # the first rows, held until the widths are known
        self.widths: list[float] = []

    def add(self, row: Sequence[Cell]) -> None:
        if self.waiting is None:
            self._put(row)
            return
        self.waiting.append(row)
        if len(self.waiting) == WIDTH_ROWS:
            self._start()

    def finish(self) -> None:
        if self.waiting is not None:
            self._start()

    def _start(self) -> None:
        """Column widths from the header and the rows held, then the first part's header and those rows."""
        waiting, self.waiting = self.waiting or [], None
        for position, column in enumerate(self.header):
            lengths = [len(_text(row[position])) for row in waiting if row[position] is not None]
            self.widths.append(min(MAX_WIDTH, max([len(column), *lengths]) + 2))
        self._begin(self.parts[0])
        for row in waiting:
            self._put(row)

    def _put(self, row: Sequence[Cell]) -> None:
        part = self.parts[-1]
        if part.rows == MAX_ROWS:
            part = self.book.part(f"{self.title} {len(self.parts) + 1}")
            self.parts.append(part)
            self._begin(part)
        number = part.rows + 1
        cells = [
            render(cell, letter, number)
            for render, letter, cell in zip(self.render, self.letters, row, strict=True)
            if cell is not None
        ]
        part.rows_file.write(f'<row r="{number}">{"".join(cells)}</row>')
        part.rows += 1

    def _begin(self, part: _Part) -> None:
        part.columns, part.widths = len(self.header), self.widths
        part.rows_file.write(
            '<row r="1">'
            + "".join(
                _text_cell(column, letter, 1)
                for column, letter in zip(self.header, self.letters, strict=True)
            )
            + "</row>"
        )
        part.rows = 1


def _text(cell: Cell) -> str:
    """A text cell's text: lists joined, characters Excel refuses removed, cut at Excel's longest cell."""
    text = cell if type(cell) is str else LIST_SEPARATOR.join(cell) if isinstance(cell, tuple) else str(cell)
    if not text.isprintable():  # rare: only then look for what Excel refuses
        text = _REFUSED.sub("", text)
    if len(text) <= MAX_CELL // 2:  # at most two UTF-16 units a character: surely short enough
        return text
    units = text.encode("utf-16-le")  # Excel counts UTF-16 units: an emoji is two
    if len(units) <= 2 * MAX_CELL:
        return text
    return units[: 2 * (MAX_CELL - 1)].decode("utf-16-le", "ignore") + "…"  # never half an emoji


def _text_cell(cell: Cell, letter: str, number: int) -> str:
    text = _text(cell)
    if not text:  # an empty cell, as in the CSV
        return ""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:  # XML readers turn a carriage return into a line feed; a reference keeps it
        text = text.replace("\r", "&#13;")
    if text[0] in _SPACES or text[-1] in _SPACES:
        return f'<c r="{letter}{number}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{letter}{number}" t="inlineStr"><is><t>{text}</t></is></c>'


_SPACES = frozenset(" \t\n\r\u00a0\u2028\u2029\u3000")


def _int_cell(cell: Cell, letter: str, number: int) -> str:
    return f'<c r="{letter}{number}"><v>{int(cell)}</v></c>'  # type: ignore[arg-type]


def _float_cell(cell: Cell, letter: str, number: int) -> str:
    value = float(cell)  # type: ignore[arg-type]
    return f'<c r="{letter}{number}"><v>{value!r}</v></c>' if math.isfinite(value) else ""


#: Numbers as numbers, by the column's dtype (:func:`pipeline.columns.dtype`); any other column is text.
_RENDERERS: dict[str, Render] = {"int64": _int_cell, "Int64": _int_cell, "Float64": _float_cell}
