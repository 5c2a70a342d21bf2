from __future__ import annotations

import csv
import errno
import io
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import RAW


def documents(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "documents.csv").read_text(encoding="utf-8-sig")
    return {row["doc_id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    (root / "fr").mkdir(parents=True)
    shutil.copy(RAW / "003_8c40ee086ba02f0d.txt", root / "es.txt")
    (root / "fr" / "article.md").write_text(
        "# Le maire\n\nLe maire de Lyon et la présidente de la région ne sont pas d'accord.", encoding="utf-8"
    )
    (root / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    return root


def test_every_file_gets_a_row_and_an_unreadable_format_exits_1(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 1
    rows = documents(out)
    assert {k: (v["status"], v["language"]) for k, v in rows.items()} == {
        "blank.txt": ("empty", ""),
        "es.txt": ("ok", "es"),
        "fr/article.md": ("unsupported_language", "other"),
        "notes.pdf": ("unsupported_format", ""),
    }
    assert "'fr'" in rows["fr/article.md"]["message"]
    assert rows["fr/article.md"]["title"] == "Le maire"
    err = capsys.readouterr().err
    assert "4 documents" in err
    written = "documents.csv, documents.parquet, entities.csv, entities.json, entities.parquet, entities.xlsx"
    assert f"Wrote {written}, mentions.csv, mentions.parquet" in err


def test_lang_forces_the_model(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(corpus / "fr"), "--out", str(out), "--lang", "es"]) == 0
    row = documents(out)["article.md"]
    assert (row["status"], row["language"], row["language_score"]) == ("ok", "es", "1.0000")
    assert row["message"] == "language set by --lang"


def test_a_mixed_document_lists_its_languages_and_each_mention_its_part_s(tmp_path: Path) -> None:
    english = (RAW / "000_3865931dd156fbf6.txt").read_text(encoding="utf-8").split("\n\n")
    spanish = (RAW / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8").split("\n")[0]
    (tmp_path / "in").mkdir()
    text = "\n\n".join([*english[:4], spanish, *english[4:]])
    (tmp_path / "in" / "mixed.txt").write_text(text, "utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "in"), "--out", str(out), "--workers", "1"]) == 0
    row = documents(out)["mixed.txt"]
    share = (len(spanish) + 2) / len(text)  # the Spanish paragraph up to the next one
    assert (row["language"], row["languages"]) == ("en", f"en {1 - share:.2f}; es {share:.2f}")
    text = (out / "mentions.csv").read_text(encoding="utf-8-sig")
    found = {(m["name"], m["language"]) for m in csv.DictReader(io.StringIO(text, newline=""))}
    assert {("Norma Bustamante", "es"), ("Mexicali", "es"), ("Mexicali", "en")} <= found
    assert main(["extract", str(tmp_path / "in"), "--out", str(out), "--lang", "en", "--workers", "1"]) == 0
    assert documents(out)["mixed.txt"]["languages"] == "en 1.00"  # --lang: one language for all


def test_missing_input_is_one_error_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    missing = tmp_path / "nope"
    assert err == f"Error: input '{missing}' does not exist; pass files or folders of articles\n"
    assert not (tmp_path / "out").exists()


def test_unreadable_document_exits_1_and_the_rest_is_written(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "broken.txt").write_bytes(b"abc\x00\x00def")
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 1
    rows = documents(out)
    assert rows["broken.txt"]["status"] == "binary"
    assert rows["es.txt"]["status"] == "ok"
    assert "binary: broken.txt: file contains NUL bytes" in capsys.readouterr().err


def test_detect_writes_json_lines(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text(  # U+2028 and a bare CR inside records: only "\n" ends one
        '{"id": "a", "text": "The mayor spoke\u2028about security today."}\n'
        '{"id": "b",\r"text": "La alcaldesa habló hoy\u2029de seguridad."}\n',
        encoding="utf-8",
    )
    assert main(["detect", str(items), "--out", str(tmp_path / "pred.jsonl")]) == 0
    lines = (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert ['"lang": "en"' in lines[0], '"lang": "es"' in lines[1]] == [True, True]


def test_detect_segments_gives_each_part_its_language(tmp_path: Path) -> None:
    english = (RAW / "000_3865931dd156fbf6.txt").read_text(encoding="utf-8").split("\n\n")
    spanish = (RAW / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8").split("\n")[0]
    text = "\n\n".join([*english[:4], spanish, *english[4:]])
    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({"id": "mixed", "text": text}) + "\n", encoding="utf-8")
    assert main(["detect", str(items), "--out", str(tmp_path / "pred.jsonl"), "--segments"]) == 0
    (found,) = [
        json.loads(line) for line in (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert (found["id"], found["language"]) == ("mixed", "en")
    parts = found["segments"]
    assert [(p["language"], p["start"]) for p in parts] == [
        ("en", 0),
        ("es", text.index(spanish)),
        ("en", parts[2]["start"]),
    ]
    assert parts[-1]["end"] == len(text)
    assert all(a["end"] == b["start"] for a, b in itertools.pairwise(parts))


def entities(out: Path) -> dict[tuple[str, str], dict[str, str]]:
    text = (out / "entities.csv").read_text(encoding="utf-8-sig")
    return {(row["name"], row["type"]): row for row in csv.DictReader(io.StringIO(text, newline=""))}


def test_malformed_curation_file_is_one_error_line_naming_the_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "curation.csv"
    rules.write_text("action,name,value\n# fine so far\ntype,Mexicali,city\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out), "--curation", str(rules)]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"Error: {rules}:3: type 'city' for 'Mexicali' is not one of person, organization, location\n"
    )
    assert not out.exists()


def test_missing_curation_file_is_one_error_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.csv"
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out), "--curation", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: curation file '{missing}' does not exist; check the --curation path\n"
    assert main(["extract", str(corpus), "--out", str(out), "--curation", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: curation file '{tmp_path}' is a folder; check the --curation path\n"
    assert not out.exists()


def test_curation_file_changes_types_and_no_curation_ignores_it(corpus: Path, tmp_path: Path) -> None:
    rules = tmp_path / "curation.csv"
    rules.write_text("action,name,value\ntype,MEXICALI,organization\n", encoding="utf-8")
    curated, plain = tmp_path / "curated", tmp_path / "plain"
    (corpus / "notes.pdf").unlink()
    assert main(["extract", str(corpus), "--out", str(curated), "--curation", str(rules)]) == 0
    argv = ["extract", str(corpus), "--out", str(plain), "--curation", str(rules), "--no-curation"]
    assert main(argv) == 0

    with_rules, without = entities(curated), entities(plain)
    assert ("Mexicali", "location") in without
    assert without[("Mexicali", "location")]["curation"] == ""
    assert ("Mexicali", "organization") not in without
    assert ("Mexicali", "location") not in with_rules
    row = with_rules[("Mexicali", "organization")]
    assert (row["curation"], row["doc_ids"]) == ("type", "es.txt")
    assert row["mentions"] == without[("Mexicali", "location")]["mentions"]
    # nothing else changes
    others = {k: v["mentions"] for k, v in with_rules.items() if k[0] != "Mexicali"}
    assert others == {k: v["mentions"] for k, v in without.items() if k[0] != "Mexicali"}


def test_no_curation_does_not_check_the_curation_path(corpus: Path, tmp_path: Path) -> None:
    argv = ["extract", str(corpus / "fr"), "--out", str(tmp_path / "out"), "--no-curation"]
    assert main([*argv, "--curation", str(tmp_path / "nope.csv")]) == 0


def test_a_file_in_the_way_of_the_output_or_the_store_is_one_error_line_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = tmp_path / "out"
    for options, folder, option in (
        (["--out", str(blocker / "out")], blocker / "out", "--out"),
        (["--out", str(out), "--store", str(blocker)], blocker, "--store"),
    ):
        assert main(["extract", str(RAW), *options, "--no-curation"]) == 1
        err = capsys.readouterr().err
        what = "output" if option == "--out" else "store"
        problem = f"'{blocker}' is a file; choose another {option}"
        assert err == f"Error: {what} folder '{folder}' cannot be made: {problem}\n"
    assert not out.exists()


def test_an_unwritable_output_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "entities.csv").mkdir()  # where a file must go, a folder that cannot be replaced
    assert main(["extract", str(RAW), "--out", str(tmp_path / "out"), "--no-curation"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: cannot write or read '")
    assert err.count("\n") == 1


def test_a_full_disk_is_one_error_line_naming_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")  # a write to an open file: no file name

    monkeypatch.setattr("pipeline.run.run", full)
    assert main(["extract", str(RAW), "--out", str(tmp_path / "out"), "--no-curation"]) == 1
    err = capsys.readouterr().err
    fix = "No space left on device; free space on its disk"
    assert err == f"Error: cannot write or read in '{tmp_path / 'out'}': {fix}\n"


def test_an_empty_input_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-curation"]) == 0
    first = capsys.readouterr().err.splitlines()[0]
    assert re.fullmatch(
        r"0 documents in [\d.]+s \(none found in the inputs\) \| extracted 0, reused 0", first
    )


def test_a_bug_is_one_error_line_without_debug(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pipeline.run.run", broken)
    assert main(["extract", str(RAW), "--out", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err == "Error: unexpected RuntimeError: boom (rerun with --debug for details)\n"
    )
    with pytest.raises(RuntimeError):
        main(["extract", str(RAW), "--out", str(tmp_path), "--debug"])


def test_a_missing_model_fails_only_its_language(tmp_path: Path) -> None:
    from pipeline.config import DEFAULT_MODELS, Settings
    from pipeline.run import run

    (tmp_path / "in").mkdir()
    shutil.copy(RAW / "000_3865931dd156fbf6.txt", tmp_path / "in" / "en.txt")
    shutil.copy(RAW / "003_8c40ee086ba02f0d.txt", tmp_path / "in" / "es.txt")
    models = {"en": DEFAULT_MODELS["en"], "es": ("no_such_spanish_model",)}  # es is preloaded, then reported
    report = run(Settings(inputs=(tmp_path / "in",), out_dir=tmp_path / "out", models=models))
    statuses = {d.doc_id: (d.status, d.message) for d in report.corpus.documents}
    assert statuses["en.txt"] == ("ok", "")
    assert statuses["es.txt"][0] == "failed"
    assert report.errors == [statuses["es.txt"][1]]
    assert "no spaCy model for 'es'" in report.errors[0]
    assert report.failed
