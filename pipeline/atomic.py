"""Write a set of output files all at once or not at all: the last step of every run (:mod:`pipeline.export`).

Each file is written under a temporary name in the output folder (``.NAME.PID.tmp``) and flushed to disk;
only when every one of them is complete are they renamed into place, with Ctrl-C and SIGTERM held back
during the renames. A run that fails or is killed before the renames leaves the previous outputs as they
were, and the temporary files of a run killed earlier are removed by a later one (never those of a run
still going, which may write to the same folder: :func:`ended`). Text is written as it is
rendered, piece by piece (:func:`staged`: several files written at once, in one pass over a corpus), so
a large output never exists twice in memory.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any


class Staging:
    """Output files being written under temporary names (:func:`staged`)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: dict[str, Path] = {}  # final name -> temporary path
        self.removed: set[str] = set()  # outputs of earlier runs that this one does not write
        self._open: list[IO[Any]] = []
        #: The final paths, by name, once :meth:`commit` renamed them into place.
        self.written: list[Path] = []

    def path(self, name: str) -> Path:
        """The temporary path that becomes ``name``, for a writer that opens the file itself."""
        for stale in self.out_dir.glob(f".{name}.*.tmp"):
            if ended(stale.name[len(name) + 2 : -len(".tmp")]):  # left by a killed run
                stale.unlink(missing_ok=True)
        self.files[name] = self.out_dir / f".{name}.{os.getpid()}.tmp"
        return self.files[name]

    def open(self, name: str) -> IO[str]:
        """``name``'s temporary file opened for text (UTF-8; with a BOM for CSV, which Excel then reads)."""
        encoding = "utf-8-sig" if name.endswith(".csv") else "utf-8"
        handle = self.path(name).open("w", encoding=encoding, newline="")
        self._open.append(handle)
        return handle

    def remove(self, name: str) -> None:
        """Have ``name``, an output an earlier run may have left and this one does not write, deleted with
        the renames: what the folder holds is then all this run's."""
        self.removed.add(name)

    def commit(self) -> list[Path]:
        """Flush every file to disk, then rename them all into place and delete the :meth:`remove`d ones
        (signals held back meanwhile)."""
        for handle in self._open:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for temporary in self.files.values():
            with temporary.open("rb") as written:  # a file its writer closed: on disk before the renames
                os.fsync(written.fileno())
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            for name, temporary in self.files.items():
                os.replace(temporary, self.out_dir / name)
            for name in self.removed:
                (self.out_dir / name).unlink(missing_ok=True)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return [self.out_dir / name for name in sorted(self.files)]

    def discard(self) -> None:
        for handle in self._open:
            handle.close()
        for temporary in self.files.values():
            temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def staged(out_dir: Path) -> Iterator[Staging]:
    """Files to write under temporary names (:meth:`Staging.open`, :meth:`Staging.path`); when the block
    ends without an error they are flushed to disk and renamed into place all at once, and the final paths
    are in ``staging.written``. On an error, or Ctrl-C or SIGTERM, the temporary files are removed and the
    previous outputs stay. Ctrl-C and SIGTERM are held back during the renames themselves (microseconds), so
    only a SIGKILL in that instant could mix old and new files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Staging(out_dir)
    try:
        yield staging
        staging.written = staging.commit()
    finally:
        staging.discard()


def ended(pid: str) -> bool:
    """Whether the process whose id a temporary name holds has ended, so that what it left may be removed.
    A name without one is an earlier version's. (An id the system gave to a new process since leaves the
    files until that process ends.)"""
    if not pid.isdigit() or int(pid) <= 0:
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def write_atomically(out_dir: Path, files: Mapping[str, str | Iterable[str] | bytes]) -> list[Path]:
    """Write every file (its whole text, its text in pieces, or bytes) at once (:func:`staged`)."""
    with staged(out_dir) as staging:
        for name, content in sorted(files.items()):
            if isinstance(content, bytes):
                staging.path(name).write_bytes(content)
            else:
                staging.open(name).writelines([content] if isinstance(content, str) else content)
    return staging.written
