from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from pipeline.atomic import staged, write_atomically
from tests.conftest import ended_pid

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


def test_an_output_this_run_does_not_write_goes_with_the_renames(tmp_path: Path) -> None:
    write_atomically(tmp_path, {"b.csv": "old\r\n", "report.html": "<p>old</p>"})
    with staged(tmp_path) as staging:
        staging.open("b.csv").write("new\r\n")
        staging.remove("report.html")  # --no-report: not an earlier run's page beside new tables
        assert listing(tmp_path)[-1] == "report.html"  # until the renames
    assert listing(tmp_path) == ["b.csv"]


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


def test_temporary_files_of_an_ended_run_go_and_those_of_a_run_still_going_stay(tmp_path: Path) -> None:
    going, ended, earlier = (tmp_path / f".a.csv.{pid}.tmp" for pid in (os.getppid(), ended_pid(), "x"))
    for path in (going, ended, earlier):
        path.write_text("half written")
    write_atomically(tmp_path, {"a.csv": "x\n"})
    assert (going.exists(), ended.exists(), earlier.exists()) == (True, False, False)
