"""entities.xlsx (pipeline/workbook.py): the CSV tables as sheets, read back with openpyxl."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipeline import export, workbook
from pipeline.columns import Cell
from tests.test_tables import corpus


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workbook")
    export.write(folder, corpus(), [], "lingua")
    return folder


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_each_sheet_has_its_csv_file_s_header_and_rows_under_a_frozen_filtered_header(out: Path) -> None:
    book = load_workbook(out / "entities.xlsx")
    assert book.sheetnames == ["Entities", "Mentions", "Documents"]
    for name, sheet in zip(("entities", "mentions", "documents"), book, strict=True):
        rows = csv_rows(out / f"{name}.csv")
        assert [c.value for c in sheet[1]] == rows[0]
        assert sheet.max_row == len(rows)
        assert sheet.freeze_panes == "A2"
        last = get_column_letter(len(rows[0]))
        assert sheet.auto_filter.ref == f"A1:{last}{len(rows)}"
        widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(rows[0]))]
        assert all(width >= len(column) for width, column in zip(widths, rows[0], strict=True))


def test_numbers_are_numbers_and_a_formula_like_name_is_text(out: Path) -> None:
    book = load_workbook(out / "entities.xlsx")
    documents, mentions, entities = book["Documents"], book["Mentions"], book["Entities"]
    assert documents["G2"].value == pytest.approx(0.9877)  # language_score, a number
    assert (mentions["G2"].value, mentions["H2"].value) == (0, 4)  # start, end
    assert (entities["C2"].value, entities["C2"].data_type) == ("=Ana", "s")  # the literal text
    assert entities["D2"].value == "@Ana; Ana; B."  # a list, "; "-joined as in the CSV
    with zipfile.ZipFile(out / "entities.xlsx") as files:
        sheets = [files.read(n) for n in files.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet for sheet in sheets)  # no formula anywhere


def test_a_table_past_excel_s_row_limit_goes_on_in_another_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    monkeypatch.setattr(workbook, "WIDTH_ROWS", 2)
    headers = {"entities": ("name",), "mentions": ("text", "start"), "documents": ("doc_id",)}
    book = workbook.Workbook(tmp_path / "t.xlsx", headers)
    for number in range(5):
        book.add("mentions", [f"m{number}", number])
    book.add("entities", ["=1+1"])
    notes = book.close()
    assert notes == ["entities.xlsx: Mentions over 3 sheets (Mentions, Mentions 2, Mentions 3)"]
    read = load_workbook(tmp_path / "t.xlsx")
    assert read.sheetnames == [
        "Entities",
        "Mentions",
        "Documents",
        "Mentions 2",
        "Mentions 3",
    ]  # new parts last
    parts = [[[c.value for c in row] for row in read[name].iter_rows()] for name in read.sheetnames[3:]]
    assert [r for r in read["Mentions"].iter_rows(values_only=True)] == [
        ("text", "start"),
        ("m0", 0),
        ("m1", 1),
    ]
    assert parts == [[["text", "start"], ["m2", 2], ["m3", 3]], [["text", "start"], ["m4", 4]]]


def test_cells_excel_would_refuse_are_cleaned_and_cut(tmp_path: Path) -> None:
    book = workbook.Workbook(
        tmp_path / "t.xlsx", {"entities": ("a",), "mentions": ("b",), "documents": ("c",)}
    )
    long: Cell = "x" * 40_000
    emoji: Cell = "x" + "😀" * 20_000  # 40,001 UTF-16 units, as Excel counts
    book.add("entities", ["bell\x07 and nul\x00"])
    book.add("entities", [long])
    book.add("entities", [emoji])
    book.close()
    values = [c.value for c in load_workbook(tmp_path / "t.xlsx")["Entities"]["A"]]
    assert values[1] == "bell and nul"
    assert len(values[2]) == workbook.MAX_CELL
    assert values[2].endswith("…")
    assert values[3] == "x" + "😀" * 16_382 + "…"  # 32,766 units: an emoji is never cut in half
    assert len(values[3].encode("utf-16-le")) // 2 == workbook.MAX_CELL - 1


def test_text_keeps_its_markup_characters_spaces_and_line_ends(tmp_path: Path) -> None:
    texts: list[Cell] = ["<b> & </b>", "  lead", "trail  ", "a\r\nb\nc", "", "x\ud800y", ("=1", "<2>")]
    book = workbook.Workbook(
        tmp_path / "t.xlsx", {"entities": ("a",), "mentions": ("b",), "documents": ("c",)}
    )
    for text in texts:
        book.add("entities", [text])
    book.close()
    values = [c.value for c in load_workbook(tmp_path / "t.xlsx")["Entities"]["A"]][1:]
    assert values == ["<b> & </b>", "  lead", "trail  ", "a\r\nb\nc", None, "xy", "=1; <2>"]


def test_two_writes_are_byte_identical_whenever_they_are_made(out: Path, tmp_path: Path) -> None:
    export.write(tmp_path, corpus(), [], "lingua")
    assert (tmp_path / "entities.xlsx").read_bytes() == (out / "entities.xlsx").read_bytes()
    with zipfile.ZipFile(out / "entities.xlsx") as files:
        assert {entry.date_time for entry in files.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z</dcterms:modified>" in files.read("docProps/core.xml")


def test_the_workbook_written_in_a_forked_process_is_the_same(out: Path, tmp_path: Path) -> None:
    notes: list[str] = []
    export.write(tmp_path, corpus(), [], "lingua", notes, background=True)
    assert (tmp_path / "entities.xlsx").read_bytes() == (out / "entities.xlsx").read_bytes()
    assert notes == []
