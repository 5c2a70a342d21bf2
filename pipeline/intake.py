"""Every input read, looked up in the results store, and routed: the first stage of a run
(:func:`pipeline.run.run`).

A document whose result the store holds under its key (:func:`pipeline.keys.document_key`) is neither
detected nor extracted again; any other has its language and the language of each of its parts detected
(:func:`pipeline.analysis.route`), and then either its result at once (a document that goes to no model) or
a place in its language's :class:`~pipeline.spool.Spool`. With more than one worker a process per core reads
a part of the input files (:func:`pipeline.readers.part`) into spools of its own, chained in input order, so
that the tasks and batches after are those of one reading.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline import analysis, keys, language, readers, statuses, store, workers
from pipeline.config import store_folder
from pipeline.records import DocumentResult
from pipeline.spool import Spool

if TYPE_CHECKING:
    from pipeline.config import Settings


def read(
    settings: Settings, folder: Path, fingerprint: str, *, meanwhile: Callable[[], object] = lambda: None
) -> Found:
    """Every input: here with ``--workers 1``, else in parts by a process per core while this one runs
    ``meanwhile()`` (a run imports spaCy). The spools' files go to ``folder``."""
    if settings.workers == 1:
        return read_part(settings, folder, fingerprint)
    return _in_parts(settings, folder, fingerprint, meanwhile)


class Found(NamedTuple):
    """What reading the inputs gives."""

    #: doc_id -> the key its result is stored under (a reused document), or its result (one that goes to no
    #: model); extracted documents are added after extraction.
    documents: dict[str, str | DocumentResult]
    spools: dict[str, Spool]
    #: doc_id -> key, of every spooled document.
    keys: dict[str, str]
    #: The languages of the reused documents' results, with how many each.
    reused: Counter[str]


#: Most processes that read the inputs side by side.
READERS = 4


def _in_parts(settings: Settings, folder: Path, fingerprint: str, meanwhile: Callable[[], object]) -> Found:
    """:func:`read_part` in a process per core (per worker with ``--workers N``; at most :data:`READERS`),
    each reading a part of the input files, while this one runs ``meanwhile()``. Should two parts give a
    document the same id (a record ``x`` of ``feed.jsonl`` in one and a file ``feed.jsonl#x`` in the other),
    the inputs are read again in one process, which tells them apart in the order of the files (``~2``)."""
    count = min(settings.workers if settings.workers > 0 else workers.usable_cores(), READERS)
    store.prepare(store_folder(settings))
    with contextlib.ExitStack() as stack:
        reads = [
            stack.enter_context(
                workers.in_background(read_part, settings, folder, fingerprint, (index, count))
            )
            for index in range(count)
        ]
        meanwhile()
        parts = [read() for read in reads]
    found, *later = parts
    seen = set(found.documents) | set(found.keys)
    for other in later:
        ids = set(other.documents) | set(other.keys)
        if not seen.isdisjoint(ids):
            for spool in (spool for each in parts for spool in each.spools.values()):
                spool.close()
            return read_part(settings, folder, fingerprint)
        seen |= ids
        found.documents.update(other.documents)
        found.keys.update(other.keys)
        found.reused.update(other.reused)
        for kind, spool in found.spools.items():
            spool.join(other.spools[kind])
    return found


def read_part(settings: Settings, folder: Path, fingerprint: str, share: tuple[int, int] = (0, 1)) -> Found:
    """Read every input (or the ``share`` of the files that :func:`pipeline.readers.part` gives). A document
    whose result the store holds under its key (:func:`pipeline.keys.document_key`) is not detected nor
    extracted again. Any other has its language detected, and then a document that goes to no model has its
    result (status and message) at once, and any other goes to its language's spool (a file in
    ``folder``)."""
    spools = {
        lang: Spool(folder / f"{lang}-{share[0]}.pickle") for lang in (*language.ROUTED, analysis.MIXED)
    }
    found = Found({}, spools, {}, Counter())
    with store.opened(store_folder(settings), rebuild=settings.rebuild) as stored:
        sources = readers.documents(
            settings.inputs, max_bytes=settings.max_bytes, text_fields=settings.text_fields, share=share
        )
        for source, key in keys.unstored(sources, stored, fingerprint, found.documents, found.reused):
            detection = analysis.route(source, settings)
            waits_in = analysis.spool_for(detection)
            if waits_in is not None:
                found.spools[waits_in].add(source, detection)
                found.keys[source.doc_id] = key
            else:
                found.documents[source.doc_id] = statuses.unrouted(source, detection)
    for spool in found.spools.values():
        spool.finish()
    return found
