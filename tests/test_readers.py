from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import language
from pipeline.errors import PipelineError
from pipeline.readers import TITLE_CHARS, discover, documents, part, read, title_of
from pipeline.records import Detection, Source, Status
from pipeline.text import clean
from tests.conftest import ANY_CHARACTER

SPANISH = "Las niñas de Ávila; “la alcaldesa” habló — 5 €."


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def test_discover_walks_folders_in_sorted_order_with_posix_ids(tmp_path: Path) -> None:
    make(tmp_path, "b.txt", "a/z.md", "a/b/y.txt", "c/x.txt", "A.txt")
    found = list(discover([tmp_path]))
    assert [doc_id for doc_id, _ in found] == ["A.txt", "a/b/y.txt", "a/z.md", "b.txt", "c/x.txt"]
    assert all(path == tmp_path / doc_id for doc_id, path in found)


def test_discover_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    make(tmp_path, "kept.txt", ".hidden.txt", ".git/config.txt", "a/.DS_Store", "a/kept.md")
    assert [doc_id for doc_id, _ in discover([tmp_path])] == ["a/kept.md", "kept.txt"]


def test_a_file_input_is_named_after_itself(tmp_path: Path) -> None:
    make(tmp_path, "news/2024/story.txt")
    path = tmp_path / "news/2024/story.txt"
    assert list(discover([path])) == [("story.txt", path)]


def test_a_missing_input_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(PipelineError, match="nowhere"):
        list(discover([missing]))


def test_two_inputs_with_the_same_doc_id_are_an_error(tmp_path: Path) -> None:
    make(tmp_path, "en/story.txt", "es/story.txt", "es/other.txt")
    with pytest.raises(PipelineError, match=r"story\.txt"):
        list(discover([tmp_path / "en", tmp_path / "es"]))


def test_a_file_that_two_inputs_give_is_one_document(tmp_path: Path) -> None:
    """An input named twice, or a file inside a folder named too, is read once: it is one file."""
    make(tmp_path, "in/sub/story.txt", "in/other.txt")
    inputs = [tmp_path / "in", tmp_path / "in" / "sub" / "story.txt", tmp_path / "in"]
    assert [doc_id for doc_id, _ in discover(inputs)] == ["other.txt", "sub/story.txt"]


def test_inputs_with_distinct_doc_ids_are_concatenated(tmp_path: Path) -> None:
    make(tmp_path, "en/one.txt", "es/two.txt")
    found = [doc_id for doc_id, _ in discover([tmp_path / "es", tmp_path / "en"])]
    assert found == ["two.txt", "one.txt"]


def read_one(doc_id: str, path: Path) -> Source:
    """A whole-file document: exactly one source."""
    [source] = read(doc_id, path)
    return source


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SPANISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SPANISH.encode("utf-8"), "utf-8-sig"),
        (SPANISH.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SPANISH.encode("utf-16-be"), "utf-16"),
        (SPANISH.encode("cp1252"), "cp1252 (guessed)"),
    ],
)
def test_read_decodes_text_files(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "nota.txt"
    path.write_bytes(b"# " + data if encoding == "utf-8" else data)
    source = read_one("nota.txt", path)
    assert source.status == "ok"
    assert source.encoding == encoding
    assert source.text.endswith(SPANISH)
    assert "\ufeff" not in source.text
    assert "niñas" in source.text
    assert "Ávila" in source.text
    assert source.title == SPANISH
    assert (source.doc_id, source.path, source.message) == ("nota.txt", path, "")


def test_read_marks_binary_files(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02")
    source = read_one("image.txt", path)
    assert (source.status, source.text, source.title) == ("binary", "", "")
    assert source.message


@pytest.mark.parametrize("name", ["report.pdf", "notes.docx", "README"])
def test_read_lists_unsupported_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Norma Bustamante", encoding="utf-8")
    source = read_one(name, path)
    assert source.status == "unsupported_format"
    assert source.text == ""
    assert source.message


def test_upper_case_suffix_is_read(tmp_path: Path) -> None:
    path = tmp_path / "STORY.TXT"
    path.write_text("Hola", encoding="utf-8")
    assert read_one("STORY.TXT", path).status == "ok"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read files with mode 000")
def test_read_reports_a_file_without_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    try:
        source = read_one("secret.txt", path)
    finally:
        path.chmod(0o644)
    assert source.status == "unreadable"
    assert source.message


def test_read_reports_an_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    source = read_one("secret.txt", path)
    assert (source.status, source.text) == ("unreadable", "")
    assert "Permission denied" in source.message


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Hello world\nsecond", "Hello world"),
        ("\n  \n  Titular   de  hoy \ncuerpo", "Titular de hoy"),
        ("## Markdown heading\n\nbody", "Markdown heading"),
        ("#\n# \n###   Real\n", "Real"),
        ("", ""),
        (" \n\t\n", ""),
    ],
)
def test_title_of(text: str, title: str) -> None:
    assert title_of(text) == title


def test_title_of_shortens_long_lines() -> None:
    assert title_of("a" * TITLE_CHARS) == "a" * TITLE_CHARS
    title = title_of("b" * (TITLE_CHARS + 1))
    assert len(title) == TITLE_CHARS
    assert title == "b" * (TITLE_CHARS - 1) + "…"
    assert title_of("word " * 100).endswith("word…")


# Record files: one Source per record


def test_read_jsonl_gives_one_source_per_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {
            "id": "a1",
            "text": SPANISH,
            "date": "2024-09-20",
            "url": "https://example.org/a1",
            "language": "es",
        },
        {"title": "Sin id", "body": "Hola Mexicali", "language": "es-MX"},
        "{not json",
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8")
    first, second, third = read("news/feed.jsonl", path)
    assert [s.doc_id for s in (first, second, third)] == [
        "news/feed.jsonl#a1",
        "news/feed.jsonl#line-2",
        "news/feed.jsonl#line-3",
    ]
    assert all(s.source == "news/feed.jsonl" and s.path == path for s in (first, second, third))
    assert (first.status, first.text, first.encoding) == ("ok", SPANISH, "utf-8")
    assert (first.date, first.url, first.language_hint) == ("2024-09-20", "https://example.org/a1", "es")
    assert first.title == SPANISH  # no title field: the first line of the text
    assert (second.title, second.text, second.language_hint) == ("Sin id", "Hola Mexicali", "es-MX")
    assert (third.status, third.text) == ("malformed_record", "")
    assert "invalid JSON" in third.message


def test_read_csv_gives_one_source_per_row(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    rows = [
        ["id", "title", "date", "url", "language", "text"],
        ["r1", "Uno", "2024-01-02", "u1", "en", "One"],
    ]
    rows += [["", "", "", "", "", "Dos\nlíneas"], ["r3", "", "", "", "", "Tres"]]
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    sources = read("sheet.csv", path)
    assert [s.doc_id for s in sources] == ["sheet.csv#r1", "sheet.csv#line-3", "sheet.csv#r3"]
    assert [s.text for s in sources] == ["One", "Dos\nlíneas", "Tres"]
    assert [s.title for s in sources] == ["Uno", "Dos", "Tres"]
    assert (sources[0].date, sources[0].url, sources[0].language_hint) == ("2024-01-02", "u1", "en")
    assert {s.source for s in sources} == {"sheet.csv"}
    assert {s.status for s in sources} == {"ok"}


def test_read_json_array_and_custom_text_fields(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps([{"cuerpo": "Hola"}, {"text": "Hello"}]), encoding="utf-8")
    sources = read("api.json", path, text_fields=("cuerpo",))
    assert [(s.doc_id, s.status, s.text) for s in sources] == [
        ("api.json#item-1", "ok", "Hola"),
        ("api.json#item-2", "malformed_record", ""),
    ]


def test_read_html_is_one_source_with_the_pages_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Crisis en Mexicali</title>"
        '<meta name="date" content="2024-09-20"></head><body><nav>Inicio | Deportes</nav><article>'
        f"<p>{SPANISH} Hablaron del agua y de la seguridad en el valle durante toda la mañana.</p>"
        "</article><footer>Aviso legal</footer></body></html>",
        encoding="utf-8",
    )
    [source] = read("page.html", path)
    assert (source.doc_id, source.source, source.status) == ("page.html", "page.html", "ok")
    assert SPANISH in source.text
    assert "Deportes" not in source.text
    assert (source.title, source.date) == ("Crisis en Mexicali", "2024-09-20")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n  \n"),
        ("header.csv", b"id,text\n"),
        ("empty.csv", b""),
        ("array.json", b"[]"),
    ],
)
def test_a_record_file_without_records_is_still_one_source(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [source] = read(name, path)
    assert (source.doc_id, source.source, source.status, source.text) == (name, name, "ok", "")


def test_record_ids_are_unique_within_a_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "line-2", "text": "uno"}, {"text": "dos"}, {"id": "line-2", "text": "tres"}, "{bad"]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8")
    sources = read("feed.jsonl", path)
    assert len(sources) == 4
    assert len({s.doc_id for s in sources}) == 4
    assert sources[0].doc_id == "feed.jsonl#line-2"
    assert all(s.message for s in sources[1:])


# Limits and encodings


def test_read_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 3000}), encoding="utf-8")
    [source] = read("big.jsonl", path, max_bytes=2000)
    assert (source.doc_id, source.status, source.text, source.encoding) == ("big.jsonl", "too_large", "", "")
    assert source.message == "3,012 bytes is over the 0.002 MB limit (--max-mb)"  # not "0.0 MB"
    path.write_text(json.dumps({"text": "x" * 300_000}), encoding="utf-8")
    [source] = read("big.jsonl", path, max_bytes=100_000)
    assert source.message == "0.3 MB is over the 0.1 MB limit (--max-mb)"
    assert read("big.jsonl", path, max_bytes=path.stat().st_size)[0].status == "ok"


@pytest.mark.parametrize(
    "original",
    ["Las niñas de la pequeña plaza", "El señor Muñoz llegó a Peñasco con su niño"],
)
def test_read_repairs_mojibake(tmp_path: Path, original: str) -> None:
    mojibake = original.encode("utf-8").decode("cp1252")
    assert "Ã±" in mojibake
    path = tmp_path / "nota.txt"
    path.write_text(f"{mojibake}\n", encoding="utf-8")
    source = read_one("nota.txt", path)
    assert source.status == "ok"
    assert source.text == f"{original}\n"
    assert source.title == original
    assert source.encoding == "utf-8 + mojibake repaired"


def test_read_repairs_mojibake_per_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [{"text": "Niñas de Ávila".encode().decode("latin-1")}, {"text": "Niñas de Ávila"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    repaired, clean = read("feed.jsonl", path)
    assert (repaired.text, repaired.encoding) == ("Niñas de Ávila", "utf-8 + mojibake repaired")
    assert (clean.text, clean.encoding) == ("Niñas de Ávila", "utf-8")


def test_read_replaces_a_few_broken_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nota.txt"
    path.write_bytes((SPANISH + " ").encode("utf-8") * 10 + b"\xff" + SPANISH.encode("utf-8"))
    source = read_one("nota.txt", path)
    assert source.status == "ok"
    assert source.encoding == "utf-8 (1 bad bytes replaced)"
    assert source.text.count("\ufffd") == 1
    assert source.text.endswith(SPANISH)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(128, 256)) * 4 + bytes(range(1, 32)),
        bytes(range(128, 160)) * 8,
        (bytes(range(1, 9)) + bytes(range(14, 32)) + bytes(range(128, 256))) * 3,
    ],
)
def test_read_marks_high_bytes_without_nul_undecodable(tmp_path: Path, data: bytes) -> None:
    assert b"\x00" not in data
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    source = read_one("noise.txt", path)
    assert (source.status, source.text, source.encoding) == ("undecodable", "", "")
    assert "control codes" in source.message


# Odd file system entries


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_loop_is_listed_once_and_unreadable(tmp_path: Path) -> None:
    make(tmp_path, "loop/story.txt")
    (tmp_path / "loop" / "back").symlink_to("..")
    (tmp_path / "loop" / "self").symlink_to(".")
    found = dict(discover([tmp_path]))
    assert sorted(found) == ["loop/back/", "loop/self/", "loop/story.txt"]
    for doc_id in ("loop/back/", "loop/self/"):
        [source] = read(doc_id, found[doc_id])
        assert (source.doc_id, source.status, source.text) == (doc_id, "unreadable", "")
        assert "loop" in source.message


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_broken_symbolic_link_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    assert list(discover([tmp_path])) == [("dangling.txt", tmp_path / "dangling.txt")]
    source = read_one("dangling.txt", tmp_path / "dangling.txt")
    assert (source.status, source.text) == ("unreadable", "")
    assert "broken symbolic link" in source.message


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_to_a_file_is_read(tmp_path: Path) -> None:
    make(tmp_path, "real/story.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real" / "story.txt")
    found = dict(discover([tmp_path]))
    assert sorted(found) == ["link.txt", "real/story.txt"]
    assert read_one("link.txt", found["link.txt"]).text == "x\n"


@pytest.mark.parametrize(
    "name",
    ["with space.txt", "niñas de Ávila.md", "-draft.txt", "--help.txt", "=cmd.txt", "a#b.txt", "日本.txt"],
)
def test_odd_file_names_are_discovered_and_read(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(SPANISH, encoding="utf-8")
    [(doc_id, path)] = discover([tmp_path])
    assert (doc_id, path) == (name, tmp_path / name)
    source = read_one(doc_id, path)
    assert (source.doc_id, source.status, source.text) == (name, "ok", SPANISH)


# Language routing

ENGLISH_TEXT = (
    "The mayor met the governor in Mexicali on Monday to talk about the water supply and the security of "
    "the valley, and they agreed to meet again next week with the farmers of the region."
)


def route_it(text: str = ENGLISH_TEXT, *, forced: str = "auto", hint: str = "") -> Detection:
    return language.route(text, forced=forced, hint=hint, sample_chars=1000, min_confidence=0.5)


def test_route_forced_beats_hint_beats_detection() -> None:
    assert route_it(forced="es", hint="en") == Detection(language="es", score=1.0, method="forced")
    hinted = route_it(hint="es")
    assert (hinted.language, hinted.method, hinted.score) == ("es", "record", 1.0)
    detected = route_it()
    assert (detected.language, detected.method) == ("en", "detected")


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("es-MX", "es"),
        ("spa", "es"),
        ("Spanish", "es"),
        ("EN", "en"),
        ("en_US", "en"),
        (" español ", "es"),
        ("eng", "en"),
    ],
)
def test_route_maps_language_hints(hint: str, expected: str) -> None:
    detection = route_it(hint=hint)
    assert (detection.language, detection.method, detection.guess) == (expected, "record", expected)


def test_route_unsupported_hint_is_other_with_the_hint_as_guess() -> None:
    detection = route_it(hint="fr")
    assert (detection.language, detection.method, detection.guess) == ("other", "record", "fr")


def test_route_blank_hint_falls_back_to_detection() -> None:
    assert route_it(hint="  ").method == "detected"


# Properties

STATUSES = frozenset(get_args(Status))


@settings(deadline=None, max_examples=60)
@given(
    st.binary(max_size=400),
    st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".csv", ".pdf"]),
)
def test_read_never_raises_and_accounts_for_every_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        sources = read(path.name, path)
    assert sources
    for source in sources:
        assert source.status in STATUSES
        assert source.source == path.name
        assert source.doc_id == path.name or source.doc_id.startswith(f"{path.name}#")
        if source.status == "ok":
            assert isinstance(source.text, str)
        else:
            assert source.text == ""
            assert source.message
    assert len({s.doc_id for s in sources}) == len(sources)


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"text": st.text(max_size=20)},
                optional={
                    "id": st.one_of(st.text(max_size=8), st.integers(0, 5), st.sampled_from(["line-2"]))
                },
            ),
            st.sampled_from(["", "{bad", "[1]", '{"title": "x"}']),
        ),
        max_size=8,
    )
)
def test_jsonl_doc_ids_are_unique(lines: list[dict[str, object] | str]) -> None:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text(text, encoding="utf-8")
        sources = read(path.name, path)
    assert sources
    assert len({s.doc_id for s in sources}) == len(sources)


# Valid but unusual input: nothing lost


def test_file_names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart(tmp_path: Path) -> None:
    for name in (b"a\xff.txt", b"a\xfe.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "w", encoding="utf-8") as handle:
            handle.write(SPANISH)
    sources = list(documents([tmp_path]))
    assert [(s.doc_id, s.status, s.text) for s in sources] == [
        ("a\\xfe.txt", "ok", SPANISH),
        ("a\\xff.txt", "ok", SPANISH),
    ]


def test_file_names_are_ids_in_the_one_normal_form_and_those_that_then_read_the_same_stay_apart(
    tmp_path: Path,
) -> None:
    names = ["cafe\u0301.txt", "café.txt", "evil\u202egpj.txt", "zero\u200bwidth.txt"]  # NFD, NFC, hidden
    for name in names:
        (tmp_path / name).write_text(SPANISH, encoding="utf-8")
    ids = sorted(s.doc_id for s in documents([tmp_path]))
    assert ids == ["café.txt", "café.txt~2", "evilgpj.txt", "zerowidth.txt"]


def test_control_characters_in_ids_are_written_out_so_that_every_table_tells_them_apart(
    tmp_path: Path,
) -> None:
    for name in ("\x01ctl.txt", "ctl.txt"):
        (tmp_path / name).write_text(SPANISH, encoding="utf-8")
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "r\u0007x", "text": "record"}), encoding="utf-8")
    ids = sorted(s.doc_id for s in documents([tmp_path]))
    assert ids == ["\\x01ctl.txt", "ctl.txt", "feed.jsonl#r\\x07x"]  # the CSV drops control characters


def test_a_record_and_a_file_with_the_same_id_are_both_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "x.txt", "text": "record"}), encoding="utf-8")
    (tmp_path / "feed.jsonl#x.txt").write_text("file", encoding="utf-8")
    sources = list(documents([tmp_path]))
    assert [(s.doc_id, s.text) for s in sources] == [
        ("feed.jsonl#x.txt", "record"),
        ("feed.jsonl#x.txt~2", "file"),
    ]
    assert sources[1].message == "'feed.jsonl#x.txt' is another document's id; named 'feed.jsonl#x.txt~2'"


def test_lone_surrogate_escapes_in_json_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a\\ud83d", "title": "t\\udc00", "text": "Norma \\ud83d Bustamante"}\n')
    [source] = read(path.name, path)
    assert (source.doc_id, source.title, source.text, source.status) == (
        "feed.jsonl#a\ufffd",
        "t\ufffd",
        "Norma \ufffd Bustamante",
        "ok",
    )


def test_same_name_in_nfc_and_nfd_is_one_document_id_form(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    nfd = unicodedata.normalize("NFD", "Durán")
    path.write_text(json.dumps({"id": nfd, "text": nfd}) + "\n" + json.dumps({"id": "Durán", "text": "x"}))
    first, second = read(path.name, path)
    assert (first.doc_id, first.text) == ("feed.jsonl#Durán", "Durán")
    assert second.doc_id == "feed.jsonl#Durán"  # the same id: documents() tells them apart
    assert [s.doc_id for s in documents([path])] == ["feed.jsonl#Durán", "feed.jsonl#Durán~2"]


JSON_VALUE = st.text(alphabet=ANY_CHARACTER, max_size=30)


@settings(deadline=None, max_examples=80)
@given(st.lists(st.fixed_dictionaries({"text": JSON_VALUE}, optional={"title": JSON_VALUE}), max_size=6))
def test_json_lines_read_back_record_for_record(items: list[dict[str, str]]) -> None:
    # A lone surrogate cannot be written as UTF-8: it stays the escape an exporter writes ("\ud83d").
    data = "\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    data = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(data.encode("utf-8"))
        sources = read(path.name, path)
    if not items:
        return
    assert [s.status for s in sources] == ["ok"] * len(items)
    assert [s.text for s in sources] == [clean(item["text"])[0] for item in items]


# Any characters a UTF-8 file can hold (no lone surrogates: CSV has no escapes), or a cell of up to 300,000.
# No NUL: in a file this short one NUL is over the share that makes it binary (test_read_marks_binary_files).
CELL = st.one_of(
    st.text(
        alphabet=ANY_CHARACTER.filter(lambda c: c != "\x00" and not 0xD800 <= ord(c) <= 0xDFFF), max_size=20
    ),
    st.integers(0, 300_000).map(lambda n: "x" * n),
)


@settings(deadline=None, max_examples=40)
@given(st.lists(CELL, min_size=1, max_size=5))
def test_csv_tables_read_back_row_for_row(cells: list[str]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([("id", "text"), *((f"r{i}", cell) for i, cell in enumerate(cells))])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.csv"
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        sources = read(path.name, path, max_bytes=10**9)
    assert [s.doc_id for s in sources] == [f"sheet.csv#r{i}" for i in range(len(cells))]
    assert [s.text for s in sources] == [clean(cell)[0] for cell in cells]


@given(st.lists(st.integers(0, 50), max_size=12), st.integers(1, 4))
def test_the_parts_of_the_files_are_runs_of_about_equal_size_holding_each_file_once(
    sizes: list[int], count: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for n, size in enumerate(sizes):
            path = Path(folder, f"{n:02}.txt")
            path.write_bytes(b"x" * size)
            files.append((path.name, path))
        parts = [part(files, index, count) for index in range(count)]
        assert [file for each in parts for file in each] == files
        for each in parts:  # a part passes its share by less than its last file
            assert sum(path.stat().st_size for _, path in each[:-1]) <= sum(sizes) / count
