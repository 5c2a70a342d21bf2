"""``entities.xlsx``: the three tables as one Excel workbook, for analysts who open a file rather than import
one: sheets Entities, Mentions and Documents, with the CSV files' columns and rows.

Written row by row in the export's pass over the documents (:class:`pipeline.export.Binary`), so a large
corpus never is in memory. Each sheet has a frozen header row, an autofilter over its rows, and column
widths read from the header and its first ``WIDTH_ROWS`` rows (at most ``MAX_WIDTH``). Numbers are numbers
(counts, offsets, ``language_score``, coordinates); every other cell is **text, never a formula**: an inline
string, so a name that begins with ``=`` (``=HYPERLINK(…)``) stays that literal text; lists are ``; ``-joined
as in the CSV; characters that Excel (and XML) refuse are removed, and a cell longer than Excel's 32,767
characters (the ``doc_ids`` of an entity in thousands of documents) is cut, ending with ``…``. A sheet that
would pass Excel's 1,048,576 rows goes on in "Mentions 2", "Mentions 3"… (after the other sheets), each with
its header, and :meth:`Workbook.close` says so for the run's summary.

The file is the smallest Office Open XML package that Excel, LibreOffice and Google Sheets open without a
repair: this module writes its XML parts itself (ECMA-376 SpreadsheetML), because a general library costs
more per cell than everything else in the export: openpyxl took ~7 µs a cell, ~4 s of every rerun at 4× the
dev corpus; a row here is one string. Each sheet's rows go to a temporary file until the column widths and
the row count are known, then into the ZIP package. The file is deterministic: every timestamp in it (the
ZIP entries', the document properties') is a fixed date.
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

from pipeline.columns import LIST_SEPARATOR, Cell, dtype

#: Sheets in the workbook's order, with the table each holds.
SHEETS = {"entities": "Entities", "mentions": "Mentions", "documents": "Documents"}
MAX_ROWS = 1_048_576
MAX_CELL = 32_767
WIDTH_ROWS, MAX_WIDTH = 200, 60
#: Every timestamp in the file: a date of no meaning, so that the same tables give the same bytes.
FIXED = "2000-01-01T00:00:00Z"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
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
                for name, xml in _package_parts(self.parts).items():
                    with package.open(_entry(name), "w") as target:
                        target.write(xml.encode())
                for number, part in enumerate(self.parts, start=1):
                    with package.open(_entry(f"xl/worksheets/sheet{number}.xml"), "w") as target:
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

    @property
    def last(self) -> str:
        """The reference of the sheet's last cell, where its filter ends."""
        return f"{_column(self.columns)}{max(self.rows, 1)}"

    def copy_to(self, target: IO[bytes]) -> None:
        self.rows_file.close()
        cols = "".join(
            f'<col min="{n}" max="{n}" width="{w:g}" customWidth="1"/>'
            for n, w in enumerate(self.widths, start=1)
        )
        target.write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
            f'<dimension ref="A1:{self.last}"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            "<sheetData>".encode()
        )
        with self.path.open("rb") as rows:
            shutil.copyfileobj(rows, target, 1 << 20)
        target.write(f'</sheetData><autoFilter ref="A1:{self.last}"/></worksheet>'.encode())


class _Sheet:
    """One table's sheets: its first part (created at once, so that the sheets keep their order), then more
    once Excel's row limit is reached (after the others)."""

    def __init__(self, book: Workbook, title: str, header: Sequence[str]) -> None:
        self.book, self.title, self.header = book, title, list(header)
        self.render = [_RENDERERS.get(dtype(column), _text_cell) for column in header]
        self.letters = [_column(position + 1) for position in range(len(header))]
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
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


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


def _column(number: int) -> str:
    """A column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    # zlib's fastest level: 3x as fast as its default on sheet XML, for a file ~1.3x as large. (The level of
    # an entry opened for writing is read from this attribute; Python 3.13 names it compress_level.)
    setattr(entry, "_compresslevel", 1)  # noqa: B010
    return entry


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _package_parts(parts: Sequence[_Part]) -> dict[str, str]:
    """Every part of the package but the worksheets: content types, relationships, the workbook (sheet
    names, and each sheet's filter range as Excel itself records it), styles, document properties."""
    titles = [part.title for part in parts]
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"'{part.title}'!$A$1:${_column(part.columns)}${max(part.rows, 1)}</definedName>"
        for n, part in enumerate(parts)
    )
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    sheets = "".join(
        f'<sheet name="{title}" sheetId="{n}" r:id="rId{n}"/>' for n, title in enumerate(titles, start=1)
    )
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return {
        "[Content_Types].xml": _XML
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
            for n in range(1, len(titles) + 1)
        )
        + '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{office}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>",
        "docProps/app.xml": _XML
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>newsner</Application></Properties>",
        "docProps/core.xml": _XML
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
        'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>newsner</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED}</dcterms:modified></cp:coreProperties>',
        "xl/workbook.xml": _XML
        + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{filters}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": _XML
        + f'<Relationships xmlns="{_PACKAGE_RELS}">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{office}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(titles) + 1)
        )
        + f'<Relationship Id="rId{len(titles) + 1}" Type="{office}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": _XML
        + f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
        'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
        '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
        'builtinId="0"/></cellStyles></styleSheet>',
    }
