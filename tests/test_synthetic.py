from __future__ import annotations

import itertools
from collections import Counter

from pipeline.analysis import analyse
from pipeline.config import Settings
from pipeline.records import Segment
from pipeline.synthetic import dense_document


def test_the_document_is_as_long_as_asked_and_its_spans_are_in_order_inside_it() -> None:
    text, spans = dense_document(20_000)
    assert 20_000 <= len(text) < 21_000
    assert dense_document(20_000) == (text, spans)
    assert all(0 <= start < end <= len(text) for start, end, _ in spans)
    assert all(end <= next_start for (_, end, _), (next_start, _, _) in itertools.pairwise(spans))
    assert {"PER", "PERSON", "ORG", "LOC", "MISC"} <= {label for _, _, label in spans}


def test_its_names_are_new_as_it_grows() -> None:
    def people(chars: int) -> set[str]:
        text, spans = dense_document(chars)
        return {text[start:end] for start, end, label in spans if label in ("PER", "PERSON")}

    assert len(people(40_000)) > 1.8 * len(people(20_000))


def test_it_is_analysed_with_what_it_is_meant_to_exercise() -> None:
    text, spans = dense_document(20_000)
    mentions = analyse(text, [Segment(0, len(text), "es")], spans, Settings())
    assert all(text[m.start : m.end] == m.text for m in mentions)
    labels = Counter(m.model_label for m in mentions)
    assert labels["TITLE"] > 0  # title evidence
    assert labels["PLACE"] > 0  # a known place inside a MISC span
    names = {m.name for m in mentions}
    assert "Baja California" in names  # two spans joined
    assert "Apoyo" not in names  # an everyday word at the start of a sentence is junk
    assert "Ayuntamiento de Tecate" in names or "Ayuntamiento de Mexicali" in names  # the article dropped
