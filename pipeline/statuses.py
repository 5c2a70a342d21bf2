"""The wording of every document's status and message, so that a document's row reads the same wherever it
was decided: read and routed (:mod:`pipeline.intake`), analysed (:mod:`pipeline.analysis`), or lost with a
batch or a cluster's task (:mod:`pipeline.run`, :mod:`pipeline.cluster`)."""

from __future__ import annotations

import logging

from pipeline import language
from pipeline.records import Detection, DocumentResult, Mention, Source, Status

log = logging.getLogger(__name__)


def unrouted(source: Source, detection: Detection) -> DocumentResult:
    """The result of a document that goes to no model: unusable, empty, or in an unsupported language."""
    if source.status != "ok":
        return result(source, detection, status=source.status, message=source.message)
    if not source.text.strip():
        return result(source, detection, status="empty", message="no text")
    guess = f"'{detection.guess}'" if detection.guess else "unknown"
    told = "the record's language field says" if detection.method == "record" else "detected"
    message = f"{told} {guess}, not supported (only en, es); use --lang en or --lang es to force one"
    if detection.guess in language.ROUTED and detection.method != "record":  # supported, but too unsure
        message = (
            f"detected {guess} with a confidence of only {detection.score:g}, too unsure to choose a model;"
            f" use --lang {detection.guess} to force it"
        )
    return result(source, detection, status="unsupported_language", message=message)


def failed(source: Source, detection: Detection, error: Exception) -> DocumentResult:
    """The result of a document whose analysis raised ``error``."""
    log.debug("%s failed", source.doc_id, exc_info=True)
    return result(source, detection, status="failed", message=f"{type(error).__name__}: {error}")


def result(
    source: Source, detection: Detection, *, status: Status, message: str, mentions: tuple[Mention, ...] = ()
) -> DocumentResult:
    """A document's result: what was read about it, its language, status, message and mentions."""
    if detection.method == "forced" and not message:
        message = "language set by --lang"
    elif detection.method == "record" and not message:
        message = "language from the record's language field"
    return DocumentResult(
        meta=source.meta,
        language=detection.language,
        language_score=detection.score if detection.language else None,
        chars=len(source.text),
        status=status,
        message=message,
        mentions=mentions,
        segments=detection.parts(source.text) if detection.language else (),
    )
