"""The per-document stage: one document's text, language segments and model spans in, its mentions out.

:func:`analyse` is a pure function of its arguments; it is what a results store would cache and what a
worker process maps. Around it, :func:`analyse_batch` is the unit of work a worker runs: plain data in (the
documents of one language, as read, and the settings), NER with the model of that language from this
process's cache (:func:`pipeline.models.cached`), then :func:`analyse`, and compact
:class:`~pipeline.records.DocumentResult` records out (worded by :mod:`pipeline.statuses`).

One document's way through :func:`analyse` (the rules are in the README, "How it works"): candidates from
the model's spans and titles (:mod:`pipeline.labels`, :mod:`pipeline.extract`), their boundaries repaired
(:mod:`pipeline.spans`) -> trimmed, named, keyed spans (:mod:`pipeline.normalize`) -> junk dropped
(:mod:`pipeline.junk`) and one type per name by the document's evidence (:mod:`pipeline.evidence`) ->
mentions with their sentence as context (:mod:`pipeline.sentences`).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline import (
    acronyms,
    companies,
    evidence,
    headlines,
    junk,
    labels,
    language,
    lexicons,
    models,
    nicknames,
    normalize,
    segments,
    sentences,
    statuses,
    textwords,
)
from pipeline import spans as span_repair
from pipeline.records import Detection, DocumentResult, EntityType, Mention, Segment, Source
from pipeline.workers import cut

if TYPE_CHECKING:
    from pipeline.config import Settings
    from pipeline.models import ModelSpan

log = logging.getLogger(__name__)

#: One document as it reaches a worker: what was read, and the language it was routed to.
Task = tuple[Source, Detection]


def route(source: Source, settings: Settings) -> Detection:
    """The language a document goes to (:func:`pipeline.language.route`: ``--lang``, a record's language
    field, or detection) and, when detected, the language of each of its parts (:mod:`pipeline.segments`)."""
    if source.status != "ok" or not source.text.strip():
        return Detection(language="", score=0.0)
    detection = language.route(
        source.text,
        forced=settings.language,
        hint=source.language_hint,
        sample_chars=settings.language_sample_chars,
        min_confidence=settings.min_language_confidence,
    )
    if detection.method == "detected":  # not forced by --lang or a record's language field: by paragraph
        detection = segments.split(source.text, detection, min_confidence=settings.min_language_confidence)
    log.debug("%s: %s (%.4f) %s", source.doc_id, detection.language, detection.score, detection.segments)
    return detection


#: Where documents with parts in more than one language wait: each part goes to its language's model.
MIXED = "mixed"


def spool_for(detection: Detection) -> str | None:
    """Which documents a document is analysed with: its language's, :data:`MIXED`, or none (it goes to no
    model: another language, or no language at all, as :func:`route` gives a document that was not read or
    is empty)."""
    languages = {s.language for s in detection.segments} or {detection.language}
    if len(languages) > 1:
        return MIXED
    (only,) = languages
    return only if only in language.ROUTED else None


def process(settings: Settings, sources: Sequence[Source]) -> list[DocumentResult]:
    """Everything per-document for documents as read, in their order: :func:`route`, then
    :func:`analyse_batch` for those that go to a model (in batches of their language, or of mixed ones), or
    their status at once (:func:`unrouted`). The unit of work of the Dask engine (:mod:`pipeline.cluster`)."""
    results: dict[int, DocumentResult] = {}
    waiting: dict[str, list[tuple[int, Task]]] = {}
    for position, source in enumerate(sources):
        detection = route(source, settings)
        kind = spool_for(detection)
        if kind is None:
            results[position] = statuses.unrouted(source, detection)
        else:
            waiting.setdefault(kind, []).append((position, (source, detection)))
    for group in waiting.values():
        for batch in cut(group, settings.batch_size, settings.chunk_chars, lambda item: len(item[1][0].text)):
            found = analyse_batch(settings, [task for _, task in batch])
            results.update((position, result) for (position, _), result in zip(batch, found, strict=True))
    return [results[position] for position in range(len(sources))]


def analyse_batch(settings: Settings, batch: Sequence[Task]) -> list[DocumentResult]:
    """NER and :func:`analyse` for a batch of documents. Should spaCy itself fail on the batch, each
    document is retried alone, so that only the one it fails on is marked ``failed``."""
    try:
        spans = model_spans(settings, batch)
    except Exception as error:
        if len(batch) > 1:
            return [result for task in batch for result in analyse_batch(settings, [task])]
        return [statuses.failed(*batch[0], error)]
    return [_safely(source, detection, spans[i], settings) for i, (source, detection) in enumerate(batch)]


def model_spans(settings: Settings, batch: Sequence[Task]) -> list[list[ModelSpan]]:
    """Each document's entities from the models, with offsets into its text: each segment goes to its
    language's model (a document in one language is one segment, the whole text), as one stream per
    language (:func:`pipeline.models.stream`); segments in another language go to none."""
    pieces: dict[str, list[tuple[int, int, str]]] = {}  # language -> (document, offset, text)
    for position, (source, detection) in enumerate(batch):
        for segment in detection.parts(source.text):
            if segment.language in settings.models:
                text = source.text[segment.start : segment.end]
                pieces.setdefault(segment.language, []).append((position, segment.start, text))
    spans: list[list[ModelSpan]] = [[] for _ in batch]
    for lang, found in pieces.items():
        nlp = models.cached(lang, settings.models[lang])[0]
        for index, entities in models.stream(nlp, [text for _, _, text in found], settings):
            position, offset, _ = found[index]
            spans[position].extend((start + offset, end + offset, label) for start, end, label in entities)
    for position, (_, detection) in enumerate(batch):
        if len(detection.segments) > 1:  # from several streams: put back in text order
            spans[position].sort()
    return spans


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
    text: str, segments: Sequence[Segment], spans: Sequence[ModelSpan], settings: Settings
) -> tuple[Mention, ...]:
    """The mentions of one document.

    text: the document's normalized text (:mod:`pipeline.text`).
    segments: the languages of its parts, in order, covering the text (one segment for a whole document).
    spans: the model's ``(start, end, label)`` entities, in order, with offsets into ``text``.

    Every step is linear in the document's length (``make bench`` checks it). The cyclic garbage collector
    is paused meanwhile: nothing built here has a cycle, and its full passes over the records, which grow as
    they are built, took a fifth of the analysis of an 8 MB document and grew faster than linearly.
    """
    normalize.trim_bounds.cache_clear()  # its cache holds one document's spans (pipeline.normalize)
    words = textwords.TextWords(text)  # for the junk filter: read once, not once per mention
    lines = headlines.Layout(text, words)  # headline and list lines, where capitals prove nothing
    starts = [segment.start for segment in segments]
    named: list[evidence.Named] = []
    main_language = segments[0].language

    def is_common(word: str) -> bool:
        return lexicons.is_common_word(word, main_language)

    found = labels.candidates(text, spans, lexicons.strong_places())
    definitions = acronyms.definitions(text)
    keys: dict[tuple[int, int], str] = {}  # candidate span -> its name's key, to find the long forms'
    repaired = span_repair.repair(text, found, is_common, definitions)
    for candidate in repaired:
        # its lower-case noun is part of a street's name ("garita de Otay"), its article part of an outlet's
        whole = candidate.cue == "street" or candidate.label == "OUTLET"
        # these, a defined acronym and a nickname are names whatever the headline and junk rules say
        judged = not whole and candidate.label not in ("ACRONYM", "NICKNAME")
        span = text[candidate.start : candidate.end]
        bounds = (0, len(span)) if whole else normalize.trim_bounds(span, titles=candidate.type == "person")
        if bounds is None:
            continue
        if candidate.cue == "agency" and span.startswith("The ") and bounds[0] == 4:
            bounds = (0, bounds[1])  # a credit's newspaper keeps its article: "Photo: … / The Monitor"
        start, end = candidate.start + bounds[0], candidate.start + bounds[1]
        language = segments[max(0, bisect.bisect_right(starts, start) - 1)].language
        if candidate.label != "OUTLET":  # an outlet's article is its own: "El Sol de Parral"
            so_far = normalize.match_key(text[start:end]) or ""
            start = junk.sentence_article_end(text, start, end, so_far, language)
        if judged:
            part = headlines.name_part(text, start, end, lines, language)
            if part is None:
                continue
            start, end = part
        name = normalize.clean_name(text[start:end])
        key = normalize.match_key(name) if name else None
        not_a_name = judged and key is not None and junk.is_junk(text, start, end, key, language, words)
        if name is None or key is None or not_a_name:
            continue
        named.append(evidence.Named(start, end, name, key, candidate.type, candidate.label, candidate.cue))
        keys[(candidate.start, candidate.end)] = key
    aliases = nicknames.aliases(text, repaired, keys) | acronyms.aliases(text, definitions, keys)
    aliases |= companies.aliases(text, repaired, keys)
    named = [replace(n, key=aliases[n.key], alias=n.key) if n.key in aliases else n for n in named]
    # an acronym of a programme or survey is not an entity either ("Encuesta Nacional de ... (ENOE)")
    dropped = {
        normalize.match_key(text[d.short_start : d.short_end]) for d in definitions if _not_entity(text, d)
    }
    named = [n for n in named if n.key not in dropped]
    types = evidence.document_types(named)
    return tuple(_mention(text, n, types[n.key], settings) for n in named)


def _not_entity(text: str, definition: acronyms.Definition) -> bool:
    key = normalize.match_key(text[definition.long_start : definition.long_end])
    return key is not None and junk.not_an_entity(key)


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
        context=sentences.context(text, n.start, n.end, max_chars=settings.context_chars),
        model_label=sys.intern(n.model_label),
        alias_key=n.alias,
        scores=typed[1],
    )


def _safely(
    source: Source, detection: Detection, spans: list[ModelSpan], settings: Settings
) -> DocumentResult:
    try:
        mentions = analyse(source.text, detection.parts(source.text), spans, settings)
    except Exception as error:  # one bad document must not stop the others; the status says what happened
        return statuses.failed(source, detection, error)
    return statuses.result(source, detection, status="ok", message="", mentions=mentions)
