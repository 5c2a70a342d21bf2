from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import Settings
from pipeline.records import Detection, Source
from pipeline.run import analyse_batch


class FailsOnBoom:
    """A stand-in for an NER pipeline whose ``pipe`` raises when any text of the batch contains BOOM."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def pipe(self, pieces: Iterable[tuple[str, Any]], **kwargs: Any) -> Iterator[tuple[Doc, Any]]:
        batch = list(pieces)
        if any("BOOM" in text for text, _ in batch):
            raise RuntimeError("spaCy failed")
        return self.nlp.pipe(batch, **kwargs)


def item(doc_id: str, text: str) -> tuple[Source, Detection]:
    return Source(doc_id=doc_id, path=Path(doc_id), text=text, title="", encoding="utf-8"), Detection(
        "en", 1.0
    )


def test_a_document_that_makes_spacy_fail_fails_alone(ruler_nlp: Language) -> None:
    batch = [item("a", "Norma Alicia visited Mexicali."), item("b", "BOOM"), item("c", "Mexicali.")]
    results = analyse_batch(cast(Language, FailsOnBoom(ruler_nlp)), Settings(), batch)
    assert [(r.doc_id, r.status) for r in results] == [("a", "ok"), ("b", "failed"), ("c", "ok")]
    assert results[1].message == "RuntimeError: spaCy failed"
    assert [m.name for m in results[0].mentions] == ["Norma Alicia", "Mexicali"]


def test_a_batch_gives_what_each_document_gives_alone(ruler_nlp: Language) -> None:
    texts = ["Norma Alicia visited Mexicali.", "Nothing here.", "In Mexicali, Norma Alicia spoke."]
    batch = [item(str(n), text) for n, text in enumerate(texts)]
    together = analyse_batch(ruler_nlp, Settings(), batch)
    alone = [analyse_batch(ruler_nlp, Settings(), [one])[0] for one in batch]
    assert together == alone
