from __future__ import annotations

import csv
import json
from typing import Any

import pytest

from pipeline.formats import TEXT_FIELDS, Record, parse

SPANISH = (
    "La alcaldesa Norma Bustamante se reunió en Mexicali con la gobernadora Marina del Pilar Ávila Olmeda."
)
ENGLISH = "Mayor Norma Bustamante met Governor Marina del Pilar Ávila Olmeda in Mexicali on Monday."


def jsonl(*lines: Any) -> str:
    """A JSON Lines file: strings are written as they are, anything else as JSON."""
    return "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )


def parts(records: list[Record]) -> list[str]:
    return [record.part for record in records]


def malformed(record: Record) -> bool:
    return record.status == "malformed_record" and record.text == "" and bool(record.message)


# JSON Lines


def test_jsonl_records_carry_their_fields() -> None:
    text = jsonl(
        {
            "id": "a1",
            "title": "Reunión en Mexicali",
            "date": "2024-09-20",
            "url": "https://example.org/a1",
            "language": "es-MX",
            "text": SPANISH,
        },
        {"id": "a2", "text": ENGLISH, "language": "en"},
    )
    first, second = parse(".jsonl", text)
    assert first == Record(
        part="a1",
        text=SPANISH,
        title="Reunión en Mexicali",
        date="2024-09-20",
        url="https://example.org/a1",
        language="es-MX",
    )
    assert (second.part, second.text, second.language, second.title) == ("a2", ENGLISH, "en", "")
    assert (first.status, first.message, second.status, second.message) == ("ok", "", "ok", "")


def test_jsonl_records_without_id_are_named_by_their_line_skipping_but_counting_blank_lines() -> None:
    text = jsonl({"text": "uno"}, "", "   ", {"text": "dos"}, {"id": "", "text": "tres"}, "")
    records = parse(".jsonl", text)
    assert parts(records) == ["line-1", "line-4", "line-5"]
    assert [r.text for r in records] == ["uno", "dos", "tres"]
    assert all(r.status == "ok" for r in records)


def test_jsonl_crlf_line_endings_are_lines() -> None:
    text = jsonl({"text": "uno"}, {"text": "dos"}).replace("\n", "\r\n") + "\r\n"
    assert parts(parse(".jsonl", text)) == ["line-1", "line-2"]


def test_jsonl_invalid_json_is_a_malformed_record_named_by_its_line() -> None:
    good, bad, after = parse(".jsonl", jsonl({"text": "uno"}, "{not json", {"text": "tres"}))
    assert (good.status, after.status) == ("ok", "ok")
    assert bad.part == "line-2"
    assert malformed(bad)
    assert "invalid JSON" in bad.message


@pytest.mark.parametrize("line", ["[1, 2]", '"just a string"', "42", "null", "true"])
def test_jsonl_line_that_is_not_an_object_is_malformed(line: str) -> None:
    [record] = parse(".jsonl", line)
    assert record.part == "line-1"
    assert malformed(record)
    assert "line 1" in record.message
    assert "not an object" in record.message


def test_jsonl_record_without_text_names_the_fields_it_looked_for() -> None:
    [record] = parse(".jsonl", jsonl({"id": "a3", "title": "no text here", "text": 5}))
    assert record.part == "line-1"  # an unusable record is named by its line, not its id
    assert malformed(record)
    assert "no text field" in record.message
    assert all(field in record.message for field in TEXT_FIELDS)


def test_jsonl_text_fields_are_configurable() -> None:
    text = jsonl({"id": "a", "cuerpo": SPANISH}, {"id": "b", "text": ENGLISH})
    found, missing = parse(".jsonl", text, text_fields=("cuerpo",))
    assert (found.part, found.text, found.status) == ("a", SPANISH, "ok")
    assert malformed(missing)
    assert "cuerpo" in missing.message
    assert "text" not in missing.message.split("(")[1]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"text": "t", "content": "c", "body": "b"}, "t"),
        ({"body": "b", "content": "c"}, "c"),
        ({"body": "b"}, "b"),
        ({"text": None, "content": ["not", "text"], "body": "b"}, "b"),
        ({"text": "", "content": "c"}, "c"),  # an empty field does not hide a full one
        ({"text": " ", "content": ""}, " "),  # all blank: the first; the record is empty, not skipped
    ],
)
def test_jsonl_first_text_field_with_text_wins(item: dict[str, Any], expected: str) -> None:
    [record] = parse(".jsonl", jsonl(item))
    assert (record.status, record.text) == ("ok", expected)


def test_jsonl_text_fields_order_is_the_callers() -> None:
    [record] = parse(".jsonl", jsonl({"text": "t", "body": "b"}), text_fields=("body", "text"))
    assert record.text == "b"


def test_jsonl_duplicate_id_names_the_later_record_by_its_line() -> None:
    records = parse(".jsonl", jsonl({"id": "a", "text": "uno"}, {"id": "a", "text": "dos"}))
    assert parts(records) == ["a", "line-2"]
    assert [r.status for r in records] == ["ok", "ok"]
    assert records[0].message == ""
    assert "'a'" in records[1].message
    assert "line" in records[1].message
    assert records[1].text == "dos"


@pytest.mark.parametrize(
    "lines",
    [
        # an explicit id that looks like a later record's fallback name
        [{"id": "line-2", "text": "uno"}, {"text": "dos"}],
        # ... or like a later malformed record's name
        [{"id": "line-2", "text": "uno"}, "{not json"],
        [{"id": "line-3", "text": "uno"}, {"id": "line-3", "text": "dos"}, {"text": "tres"}],
        # an explicit id equal to an earlier fallback name
        [{"text": "uno"}, {"id": "line-1", "text": "dos"}],
    ],
)
def test_jsonl_parts_are_unique_within_a_file(lines: list[Any]) -> None:
    records = parse(".jsonl", jsonl(*lines))
    assert len(records) == len(lines)
    assert len(set(parts(records))) == len(records)


@pytest.mark.parametrize(
    ("given", "part"),
    [
        (7, "7"),
        (1.5, "1.5"),
        (True, "true"),  # as JSON writes it, not Python's "True"
        (["a", "b"], '["a", "b"]'),
        ({"y": 2024}, '{"y": 2024}'),
        ("  spaced   id ", "spaced id"),
    ],
)
def test_jsonl_ids_become_clean_strings(given: Any, part: str) -> None:
    [record] = parse(".jsonl", jsonl({"id": given, "text": "x"}))
    assert record.part == part


def test_jsonl_metadata_is_stringified_and_whitespace_collapsed() -> None:
    [record] = parse(".jsonl", jsonl({"text": "x", "title": "  Dos\n  líneas ", "date": 2024, "url": None}))
    assert (record.title, record.date, record.url) == ("Dos líneas", "2024", "")


def test_jsonl_numeric_ids_count_as_duplicates_of_equal_strings() -> None:
    records = parse(".jsonl", jsonl({"id": 1, "text": "uno"}, {"id": "1", "text": "dos"}))
    assert parts(records) == ["1", "line-2"]


@pytest.mark.parametrize("text", ["", "\n", "  \n\n \t\n"])
def test_jsonl_without_records_gives_no_records(text: str) -> None:
    assert parse(".jsonl", text) == []


# JSON arrays


def test_json_array_items_are_named_by_position() -> None:
    text = json.dumps([{"text": "uno"}, {"id": "b", "content": "dos", "language": "es"}, {"body": "tres"}])
    records = parse(".json", text)
    assert parts(records) == ["item-1", "b", "item-3"]
    assert [r.text for r in records] == ["uno", "dos", "tres"]
    assert records[1].language == "es"


def test_json_array_bad_items_are_malformed_by_position() -> None:
    records = parse(".json", json.dumps([[1], {"title": "sin texto"}, {"text": "ok"}, "hola"]))
    assert parts(records) == ["item-1", "item-2", "item-3", "item-4"]
    assert [r.status for r in records] == ["malformed_record", "malformed_record", "ok", "malformed_record"]
    assert "item 1" in records[0].message
    assert "item 2" in records[1].message
    assert "item 4" in records[3].message


def test_json_array_duplicate_ids_are_named_by_item() -> None:
    records = parse(".json", json.dumps([{"id": 5, "text": "x"}, {"id": 5, "text": "y"}]))
    assert parts(records) == ["5", "item-2"]
    assert "item" in records[1].message


@pytest.mark.parametrize("text", ['{"text": "one object"}', '"a string"', "3", "null"])
def test_json_top_level_non_array_is_one_malformed_file_record(text: str) -> None:
    [record] = parse(".json", text)
    assert record.part == "file"
    assert malformed(record)
    assert "array" in record.message
    assert ".jsonl" in record.message


@pytest.mark.parametrize("text", ["", "[{", "{'single': 'quotes'}", '[{"text": "x"}] trailing'])
def test_json_invalid_is_one_malformed_file_record(text: str) -> None:
    [record] = parse(".json", text)
    assert record.part == "file"
    assert malformed(record)
    assert "invalid JSON" in record.message


def test_json_empty_array_gives_no_records() -> None:
    assert parse(".json", "[]") == []


# CSV


def test_csv_rows_are_records_named_by_id_or_starting_line() -> None:
    text = (
        "id,title,date,url,language,text\n"
        f'r1,Reunión,2024-09-20,https://example.org/r1,es,"{SPANISH}"\n'
        f',Meeting,,,en,"{ENGLISH}"\n'
    )
    first, second = parse(".csv", text)
    assert first == Record(
        part="r1",
        text=SPANISH,
        title="Reunión",
        date="2024-09-20",
        url="https://example.org/r1",
        language="es",
    )
    assert (second.part, second.text, second.title, second.language) == ("line-3", ENGLISH, "Meeting", "en")


def test_csv_quoted_multiline_cell_is_one_row_and_later_rows_count_its_lines() -> None:
    text = 'title,text\nA,"primera línea\nsegunda línea\ntercera, con coma"\nB,"dijo ""hola"""\nC,fin\n'
    records = parse(".csv", text)
    assert parts(records) == ["line-2", "line-5", "line-6"]
    assert records[0].text == "primera línea\nsegunda línea\ntercera, con coma"
    assert records[1].text == 'dijo "hola"'
    assert [r.title for r in records] == ["A", "B", "C"]


def test_csv_line_numbers_count_blank_lines() -> None:
    text = 'title,text\n\nA,x\n\n\nB,"y\nz"\nC,w\n'
    assert parts(parse(".csv", text)) == ["line-3", "line-6", "line-8"]


def test_csv_header_after_blank_lines_is_the_header() -> None:
    records = parse(".csv", "\n\ntitle,text\nA,x\n")
    assert [(r.part, r.status, r.title, r.text) for r in records] == [("line-4", "ok", "A", "x")]


def test_csv_crlf_rows() -> None:
    records = parse(".csv", 'text\r\nuno\r\n"dos\r\nlíneas"\r\ntres\r\n')
    assert parts(records) == ["line-2", "line-3", "line-5"]
    assert records[1].text == "dos\r\nlíneas"


def test_csv_without_text_column_is_malformed_per_row() -> None:
    records = parse(".csv", "id,title\nr1,uno\nr2,dos\n")
    assert parts(records) == ["line-2", "line-3"]
    assert all(malformed(r) for r in records)
    assert "line 2" in records[0].message
    assert "line 3" in records[1].message
    assert all(field in records[0].message for field in TEXT_FIELDS)


def test_csv_text_fields_are_configurable() -> None:
    [record] = parse(".csv", "cuerpo,text\nhola,hello\n", text_fields=("cuerpo",))
    assert record.text == "hola"


def test_csv_extra_and_missing_cells() -> None:
    records = parse(".csv", "id,text,section\nr1,uno,local,EXTRA,MORE\nr2\nr3,tres\n")
    assert [(r.part, r.status, r.text) for r in records] == [
        ("r1", "ok", "uno"),  # cells beyond the header are ignored
        ("line-3", "malformed_record", ""),  # a short row has no text cell
        ("r3", "ok", "tres"),
    ]
    assert "EXTRA" not in repr(records)


def test_csv_empty_text_cell_is_an_ok_empty_record() -> None:
    [record] = parse(".csv", 'id,body\nr2,""\n')
    assert (record.part, record.status, record.text) == ("r2", "ok", "")


@pytest.mark.parametrize("text", ["", "\n\n", "id,text\n", "id,text\n\n"])
def test_csv_without_rows_gives_no_records(text: str) -> None:
    assert parse(".csv", text) == []


# Plain text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".unknown", ""])
def test_plain_files_are_one_record_with_the_text_as_is(suffix: str) -> None:
    text = f'# Título\n\n{SPANISH}\n<p>not HTML here</p>\n{{"text": "not JSON"}}\n'
    assert parse(suffix, text) == [Record(part="", text=text)]


def test_plain_empty_file_is_one_empty_record() -> None:
    assert parse(".txt", "") == [Record(part="", text="")]


def test_jsonl_name_taken_by_an_earlier_id_gets_a_suffix_and_a_message() -> None:
    records = parse(".jsonl", jsonl({"id": "line-2", "text": "uno"}, {"text": "dos"}, "{bad"))
    assert parts(records) == ["line-2", "line-2~2", "line-3"]
    assert records[0].message == ""
    assert "line-2~2" in records[1].message
    assert records[1].status == "ok"


def test_csv_cells_longer_than_the_csv_modules_default_limit_are_read() -> None:
    long = "x" * 200_000
    records = parse(".csv", f'id,text\nr1,uno\nr2,"{long}"\nr3,tres\n')
    assert [(r.part, r.text, r.status) for r in records] == [
        ("r1", "uno", "ok"),
        ("r2", long, "ok"),
        ("r3", "tres", "ok"),
    ]


def test_a_malformed_csv_row_is_reported_and_the_rows_after_it_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit = csv.field_size_limit(10)  # a row the csv module refuses: a cell over its (now tiny) size limit
    monkeypatch.setattr(csv, "field_size_limit", lambda *new: limit)
    try:
        records = parse(".csv", 'id,text\nr1,uno\nr2,"a cell over ten characters"\nr3,tres\n')
    finally:
        monkeypatch.undo()
        csv.field_size_limit(limit)
    assert [r.part for r in records] == ["r1", "line-3", "r3"]
    assert malformed(records[1])
    assert "invalid CSV: field larger than field limit" in records[1].message
