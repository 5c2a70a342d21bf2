"""Find input documents and decode them into text.

Every file under an input path becomes exactly one :class:`~pipeline.records.Source`, in sorted order, so
nothing is skipped silently: a file that cannot be used carries a status and a one-line message instead of
text. ``doc_id`` is the POSIX path relative to the input root (the file's folder when the input is a file).
Hidden files and folders (names starting with ".") are not inputs.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.records import Source, Status

TEXT_SUFFIXES = frozenset({".txt", ".md"})
#: Single-byte encodings that legacy Spanish and English news archives use. Restricting the guess to these
#: keeps charset detection from picking an exotic code page that happens to fit ("niñas" -> "nińas").
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1")
TITLE_CHARS = 200


def discover(inputs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """Yield ``(doc_id, path)`` for every non-hidden file under the inputs, sorted within each input.

    RAISES (PipelineError): an input does not exist, or two inputs yield the same ``doc_id``.
    """
    seen: dict[str, Path] = {}
    for root in inputs:
        if not root.exists():
            raise PipelineError(f"input '{root}' does not exist; pass a file or folder of .txt/.md articles")
        for doc_id, path in _walk(root):
            if doc_id in seen:
                raise PipelineError(
                    f"'{path}' and '{seen[doc_id]}' would both be document '{doc_id}'; "
                    "pass their common parent folder instead"
                )
            seen[doc_id] = path
            yield doc_id, path


def read(doc_id: str, path: Path) -> Source:
    """Read and decode one file. Never raises for a bad file: the problem goes into ``status``/``message``."""
    if path.is_dir():
        return _failed(doc_id, path, "unreadable", "cannot list folder: permission denied or I/O error")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return _failed(doc_id, path, "unsupported_format", f"'{path.suffix or path.name}' files are not read")
    try:
        data = path.read_bytes()
    except OSError as error:
        return _failed(doc_id, path, "unreadable", f"cannot read file: {error.strerror or error}")
    decoded = decode(data)
    if decoded is None:
        return _failed(doc_id, path, "binary", "file contains NUL bytes: not a text file")
    text, encoding = decoded
    return Source(doc_id=doc_id, path=path, text=text, title=title_of(text), encoding=encoding)


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or a guessed legacy encoding.

    RETURNS (tuple[str, str] | None): the text and the decision (``utf-8``, ``utf-8-sig``, ``utf-16``, or
        e.g. ``cp1252 (guessed)``), or ``None`` for binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return None
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only legacy files pay for this import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guess = best.encoding if best is not None else LEGACY_ENCODINGS[0]
    # Every byte is valid in latin_1, and cp1252 lacks only five; "replace" keeps the run going on those.
    return data.decode(guess, errors="replace"), f"{guess} (guessed)"


def title_of(text: str) -> str:
    """The first non-blank line, without Markdown heading marks, shortened to ``TITLE_CHARS``."""
    for line in text.splitlines():
        title = " ".join(line.lstrip("#").split())
        if title:
            return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
    return ""


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    if root.is_file():
        yield root.name, root
        return
    found: list[tuple[str, Path]] = []
    # A folder that cannot be listed is reported as an unreadable document, not skipped.
    unlistable: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unlistable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                found.append((path.relative_to(root).as_posix(), path))
    for error in unlistable:
        path = Path(error.filename)
        found.append((path.relative_to(root).as_posix() + "/", path))
    yield from sorted(found)


def _failed(doc_id: str, path: Path, status: Status, message: str) -> Source:
    return Source(doc_id=doc_id, path=path, text="", title="", encoding="", status=status, message=message)
