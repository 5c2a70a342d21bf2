"""Routed documents wait on disk, not in memory, until their language's model runs.

Reading and language detection see every document first (so that a model is loaded only when some document
needs it, and all of one language go through it together); the texts meanwhile go to one temporary file per
language, and come back one batch at a time. Memory then holds a batch, not the corpus. A spool is written
by one process and may be read by another: it pickles as its path and counts, once :meth:`Spool.finish`
has closed it for writing. Processes that read parts of the inputs side by side fill a spool each, which
:meth:`Spool.join` chains in the order of the inputs.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pipeline.atomic import ended
from pipeline.records import Detection, Source
from pipeline.workers import cut


class Spool:
    """An append-only file of ``(Source, Detection)`` pairs, read back in order and in batches."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.chars = 0
        self._file: IO[bytes] | None = path.open("wb")
        #: Files read after this one's, with how many documents each (:meth:`join`).
        self._then: list[tuple[Path, int]] = []

    def add(self, source: Source, detection: Detection) -> None:
        assert self._file is not None, "Spool.add after Spool.finish"
        pickle.dump((source, detection), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1
        self.chars += len(source.text)

    def batches(self, size: int, max_chars: int) -> Iterator[list[tuple[Source, Detection]]]:
        """Everything added, in order, in lists of at most ``size`` documents and (unless one document is
        longer) at most ``max_chars`` characters (:func:`pipeline.workers.cut`)."""
        self.finish()
        yield from cut(self._items(), size, max_chars, lambda item: len(item[0].text))

    def join(self, other: Spool) -> None:
        """Give ``other``'s documents after this one's (another process read the inputs that come after)."""
        self.finish()
        other.finish()
        self._then.extend(other._files())
        self.count += other.count
        self.chars += other.chars

    def _files(self) -> list[tuple[Path, int]]:
        """Each file of this spool, in order, with how many documents it holds."""
        return [(self.path, self.count - sum(n for _, n in self._then)), *self._then]

    def _items(self) -> Iterator[tuple[Source, Detection]]:
        for path, count in self._files():
            with path.open("rb") as handle:
                for _ in range(count):
                    item: tuple[Source, Detection] = pickle.load(handle)
                    yield item

    def finish(self) -> None:
        """No more :meth:`add`: flush and close the file for writing."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def close(self) -> None:
        """Finish and remove the files."""
        self.finish()
        for path, _ in self._files():
            path.unlink(missing_ok=True)

    def __getstate__(self) -> dict[str, Any]:
        assert self._file is None, "a spool is pickled only once it is finished"
        return {**self.__dict__, "_file": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


@contextlib.contextmanager
def scratch_folder(out_dir: Path) -> Iterator[Path]:
    """A hidden folder in the output folder for the spools, named with this process's id and removed at
    the end; one left by a killed run (the spools are copies of input texts) is removed by a later run, like
    the outputs' temporary files, but never one of a run still going into the same folder."""
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"{SCRATCH_PREFIX}*"):
        if ended(stale.name[len(SCRATCH_PREFIX) :].split("-")[0]):
            shutil.rmtree(stale, ignore_errors=True)
    try:
        prefix = f"{SCRATCH_PREFIX}{os.getpid()}-"
        with tempfile.TemporaryDirectory(prefix=prefix, dir=out_dir) as folder:
            yield Path(folder)
    finally:
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a run that stops early (a missing input, Ctrl-C) leaves no empty folder


SCRATCH_PREFIX = ".newsner-spool-"
