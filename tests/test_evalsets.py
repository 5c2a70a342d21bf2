from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.evalsets import entity_scores, summarize
from tests.conftest import ROOT

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


def test_make_evaluate_runs_the_summary_as_python_m_pipeline_evaluate(tmp_path: Path) -> None:
    span = {part: {"docs": 1, "micro": 0.5, "entity_micro": 0.25} for part in ("all", "A", "B")}
    (tmp_path / "es_dev.json").write_text(json.dumps(span), encoding="utf-8")
    argv = [sys.executable, "-m", "pipeline.evaluate", str(tmp_path), "es_dev"]
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"Wrote {tmp_path / 'scores.json'}"
    assert json.loads((tmp_path / "scores.json").read_text(encoding="utf-8")) == {"es_dev": span}
    usage = subprocess.run(argv[:4], capture_output=True, text=True, encoding="utf-8", check=False, cwd=ROOT)
    assert usage.returncode == 2
    assert usage.stderr.startswith("usage: python -m pipeline.evaluate DIR NAME...")
