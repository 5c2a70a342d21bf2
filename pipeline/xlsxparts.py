"""The parts of an ``.xlsx`` package around its cells (ECMA-376 SpreadsheetML), for :mod:`pipeline.workbook`:
a worksheet's XML before and after its rows, every other part of the package (content types,
relationships, the workbook, styles, document properties), and the ZIP entries that hold them.

The smallest package that Excel, LibreOffice and Google Sheets open without a repair. Deterministic: every
timestamp in it (the ZIP entries', the document properties') is a fixed date.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence

#: Every timestamp in the file: a date of no meaning, so that the same tables give the same bytes.
FIXED = "2000-01-01T00:00:00Z"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def worksheet(columns: int, rows: int, widths: Sequence[float]) -> tuple[str, str]:
    """A worksheet's XML before its rows and after them: its size, the header row frozen, column widths,
    and an autofilter over its rows."""
    last = f"{column(columns)}{max(rows, 1)}"
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{w:g}" customWidth="1"/>' for n, w in enumerate(widths, start=1)
    )
    head = (
        f'{XML}<worksheet xmlns="{MAIN}">'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
        "<sheetData>"
    )
    return head, f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>'


def column(number: int) -> str:
    """A column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    # zlib's fastest level: 3x as fast as its default on sheet XML, for a file ~1.3x as large. (The level of
    # an entry opened for writing is read from this attribute; Python 3.13 names it compress_level.)
    setattr(entry, "_compresslevel", 1)  # noqa: B010
    return entry


def package(sheets: Sequence[tuple[str, int, int]]) -> dict[str, str]:
    """Every part of the package but the worksheets, for sheets given as (title, columns, rows): content
    types, relationships, the workbook (sheet names, and each sheet's filter range as Excel itself records
    it), styles, document properties."""
    titles = [title for title, _, _ in sheets]
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"'{title}'!$A$1:${column(columns)}${max(rows, 1)}</definedName>"
        for n, (title, columns, rows) in enumerate(sheets)
    )
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    listed = "".join(
        f'<sheet name="{title}" sheetId="{n}" r:id="rId{n}"/>' for n, title in enumerate(titles, start=1)
    )
    return {
        "[Content_Types].xml": XML
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
        "_rels/.rels": XML + f'<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>",
        "docProps/app.xml": XML
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>newsner</Application></Properties>",
        "docProps/core.xml": XML
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
        'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>newsner</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED}</dcterms:modified></cp:coreProperties>',
        "xl/workbook.xml": XML
        + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{filters}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": XML
        + f'<Relationships xmlns="{PACKAGE_RELS}">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(titles) + 1)
        )
        + f'<Relationship Id="rId{len(titles) + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": XML
        + f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
        'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
        '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
        'builtinId="0"/></cellStyles></styleSheet>',
    }
