"""The whole pipeline, scheduled: read -> detect language -> NER and per-document analysis -> aggregate ->
export. This module only decides what runs where and when; the stages are their own modules.

One document's way: :func:`pipeline.readers.documents` gives its text, :func:`pipeline.language.route` its
language; it waits in its language's :class:`~pipeline.spool.Spool` until every input is read; then, in
batches and on every core for a large corpus (:mod:`pipeline.workers`), its language's model finds entities
and :func:`pipeline.analysis.analyse` turns them into compact :class:`~pipeline.records.Mention` records
(:func:`pipeline.analysis.analyse_batch`), stored a batch at a time. Corpus-wide work
(:mod:`pipeline.aggregate`, :mod:`pipeline.export`) only sees the resulting
:class:`~pipeline.records.DocumentResult` records. One
failing document never stops the others.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import (
    aggregate,
    analysis,
    curation,
    export,
    language,
    lexicons,
    models,
    readers,
    store,
    workers,
)
from pipeline.config import store_folder
from pipeline.errors import ModelNotInstalled, PipelineError
from pipeline.models import Models
from pipeline.records import FAILED_STATUSES, Corpus, Detection, DocumentResult, Source
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

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(d.status in FAILED_STATUSES for d in self.corpus.documents)


def run(settings: Settings, *, progress: Callable[[int], Iterator[None]] | None = None) -> Report:
    """Run the pipeline on ``settings.inputs`` and write the outputs to ``settings.out_dir``.

    progress: called once with the number of documents; returns an iterator advanced once per document.
    RAISES (PipelineError): for problems with the run as a whole (missing input, clashing document ids).
    """
    started = time.monotonic()
    rules = curation.load(settings.curation)
    _refuse_output_inside_input(settings)
    loaded = Models(settings.models)
    errors: list[str] = []
    extracted = 0
    fingerprint = store.fingerprint(settings)
    with (
        scratch_folder(settings.out_dir) as scratch,
        store.opened(store_folder(settings), rebuild=settings.rebuild) as stored,
    ):
        if settings.workers == 1:
            found = _read_and_route(settings, scratch, fingerprint)
        else:  # another process reads the inputs and detects their languages while this one imports spaCy
            with workers.in_background(_read_and_route, settings, scratch, fingerprint) as read:
                models.prepare()
                found = read()
        results, spools, keys, reused = found
        for result in results.values():
            if result.status == "ok":
                loaded.note(result.language)  # a stored result: its model is listed as if loaded
        ticks = progress(len(results) + sum(s.count for s in spools.values())) if progress else None
        for _ in results:
            _tick(ticks)
        languages = [lang for lang, spool in spools.items() if spool.count]
        for position, lang in enumerate(languages):
            then = languages[position + 1] if position + 1 < len(languages) else None
            for batch in _extract(lang, spools[lang], loaded, settings, errors, then=then):
                stored.put((keys[result.doc_id], result) for result in batch)  # committed: a rerun resumes
                for result in batch:
                    results[result.doc_id] = result
                    extracted += 1
                    _tick(ticks)
            spools[lang].close()  # the disk space back at once; the folder goes at the end in any case

    corpus = aggregate.aggregate(results.values(), rules)
    written = [path.name for path in export.write(settings.out_dir, corpus, loaded.info(), _detector_name())]
    seconds = time.monotonic() - started
    report = Report(corpus, written, errors, seconds, extracted=extracted, reused=reused)
    export.write_run_log(
        settings.out_dir,
        settings.inputs,
        corpus.documents,
        seconds,
        errors,
        extracted=extracted,
        reused=reused,
    )
    return report


Found = tuple[dict[str, DocumentResult], dict[str, Spool], dict[str, str], int]


def _read_and_route(settings: Settings, folder: Path, fingerprint: str) -> Found:
    """Read every input. A document whose result the store holds under its key
    (:func:`pipeline.store.document_key`) has it at once; any other has its language detected, and then a
    document that goes to no model has its result (status and message) at once, and any other goes to its
    language's spool (a file in ``folder``).

    RETURNS: the results so far, the spools, the key of each spooled document, how many were reused."""
    results: dict[str, DocumentResult] = {}
    keys: dict[str, str] = {}
    reused = 0
    spools = {lang: Spool(folder / f"{lang}.pickle") for lang in language.ROUTED}
    with store.opened(store_folder(settings), rebuild=settings.rebuild) as stored:
        for source in readers.documents(
            settings.inputs, max_bytes=settings.max_bytes, text_fields=settings.text_fields
        ):
            key = store.document_key(source, fingerprint) if source.status == "ok" else ""
            result = stored.get(source.doc_id, key) if key else None
            if result is not None:  # stored under this key: neither detected nor extracted again
                results[source.doc_id] = result
                reused += 1
                continue
            detection = _route(source, settings)
            if source.status == "ok" and source.text.strip() and detection.language in spools:
                spools[detection.language].add(source, detection)
                keys[source.doc_id] = key
            else:
                results[source.doc_id] = analysis.unrouted(source, detection)
    for spool in spools.values():
        spool.finish()
    return results, spools, keys, reused


def _extract(
    lang: str, spool: Spool, loaded: Models, settings: Settings, errors: list[str], *, then: str | None
) -> Iterator[list[DocumentResult]]:
    """Every spooled document of one language through :func:`pipeline.analysis.analyse_batch`, on every
    core when there is enough text; the model of the language ``then`` is loaded meanwhile. A missing model
    fails only this language's documents (and adds its message to ``errors``)."""
    try:
        loaded.get(lang)  # before forking, so that the workers share it
    except ModelNotInstalled as error:
        errors.append(str(error))
        for batch in spool.batches(settings.batch_size, settings.chunk_chars):
            yield [analysis.result(s, d, status="failed", message=str(error)) for s, d in batch]
        return
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
            _preload(loaded, then)  # while this language's workers run


def _preload(loaded: Models, language: str) -> None:
    """Load the next language's model early; a missing one is reported when its turn comes."""
    with contextlib.suppress(ModelNotInstalled):
        loaded.get(language)


def _refuse_output_inside_input(settings: Settings) -> None:
    out = settings.out_dir.resolve()
    for root in settings.inputs:
        folder = root.resolve()
        if root.is_dir() and (out == folder or folder in out.parents):
            raise PipelineError(
                f"output folder '{settings.out_dir}' is inside input '{root}': the next run would read its "
                "own outputs; choose another --out"
            )


def _route(source: Source, settings: Settings) -> Detection:
    if source.status != "ok" or not source.text.strip():
        return Detection(language="", score=0.0)
    detection = language.route(
        source.text,
        forced=settings.language,
        hint=source.language_hint,
        sample_chars=settings.language_sample_chars,
        min_confidence=settings.min_language_confidence,
    )
    log.debug("%s: language %s (%.4f)", source.doc_id, detection.language, detection.score)
    return detection


def _tick(ticks: Iterator[None] | None) -> None:
    if ticks is not None:
        next(ticks, None)


def _detector_name() -> str:
    return f"lingua-language-detector {version('lingua-language-detector')}"
