"""The wording of a document's status (pipeline/statuses.py)."""

from pathlib import Path

import pytest

from pipeline.records import Detection, Metadata, Source
from pipeline.statuses import unrouted


@pytest.mark.parametrize(
    ("detection", "message"),
    [
        (Detection("other", 0.9, guess="fr"), "detected 'fr', not supported (only en, es); use --lang en or"),
        (Detection("other", 0.25, guess="en"), "detected 'en' with a confidence of only 0.25, too unsure to"),
        (Detection("other", 1.0, "record", guess="pt"), "the record's language field says 'pt', not"),
    ],
)
def test_why_a_document_goes_to_no_model(detection: Detection, message: str) -> None:
    source = Source(Metadata("a", "a"), Path("a"), "Pope Francis met Emmanuel Macron in Rome.")
    result = unrouted(source, detection)
    assert (result.status, result.message[: len(message)]) == ("unsupported_language", message)
