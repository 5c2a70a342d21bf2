"""The whole pipeline, scheduled: read -> detect language -> NER and per-document analysis -> aggregate ->
export. This module only decides what runs where and when; the stages are their own modules.

One document's way: :func:`pipeline.readers.documents` gives its text (:mod:`pipeline.intake`: in a process
per core that reads a part of the inputs); a document whose result the results store (:mod:`pipeline.store`)
holds under its key (:mod:`pipeline.keys`) is not extracted again; any other gets its language and the
language of each of its parts (:func:`pipeline.analysis.route`) and waits in a
:class:`~pipeline.spool.Spool` (its language's, or the one of documents mixing languages) until every input
is read; then, in batches and on every core for a large corpus (:mod:`pipeline.workers`), each part's model
finds entities and :func:`pipeline.analysis.analyse` turns them into compact
:class:`~pipeline.records.Mention` records (:func:`pipeline.analysis.analyse_batch`), committed to the store a
batch at a time. With ``--engine dask`` the same per-document work runs on a Dask cluster instead
(:mod:`pipeline.cluster`). Corpus-wide work (:mod:`pipeline.aggregate`, :mod:`pipeline.export`) then reads
the :class:`~pipeline.records.DocumentResult` records back from the store. One failing document never stops
the others.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import (
    aggregate,
    analysis,
    cluster,
    curation,
    export,
    intake,
    keys,
    language,
    lexicons,
    models,
    readers,
    statuses,
    store,
    workers,
)
from pipeline.config import store_folder
from pipeline.errors import ModelNotInstalled, PipelineError
from pipeline.models import Models
from pipeline.records import Corpus, DocumentResult
from pipeline.spool import Spool, scratch_folder

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.config import Settings

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What a run did, for the CLI's summary and exit code."""

    corpus: Corpus
    written: list[str]
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Documents that went through NER this run, and documents whose stored result was reused.
    extracted: int = 0
    reused: int = 0
    #: What the summary should say about the outputs (a table split over several workbook sheets).
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors) or bool(self.corpus.tally.failures)


def run(settings: Settings, *, progress: Callable[[int], Iterator[None]] | None = None) -> Report:
    """Run the pipeline on ``settings.inputs`` and write the outputs to ``settings.out_dir``.

    progress: called once with the number of documents; returns an iterator advanced once per document.
    RAISES (PipelineError): for problems with the run as a whole (missing input, clashing document ids).
    """
    started = time.monotonic()
    rules = curation.load(settings.curation)
    _check_folders(settings)
    loaded = Models(settings.models)
    errors: list[str] = []
    fingerprint = keys.fingerprint(settings)
    with (
        scratch_folder(settings.out_dir) as scratch,
        store.opened(store_folder(settings), rebuild=settings.rebuild) as stored,
    ):
        notes: list[str] = []
        # The outputs' writers are forked first, while this process is small, and start (import pandas)
        # when a core is free: after NER, or at once when NER is little (a rerun).
        with export.opened(settings.out_dir, background=settings.workers != 1) as output:
            if settings.engine == "dask":
                documents, extracted, reused, used = cluster.extract(settings, stored, fingerprint)
                for lang in used:  # the models the results came from, listed as if loaded here
                    loaded.note(lang)
            else:
                documents, extracted, reused = _extract_here(
                    settings, scratch, stored, fingerprint, loaded, errors, progress, output.start
                )
            output.start()
            if len(documents) >= aggregate.PARALLEL_DOCUMENTS:
                models.release()  # unused from here on: memory back before the corpus-wide stage forks
            corpus = aggregate.aggregate(
                store.StoredDocuments(stored, documents),
                rules,
                parallel=settings.workers != 1,
                scratch=scratch,
            )
            output.write(
                corpus,
                loaded.info(),
                _detector_name(),
                notes,
                report=(_texts(settings), settings.report_docs) if settings.report else None,
            )
        written = output.written
        stored.keep((doc_id, key) for doc_id, key in documents.items() if isinstance(key, str))
    seconds = time.monotonic() - started
    names = [path.name for path in written]
    report = Report(corpus, names, errors, seconds, extracted=extracted, reused=reused, notes=notes)
    export.write_run_log(
        settings.out_dir,
        settings.inputs,
        corpus.tally,
        seconds,
        errors,
        extracted=extracted,
        reused=reused,
    )
    return report


def _extract_here(
    settings: Settings,
    scratch: Path,
    stored: store.Store,
    fingerprint: str,
    loaded: Models,
    errors: list[str],
    progress: Callable[[int], Iterator[None]] | None,
    spare: Callable[[], None],
) -> tuple[dict[str, str | DocumentResult], int, int]:
    """The local engine: every input through the store or this machine's cores (:mod:`pipeline.workers`).
    ``spare()`` is called when NER will leave a core free (one process: little text to extract).

    RETURNS: each document's key in the store or its (unstored) result; how many documents were extracted;
    how many reused."""
    documents, spools, keys, languages_reused = intake.read(
        settings, scratch, fingerprint, meanwhile=models.prepare
    )
    chars = sum(spool.chars for spool in spools.values())
    if workers.processes_for(chars, requested=settings.workers, threshold=settings.parallel_chars) == 1:
        spare()
    for lang in languages_reused:  # a stored result's model is listed as if loaded
        loaded.note(lang)
    ticks = progress(len(documents) + sum(s.count for s in spools.values())) if progress else None
    for _ in documents:
        _tick(ticks)
    extracted = 0
    kinds = [kind for kind, spool in spools.items() if spool.count]
    for position, kind in enumerate(kinds):
        then = kinds[position + 1] if position + 1 < len(kinds) else None
        for batch in _extract(kind, spools[kind], loaded, settings, errors, then=then):
            stored.put((keys[result.doc_id], result) for result in batch)  # committed: a rerun resumes
            for result in batch:  # from now on read from the store, not kept in memory
                documents[result.doc_id] = keys[result.doc_id] if result.status == "ok" else result
                extracted += 1
                _tick(ticks)
        spools[kind].close()  # the disk space back at once; the folder goes at the end in any case
    return documents, extracted, languages_reused.total()


def _extract(
    spooled: str, spool: Spool, loaded: Models, settings: Settings, errors: list[str], *, then: str | None
) -> Iterator[list[DocumentResult]]:
    """Every document of one spool (a language's, or :data:`pipeline.analysis.MIXED`) through
    :func:`pipeline.analysis.analyse_batch`, on every core when there is enough text; the model of the
    spool ``then`` is loaded meanwhile. A missing model fails only the documents that need it (and adds its
    message to ``errors``)."""
    try:
        for lang in _languages_of(spooled):
            loaded.get(lang)  # before forking, so that the workers share it
    except ModelNotInstalled as error:
        if str(error) not in errors:
            errors.append(str(error))
        for batch in spool.batches(settings.batch_size, settings.chunk_chars):
            yield [statuses.result(s, d, status="failed", message=str(error)) for s, d in batch]
        return
    for lang in _languages_of(spooled):
        lexicons.load(lang)  # likewise
    processes = workers.processes_for(
        spool.chars, requested=settings.workers, threshold=settings.parallel_chars
    )
    batches = spool.batches(
        settings.batch_size, workers.task_chars(spool.chars, processes, settings.chunk_chars)
    )
    work = functools.partial(analysis.analyse_batch, settings)
    for count, batch_results in enumerate(workers.imap(work, batches, processes)):
        yield batch_results
        if count == 0 and then:
            for lang in _languages_of(then):
                _preload(loaded, lang)  # while this spool's workers run


def _languages_of(spooled: str) -> tuple[str, ...]:
    return language.ROUTED if spooled == analysis.MIXED else (spooled,)


def _preload(loaded: Models, language: str) -> None:
    """Load the next language's model early; a missing one is reported when its turn comes."""
    with contextlib.suppress(ModelNotInstalled):
        loaded.get(language)


def _check_folders(settings: Settings) -> None:
    """Refuse, before any work, an output or store folder inside an input (the inputs are never written, and
    the next run would read what this one wrote) or where a file stands in the way."""
    for path, what, option in (
        (settings.out_dir, "output", "--out"),
        (store_folder(settings), "store", "--store"),
    ):
        resolved = path.resolve()
        for root in settings.inputs:
            folder = root.resolve()
            if root.is_dir() and (resolved == folder or folder in resolved.parents):
                raise PipelineError(
                    f"{what} folder '{path}' is inside input '{root}': the next run would read what this "
                    f"one writes; choose another {option}"
                )
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise PipelineError(
                f"{what} folder '{path}' cannot be made: '{blocker}' is a file; choose another {option}"
            )


def _texts(settings: Settings) -> Callable[[Collection[str]], dict[str, str]]:
    """Documents' texts read again from the inputs, for the report (the store keeps mentions, not texts):
    only until every one asked for is found."""

    def read(wanted: Collection[str]) -> dict[str, str]:
        left, found = set(wanted), {}
        for source in readers.documents(
            settings.inputs, max_bytes=settings.max_bytes, text_fields=settings.text_fields
        ):
            if not left:
                break
            if source.doc_id in left:
                found[source.doc_id] = source.text
                left.discard(source.doc_id)
        return found

    return read


def _tick(ticks: Iterator[None] | None) -> None:
    if ticks is not None:
        next(ticks, None)


def _detector_name() -> str:
    return f"lingua-language-detector {version('lingua-language-detector')}"
