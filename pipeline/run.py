"""The whole pipeline, wired together: read -> detect language -> NER -> normalize -> aggregate -> export.

One document's way: :func:`pipeline.readers.documents` gives its text, :func:`pipeline.language.route` its
language; it waits in its language's :class:`~pipeline.spool.Spool` until every input is read; then its
language's model finds entities (:func:`pipeline.models.stream`) and :func:`analyse` turns them into
compact :class:`~pipeline.records.Mention` records, in batches, on every core for a large corpus
(:mod:`pipeline.workers`). Corpus-wide work (:mod:`pipeline.aggregate`, :mod:`pipeline.export`) only sees
the resulting :class:`~pipeline.records.DocumentResult` records. One failing document never stops the
others.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import (
    aggregate,
    curation,
    evidence,
    export,
    extract,
    language,
    lexicons,
    normalize,
    readers,
    textwords,
    workers,
)
from pipeline.errors import ModelNotInstalled, PipelineError
from pipeline.models import Models, ModelSpan, stream
from pipeline.records import (
    FAILED_STATUSES,
    Corpus,
    Detection,
    DocumentResult,
    EntityType,
    Mention,
    Source,
    Status,
)
from pipeline.spool import Spool, scratch_folder

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language

    from pipeline.config import Settings

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What a run did, for the CLI's summary and exit code."""

    corpus: Corpus
    written: list[str]
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

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
    with scratch_folder(settings.out_dir) as scratch:
        if settings.workers == 1:
            results, spools = _read_and_route(settings, scratch)
        else:  # another process reads the inputs and detects their languages while this one imports spaCy
            with workers.in_background(_read_and_route, settings, scratch) as read:
                loaded.prepare()
                results, spools = read()
        ticks = progress(len(results) + sum(s.count for s in spools.values())) if progress else None
        for _ in results:
            _tick(ticks)
        languages = [lang for lang, spool in spools.items() if spool.count]
        for position, lang in enumerate(languages):
            then = languages[position + 1] if position + 1 < len(languages) else None
            for result in _extract(lang, spools[lang], loaded, settings, errors, then=then):
                results[result.doc_id] = result
                _tick(ticks)
            spools[lang].close()  # the disk space back at once; the folder goes at the end in any case

    corpus = aggregate.aggregate(results.values(), rules)
    written = [path.name for path in export.write(settings.out_dir, corpus, loaded.info(), _detector_name())]
    report = Report(corpus=corpus, written=written, errors=errors, seconds=time.monotonic() - started)
    _write_run_log(settings, report)
    return report


def _read_and_route(settings: Settings, folder: Path) -> tuple[dict[str, DocumentResult], dict[str, Spool]]:
    """Read every input and detect its language: a routed document goes to its language's spool (a file in
    ``folder``), any other gets its result (status and message) at once."""
    results: dict[str, DocumentResult] = {}
    spools = {lang: Spool(folder / f"{lang}.pickle") for lang in language.ROUTED}
    for source in readers.documents(
        settings.inputs, max_bytes=settings.max_bytes, text_fields=settings.text_fields
    ):
        detection = _route(source, settings)
        if source.status == "ok" and source.text.strip() and detection.language in spools:
            spools[detection.language].add(source, detection)
        else:
            results[source.doc_id] = _unrouted(source, detection)
    for spool in spools.values():
        spool.finish()
    return results, spools


def _extract(
    lang: str, spool: Spool, loaded: Models, settings: Settings, errors: list[str], *, then: str | None
) -> Iterator[DocumentResult]:
    """Every spooled document of one language through its model and :func:`analyse`, on every core when
    there is enough text; the model of the language ``then`` is loaded meanwhile. A missing model fails
    only this language's documents (and adds its message to ``errors``)."""
    try:
        nlp = loaded.get(lang)
    except ModelNotInstalled as error:
        errors.append(str(error))
        for batch in spool.batches(settings.batch_size, settings.chunk_chars):
            yield from (_result(s, d, status="failed", message=str(error)) for s, d in batch)
        return
    lexicons.load(lang)  # before forking, so that the workers share them
    processes = workers.processes_for(
        spool.chars, requested=settings.workers, threshold=settings.parallel_chars
    )
    batches = spool.batches(
        settings.batch_size, workers.task_chars(spool.chars, processes, settings.chunk_chars)
    )
    work = functools.partial(analyse_batch, nlp, settings)
    for count, batch_results in enumerate(workers.imap(work, batches, processes)):
        yield from batch_results
        if count == 0 and then:
            _preload(loaded, then)  # while this language's workers run


def analyse_batch(
    nlp: Language, settings: Settings, batch: list[tuple[Source, Detection]]
) -> list[DocumentResult]:
    """NER and :func:`analyse` for a batch of documents of one language. Should spaCy itself fail on the
    batch, each document is retried alone, so that only the one it fails on is marked ``failed``."""
    try:
        found = dict(stream(nlp, [source.text for source, _ in batch], settings))
    except Exception as error:
        if len(batch) > 1:
            return [result for item in batch for result in analyse_batch(nlp, settings, [item])]
        return [_failed(*batch[0], error)]
    return [_safely(source, detection, found[i], settings) for i, (source, detection) in enumerate(batch)]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs); reference counting still frees what has no cycle."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


@_collector_paused()
def analyse(
    source: Source, detection: Detection, entities: list[ModelSpan], settings: Settings
) -> DocumentResult:
    """Per-document work after NER: candidates -> trimmed, named, keyed spans -> junk dropped -> one type per
    name by the document's evidence -> mentions with context. Every step is linear in the document's length
    (``make bench`` checks it). The cyclic garbage collector is paused meanwhile: nothing built here has a
    cycle, and its full passes over the document's records, which grow as they are built, took a fifth of
    the analysis of an 8 MB document and grew faster than linearly."""
    text = source.text
    words = textwords.TextWords(text)  # for the junk filter: read once, not once per mention
    named: list[evidence.Named] = []
    for candidate in extract.candidates(text, entities, lexicons.strong_places()):
        bounds = normalize.trim_bounds(text[candidate.start : candidate.end])
        if bounds is None:
            continue
        start, end = candidate.start + bounds[0], candidate.start + bounds[1]
        start = evidence.sentence_article_end(text, start, end, normalize.match_key(text[start:end]) or "")
        name = normalize.clean_name(text[start:end])
        key = normalize.match_key(name) if name else None
        if name is None or key is None or evidence.is_junk(text, start, end, key, detection.language, words):
            continue
        named.append(evidence.Named(start, end, name, key, candidate.type, candidate.label))
    types = evidence.document_types(named)
    mentions = tuple(_mention(text, n, types[n.key], settings) for n in named)
    return _result(source, detection, status="ok", message="", mentions=mentions)


def _mention(
    text: str, n: evidence.Named, typed: tuple[EntityType, evidence.Scores], settings: Settings
) -> Mention:
    # Kept for the whole run, so kept small: the name is the span's own string when they are equal (nearly
    # always), and the model's label one shared string.
    span = text[n.start : n.end]
    return Mention(
        start=n.start,
        end=n.end,
        text=span,
        name=span if n.name == span else n.name,
        key=n.key,
        type=typed[0],
        context=extract.context(text, n.start, n.end, max_chars=settings.context_chars),
        model_label=sys.intern(n.model_label),
        scores=typed[1],
    )


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


def _unrouted(source: Source, detection: Detection) -> DocumentResult:
    if source.status != "ok":
        return _result(source, detection, status=source.status, message=source.message)
    if not source.text.strip():
        return _result(source, detection, status="empty", message="no text")
    guess = f"'{detection.guess}'" if detection.guess else "unknown"
    told = "the record's language field says" if detection.method == "record" else "detected"
    message = f"{told} {guess}, not supported (only en, es); use --lang en or --lang es to force one"
    return _result(source, detection, status="unsupported_language", message=message)


def _safely(
    source: Source, detection: Detection, entities: list[ModelSpan], settings: Settings
) -> DocumentResult:
    try:
        return analyse(source, detection, entities, settings)
    except Exception as error:  # one bad document must not stop the others; the status says what happened
        return _failed(source, detection, error)


def _failed(source: Source, detection: Detection, error: Exception) -> DocumentResult:
    log.debug("%s failed", source.doc_id, exc_info=True)
    return _result(source, detection, status="failed", message=f"{type(error).__name__}: {error}")


def _result(
    source: Source, detection: Detection, *, status: Status, message: str, mentions: tuple[Mention, ...] = ()
) -> DocumentResult:
    if detection.method == "forced" and not message:
        message = "language set by --lang"
    elif detection.method == "record" and not message:
        message = "language from the record's language field"
    return DocumentResult(
        doc_id=source.doc_id,
        title=source.title,
        language=detection.language,
        language_score=detection.score if detection.language else None,
        encoding=source.encoding,
        chars=len(source.text),
        status=status,
        message=message,
        mentions=mentions,
        source=source.source,
        date=source.date,
        url=source.url,
    )


def _tick(ticks: Iterator[None] | None) -> None:
    if ticks is not None:
        next(ticks, None)


def _detector_name() -> str:
    return f"lingua-language-detector {version('lingua-language-detector')}"


def _write_run_log(settings: Settings, report: Report) -> None:
    """``run.json``: when and how long, kept apart so the other outputs stay byte-identical across runs."""
    counts = Counter(d.status for d in report.corpus.documents)
    log_entry = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(report.seconds, 3),
        "inputs": [str(p) for p in settings.inputs],
        "documents": len(report.corpus.documents),
        "statuses": dict(sorted(counts.items())),
        "errors": report.errors,
    }
    export.write_atomically(settings.out_dir, {"run.json": json.dumps(log_entry, indent=2) + "\n"})
