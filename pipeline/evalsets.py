"""The evaluation sets beyond span gold: document-level entity gold, and the summary of a whole run.

* :func:`entity_scores`: document-level entity gold (``news_dev``, ``newsner evaluate --entities GOLD OUT``)
  scored strict and lenient by the evaluation data's own ``score_entities.py``, run as a subprocess so that
  its matching rules stay the only ones, for all documents and for each half of
  :func:`pipeline.evaluate.halves`: each half's gold lines and the run's CSV rows of its documents are
  written for the scorer to read.
* :func:`summarize` (``python -m pipeline.evaluate DIR NAME...``, the end of ``make evaluate``): the numbers
  of every set (span gold, entity gold, language identification) gathered into ``DIR/scores.json`` in a
  fixed order, and one table of them by set and half.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.columns import LIST_SEPARATOR
from pipeline.errors import PipelineError
from pipeline.evaluate import (
    HALVES_NOTE,
    PARTS,
    TYPES,
    Numbers,
    Score,
    doc_key,
    halves,
    load_predictions,
    rounded,
    write_json,
)
from pipeline.export import unguard


def entity_scores(gold_path: Path, out_dir: Path, scorer: Path) -> tuple[str, dict[str, Numbers]]:
    """Document-level entity gold scored by the external ``scorer`` for all documents and each half.

    The halves are those of the gold's document ids. For each half, the gold lines of its documents go to
    ``OUT/halves/gold-A.jsonl`` and the run's ``mentions.csv`` and ``entities.csv`` rows of its documents to
    ``OUT/halves/A/``: the scorer ignores predicted documents missing from the gold when it counts P/R/F1, but
    would name them and count their ``entities.csv`` rows as wrong, so predictions are filtered too. Returns
    the scorer's tables for all documents plus one line per part, and the numbers for ``scores.json``.
    """
    if not scorer.is_file():
        raise PipelineError(
            f"entity scorer '{scorer}' not found: pass --scorer FILE (make: EVAL=path/to/eval)"
        )
    try:
        gold_lines = [line for line in gold_path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
        gold_ids = [str(json.loads(line)["doc_id"]) for line in gold_lines]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PipelineError(f"cannot read gold file '{gold_path}': {error}") from error
    _, _, documents = load_predictions(out_dir)  # also: no run there yet is a clear error
    missing = {doc_key(doc_id) for doc_id in gold_ids} - documents
    if missing:
        raise PipelineError(f"{len(missing)} gold documents are not in '{out_dir}' (e.g. {min(missing)})")
    work = out_dir / "halves"
    work.mkdir(exist_ok=True)
    runs = {"all": (gold_path, out_dir)}
    docs_per_part = {"all": len(set(gold_ids))}
    for part, docs in halves(gold_ids).items():
        gold_half = work / f"gold-{part}.jsonl"
        gold_half.write_text(
            "".join(
                line + "\n"
                for line, doc_id in zip(gold_lines, gold_ids, strict=True)
                if doc_id.removesuffix(".txt") in docs
            ),
            encoding="utf-8",
        )
        _filter_csv(out_dir / "mentions.csv", work / part / "mentions.csv", "doc_id", docs)
        _filter_csv(out_dir / "entities.csv", work / part / "entities.csv", "doc_ids", docs)
        runs[part] = (gold_half, work / part)
        docs_per_part[part] = len(docs)
    summary: dict[str, Numbers] = {}
    printed = ""
    for part, (gold, predictions) in runs.items():
        result = work / f"scores-{part}.json"
        argv = [
            sys.executable,
            str(scorer),
            str(gold),
            str(predictions),
            "--no-lists",
            "--json",
            str(result),
        ]
        done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            raise PipelineError(f"entity scorer '{scorer}' failed on '{gold}': {last}")
        if part == "all":
            printed = done.stdout.rstrip()
        numbers = _entity_numbers(json.loads(result.read_text(encoding="utf-8"))["all"])
        summary[part] = {"docs": docs_per_part[part], **numbers}
    return printed + "\n" + _entity_table(gold_path, out_dir, summary), summary


def _entity_numbers(all_docs: Mapping[str, Any]) -> Numbers:
    """The scorer's ``all`` numbers: strict micro P/R/F1, strict F1 per type, lenient micro P/R/F1."""
    strict = {name: all_docs["strict"].get(name, {}) for name in TYPES}
    per_type = {name: Score(c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)).f1 for name, c in strict.items()}
    sp, sr, sf = all_docs["strict_micro"]
    lp, lr, lf = all_docs["lenient_micro"]
    numbers: Numbers = {"strict_micro": sf, **per_type, "lenient_micro": lf}
    numbers.update(
        {"strict_precision": sp, "strict_recall": sr, "lenient_precision": lp, "lenient_recall": lr}
    )
    return rounded(numbers)


def _entity_table(gold_path: Path, out_dir: Path, summary: Mapping[str, Numbers]) -> str:
    lines = [f"{gold_path}  vs  {out_dir}: entity level by half ({HALVES_NOTE})"]
    lines.append(
        f"  {'half':<4} {'docs':>5} {'strict P':>9} {'R':>7} {'F1':>7} {'person':>7} {'org':>7} {'loc':>7}"
        f" {'lenient P':>10} {'R':>7} {'F1':>7}"
    )
    for part, n in summary.items():
        lines.append(
            f"  {part:<4} {n['docs']:>5} {n['strict_precision']:9.3f} {n['strict_recall']:7.3f}"
            f" {n['strict_micro']:7.3f} {n['person']:7.3f} {n['organization']:7.3f} {n['location']:7.3f}"
            f" {n['lenient_precision']:10.3f} {n['lenient_recall']:7.3f} {n['lenient_micro']:7.3f}"
        )
    return "\n".join(lines)


def summarize(folder: Path, names: Sequence[str]) -> str:
    """Gather ``folder/NAME.json`` of each set into ``folder/scores.json`` and return one compact F1 table.

    ``langid`` is the JSON of ``score_langid.py``, reduced to its accuracies and per-class F1. The keys are
    in a fixed order (sets as given, then parts and numbers as written), so two runs' files diff line by line.
    """
    scores: dict[str, Any] = {}
    for name in names:
        path = folder / f"{name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise PipelineError(f"cannot read '{path}': {error}") from error
        scores[name] = _langid_numbers(data) if name == "langid" else data
    write_json(folder / "scores.json", scores)
    lines = [f"Summary by set and half ({HALVES_NOTE})"]
    lines.append(f"  {'set':<9} {'score':<25} {'all':>7} {'A':>7} {'B':>7}")
    span_rows = (("micro", "mention micro"), ("entity_micro", "entity micro"))
    entity_rows = (("strict_micro", "strict entity micro"), ("organization", "strict organization"))
    for name, data in scores.items():
        if name == "langid":
            lines.append(f"  {'langid':<9} {'target accuracy':<25} {data['target_accuracy']:7.4f}")
            continue
        for key, label in entity_rows if "strict_micro" in data["all"] else span_rows:
            values = " ".join(f"{data[part][key]:7.4f}" for part in PARTS)
            lines.append(f"  {name:<9} {label:<25} {values}")
    lines.append(f"Wrote {folder / 'scores.json'}")
    return "\n".join(lines)


def _langid_numbers(data: Mapping[str, Any]) -> Numbers:
    every = data["groups"]["ALL"]
    numbers: Numbers = {"target_accuracy": every["target_accuracy"], "full_accuracy": every["full_accuracy"]}
    numbers.update({name: c["f1"] for name, c in every["target_per_class"].items()})
    return rounded(numbers)


def _filter_csv(source: Path, target: Path, column: str, docs: frozenset[str]) -> None:
    """Copy the rows of a run's CSV file that name one of ``docs`` in ``column`` (``doc_id``, or the
    ``; ``-joined ``doc_ids`` of ``entities.csv``), in the run's format (BOM, CRLF); a missing file stays
    missing (the scorer reads ``entities.csv`` only when present)."""
    if not source.is_file():
        target.unlink(missing_ok=True)
        return
    with source.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        header = list(reader.fieldnames or [])
        rows = [
            row
            for row in reader
            if any(_key(cell) in docs for cell in _cells(row.get(column) or "", column == "doc_ids"))
        ]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def _cells(value: str, several: bool) -> list[str]:
    return value.split(LIST_SEPARATOR) if several else [value]


def _key(cell: str) -> str:
    """A CSV ``doc_id`` cell as :func:`halves` keys it: spreadsheet guard and trailing ``.txt`` removed."""
    return unguard(cell).removesuffix(".txt")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pipeline.evaluate DIR NAME...``: the end of ``make evaluate`` (scores.json and table)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        print("usage: python -m pipeline.evaluate DIR NAME... (reads DIR/NAME.json)", file=sys.stderr)
        return 2
    try:
        print(summarize(Path(args[0]), args[1:]))
    except PipelineError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0
