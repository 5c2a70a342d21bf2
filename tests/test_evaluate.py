from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.evaluate import (
    TYPES,
    Score,
    entity_scores,
    halves,
    load_gold,
    report,
    score,
    span_scores,
    span_summary,
    summarize,
)
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


# Document-level entity gold (news_dev) through an external scorer.

FAKE_SCORER = """
import csv, json, sys
if "--no-lists" not in sys.argv:
    sys.exit(3)
gold, out_dir, result = sys.argv[1], sys.argv[2], sys.argv[sys.argv.index("--json") + 1]
docs = [json.loads(line)["doc_id"] for line in open(gold, encoding="utf-8") if line.strip()]
with open(out_dir + "/mentions.csv", encoding="utf-8-sig", newline="") as file:
    rows = list(csv.DictReader(file))
print("fake tables:", len(docs), "documents,", len(rows), "mentions")
strict = {"person": {"tp": len(docs), "fp": len(rows)}, "location": {"fn": 1}}
summary = {"all": {"strict": strict, "strict_micro": [0.1, 0.2, 0.3], "lenient_micro": [0.4, 0.5, 0.6]}}
json.dump(summary, open(result, "w"))
"""

BOM = "\ufeff"


def write_entity_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """Gold for -x, a, b, c (A = -x and b, B = a and c); the run also has z, which is not in the gold."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps({"doc_id": d, "entities": []}) + "\n" for d in ("a.txt", "-x.txt", "b.txt", "c.txt")
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    run_docs = ["-x.txt", "a.txt", "b.txt", "c.txt", "z.txt"]
    (out / "entities.json").write_text(
        json.dumps({"documents": [{"doc_id": d, "mentions": []} for d in run_docs]}), encoding="utf-8"
    )
    mention_docs = ["'-x.txt", "a.txt", "a.txt", "b.txt", "c.txt", "z.txt"]  # '-x.txt: the CSV guard
    mentions = "doc_id,entity_id,type,name\r\n" + "".join(
        f"{d},per-{n},person,Name {n}\r\n" for n, d in enumerate(mention_docs)
    )
    (out / "mentions.csv").write_text(BOM + mentions, encoding="utf-8", newline="")
    entities = (
        'entity_id,type,name,doc_ids\r\nper-0,person,"Ana, B",\'-x.txt; a.txt\r\nper-1,person,C,b.txt\r\n'
    )
    entities += "per-2,person,D,z.txt\r\n"
    (out / "entities.csv").write_text(BOM + entities, encoding="utf-8", newline="")
    return gold, out


def test_entity_scores_filter_gold_and_predictions_per_half(tmp_path: Path) -> None:
    gold, out = write_entity_fixture(tmp_path)
    scorer = tmp_path / "score_entities.py"
    scorer.write_text(FAKE_SCORER, encoding="utf-8")
    text, summary = entity_scores(gold, out, scorer)

    halves_dir = out / "halves"
    gold_a = halves_dir.joinpath("gold-A.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in gold_a] == ["-x.txt", "b.txt"]
    mentions_b = halves_dir.joinpath("B", "mentions.csv").read_bytes().decode("utf-8")
    assert mentions_b.startswith(BOM + "doc_id,entity_id,type,name\r\n")
    assert [line.split(",")[0] for line in mentions_b.splitlines()[1:]] == ["a.txt", "a.txt", "c.txt"]
    mentions_a = halves_dir.joinpath("A", "mentions.csv").read_text(encoding="utf-8-sig")
    assert [line.split(",")[0] for line in mentions_a.splitlines()[1:]] == ["'-x.txt", "b.txt"]
    entities_a = halves_dir.joinpath("A", "entities.csv").read_text(encoding="utf-8-sig").splitlines()
    assert entities_a[1:] == ['per-0,person,"Ana, B",\'-x.txt; a.txt', "per-1,person,C,b.txt"]
    entities_b = halves_dir.joinpath("B", "entities.csv").read_text(encoding="utf-8-sig").splitlines()
    assert entities_b[1:] == ['per-0,person,"Ana, B",\'-x.txt; a.txt']

    # all: person tp 4 (gold documents), fp 6 (every mention row, z's too: the scorer gets the run itself)
    assert summary["all"]["person"] == round(2 * 4 / (2 * 4 + 6), 4)
    assert summary["A"]["person"] == round(2 * 2 / (2 * 2 + 2), 4)
    assert summary["B"]["person"] == round(2 * 2 / (2 * 2 + 3), 4)
    assert summary["A"]["location"] == 0.0
    assert summary["B"] == {
        "docs": 2,
        "strict_micro": 0.3,
        "person": 0.5714,
        "organization": 0.0,
        "location": 0.0,
        "lenient_micro": 0.6,
        "strict_precision": 0.1,
        "strict_recall": 0.2,
        "lenient_precision": 0.4,
        "lenient_recall": 0.5,
    }
    assert text.startswith("fake tables: 4 documents, 6 mentions")
    assert [line.split()[:2] for line in text.splitlines()[-3:]] == [["all", "4"], ["A", "2"], ["B", "2"]]


def test_entity_scores_need_the_scorer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, out = write_entity_fixture(tmp_path)
    args = ["evaluate", "--entities", "--scorer", str(tmp_path / "none.py"), str(gold), str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith("Error: entity scorer ")
    assert "not found" in err[0]


def test_a_failing_scorer_is_one_error(tmp_path: Path) -> None:
    gold, out = write_entity_fixture(tmp_path)
    scorer = tmp_path / "score_entities.py"
    scorer.write_text("import sys\nsys.exit('bad gold line 3')\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"failed on .*: bad gold line 3"):
        entity_scores(gold, out, scorer)


REAL_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_entities.py"


@pytest.mark.skipif(not REAL_SCORER.is_file(), reason="no ../shared/eval/score_entities.py")
def test_entity_scores_with_the_real_scorer(tmp_path: Path) -> None:
    """a.txt (half A): Ana López right, "Seguridad Pública" truncated (lenient hit), Mexicali missed,
    Tijuana spurious. b.txt (half B): CBP right, Juan spurious."""
    gold = tmp_path / "gold.jsonl"
    gold_docs = [
        {
            "doc_id": "a.txt",
            "entities": [
                {"type": "person", "name": "Ana López", "aliases": ["López"]},
                {"type": "organization", "name": "Secretaría de Seguridad Pública", "aliases": []},
                {"type": "location", "name": "Mexicali", "aliases": []},
            ],
        },
        {"doc_id": "b.txt", "entities": [{"type": "organization", "name": "CBP", "aliases": []}]},
    ]
    gold.write_text("".join(json.dumps(d) + "\n" for d in gold_docs), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "entities.json").write_text(
        json.dumps({"documents": [{"doc_id": "a.txt", "mentions": []}, {"doc_id": "b.txt", "mentions": []}]}),
        encoding="utf-8",
    )
    rows = [
        ("a.txt", "per-1", "person", "Ana López"),
        ("a.txt", "per-1", "person", "López"),
        ("a.txt", "org-1", "organization", "Seguridad Pública"),
        ("a.txt", "loc-1", "location", "Tijuana"),
        ("b.txt", "org-2", "organization", "CBP"),
        ("b.txt", "per-2", "person", "Juan"),
    ]
    csv_text = "doc_id,entity_id,type,name\r\n" + "".join(",".join(r) + "\r\n" for r in rows)
    (out / "mentions.csv").write_text(BOM + csv_text, encoding="utf-8", newline="")
    _, summary = entity_scores(gold, out, REAL_SCORER)
    # A: tp 1 (Ana López), fp 2, fn 2 -> strict F1 1/3; lenient tp 2, fp 1, fn 1 -> 2/3.
    assert summary["A"]["strict_micro"] == round(1 / 3, 4)
    assert summary["A"]["lenient_micro"] == round(2 / 3, 4)
    assert summary["A"]["organization"] == 0.0
    # B: tp 1 (CBP), fp 1 (Juan) -> P 1/2, R 1, F1 2/3; organization 1.0.
    assert summary["B"]["strict_micro"] == round(2 / 3, 4)
    assert summary["B"]["organization"] == 1.0
    # all: tp 2, fp 3, fn 2 -> F1 4/9.
    assert summary["all"]["strict_micro"] == round(4 / 9, 4)
    assert summary["all"]["organization"] == 0.5  # CBP found, Secretaría missed, its truncation an FP


# The summary of a make evaluate run.


def test_summarize_writes_scores_json_in_a_fixed_order_and_prints_one_table(tmp_path: Path) -> None:
    span = {
        p: {"docs": 1, "micro": 0.5 + n / 10, "entity_micro": 0.25} for n, p in enumerate(("all", "A", "B"))
    }
    entity = {p: {"docs": 1, "strict_micro": 0.7, "organization": 0.55} for p in ("all", "A", "B")}
    langid = {"groups": {"ALL": {"target_accuracy": 0.98123, "full_accuracy": 0.9, "target_per_class": {}}}}
    for name, data in (("es_dev", span), ("news_dev", entity), ("langid", langid)):
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    table = summarize(tmp_path, ["news_dev", "es_dev", "langid"])
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert list(scores) == ["news_dev", "es_dev", "langid"]
    assert scores["langid"] == {"target_accuracy": 0.9812, "full_accuracy": 0.9}
    rows = [line.split() for line in table.splitlines()]
    assert ["es_dev", "mention", "micro", "0.5000", "0.6000", "0.7000"] in rows
    assert ["news_dev", "strict", "organization", "0.5500", "0.5500", "0.5500"] in rows
    assert ["langid", "target", "accuracy", "0.9812"] in rows


def test_summarize_names_a_missing_set(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"cannot read .*en_dev\.json"):
        summarize(tmp_path, ["en_dev"])
