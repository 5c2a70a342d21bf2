"""Find input files, read and decode them, and split them into documents.

Every file under an input path yields at least one :class:`~pipeline.records.Source`, in sorted order, so
nothing is skipped silently: a file or record that cannot be used carries a status and a one-line message
instead of text. ``doc_id`` is the POSIX path relative to the input root (the file's folder when the input is
a file), plus ``#id`` for a record of a JSON Lines, JSON or CSV file (:mod:`pipeline.formats`). Hidden files
and folders (names starting with ".") are not inputs; symbolic links are followed, loops are reported.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline import formats
from pipeline.errors import PipelineError
from pipeline.records import Source, Status

SUFFIXES = formats.DOCUMENT_SUFFIXES | formats.RECORD_SUFFIXES
#: Single-byte encodings that legacy Spanish and English news archives use. Restricting the guess to these
#: keeps charset detection from picking an exotic code page that happens to fit ("niñas" -> "nińas").
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1")
#: Share of undecodable bytes (UTF-8) or control characters (legacy guess) above which a file is not text.
MAX_BAD_SHARE = 0.01
TITLE_CHARS = 200


def discover(inputs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """Yield ``(doc_id, path)`` for every non-hidden file under the inputs, sorted within each input.

    RAISES (PipelineError): an input does not exist, or two inputs yield the same ``doc_id``.
    """
    seen: dict[str, Path] = {}
    for root in inputs:
        if not root.exists():
            raise PipelineError(f"input '{root}' does not exist; pass files or folders of articles")
        for doc_id, path in _walk(root):
            if doc_id in seen:
                raise PipelineError(
                    f"'{path}' and '{seen[doc_id]}' would both be document '{doc_id}'; "
                    "pass their common parent folder instead"
                )
            seen[doc_id] = path
            yield doc_id, path


def read(
    doc_id: str, path: Path, *, max_bytes: int = 50_000_000, text_fields: Sequence[str] = formats.TEXT_FIELDS
) -> list[Source]:
    """The documents in one file. Never raises for a bad file: the problem goes into status and message."""
    suffix = path.suffix.lower()
    if path.is_symlink() and not path.exists():
        return [_failed(doc_id, path, "unreadable", "broken symbolic link")]
    if path.is_dir():
        return [
            _failed(doc_id, path, "unreadable", "cannot list folder (permissions, or a symbolic link loop)")
        ]
    if suffix not in SUFFIXES:
        wanted = ", ".join(sorted(SUFFIXES))
        return [
            _failed(
                doc_id, path, "unsupported_format", f"'{suffix or path.name}' files are not read ({wanted})"
            )
        ]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = f"{max_bytes / 1e6:g} MB"
            return [
                _failed(
                    doc_id, path, "too_large", f"{size / 1e6:.1f} MB is over the {limit} limit (--max-mb)"
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        return [_failed(doc_id, path, "unreadable", f"cannot read file: {error.strerror or error}")]
    decoded = decode(data)
    if isinstance(decoded, str):
        status: Status = "binary" if "NUL" in decoded else "undecodable"
        return [_failed(doc_id, path, status, decoded)]
    text, encoding = decoded
    sources = []
    records = formats.parse(suffix, text, text_fields=text_fields)
    for record in records or [formats.Record(part="", text="")]:  # no records: one empty document
        repaired = repair(record.text)
        sources.append(
            Source(
                doc_id=f"{doc_id}#{record.part}" if record.part else doc_id,
                path=path,
                text=repaired,
                title=record.title or title_of(repaired),
                encoding=encoding + (" + mojibake repaired" if repaired != record.text else ""),
                status=record.status,
                message=record.message,
                source=doc_id,
                date=record.date,
                url=record.url,
                language_hint=record.language,
            )
        )
    return sources


def decode(data: bytes) -> tuple[str, str] | str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or a guessed legacy encoding.

    RETURNS (tuple[str, str] | str): the text and the decision (``utf-8``, ``utf-8-sig``, ``utf-16``,
        ``utf-8 (3 bad bytes replaced)``, ``cp1252 (guessed)``...), or the reason it is not text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return "file contains NUL bytes: not a text file"
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in text) and bad <= MAX_BAD_SHARE * len(text):
        return text, f"{encoding} ({bad} bad bytes replaced)"  # real UTF-8 with a few broken bytes
    from charset_normalizer import from_bytes  # only legacy files pay for this import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guess = best.encoding if best is not None else LEGACY_ENCODINGS[0]
    text = data.decode(guess, errors="replace")
    controls = sum((unicodedata.category(c) == "Cc" and c not in "\t\n\r\f") or c == "\ufffd" for c in text)
    if controls > MAX_BAD_SHARE * len(text):
        return f"not UTF-8, and as {guess} {controls} of {len(text)} characters are control codes"
    return text, f"{guess} (guessed)"


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252 somewhere upstream: "NiÃ±as" -> "Niñas") with ftfy."""
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def title_of(text: str) -> str:
    """The first non-blank line, without Markdown heading marks, shortened to ``TITLE_CHARS``."""
    for line in text.splitlines():
        title = " ".join(line.strip().lstrip("#").split())
        if title:
            return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
    return ""


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        yield _display(root.name), root
        return
    found: list[tuple[str, Path]] = []
    unlistable: list[OSError] = []  # folders that cannot be listed are reported, not skipped
    visited = {os.path.realpath(root)}
    for folder, dirs, files in os.walk(root, onerror=unlistable.append, followlinks=True):
        for name in sorted(dirs):
            real = os.path.realpath(os.path.join(folder, name))
            if name.startswith(".") or real in visited:
                dirs.remove(name)
                if not name.startswith("."):  # a symbolic link back to a folder already read
                    path = Path(folder, name)
                    found.append((_display(path.relative_to(root).as_posix()) + "/", path))
            visited.add(real)
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                found.append((_display(path.relative_to(root).as_posix()), path))
    for error in unlistable:
        path = Path(str(error.filename))
        found.append((_display(path.relative_to(root).as_posix()) + "/", path))
    yield from sorted(found)


def _display(name: str) -> str:
    """File names that are not valid UTF-8 keep a readable, writable form (bad bytes become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _failed(doc_id: str, path: Path, status: Status, message: str) -> Source:
    return Source(
        doc_id=doc_id,
        path=path,
        text="",
        title="",
        encoding="",
        status=status,
        message=message,
        source=doc_id,
    )
