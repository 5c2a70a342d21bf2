"""Peak memory of a process and all its workers together, for ``make bench`` (:mod:`pipeline.bench`).

Peak RSS (``resource.getrusage``) counts each process alone, and pages that forked workers share with their
parent in every one of them. :class:`PeakMemory` instead sums the proportional set size (PSS: a shared page
counts once, split between the processes that share it) of this process and its descendants, read from
Linux ``/proc`` in a background thread every 250 ms, and keeps the largest sum. A sample costs: the kernel
walks each process's page tables, ~5 ms for one that holds a model, so sampling every 50 ms took a third of a
core away from the run it measured (12-16 CPU seconds of a 16x run), for the same peaks within 3 %.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path


class PeakMemory:
    """Samples, in a thread, the summed PSS of this process and its descendants; :meth:`stop` gives the peak
    in KiB (Linux ``/proc``; 0 where it is not readable)."""

    def __init__(self, interval: float = 0.25) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak

    def _run(self, interval: float) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(_pss_kib(pid) for pid in _tree(os.getpid())))
            self._done.wait(interval)


def _tree(pid: int) -> Iterator[int]:
    yield pid
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            yield from _tree(int(child))


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
