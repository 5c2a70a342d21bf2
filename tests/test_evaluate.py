from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.evaluate import TYPES, Score, halves, load_gold, report, score, span_scores, span_summary
from pipeline.normalize import match_key


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


# Halves: A = even 0-based positions of the sorted ids (".txt" removed), B = odd positions.


def test_halves_alternate_over_the_sorted_ids_without_txt() -> None:
    parts = halves(["c.txt", "a", "e", "b.txt", "d"])
    assert parts == {"A": frozenset({"a", "c", "e"}), "B": frozenset({"b", "d"})}


def test_halves_are_deterministic_disjoint_and_covering() -> None:
    ids = [f"doc_{n:03d}.txt" for n in range(37)]
    parts = halves(ids)
    assert halves(reversed(ids)) == parts == halves(ids + ids)  # order and repeats do not matter
    assert parts["A"].isdisjoint(parts["B"])
    assert parts["A"] | parts["B"] == {i.removesuffix(".txt") for i in ids}
    assert len(parts["A"]) == 19
    assert len(parts["B"]) == 18
    ordered = sorted(parts["A"] | parts["B"])
    assert [name in parts["A"] for name in ordered] == [n % 2 == 0 for n in range(37)]


def test_halves_of_nothing_and_of_one() -> None:
    assert halves([]) == {"A": frozenset(), "B": frozenset()}
    assert halves(["x.txt", "x"]) == {"A": frozenset({"x"}), "B": frozenset()}


# Span gold by half, on five documents computed by hand: A = d1, d3, d5; B = d2, d4.


def write_span_fixture(tmp_path: Path) -> tuple[Path, Path]:
    gold = [
        ("d1", 0, 3, "Ana", "PER"),
        ("d1", 10, 14, "Lima", "LOC"),
        ("d2", 0, 3, "EFE", "ORG"),
        ("d2", 20, 23, "EFE", "ORG"),
        ("d3", 0, 4, "Luis", "PER"),
        ("d4", 0, 4, "Roma", "LOC"),
    ]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(
        "".join(
            json.dumps({"doc_id": d, "start": s, "end": e, "text": t, "label": label}) + "\n"
            for d, s, e, t, label in gold
        ),
        encoding="utf-8",
    )
    predicted = {
        "d1": [(0, 3, "person", "Ana"), (10, 14, "location", "Lima")],  # both right
        "d2": [(0, 3, "organization", "EFE"), (20, 23, "person", "EFE")],  # one wrong type
        "d3": [(0, 5, "person", "Luis X")],  # wrong span and key
        "d4": [(0, 4, "location", "Roma"), (30, 35, "location", "París")],  # one spurious
        "d5": [(0, 3, "person", "Eva")],  # a document without gold: only a false positive
    }
    documents = [
        {
            "doc_id": f"{doc}.txt",
            "mentions": [
                {"start": s, "end": e, "type": t, "key": match_key(text)} for s, e, t, text in mentions
            ],
        }
        for doc, mentions in predicted.items()
    ]
    out = tmp_path / "out"
    out.mkdir()
    (out / "entities.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return gold_path, out


def test_span_scores_by_half_match_a_hand_count(tmp_path: Path) -> None:
    gold, out = write_span_fixture(tmp_path)
    parts = span_scores(gold, out)
    assert [parts[p].docs for p in ("all", "A", "B")] == [5, 3, 2]
    # A: gold d1 PER, d1 LOC, d3 PER; predicted those of d1, d3's wrong span and d5's Eva.
    assert parts["A"].mentions["micro"] == Score(2, 2, 1)
    assert parts["A"].mentions["person"] == Score(1, 2, 1)
    assert parts["A"].mentions["location"] == Score(1, 0, 0)
    assert parts["A"].entities["micro"] == Score(2, 2, 1)
    # B: two EFE mentions are one entity; the spurious París and the EFE typed person are false positives.
    assert parts["B"].mentions["micro"] == Score(2, 2, 1)
    assert parts["B"].mentions["organization"] == Score(1, 0, 1)
    assert parts["B"].entities["micro"] == Score(2, 2, 0)
    assert parts["all"].mentions["micro"] == Score(4, 4, 2)
    assert parts["all"].entities["micro"] == Score(4, 4, 1)

    summary = span_summary(parts)
    assert list(summary) == ["all", "A", "B"]
    assert summary["A"]["micro"] == round(4 / 7, 4)
    assert summary["A"]["person"] == 0.4
    assert summary["A"]["organization"] == 0.0
    assert summary["A"]["location"] == 1.0
    assert summary["B"]["organization"] == round(2 / 3, 4)
    assert summary["B"]["location"] == round(2 / 3, 4)
    assert summary["B"]["entity_micro"] == round(2 / 3, 4)
    assert summary["all"]["micro"] == round(8 / 14, 4)
    assert summary["all"]["entity_micro"] == round(8 / 13, 4)
    assert list(summary["all"])[:6] == ["docs", "micro", *TYPES, "entity_micro"][:6]


def test_report_prints_the_full_tables_then_f1_by_half(tmp_path: Path) -> None:
    gold, out = write_span_fixture(tmp_path)
    text = report(gold, out)
    lines = text.splitlines()
    assert lines[1].startswith("mentions (exact span)")
    rows = {
        tuple(line.split()[:2]): line.split()[2:]
        for line in lines
        if line.split()[0] in ("mentions", "entities")
    }
    assert rows[("mentions", "A")] == ["3", "0.571", "0.400", "0.000", "1.000"]
    assert rows[("entities", "B")] == ["2", "0.667", "0.000", "1.000", "0.667"]  # EFE once: org 1/1
    assert rows[("mentions", "all")][:2] == ["5", "0.571"]


def test_command_writes_the_numbers_as_json(tmp_path: Path) -> None:
    gold, out = write_span_fixture(tmp_path)
    assert main(["evaluate", str(gold), str(out), "--json", str(tmp_path / "s.json")]) == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert list(data) == ["all", "A", "B"]
    assert data["B"]["micro"] == round(4 / 7, 4)


def test_scorer_without_entities_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, out = write_span_fixture(tmp_path)
    assert main(["evaluate", str(gold), str(out), "--scorer", "x.py"]) == 1
    assert capsys.readouterr().err.strip() == "Error: --scorer is only used with --entities"
