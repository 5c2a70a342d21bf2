"""The routing set and its score (pipeline/routing.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import routing


def items(tmp_path: Path) -> Path:
    path = tmp_path / "items.jsonl"
    lines = [
        {"id": f"{lang}-{n}", "lang": lang, "unit": unit, "text": f"{lang} paragraph {n}"}
        for lang in ("en", "es", "pt")
        for n, unit in enumerate(["document", "paragraph", "sentence", "document"] * 2)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_the_set_is_the_same_every_time_and_its_paragraphs_index_its_text(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    routing.build(items(tmp_path), one)
    routing.build(items(tmp_path), two)
    assert one.read_bytes() == two.read_bytes()
    documents = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert len(documents) == 2 * routing.DOCUMENTS
    for document in documents:
        paragraphs = document["paragraphs"]
        assert 3 <= len(paragraphs) <= 6
        assert all(document["text"][p["start"] : p["end"]].startswith(p["language"]) for p in paragraphs)
        languages = {p["language"] for p in paragraphs}
        assert languages == {"en", "es"} if document["mixed"] else len(languages) == 1
        assert "pt" not in document["text"]
        assert "sentence" not in document["text"]
    assert {d["half"] for d in documents} == {"A", "B"}


def test_the_score_counts_paragraphs_and_split_single_language_documents(tmp_path: Path) -> None:
    assembled = tmp_path / "assembled.jsonl"
    routing.build(items(tmp_path), assembled)
    documents = [json.loads(line) for line in assembled.read_text(encoding="utf-8").splitlines()]
    predictions = tmp_path / "predictions.jsonl"
    lines = []
    for d in documents:  # right everywhere, except the first single-language document of half A is split
        segments = [{**p, "start": p["start"], "end": p["end"]} for p in d["paragraphs"]]
        if d["id"] == "routing-A-0000":
            segments[-1] = {**segments[-1], "language": "other"}
        lines.append(json.dumps({"id": d["id"], "language": "en", "segments": segments}))
    predictions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = routing.score(assembled, predictions)
    first = documents[0]
    assert scores["B"]["paragraph_accuracy"] == 1.0
    assert scores["B"]["single_reported_mixed"] == 0.0
    assert scores["A"]["single_reported_mixed"] == 1 / (routing.DOCUMENTS // 2)
    assert scores["A"]["paragraph_accuracy"] == 1 - 1 / scores["A"]["paragraphs"]
    assert not first["mixed"]
