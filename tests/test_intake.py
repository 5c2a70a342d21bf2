from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline import intake, keys, store, workers
from pipeline.config import Settings

SPANISH = "La alcaldesa Norma Bustamante visitó Mexicali con el gobernador."
ENGLISH = "Mayor Norma Bustamante visited Mexicali with the governor on Monday."


@pytest.mark.parametrize("clash", [False, True])
def test_inputs_read_in_parts_are_what_one_reading_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clash: bool
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(6):
        (raw / f"{n}.txt").write_text((SPANISH if n % 2 else ENGLISH) * (n + 1), encoding="utf-8")
    # a record "x.txt" of feed.jsonl in the first part, a file "feed.jsonl#x.txt" in the second: one of them
    # is named "~2", as one reading names the later one
    records = [{"id": "x.txt" if clash else "y.txt", "text": SPANISH * 20}]
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (raw / "feed.jsonl#x.txt").write_text(ENGLISH, encoding="utf-8")
    (raw / "z.txt").write_text(ENGLISH * 40, encoding="utf-8")
    settings = replace(Settings(), inputs=(raw,), out_dir=tmp_path / "out")
    fingerprint = keys.fingerprint(settings)
    monkeypatch.setattr(workers, "usable_cores", lambda: 3)
    (tmp_path / "one").mkdir()
    (tmp_path / "parts").mkdir()
    one = _found(intake.read_part(settings, tmp_path / "one", fingerprint))
    parts = _found(intake.read(settings, tmp_path / "parts", fingerprint))
    assert parts == one
    assert ("feed.jsonl#x.txt~2" in one[1]) == clash
    if clash:  # the parts' spools are gone: the inputs were read again
        assert {p.name for p in (tmp_path / "parts").iterdir()} == {
            p.name for p in (tmp_path / "one").iterdir()
        }


def _found(found: intake.Found) -> tuple[Any, ...]:
    spooled = {
        kind: [(s, d) for batch in spool.batches(100, 10**9) for s, d in batch]
        for kind, spool in found.spools.items()
    }
    return found.documents, found.keys, found.reused, spooled


def test_a_damaged_store_is_replaced_once_before_the_parts_are_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(SPANISH, encoding="utf-8")
    settings = replace(Settings(), inputs=(raw,), out_dir=tmp_path / "out", workers=2)
    folder = tmp_path / "out" / ".newsner"
    folder.mkdir(parents=True)
    (folder / store.FILE).write_bytes(b"not a database" * 100)
    (tmp_path / "spools").mkdir()
    found = intake.read(settings, tmp_path / "spools", keys.fingerprint(settings))
    assert list(found.keys) == ["a.txt"]
    with store.opened(folder) as stored:  # this version's, empty: nothing of the damaged one is trusted
        assert stored.reusable("a.txt", found.keys["a.txt"]) is None
