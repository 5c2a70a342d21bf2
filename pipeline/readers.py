"""Find input files, read and decode them, and split them into documents.

Every file under an input path yields at least one :class:`~pipeline.records.Source`, in sorted order, so
nothing is skipped silently: a file or record that cannot be used carries a status and a one-line message
instead of text. ``doc_id`` is the POSIX path relative to the input root (the file's folder when the input is
a file), plus ``#id`` for a record of a JSON Lines, JSON or CSV file (:mod:`pipeline.formats`); should a
document's id be another's already (a record ``x.txt`` of ``feed.jsonl`` and a file ``feed.jsonl#x.txt``), the
later one gets ``~2``, ``~3``... and says so. Hidden files and folders (names starting with ".") are not
inputs; symbolic links are followed, loops are reported. Text, titles and ids come out in the one normal form
of :mod:`pipeline.text`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from pipeline import formats, text
from pipeline.errors import PipelineError
from pipeline.records import Metadata, Source, Status

SUFFIXES = formats.DOCUMENT_SUFFIXES | formats.RECORD_SUFFIXES
TITLE_CHARS = 200


def documents(
    inputs: Sequence[Path],
    *,
    max_bytes: int = 50_000_000,
    text_fields: Sequence[str] = formats.TEXT_FIELDS,
    share: tuple[int, int] = (0, 1),
) -> Iterator[Source]:
    """Every document under the inputs (:func:`discover`, :func:`read`), each with a ``doc_id`` of its own.

    share: ``(i, n)``: only the documents of the i-th of n parts of the files (:func:`part`), for n
        processes reading side by side. Their ids are told apart within the part only: the caller checks
        that the parts' ids do not meet.
    RAISES (PipelineError): as :func:`discover`.
    """
    taken: set[str] = set()
    files = discover(inputs) if share == (0, 1) else part(list(discover(inputs)), *share)
    for doc_id, path in files:
        for source in read(doc_id, path, max_bytes=max_bytes, text_fields=text_fields):
            unique = formats.unused_name(source.doc_id, taken)
            if unique != source.doc_id:
                note = f"'{source.doc_id}' is another document's id; named '{unique}'"
                message = "; ".join(filter(None, [source.message, note]))
                source = replace(source, meta=replace(source.meta, doc_id=unique), message=message)
            yield source


def discover(inputs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """Yield ``(doc_id, path)`` for every non-hidden file under the inputs, sorted within each input; a file
    that an earlier input gave already (an input named twice, a file inside a folder named too) is not given
    again (within one input, a link to a file is a document of its own, as before).

    RAISES (PipelineError): an input does not exist, or files of two inputs have the same ``doc_id``.
    """
    seen: dict[str, tuple[int, Path]] = {}
    files: dict[Path, int] = {}  # each file, by its real path, to the first input that gave it
    for number, root in enumerate(inputs):
        if not root.exists():
            raise PipelineError(f"input '{root}' does not exist; pass files or folders of articles")
        for doc_id, path in _walk(root):
            if files.setdefault(path.resolve(), number) != number:
                continue
            other = seen.get(doc_id)
            # Within one input only names that read the same once normalized can clash (NFD and NFC, hidden
            # characters, bytes that are not UTF-8): :func:`documents` tells them apart.
            if other is not None and other[0] != number:
                raise PipelineError(
                    f"'{path}' and '{other[1]}' would both be document '{doc_id}'; "
                    "pass their common parent folder instead"
                )
            seen[doc_id] = (number, path)
            yield doc_id, path


def part(files: Sequence[tuple[str, Path]], index: int, count: int) -> list[tuple[str, Path]]:
    """The ``index``-th of ``count`` runs of ``files``, in order, cut where their sizes add up to a
    ``count``-th of the whole: a file is in the part its first byte falls in."""
    sizes = [_size(path) for _, path in files]
    total = sum(sizes)
    chosen, before = [], 0
    for file, size in zip(files, sizes, strict=True):
        if (min(count - 1, before * count // total) if total else 0) == index:
            chosen.append(file)
        before += size
    return chosen


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:  # read() says what is wrong with it
        return 0


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
                    doc_id,
                    path,
                    "too_large",
                    f"{_over(size, max_bytes)} is over the {limit} limit (--max-mb)",
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        return [_failed(doc_id, path, "unreadable", f"cannot read file: {error.strerror or error}")]
    decoded = text.decode(data)
    if isinstance(decoded, str):
        status: Status = "binary" if "NUL" in decoded else "undecodable"
        return [_failed(doc_id, path, status, decoded)]
    content, encoding = decoded
    sources = []
    records = formats.parse(suffix, content, text_fields=text_fields)
    for record in records or [formats.Record(part="", text="")]:  # no records: one empty document
        cleaned, repaired = text.clean(record.text)
        meta = Metadata(
            doc_id=f"{doc_id}#{_visible(_line(record.part))}" if record.part else doc_id,
            source=doc_id,
            title=_line(record.title) or title_of(cleaned),
            date=_line(record.date),
            url=_line(record.url),
            encoding=encoding + (" + mojibake repaired" if repaired else ""),
        )
        sources.append(
            Source(
                meta=meta,
                path=path,
                text=cleaned,
                status=record.status,
                message=_line(record.message),
                language_hint=_line(record.language),
            )
        )
    return sources


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


def _line(field: str) -> str:
    """A metadata field (id, title, date...) in the normal form of :mod:`pipeline.text`, on one line."""
    return " ".join(text.normalize(field).split())


def _display(name: str) -> str:
    """A file name as a ``doc_id``: in the one form of every text and id (:func:`pipeline.text.normalize`:
    NFC, where macOS writes names decomposed, and no invisible format characters, which could hide or reverse
    part of a name); a name that is not valid UTF-8 keeps a readable, writable form that tells it apart, each
    bad byte written as ``\\xNN`` ("a\\xff.txt"), and so does each control character (:func:`_visible`).
    Two names that then read the same are told apart by :func:`documents` ("~2")."""
    return _visible(
        text.normalize(name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _visible(doc_id: str) -> str:
    r"""A ``doc_id`` with each control character written as ``\xNN`` ("\x01ctl.txt"): the CSV files drop
    control characters, where "\x01ctl.txt" would have read as a second "ctl.txt"."""
    return _CONTROL.sub(lambda c: f"\\x{ord(c.group()):02x}", doc_id)


def _over(size: int, max_bytes: int) -> str:
    """A file's size in megabytes, or in bytes when megabytes rounded would not show it is over the limit
    ("50,040,000 bytes", not "50.0 MB", over 50 MB)."""
    megabytes = f"{size / 1e6:.1f}"
    return f"{megabytes} MB" if float(megabytes) > max_bytes / 1e6 else f"{size:,} bytes"


def _failed(doc_id: str, path: Path, status: Status, message: str) -> Source:
    return Source(
        meta=Metadata(doc_id=doc_id, source=doc_id), path=path, text="", status=status, message=message
    )
