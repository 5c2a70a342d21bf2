"""Turn a decoded file into documents, by format: plain text, HTML, JSON Lines, JSON arrays and CSV.

A ``.txt``/``.md``/``.html`` file is one document (:mod:`pipeline.webpage` reads web pages). A
``.jsonl``/``.json``/``.csv`` file holds one document per record (line, array item or row) with these fields,
all optional but the text:

* text: the first of ``text_fields`` (default ``text``, ``content``, ``body``) that holds a string that is not
  blank, else the first that holds a string (an empty document); in a CSV file, of two columns with the same
  name the first that is not blank counts;
* ``id`` (the document becomes ``file#id``, else ``file#line-N`` / ``file#item-N``), ``title``, ``date``,
  ``url``, and ``language``, a hint that overrides language detection for that record.

Names are unique within a file: a repeated id gives way to the record's line or item name, and a name an
earlier record already has gets ``~2``, ``~3``... appended.

A record that cannot be used becomes a :class:`Record` with status ``malformed_record`` and a reason, so
nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.records import Status

RECORD_SUFFIXES = frozenset({".jsonl", ".json", ".csv"})
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
TEXT_FIELDS = ("text", "content", "body")


@dataclass(frozen=True, slots=True)
class Record:
    """One document found in a file: ``part`` is what follows ``#`` in its doc_id ("" for whole files)."""

    part: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    language: str = ""
    status: Status = "ok"
    message: str = ""


def parse(suffix: str, text: str, *, text_fields: Sequence[str] = TEXT_FIELDS) -> list[Record]:
    """Documents in a decoded file whose name ends in ``suffix`` (lower case, with the dot)."""
    if suffix in (".html", ".htm"):
        from pipeline.webpage import parse_html  # here: webpage imports Record from this module

        return [parse_html(text)]
    if suffix == ".jsonl":
        return list(_records(_jsonl(text), text_fields, "line"))
    if suffix == ".json":
        return list(_records(_json_array(text), text_fields, "item"))
    if suffix == ".csv":
        return list(_records(_csv_rows(text), text_fields, "line"))
    return [Record(part="", text=text)]


Raw = tuple[int, Any, str]  # (line or item number, parsed object or None, error message)


def _jsonl(text: str) -> Iterator[Raw]:
    # Only "\n" ends a record: U+2028, U+2029, NEL or a bare CR can be inside a valid one (str.splitlines
    # would cut there); a CR before the "\n" is JSON whitespace.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), ""
        except ValueError as error:
            yield number, None, f"invalid JSON: {error}"


def _json_array(text: str) -> Iterator[Raw]:
    try:
        data = json.loads(text)
    except ValueError as error:
        yield 0, None, f"invalid JSON: {error}"
        return
    if not isinstance(data, list):
        yield 0, None, "a .json file must hold an array of objects (use .jsonl for one object per line)"
        return
    for number, item in enumerate(data, 1):
        yield number, item, ""


def _csv_rows(text: str) -> Iterator[Raw]:
    # csv.reader, not DictReader: DictReader takes a leading blank line for the header and skips blank lines
    # between rows without a trace, so line numbers (the rows' fallback names) would be wrong.
    # No cell is longer than the file: the default field size limit (131,072 characters) would make a long
    # article malformed.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    line = 1  # where the next row starts
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # this row is malformed; the reader goes on with the next one
            yield line, None, f"invalid CSV{'' if header else ' header'}: {error}"
        else:
            if not row:
                pass  # a blank line: skipped, but counted
            elif header is None:
                header = row
            else:
                yield line, _cells(header, row), ""
        line = reader.line_num + 1


def _cells(header: list[str], row: list[str]) -> dict[str, str]:
    """A row by column name; cells past the header are ignored, and of two columns with the same name the
    first that is not blank counts."""
    cells: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):
        if not cells.get(name, "").strip():
            cells[name] = cell
    return cells


def _records(raw: Iterator[Raw], text_fields: Sequence[str], unit: str) -> Iterator[Record]:
    seen: set[str] = set()
    for number, item, error in raw:
        fallback = f"{unit}-{number}" if number else "file"
        if error or not isinstance(item, dict):
            reason = error or f"{unit} {number} is not an object with fields"
            yield Record(part=unused_name(fallback, seen), text="", status="malformed_record", message=reason)
            continue
        present = [f for f in text_fields if isinstance(item.get(f), str)]  # the first not blank, if any
        field = next((f for f in present if item[f].strip()), present[0] if present else None)
        if field is None:
            reason = f"{unit} {number} has no text field (looked for {', '.join(text_fields)})"
            yield Record(part=unused_name(fallback, seen), text="", status="malformed_record", message=reason)
            continue
        given = _field(item, "id")
        part, message = given or fallback, ""
        if given in seen:
            part, message = fallback, f"id '{given}' is used by an earlier record; named by its {unit}"
        unique = unused_name(part, seen)
        if unique != part:  # an earlier record's id is this record's line or item name
            part, message = unique, f"'{part}' is used by an earlier record's id; named '{unique}'"
        yield Record(
            part=part,
            text=item[field],
            title=_field(item, "title"),
            date=_field(item, "date"),
            url=_field(item, "url"),
            language=_field(item, "language"),
            message=message,
        )


def unused_name(name: str, seen: set[str]) -> str:
    """``name``, or ``name~2``, ``name~3``... if ``seen`` has it already (an earlier record or document); the
    name returned is added to ``seen``."""
    unique, n = name, 1
    while unique in seen:
        n += 1
        unique = f"{name}~{n}"
    seen.add(unique)
    return unique


def _field(item: dict[str, Any], name: str) -> str:
    """A record's field as one line of text; a number, ``true``/``false``, a list or an object as JSON writes
    it (``"id": 7`` is "7", ``"id": true`` "true", not Python's "True")."""
    value = item.get(name)
    if value is None:
        return ""
    return " ".join((value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).split())
