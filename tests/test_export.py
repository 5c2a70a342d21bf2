from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.columns import Cell
from pipeline.export import csv_text, guard, unguard


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+", "'+"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("\x01=1", "'=1"),  # control characters go first, so they cannot hide a formula
        ("Norma Bustamante", "Norma Bustamante"),
        ("a=b", "a=b"),
        ("Baja California - Sonora", "Baja California - Sonora"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        ("a\x00b\x07c\x0bd\x1fe\x7f", "abcde"),
        ("line\nbreak\r\nand\ttab", "line\nbreak\r\nand\ttab"),
        (-5, "-5"),
        (42, "42"),
        (0.5, "0.5"),
        (None, ""),
        (("Ana", "=B"), "Ana; =B"),  # a list is joined, then guarded as one cell
        (("=A", "B"), "'=A; B"),
        ((), ""),
    ],
)
def test_guard(value: Cell, cell: str) -> None:
    assert guard(value) == cell


def test_csv_text_uses_crlf_and_rfc4180_quoting() -> None:
    content = csv_text(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", None], [3, "=1"]])
    assert content == 'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n3,\'=1\r\n'


def test_csv_text_keeps_an_empty_row_distinguishable() -> None:
    assert csv_text(["a"], [[""], [None]]) == 'a\r\n""\r\n""\r\n'


rows = st.lists(st.lists(st.text(), min_size=1, max_size=4), max_size=5)


@given(rows)
def test_csv_round_trip_gives_back_the_guarded_cells(table: list[list[str]]) -> None:
    content = csv_text(["h1", "h2"], table)
    parsed = list(csv.reader(io.StringIO(content, newline="")))
    assert parsed == [["h1", "h2"], *([guard(cell) for cell in row] for row in table)]


def test_csv_round_trip_keeps_carriage_returns_inside_cells() -> None:
    table: list[list[Cell]] = [["a\rb", "c\r\nd", "e\n"]]
    parsed = list(csv.reader(io.StringIO(csv_text(["x", "y", "z"], table), newline="")))
    assert parsed[1] == ["a\rb", "c\r\nd", "e\n"]


def test_entities_carry_the_linked_place_in_csv_and_json(tmp_path: Path) -> None:
    from pipeline.columns import ENTITY_COLUMNS
    from pipeline.export import write
    from pipeline.records import Corpus, Entity

    linked = Entity(
        "loc-1",
        "location",
        "tijuana",
        "Tijuana",
        (),
        ("a.txt",),
        1,
        ("es",),
        (),
        "MX",
        3981609,
        32.5027,
        -117.00371,
    )
    country = Entity("loc-2", "location", "eeuu", "EE.UU.", (), ("a.txt",), 1, ("es",), (), "US", 6252001)
    unlinked = Entity("loc-3", "location", "juarez", "Juárez", (), ("a.txt",), 1, ("es",))
    write(tmp_path, Corpus((linked, country, unlinked), lambda: iter(())), [], "lingua")
    files = {
        name: (tmp_path / name).read_text(encoding="utf-8-sig") for name in ("entities.csv", "entities.json")
    }
    assert ENTITY_COLUMNS[-5:] == ("curation", "country_code", "geonames_id", "latitude", "longitude")
    table = list(csv.DictReader(io.StringIO(files["entities.csv"], newline="")))
    assert [(r["country_code"], r["geonames_id"], r["latitude"], r["longitude"]) for r in table] == [
        ("MX", "3981609", "32.5027", "-117.00371"),  # a number, not a guarded text cell
        ("US", "6252001", "", ""),
        ("", "", "", ""),
    ]
    entities = json.loads(files["entities.json"])["entities"]
    assert [list(e)[-4:] for e in entities] == [["country_code", "geonames_id", "latitude", "longitude"]] * 3
    assert [(e["country_code"], e["geonames_id"], e["latitude"], e["longitude"]) for e in entities] == [
        ("MX", 3981609, 32.5027, -117.00371),
        ("US", 6252001, None, None),
        (None, None, None, None),
    ]


@pytest.mark.parametrize("value", ["=SUM(A1)", "-5", "'quoted", "plain", "", "'"])
def test_unguard_undoes_guard(value: str) -> None:
    assert unguard(guard(value)) == value
