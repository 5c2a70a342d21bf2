"""The Dask engine (pipeline/cluster.py): the local engine's outputs, on a local cluster and on a scheduler
and workers started apart, with a run killed and resumed and a worker killed midway."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import store
from pipeline.cli import main
from tests.conftest import RAW, ROOT, stored_results

EVAL = ROOT.parent / "shared" / "eval" / "ner"
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and 200 documents of the dev sets (100 of each language; all 96 Spanish ones)."""
    root = tmp_path_factory.mktemp("cluster") / "raw"
    root.mkdir()
    for path in RAW.glob("*.txt"):
        shutil.copy(path, root / path.name)
    for language in ("en", "es"):
        for path in sorted((EVAL / f"{language}_dev" / "docs").glob("*.txt"))[:100]:
            shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="module")
def local(corpus: Path) -> dict[str, bytes]:
    out = corpus.parent / "local"
    assert main(["extract", str(corpus), "--out", str(out), "--no-curation"]) == 0
    return outputs(out)


def outputs(out: Path) -> dict[str, bytes]:
    return {
        name: (out / name).read_bytes()
        for name in ("documents.csv", "mentions.csv", "entities.csv", "entities.json")
    }


def test_a_local_cluster_gives_the_local_engine_s_outputs(corpus: Path, local: dict[str, bytes]) -> None:
    out = corpus.parent / "local-cluster"
    args = ["extract", str(corpus), "--out", str(out), "--no-curation", "--engine", "dask"]
    assert main(args) == 0
    assert outputs(out) == local
    assert main(args) == 0  # a rerun sends nothing out
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["extracted"] == 0
    assert outputs(out) == local


def test_a_cluster_started_apart_resumes_a_killed_run_and_survives_a_killed_worker(
    corpus: Path, local: dict[str, bytes], tmp_path: Path
) -> None:
    address_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
         str(address_file)],
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    started = [scheduler]
    try:
        for _ in range(200):
            if address_file.exists() and address_file.stat().st_size:
                break
            time.sleep(0.05)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        workers = [
            subprocess.Popen(
                [DASK, "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard"],
                cwd=ROOT,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        started += workers
        out = tmp_path / "out"
        args = ["extract", str(corpus), "--out", str(out), "--no-curation", "--engine", "dask"]
        code = (
            f"import sys\nfrom pipeline.cli import main\nsys.exit(main({[*args, '--scheduler', address]!r}))"
        )
        database = out / ".newsner" / store.FILE
        total = len(list(corpus.iterdir()))

        def client_until(stored: int) -> subprocess.Popen[bytes]:
            """A client run, once more than ``stored`` documents are in the store (or it ended)."""
            client = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.DEVNULL)
            started.append(client)
            for _ in range(1200):
                time.sleep(0.05)
                if stored_results(database) > stored or client.poll() is not None:
                    break
            return client

        first = client_until(0)
        first.send_signal(signal.SIGKILL)  # the run is killed: what it committed stays
        assert first.wait(timeout=30) == -signal.SIGKILL
        kept = stored_results(database)
        assert 0 < kept < total
        second = client_until(kept)  # the rerun resumes, and then one worker dies
        workers[0].send_signal(signal.SIGKILL)
        assert second.poll() is None  # both midway: the run had not finished
        assert kept < stored_results(database) < total
        assert second.wait(timeout=300) == 0
        log = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert (log["extracted"], log["reused"]) == (total - kept, kept)
        assert outputs(out) == local
    finally:
        for process in reversed(started):
            process.kill()
            process.wait(timeout=30)


def test_without_dask_the_engine_is_one_error_line(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    assert main(["extract", str(RAW), "--out", str(tmp_path), "--engine", "dask"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --engine dask needs Dask: pip install 'newsner[dask]' (the Makefile's environment has it)"
    )
