from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pipeline import xlsxparts


@pytest.mark.parametrize(("number", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_column_letters(number: int, letters: str) -> None:
    assert xlsxparts.column(number) == letters


def test_every_part_is_well_formed_xml_naming_every_sheet_and_its_filter() -> None:
    sheets = [("Entities", 12, 30), ("Mentions", 27, 0), ("Mentions 2", 27, 5)]
    parts = xlsxparts.package(sheets)
    for xml in parts.values():
        ET.fromstring(xml.encode())
    workbook = parts["xl/workbook.xml"]
    assert workbook.count("<sheet ") == 3
    assert "'Mentions'!$A$1:$AA$1<" in workbook  # an empty sheet's filter covers its header
    assert parts["[Content_Types].xml"].count("/xl/worksheets/sheet") == 3
    head, tail = xlsxparts.worksheet(12, 30, [10.0] * 12)
    ET.fromstring((head + tail).encode())
    assert '<dimension ref="A1:L30"/>' in head
    assert '<autoFilter ref="A1:L30"/>' in tail


def test_zip_entries_have_a_fixed_date() -> None:
    assert xlsxparts.entry("xl/workbook.xml").date_time == xlsxparts.ZIP_TIME
