from __future__ import annotations

import fcntl
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import keys, store
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.records import DocumentResult, Metadata, Source
from tests.conftest import ROOT, stored_results

RAW = ROOT / "data" / "raw"


def source(doc_id: str = "a.txt", text: str = "Norma Bustamante visitó Mexicali.") -> Source:
    return Source(Metadata(doc_id, doc_id, title="T"), Path(doc_id), text)


def result(doc_id: str = "a.txt", status: str = "ok") -> DocumentResult:
    return DocumentResult(Metadata(doc_id, doc_id), "es", 0.9, 10, status, "")  # type: ignore[arg-type]


def test_a_result_is_found_under_its_key_only(tmp_path: Path) -> None:
    key = keys.document_key(source(), "f")
    with store.opened(tmp_path) as stored:
        stored.put([(key, result())])
        assert stored.get("a.txt", key) == result()
        assert stored.reusable("a.txt", key) == "es"  # its language
        assert stored.get("a.txt", "other") is None
        assert stored.reusable("a.txt", "other") is None
        assert stored.get("b.txt", key) is None
    with store.opened(tmp_path, rebuild=True) as stored:
        assert stored.reusable("a.txt", key) is None  # --rebuild reuses nothing stored
        stored.put([(key, replace(result(), chars=11))])  # ... and replaces it
        assert stored.get("a.txt", key) == replace(result(), chars=11)


def test_a_document_keeps_a_result_per_key_until_no_run_uses_it_for_a_while(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs with other settings or inputs that share a store each find their own result, and never replace
    another's; results unused for KEEP_DAYS days go at the end of a run."""
    days = store.KEEP_DAYS * 86_400
    with store.opened(tmp_path) as stored:
        monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
        stored.put([("auto", result()), ("es", replace(result(), chars=11))])
        stored.put([("other", result("b.txt"))])
        monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0 + days)
        stored.keep([("a.txt", "auto")])  # used now: kept; the others are KEEP_DAYS old: kept too
        pairs = (("a.txt", "auto"), ("a.txt", "es"), ("b.txt", "other"))
        assert [stored.reusable(*pair) for pair in pairs] == ["es", "es", "es"]
        monkeypatch.setattr(time, "time", lambda: 1_000_000_001.0 + days)
        stored.keep([("a.txt", "es")])
        assert stored.get("a.txt", "auto") == result()  # used a second ago
        assert stored.get("a.txt", "es") == replace(result(), chars=11)
        assert stored.get("b.txt", "other") is None  # unused for over KEEP_DAYS days


def test_a_result_that_cannot_be_read_back_is_deleted_and_the_run_asks_to_run_again(tmp_path: Path) -> None:
    with store.opened(tmp_path) as stored:
        stored.put([("k", result())])
    with sqlite3.connect(tmp_path / store.FILE) as db:
        db.execute("UPDATE results SET result = substr(result, 1, length(result) - 5)")
    with store.opened(tmp_path) as stored:
        assert stored.reusable("a.txt", "k") == "es"
        with pytest.raises(
            PipelineError, match=r"held a damaged result for 'a.txt', now deleted; run again$"
        ):
            stored.get("a.txt", "k")
        assert stored.reusable("a.txt", "k") is None  # the next run extracts it again


@pytest.mark.parametrize("trouble", ["deleted during the run", "read-only folder"])
def test_a_store_gone_or_unwritable_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    with store.opened(tmp_path) as stored:
        stored.put([("k", result())])
        if trouble == "deleted during the run":  # then read in a process forked for the corpus-wide stage
            (tmp_path / store.FILE).unlink()
            monkeypatch.setattr(stored, "_pid", -1)
            expected = rf"^results store '{tmp_path / store.FILE}' was deleted during the run; run again$"
        else:

            def refuse(self: Path, *args: object) -> object:
                raise PermissionError(13, "Permission denied")

            stored.close()
            monkeypatch.setattr(Path, "open", refuse)
            expected = r"cannot write its lock file \(Permission denied\); fix its folder's permissions"
        with pytest.raises(PipelineError, match=expected):
            stored.get("a.txt", "k")
    if trouble == "deleted during the run":
        assert not (tmp_path / store.FILE).exists()  # no new, empty store in its place


def test_only_documents_analysed_without_failure_are_stored(tmp_path: Path) -> None:
    with store.opened(tmp_path) as stored:
        stored.put([("k", result(status="failed"))])
        assert stored.get("a.txt", "k") is None


@pytest.mark.parametrize("damage", ["foreign", "not a database", "torn"])
def test_a_foreign_or_damaged_store_is_started_anew(tmp_path: Path, damage: str) -> None:
    path = tmp_path / store.FILE
    if damage == "foreign":  # a SQLite database, but not this project's
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE results (doc_id TEXT, key TEXT, result BLOB)")
            db.execute("INSERT INTO results VALUES ('a.txt', 'k', x'00')")
    elif damage == "torn":  # this project's, with its table's pages overwritten
        with store.opened(tmp_path) as stored:
            stored.put([("k", replace(result(), message="x" * 20_000))])
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with path.open("r+b") as file:
            file.seek(4096)
            file.write(b"\xff" * 8192)
    else:
        path.write_bytes(b"not a database at all" * 100)
    with store.opened(tmp_path) as stored:
        assert stored.get("a.txt", "k") is None
        stored.put([("k", result())])
        assert stored.get("a.txt", "k") == result()


def test_a_store_that_cannot_be_used_is_reported_in_one_line_and_kept(tmp_path: Path) -> None:
    """A full disk, no permission or a long lock says nothing about the store: it is not started anew."""
    with store.opened(tmp_path) as stored:
        stored.put([("k", result())])
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL

    def refuse(db: sqlite3.Connection) -> bool:
        raise full

    expected = (
        rf"results store '{tmp_path / store.FILE}' cannot be used: database or disk is full; free space"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "_trusted", refuse)
        with store.opened(tmp_path) as stored, pytest.raises(PipelineError, match=expected):
            stored.get("a.txt", "k")
    with store.opened(tmp_path) as stored:
        assert stored.get("a.txt", "k") == result()
        damaged = sqlite3.DatabaseError("database disk image is malformed")
        damaged.sqlite_errorcode = sqlite3.SQLITE_CORRUPT

        def torn() -> sqlite3.Connection:
            raise damaged

        with pytest.MonkeyPatch.context() as patch:  # damage found during a run: the next one starts anew
            patch.setattr(stored, "_connection", torn)
            with pytest.raises(PipelineError, match="malformed; run again: a damaged store is started anew"):
                stored.get("a.txt", "k")


def test_a_store_is_checked_and_replaced_by_one_run_at_a_time(tmp_path: Path) -> None:
    """Another run holding the store's lock (checking or creating it) makes this one wait: two runs that
    share a store never both replace it, nor one the store the other is creating."""
    path = tmp_path / store.FILE
    path.write_bytes(b"not a database at all" * 100)
    with (tmp_path / f"{store.FILE}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        checking = threading.Thread(target=store.prepare, args=(tmp_path,))
        checking.start()
        checking.join(0.5)
        assert checking.is_alive()
        assert path.read_bytes().startswith(b"not a database")  # not replaced meanwhile
        fcntl.flock(lock, fcntl.LOCK_UN)
    checking.join(10)
    assert not checking.is_alive()
    with store.opened(tmp_path) as stored:
        stored.put([("k", result())])
        assert stored.get("a.txt", "k") == result()


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.name != "run.json"}


def run_log(out: Path) -> dict[str, int]:
    entry = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"extracted": entry["extracted"], "reused": entry["reused"]}


def test_reruns_extract_only_new_and_changed_documents_and_give_the_rebuilt_outputs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW.iterdir():
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "extra.txt").write_text("La alcaldesa Norma Bustamante visitó Tijuana.", encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", str(raw), "--out", str(out), "--no-curation", "--workers", "1"]
    assert main(args) == 0
    assert run_log(out) == {"extracted": 3, "reused": 0}
    first = outputs(out)
    assert main(args) == 0
    assert run_log(out) == {"extracted": 0, "reused": 3}
    assert outputs(out) == first  # byte-identical

    (raw / "extra.txt").write_text(
        "El gobernador Alfonso Durazo visitó Hermosillo.", encoding="utf-8"
    )  # changed
    (raw / "new.txt").write_text(
        "La presidenta Claudia Sheinbaum habló en Mexicali.", encoding="utf-8"
    )  # added
    (raw / "000_3865931dd156fbf6.txt").unlink()  # deleted
    assert main(args) == 0
    assert run_log(out) == {"extracted": 2, "reused": 1}
    rerun = outputs(out)
    assert main([*args, "--rebuild"]) == 0
    assert run_log(out) == {"extracted": 3, "reused": 0}
    assert outputs(out) == rerun  # a rerun gives what a full run gives

    curation = tmp_path / "curation.csv"
    curation.write_text("action,name,value\nstop,Mexicali,\n", encoding="utf-8")
    assert main(["extract", str(raw), "--out", str(out), "--curation", str(curation), "--workers", "1"]) == 0
    assert run_log(out) == {"extracted": 0, "reused": 3}  # curation acts on the stored results
    assert b"Mexicali" not in (out / "entities.csv").read_bytes()
    assert main([*args, "--lang", "es"]) == 0
    assert run_log(out)["extracted"] == 3  # a setting that changes extraction: extracted again


def test_a_run_killed_midway_resumes_with_the_documents_not_yet_stored(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for copy in range(12):  # batches of a few documents each (100,000 characters), committed one by one
        for path in sorted(RAW.glob("*.txt")):
            (raw / f"{copy:02d}_{path.name}").write_bytes(path.read_bytes())
    args = ["extract", str(raw), "--out", str(out), "--no-curation", "--workers", "1"]
    code = f"import sys\nfrom pipeline.cli import main\nsys.exit(main({args!r}))"
    killed = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.DEVNULL)
    database = out / ".newsner" / store.FILE
    stored = 0
    try:
        for _ in range(1200):  # until the first batches are committed, then SIGKILL: no clean-up at all
            time.sleep(0.025)
            stored = stored_results(database)
            if stored:
                killed.send_signal(signal.SIGKILL)
                break
    finally:
        killed.kill()
        killed.wait(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    stored = stored_results(database)
    assert 0 < stored < 24
    assert not (out / "entities.csv").exists()
    assert main(args) == 0
    assert run_log(out) == {"extracted": 24 - stored, "reused": stored}
    resumed = outputs(out)
    assert main([*args, "--rebuild"]) == 0
    assert outputs(out) == resumed  # what an uninterrupted run gives
