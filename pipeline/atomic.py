"""Write a set of output files all at once or not at all: the last step of every run (:mod:`pipeline.export`).

Each file is written under a temporary name in the output folder (``.NAME.PID.tmp``) and flushed to disk;
only when every one of them is complete are they renamed into place, with Ctrl-C and SIGTERM held back
during the renames. A run that fails or is killed before the renames leaves the previous outputs as they
were, and the temporary files of a run killed earlier are removed by the next. Text is written as it is
rendered, piece by piece, so a large output never exists twice in memory.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any


def write_atomically(out_dir: Path, files: Mapping[str, str | Iterable[str] | bytes]) -> list[Path]:
    """Write every file (its whole text, its text in pieces, or bytes: Parquet) to a temporary name, flush
    it to disk, then rename them all into place.

    A crash or kill before the renames leaves the previous outputs untouched; Ctrl-C and SIGTERM are held
    back during the renames themselves (microseconds), so only a SIGKILL in that instant could mix old and
    new files. Temporary files left by a killed run are removed. CSV files get a UTF-8 BOM.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in files:
        for stale in out_dir.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in sorted(files.items()):
            final = out_dir / name
            temporary = out_dir / f".{name}.{os.getpid()}.tmp"
            encoding = "utf-8-sig" if name.endswith(".csv") else "utf-8"
            staged.append((temporary, final))  # before writing, so that a failed write is cleaned up too
            if isinstance(content, bytes):
                with temporary.open("wb") as binary:
                    binary.write(content)
                    _sync(binary)
                continue
            with temporary.open("w", encoding=encoding, newline="") as handle:
                handle.writelines([content] if isinstance(content, str) else content)
                _sync(handle)
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            for temporary, final in staged:
                os.replace(temporary, final)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [final for _, final in staged]


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
