from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.evaluate import Score, load_gold, report, score


def test_score_counts_per_type_and_micro() -> None:
    gold = [("d", "person", (0, 5)), ("d", "location", (10, 15)), ("d", "location", (20, 25))]
    predicted = [("d", "person", (0, 5)), ("d", "organization", (10, 15))]
    scores = score(gold, predicted)
    assert scores["person"] == Score(1, 0, 0)
    assert scores["location"] == Score(0, 0, 2)
    assert scores["organization"] == Score(0, 1, 0)
    assert scores["micro"] == Score(1, 1, 2)
    assert scores["micro"].precision == 0.5
    assert scores["micro"].recall == pytest.approx(1 / 3)
    assert scores["micro"].f1 == pytest.approx(0.4)
    assert Score(0, 0, 0).f1 == 0.0


def write_gold(path: Path) -> None:
    rows = [
        {"doc_id": "a", "start": 0, "end": 7, "text": "Sevilla", "label": "LOC"},
        {"doc_id": "a", "start": 20, "end": 27, "text": "Sevilla", "label": "LOC"},
        {"doc_id": "a", "start": 30, "end": 33, "text": "EFE", "label": "ORG"},
        {"doc_id": "a", "start": 40, "end": 45, "text": "Copa", "label": "MISC"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def write_run(out: Path, mentions: list[dict[str, object]], doc_id: str = "a.txt") -> None:
    out.mkdir()
    data = {"documents": [{"doc_id": doc_id, "mentions": mentions}]}
    (out / "entities.json").write_text(json.dumps(data), encoding="utf-8")


def test_gold_ignores_misc_and_keys_entities(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl")
    mentions, entities = load_gold(tmp_path / "gold.jsonl")
    assert len(mentions) == 3
    assert set(entities) == {("a", "location", "sevilla"), ("a", "organization", "efe")}


def test_report_has_mention_and_entity_views(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl")
    found = {"start": 0, "end": 7, "type": "location", "key": "sevilla"}
    write_run(tmp_path / "out", [found])
    text = report(tmp_path / "gold.jsonl", tmp_path / "out")
    lines = text.splitlines()
    mention_micro = next(line for line in lines if line.split()[0] == "micro")
    entity_micro = [line for line in lines if line.split()[0] == "micro"][1]
    assert mention_micro.split()[1:4] == ["1", "0", "2"]  # one of three gold mentions
    assert entity_micro.split()[1:4] == ["1", "0", "1"]  # one of two gold entities: Sevilla counts once


def test_report_refuses_a_run_that_missed_gold_documents(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl")
    write_run(tmp_path / "out", [], doc_id="other.txt")
    with pytest.raises(PipelineError, match="1 gold documents are not in"):
        report(tmp_path / "gold.jsonl", tmp_path / "out")


def test_report_names_the_command_when_there_is_no_run(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold.jsonl")
    with pytest.raises(PipelineError, match="run 'newsner extract"):
        report(tmp_path / "gold.jsonl", tmp_path / "missing")
