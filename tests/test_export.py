from __future__ import annotations

import codecs
import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.export import Cell, _dumps, csv_chunks, csv_text, guard, write_atomically

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


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


FILES = {"b.csv": "h\r\nnew\r\n", "a.json": '{"name": "Ávila"}\n'}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomically_adds_a_bom_to_csv_only(tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    written = write_atomically(out, FILES)
    assert sorted(written) == [out / "a.json", out / "b.csv"]
    assert (out / "b.csv").read_bytes() == codecs.BOM_UTF8 + b"h\r\nnew\r\n"
    assert (out / "a.json").read_bytes() == '{"name": "Ávila"}\n'.encode()
    assert listing(out) == ["a.json", "b.csv"]


def test_write_atomically_replaces_previous_outputs(tmp_path: Path) -> None:
    write_atomically(tmp_path, {"b.csv": "old\r\n", "a.json": "{}\n"})
    write_atomically(tmp_path, FILES)
    assert (tmp_path / "b.csv").read_bytes() == codecs.BOM_UTF8 + b"h\r\nnew\r\n"
    assert listing(tmp_path) == ["a.json", "b.csv"]


def previous(tmp_path: Path) -> dict[str, bytes]:
    write_atomically(tmp_path, {"b.csv": "old\r\n", "a.json": "{}\n", "c.csv": "old\r\n"})
    return {name: (tmp_path / name).read_bytes() for name in listing(tmp_path)}


def test_a_failed_write_keeps_the_previous_outputs(tmp_path: Path) -> None:
    before = previous(tmp_path)
    broken = {"a.json": "{}\n", "b.csv": "\ud800 cannot be encoded", "c.csv": "new\r\n"}
    with pytest.raises(UnicodeEncodeError):
        write_atomically(tmp_path, broken)
    assert {name: (tmp_path / name).read_bytes() for name in listing(tmp_path)} == before


def test_a_failed_rename_keeps_the_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous(tmp_path)

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path, {"a.json": "[]\n", "b.csv": "new\r\n", "c.csv": "new\r\n"})
    assert {name: (tmp_path / name).read_bytes() for name in listing(tmp_path)} == before


@given(JSON_VALUES, st.integers(0, 3))
def test_json_encoding_is_the_standard_librarys_indented_text(value: object, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert _dumps(value, depth) == expected


def test_json_encoding_of_tuples_and_non_string_keys_matches_too() -> None:
    value = {"scores": (0.5, 1.0, float("nan")), 1: [True, None], None: {}, 2.5: ()}
    assert _dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=30), st.integers(1, 7))
def test_csv_in_chunks_is_the_same_text(rows: list[list[str]], per_chunk: int) -> None:
    assert "".join(csv_chunks(["a", "b"], rows, per_chunk)) == csv_text(["a", "b"], rows)


def test_write_atomically_takes_text_in_pieces(tmp_path: Path) -> None:
    write_atomically(tmp_path, {"a.csv": iter(["x,y\r\n", "1,2\r\n"]), "b.json": "{}\n"})
    assert (tmp_path / "a.csv").read_bytes() == codecs.BOM_UTF8 + b"x,y\r\n1,2\r\n"
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == "{}\n"


def test_write_atomically_writes_bytes_as_they_are(tmp_path: Path) -> None:
    data = b"PAR1\x00\xff\r\nPAR1"
    written = write_atomically(tmp_path, {"t.parquet": data, "a.csv": "x\r\n"})
    assert sorted(written) == [tmp_path / "a.csv", tmp_path / "t.parquet"]
    assert (tmp_path / "t.parquet").read_bytes() == data  # no BOM, no newline translation
    assert listing(tmp_path) == ["a.csv", "t.parquet"]


def test_entities_carry_the_linked_place_in_csv_and_json() -> None:
    from pipeline.export import ENTITY_COLUMNS, render
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
    corpus = Corpus((), (), (linked, country, unlinked), {})
    files = render(corpus, [], "lingua")
    assert ENTITY_COLUMNS[-5:] == ("curation", "country_code", "geonames_id", "latitude", "longitude")
    table = list(csv.DictReader(io.StringIO("".join(files["entities.csv"]), newline="")))
    assert [(r["country_code"], r["geonames_id"], r["latitude"], r["longitude"]) for r in table] == [
        ("MX", "3981609", "32.5027", "-117.00371"),  # a number, not a guarded text cell
        ("US", "6252001", "", ""),
        ("", "", "", ""),
    ]
    entities = json.loads("".join(files["entities.json"]))["entities"]
    assert [list(e)[-4:] for e in entities] == [["country_code", "geonames_id", "latitude", "longitude"]] * 3
    assert [(e["country_code"], e["geonames_id"], e["latitude"], e["longitude"]) for e in entities] == [
        ("MX", 3981609, 32.5027, -117.00371),
        ("US", 6252001, None, None),
        (None, None, None, None),
    ]
