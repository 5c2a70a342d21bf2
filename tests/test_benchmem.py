from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.benchmem import PeakMemory, _pss_kib, _tree

PROC = Path(f"/proc/{os.getpid()}")


@pytest.mark.skipif(not (PROC / "smaps_rollup").exists(), reason="needs Linux /proc/PID/smaps_rollup")
def test_the_peak_counts_this_process() -> None:
    sampler = PeakMemory(interval=0.01)
    time.sleep(0.1)
    assert sampler.stop() > 0


@pytest.mark.skipif(
    not (PROC / "task" / str(os.getpid()) / "children").exists(), reason="needs /proc/PID/task/TID/children"
)
def test_the_tree_holds_this_process_and_its_children() -> None:
    code = "import sys; sys.stdin.read()"
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE) as child:
        try:
            assert {os.getpid(), child.pid} <= set(_tree(os.getpid()))
        finally:
            assert child.stdin is not None
            child.stdin.close()


def test_an_unreadable_process_counts_nothing() -> None:
    assert _pss_kib(-1) == 0
    assert list(_tree(-1)) == [-1]
