"""Real-world and hostile inputs end to end: one file per case in one folder, every one accounted for."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from pipeline import store
from pipeline.cli import main
from tests.conftest import RAW, ROOT, stored_results

SPANISH = (
    "La alcaldesa Norma Bustamante se reunió en Mexicali con la gobernadora Marina del Pilar Ávila Olmeda."
)
ENGLISH = "Mayor Norma Bustamante met Governor Marina del Pilar Ávila Olmeda in Mexicali on Monday."
PAGE = f"""<html><head><title>Crisis en Mexicali</title></head><body>
<nav>Inicio | Deportes | Contacto</nav><article><h1>Crisis en Mexicali</h1><p>{SPANISH}</p>
<p>Las niñas de Ávila visitaron el Valle de Mexicali.</p></article>
<footer>Aviso legal</footer></body></html>"""


def build(root: Path) -> dict[str, str]:
    """Write the corpus; return the expected status of every document."""
    files: dict[str, bytes] = {
        "good.txt": ENGLISH.encode(),
        "bom.txt": codecs.BOM_UTF8 + SPANISH.encode(),
        "utf16.txt": SPANISH.encode("utf-16"),
        "cp1252.txt": SPANISH.encode("cp1252"),
        "mojibake.txt": SPANISH.encode("utf-8").decode("latin-1").encode("utf-8"),
        "empty.txt": b" \n\n",
        "binary.txt": b"GIF89a\x00\x00\x01\x02" * 10,
        "undecodable.txt": bytes(range(128, 160)) * 8,
        "page.html": PAGE.encode(),
        "feed.jsonl": "\n".join(
            [
                json.dumps(
                    {"id": "a1", "text": SPANISH, "url": "https://example.org/a1", "date": "2024-09-20"}
                ),
                "{not json",
                json.dumps({"id": "a3", "title": "no text here"}),
                json.dumps({"id": "a4", "text": "Le maire a parlé.", "language": "fr"}),
            ]
        ).encode(),
        "array.json": json.dumps([{"content": ENGLISH, "title": "From an API"}]).encode(),
        "sheet.csv": f'id,body\nr1,"{SPANISH}"\nr2,""\n'.encode(),
        "notes.pdf": b"%PDF-1.4 ...",
        "big.txt": (ENGLISH + "\n").encode() * 30,
        "-draft ñ name.txt": ENGLISH.encode(),
        "=cmd.txt": ENGLISH.encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to("..")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    return {
        "good.txt": "ok",
        "bom.txt": "ok",
        "utf16.txt": "ok",
        "cp1252.txt": "ok",
        "mojibake.txt": "ok",
        "empty.txt": "empty",
        "binary.txt": "binary",
        "undecodable.txt": "undecodable",
        "page.html": "ok",
        "feed.jsonl#a1": "ok",
        "feed.jsonl#line-2": "malformed_record",
        "feed.jsonl#line-3": "malformed_record",
        "feed.jsonl#a4": "unsupported_language",
        "array.json#item-1": "ok",
        "sheet.csv#r1": "ok",
        "sheet.csv#r2": "empty",
        "notes.pdf": "unsupported_format",
        "big.txt": "too_large",
        "-draft ñ name.txt": "ok",
        "=cmd.txt": "ok",
        "loop/back/": "unreadable",
        "dangling.txt": "unreadable",
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    expected = build(root)
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(root), "--out", str(out), "--max-mb", "0.002"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return result.returncode, result.stderr, out, expected


def test_every_document_is_accounted_for(run: tuple[int, str, Path, dict[str, str]]) -> None:
    code, _, out, expected = run
    assert code == 1  # some inputs could not be used
    rows = {r["doc_id"].removeprefix("'"): r for r in read_csv(out / "documents.csv")}
    assert {doc_id: r["status"] for doc_id, r in rows.items()} == expected
    for doc_id, row in rows.items():
        assert (row["status"] in ("ok",)) or row["message"], f"{doc_id} has no reason"


def test_bad_inputs_are_listed_with_one_line_each_and_no_traceback(
    run: tuple[int, str, Path, dict[str, str]],
) -> None:
    _, stderr, _, expected = run
    assert "Traceback" not in stderr
    for doc_id, status in expected.items():
        if status not in ("ok", "empty", "unsupported_language"):
            assert f"  {status}: {doc_id}: " in stderr


def test_good_documents_are_decoded_and_extracted(run: tuple[int, str, Path, dict[str, str]]) -> None:
    _, _, out, _ = run
    data = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    documents = {d["doc_id"]: d for d in data["documents"]}
    for doc_id in (
        "bom.txt",
        "utf16.txt",
        "cp1252.txt",
        "mojibake.txt",
        "page.html",
        "feed.jsonl#a1",
        "sheet.csv#r1",
    ):
        names = {m["name"] for m in documents[doc_id]["mentions"]}
        assert "Norma Bustamante" in names, doc_id
        assert "Marina del Pilar Ávila Olmeda" in names, doc_id
    assert documents["cp1252.txt"]["encoding"].endswith("(guessed)")
    assert documents["mojibake.txt"]["encoding"] == "utf-8 + mojibake repaired"
    assert "Aviso legal" not in str(documents["page.html"]["mentions"])
    assert documents["page.html"]["title"] == "Crisis en Mexicali"
    record = documents["feed.jsonl#a1"]
    assert (record["source"], record["url"], record["date"]) == (
        "feed.jsonl",
        "https://example.org/a1",
        "2024-09-20",
    )
    assert documents["feed.jsonl#a4"]["language"] == "other"
    assert documents["array.json#item-1"]["title"] == "From an API"


def test_guarded_cells_round_trip_and_json_keeps_raw_values(
    run: tuple[int, str, Path, dict[str, str]],
) -> None:
    _, _, out, _ = run
    ids = [r["doc_id"] for r in read_csv(out / "documents.csv")]
    assert "'=cmd.txt" in ids
    assert "'-draft ñ name.txt" in ids
    data = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    assert {"=cmd.txt", "-draft ñ name.txt"} <= {d["doc_id"] for d in data["documents"]}


def test_output_or_store_inside_an_input_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ENGLISH, encoding="utf-8")
    assert main(["extract", str(inputs), "--out", str(inputs / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: output folder '{inputs / 'out'}' is inside input '{inputs}'")
    assert main(["extract", str(inputs), "--out", str(tmp_path / "out"), "--store", str(inputs)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"Error: store folder '{inputs}' is inside input '{inputs}': the next run would read what this one "
        "writes; choose another --store\n"
    )
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["a.txt", "in"]


@pytest.mark.parametrize(
    ("how", "workers"),
    [(signal.SIGKILL, "1"), (signal.SIGINT, "1"), (signal.SIGINT, "2"), (signal.SIGTERM, "2")],
)
def test_an_interrupted_run_leaves_the_previous_outputs(
    tmp_path: Path, how: signal.Signals, workers: str
) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(RAW), "--out", str(out), "--no-curation"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    database = out / ".newsner" / store.FILE
    stored = stored_results(database)  # the samples' results
    big = tmp_path / "big"
    big.mkdir()
    for n in range(400):  # killed after its first commit, long before the run would write anything
        (big / f"{n:03}.txt").write_text(
            (RAW / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8"), "utf-8"
        )
    process = subprocess.Popen(  # its own process group, like a terminal's Ctrl-C reaching workers too
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            str(big),
            "--out",
            str(out),
            "--no-curation",
            "--workers",
            workers,
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # as from a terminal, even when this suite runs in the background, where SIGINT is ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    _wait_for_a_commit(database, stored=stored, process=process)
    os.killpg(process.pid, how)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (-how, 128 + how, 130)
    if how != signal.SIGKILL:
        word = "Interrupted" if how == signal.SIGINT else "Terminated"
        assert f"{word}: previous outputs were left as they were." in stderr
        assert "Traceback" not in stderr
    left = [p.name for p in out.iterdir() if p.name.startswith(".newsner-spool-")]
    assert len(left) == (1 if how == signal.SIGKILL else 0)  # a killed run cannot remove its spool...
    kept = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name not in left}
    assert kept == before
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]
    if (
        how == signal.SIGKILL
    ):  # ...and the next run resumes: it extracts only what the killed one did not store
        rerun = [str(big), "--out", str(out), "--no-curation"]
        assert main(["extract", *rerun]) == 0
        counts = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert counts["extracted"] + counts["reused"] == 400
        assert counts["extracted"] < 400
        resumed = _outputs(out)
        assert main(["extract", *rerun, "--rebuild"]) == 0
        assert _outputs(out) == resumed  # what an uninterrupted run gives
    assert main(["extract", str(RAW), "--out", str(out), "--no-curation"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(before)  # ...the next run does


def _wait_for_a_commit(database: Path, *, stored: int, process: subprocess.Popen[str]) -> None:
    """Until the run has committed a batch to the store beyond the ``stored`` results it had (killed then,
    it has something to resume from, and is still far from writing its outputs)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if stored_results(database) > stored:
            return
        time.sleep(0.1)
    raise AssertionError("the run ended, or committed nothing in two minutes")


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "run.json"}


# Valid but unusual input (issue: no valid input lost): every record and file comes out with its entities.

NFD_SPANISH = unicodedata.normalize("NFD", SPANISH)
# 99,989 characters without a line break or a full stop: the model's first 100,000-character piece ends in
# "Lyndon B. J", where a cut at the last ". " would split the name.
_PHRASE = "the people of the valley said that they wanted more water and more work for their families "
FILLER = (_PHRASE * 1_100)[:99_988] + " "


def build_unusual(root: Path) -> dict[str, str]:
    """Write valid but unusual inputs; return doc_id -> a name its entities must include."""
    lines = [
        json.dumps({"id": "cut\ud83d", "title": "t\ud83d", "text": SPANISH + " \ud83d"}),
        json.dumps(
            {"id": "separators", "text": f"{SPANISH}\u2028Segunda\u2029línea\x85y\rmás."}, ensure_ascii=False
        ),
        json.dumps({"id": "empty-text", "text": "", "content": SPANISH}),
        json.dumps({"id": "x.txt", "text": SPANISH}),
        '{"id": "cr-between",\r"text":\r' + json.dumps(SPANISH) + "}\r",
    ]
    files: dict[str, bytes] = {
        "feed.jsonl": "\n".join(lines).encode(),
        "feed.jsonl#x.txt": SPANISH.encode(),
        "nfc.txt": SPANISH.encode(),
        "nfd.txt": NFD_SPANISH.encode(),
        "invisible.txt": SPANISH.replace("Bustamante", "Busta\u00admante\u200b")
        .replace("Ávila", "\u200eÁvila")
        .encode(),
        "utf32.txt": SPANISH.encode("utf-32"),
        "nel.txt": f"Crisis en Mexicali\x85\x85{SPANISH}\x85".encode(),
        "cr.txt": f"Primera línea sin punto\r{SPANISH}\r".encode(),
        "long.txt": f"{FILLER}Lyndon B. Johnson met Mayor Norma Bustamante in Mexicali.".encode(),
        "sheet.csv": (
            f'id,text,text\nhuge,"{"Palabra y otra. " * 9_000}{SPANISH}",\nafter,,"{SPANISH}"\n'
        ).encode(),
    }
    deep = "".join(f"<div><p>Párrafo {n} de la página.</p>" for n in range(600))  # never closed
    image = "data:image/png;base64," + "iVBORw0KGgo" * 1_000_000  # an 11 MB photo inlined in the page
    files["deep.html"] = f"<html><body>{deep}<p>{SPANISH}</p></body></html>".encode()
    files["image.html"] = f'<html><body><img src="{image}"><p>{SPANISH}</p></body></html>'.encode()
    files["br.html"] = f"<html><body>{SPANISH}<br>Segunda línea.<br><br>Tercera.</body></html>".encode()
    for name, data in files.items():
        (root / name).write_bytes(data)
    for raw_name in (b"a\xff.txt", b"a\xfe.txt"):  # names that are not UTF-8
        with open(os.fsencode(root) + b"/" + raw_name, "wb") as handle:
            handle.write(SPANISH.encode())
    return {
        "feed.jsonl#cut\ufffd": "Norma Bustamante",
        "feed.jsonl#separators": "Norma Bustamante",
        "feed.jsonl#empty-text": "Norma Bustamante",
        "feed.jsonl#x.txt": "Norma Bustamante",
        "feed.jsonl#cr-between": "Norma Bustamante",
        "feed.jsonl#x.txt~2": "Norma Bustamante",
        "nfc.txt": "Marina del Pilar Ávila Olmeda",
        "nfd.txt": "Marina del Pilar Ávila Olmeda",
        "invisible.txt": "Norma Bustamante",
        "utf32.txt": "Norma Bustamante",
        "nel.txt": "Norma Bustamante",
        "cr.txt": "Norma Bustamante",
        "long.txt": "Lyndon B. Johnson",
        "sheet.csv#huge": "Norma Bustamante",
        "sheet.csv#after": "Norma Bustamante",
        "deep.html": "Norma Bustamante",
        "image.html": "Norma Bustamante",
        "br.html": "Norma Bustamante",
        "a\\xfe.txt": "Norma Bustamante",
        "a\\xff.txt": "Norma Bustamante",
    }


@pytest.fixture(scope="module")
def unusual(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("unusual")
    expected = build_unusual(root)
    out = tmp_path_factory.mktemp("unusual-out")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(root), "--out", str(out), "--no-curation"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return result, out, expected


def test_valid_unusual_input_all_comes_out_with_its_entities(
    unusual: tuple[subprocess.CompletedProcess[str], Path, dict[str, str]],
) -> None:
    result, out, expected = unusual
    assert (result.returncode, "Traceback" in result.stderr) == (0, False), result.stderr
    data = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    documents = {d["doc_id"]: d for d in data["documents"]}
    assert sorted(documents) == sorted(expected)
    for doc_id, name in expected.items():
        assert documents[doc_id]["status"] == "ok", doc_id
        assert name in {m["name"] for m in documents[doc_id]["mentions"]}, doc_id
    for document in data["documents"]:
        for mention in document["mentions"]:  # no name polluted by an invisible character
            assert mention["name"] == " ".join(mention["name"].split())
            assert "\u200b" not in mention["name"]
    assert "Segunda línea" not in str(documents["feed.jsonl#separators"]["mentions"])


def test_nfc_nfd_and_invisible_characters_give_the_same_entities(
    unusual: tuple[subprocess.CompletedProcess[str], Path, dict[str, str]],
) -> None:
    _, out, _ = unusual
    rows = read_csv(out / "mentions.csv")

    def entities(doc_id: str) -> list[tuple[str, str, str]]:
        return [(r["entity_id"], r["start"], r["text"]) for r in rows if r["doc_id"] == doc_id]

    assert entities("nfd.txt") == entities("nfc.txt") == entities("invisible.txt")
    assert entities("nfc.txt")


def test_lines_ended_by_nel_and_cr_stay_apart(
    unusual: tuple[subprocess.CompletedProcess[str], Path, dict[str, str]],
) -> None:
    _, out, _ = unusual
    data = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    documents = {d["doc_id"]: d for d in data["documents"]}
    assert documents["nel.txt"]["title"] == "Crisis en Mexicali"
    assert documents["cr.txt"]["title"] == "Primera línea sin punto"
    for mention in documents["cr.txt"]["mentions"]:
        assert "Primera" not in mention["context"]
