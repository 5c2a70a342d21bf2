from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.readers import TITLE_CHARS, decode, discover, read, title_of
from pipeline.records import Source

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


@settings(deadline=None)  # the first legacy guess imports charset_normalizer
@given(st.binary(max_size=200), st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xfe\xff"]))
def test_decode_never_raises(data: bytes, prefix: bytes) -> None:
    result = decode(prefix + data)
    if isinstance(result, str):
        assert result  # the reason it is not text
    else:
        text, encoding = result
        assert isinstance(text, str)
        assert encoding in {"utf-8", "utf-8-sig", "utf-16"} or encoding.endswith((" (guessed)", " replaced)"))
