from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.records import Detection, Metadata, Source
from pipeline.spool import SCRATCH_PREFIX, Spool, scratch_folder
from tests.conftest import ended_pid


def source(doc_id: str, text: str) -> Source:
    return Source(meta=Metadata(doc_id, doc_id, encoding="utf-8"), path=Path(doc_id), text=text)


def test_batches_keep_order_and_respect_size_and_characters(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "en.pickle")
    for n, length in enumerate([3, 3, 3, 10, 1, 1, 1, 1]):
        spool.add(source(f"d{n}", "x" * length), Detection("en", 1.0))
    assert (spool.count, spool.chars) == (8, 23)
    batches = [[s.doc_id for s, _ in batch] for batch in spool.batches(size=3, max_chars=6)]
    # d3 is longer than max_chars on its own: it still goes, alone
    assert batches == [["d0", "d1"], ["d2"], ["d3"], ["d4", "d5", "d6"], ["d7"]]
    spool.close()
    assert not (tmp_path / "en.pickle").exists()


@given(st.lists(st.text(max_size=20), max_size=40), st.integers(1, 8), st.integers(1, 50))
def test_every_document_comes_back_once_in_order(texts: list[str], size: int, max_chars: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        spool = Spool(Path(folder, "es.pickle"))
        for n, text in enumerate(texts):
            spool.add(source(str(n), text), Detection("es", 0.5, guess="es"))
        batches = list(spool.batches(size, max_chars))
        assert [s.text for batch in batches for s, _ in batch] == texts
        assert all(0 < len(batch) <= size for batch in batches)
        assert all(len(b) == 1 or sum(len(s.text) for s, _ in b) <= max_chars for b in batches)
        assert all(d == Detection("es", 0.5, guess="es") for batch in batches for _, d in batch)
        spool.close()


def test_a_finished_spool_is_read_back_in_another_process(tmp_path: Path) -> None:
    import pickle

    spool = Spool(tmp_path / "en.pickle")
    spool.add(source("a", "Mexicali"), Detection("en", 1.0))
    spool.finish()
    copy = pickle.loads(pickle.dumps(spool))
    assert (copy.count, copy.chars) == (1, 8)
    assert [[s.doc_id for s, _ in b] for b in copy.batches(32, 1000)] == [["a"]]


def test_joined_spools_give_their_documents_one_after_the_other(tmp_path: Path) -> None:
    import pickle

    spools = [Spool(tmp_path / f"en-{n}.pickle") for n in range(3)]
    for n, spool in enumerate(spools):
        for m in range(n + 1):
            spool.add(source(f"{n}.{m}", "x" * (m + 1)), Detection("en", 1.0))
    first, *later = spools
    for spool in later:
        first.join(spool)
    assert (first.count, first.chars) == (6, 1 + 3 + 6)
    expected = [["0.0", "1.0", "1.1", "2.0"], ["2.1", "2.2"]]
    assert [[s.doc_id for s, _ in b] for b in first.batches(4, 100)] == expected
    copy = pickle.loads(pickle.dumps(first))  # read in another process
    assert [[s.doc_id for s, _ in b] for b in copy.batches(4, 100)] == expected
    first.close()
    assert not list(tmp_path.iterdir())


def test_a_scratch_folder_left_by_an_ended_run_goes_and_one_of_a_run_still_going_stays(
    tmp_path: Path,
) -> None:
    going, ended, earlier = (
        tmp_path / f"{SCRATCH_PREFIX}{name}" for name in (f"{os.getppid()}-ab", f"{ended_pid()}-cd", "ef")
    )
    for folder in (going, ended, earlier):
        (folder / "es.pickle").parent.mkdir()
        (folder / "es.pickle").write_bytes(b"texts")
    with scratch_folder(tmp_path) as scratch:
        assert scratch.name.startswith(f"{SCRATCH_PREFIX}{os.getpid()}-")
        assert (going.exists(), ended.exists(), earlier.exists()) == (True, False, False)
    assert not scratch.exists()
