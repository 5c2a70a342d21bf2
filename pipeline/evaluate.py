"""Score an extraction against gold annotations, the way the entity table is used.

Two kinds of gold, both scored per type and micro-averaged over people, organizations and locations:

* **span gold** (the CoNLL dev sets, ``newsner evaluate GOLD OUT``), JSON Lines
  ``{"doc_id", "start", "end", "text", "label"}`` with PER/ORG/LOC/MISC labels (MISC is ignored), two views:

  - **mentions**: exact span match of ``(doc_id, start, end, type)``, as CoNLL scoring does;
  - **entities**: per document, the set of ``(type, match key)`` found against the gold set: what an analyst
    sees in ``entities.csv`` (a name found once or five times in a document counts once).

  A predicted ``doc_id`` such as ``es_testa_001.txt`` matches gold ``es_testa_001``. Predictions come from
  the run's ``entities.json`` (raw values, no spreadsheet guard).

* **document-level entity gold** (``news_dev``, ``newsner evaluate --entities GOLD OUT``): one line per
  document with its distinct entities, scored strict and lenient by the evaluation data's own
  ``score_entities.py``, run as a subprocess so that its matching rules stay the only ones.

Every set is scored in full and in two fixed halves (:func:`halves`), so that a rule developed while looking
at half A can be checked on half B, which it has not seen. ``python -m pipeline.evaluate DIR NAME...``
gathers the per-set numbers of a ``make evaluate`` run into ``DIR/scores.json`` and prints one table.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.export import FORMULA_PREFIXES, LIST_SEPARATOR
from pipeline.normalize import match_key

GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
TYPES = tuple(GOLD_TYPES.values())
PARTS = ("all", "A", "B")
HALVES_NOTE = "A = even positions of the sorted doc ids, B = odd"

Item = tuple[str, str, Any]  # (doc_id, type, span or key)
Numbers = dict[str, float | int]  # one part's summary: name -> rounded number


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives, with P/R/F1 derived."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def halves(doc_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The two fixed halves of a set's documents: ``{"A": ids, "B": ids}``, ids without a trailing ``.txt``.

    The ids, with a trailing ``.txt`` removed (as gold ids are matched), are sorted; half A is the ids at even
    0-based positions, half B those at odd positions. It depends on nothing but the ids, so the halves never
    change between runs, and alternating (rather than cutting in the middle) keeps both halves alike when
    ids are grouped by language or source (``en_01`` … ``es_10``). Tune on A, check on B.
    """
    ordered = sorted({doc_id.removesuffix(".txt") for doc_id in doc_ids})
    return {"A": frozenset(ordered[0::2]), "B": frozenset(ordered[1::2])}


def score(gold: Iterable[Item], predicted: Iterable[Item]) -> dict[str, Score]:
    """Per-type and ``micro`` scores of two sets of ``(doc_id, type, what)`` items."""
    gold_set, predicted_set = set(gold), set(predicted)
    scores: dict[str, Score] = {}
    for entity_type in (*TYPES, "micro"):
        g = {x for x in gold_set if entity_type in ("micro", x[1])}
        p = {x for x in predicted_set if entity_type in ("micro", x[1])}
        scores[entity_type] = Score(len(g & p), len(p - g), len(g - p))
    return scores


def load_gold(path: Path) -> tuple[list[Item], list[Item]]:
    """Gold mentions ``(doc, type, (start, end))`` and entities ``(doc, type, key)``."""
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as error:
        raise PipelineError(f"cannot read gold file '{path}': {error}") from error
    mentions: list[Item] = []
    entities: list[Item] = []
    for row in rows:
        entity_type = GOLD_TYPES.get(str(row.get("label", "")).upper())
        if entity_type is None:
            continue
        doc = _doc(row["doc_id"])
        mentions.append((doc, entity_type, (int(row["start"]), int(row["end"]))))
        entities.append((doc, entity_type, match_key(str(row["text"]))))
    return mentions, entities


def load_predictions(out_dir: Path) -> tuple[list[Item], list[Item], set[str]]:
    """Predicted mentions and entities from ``entities.json``, and the documents that were processed."""
    path = out_dir / "entities.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PipelineError(
            f"cannot read '{path}': run 'newsner extract ... --out {out_dir}' first"
        ) from error
    mentions: list[Item] = []
    entities: list[Item] = []
    for document in data["documents"]:
        doc = _doc(document["doc_id"])
        for m in document["mentions"]:
            mentions.append((doc, m["type"], (m["start"], m["end"])))
            entities.append((doc, m["type"], m["key"]))
    return mentions, entities, {_doc(d["doc_id"]) for d in data["documents"]}


@dataclass(frozen=True)
class PartScores:
    """One part of a span-gold set (all documents, or one half): its size and both views' scores."""

    docs: int
    mentions: dict[str, Score]
    entities: dict[str, Score]


def span_scores(gold_path: Path, out_dir: Path) -> dict[str, PartScores]:
    """Scores of a span-gold set for ``all`` documents and for halves ``A`` and ``B``.

    The set's documents are those of the run and of the gold (the same, as a run must cover the gold): a
    predicted document without gold entities still counts, with false positives only, in its half.
    """
    gold_mentions, gold_entities = load_gold(gold_path)
    mentions, entities, documents = load_predictions(out_dir)
    gold_documents = {doc for doc, _, _ in gold_mentions}
    missing = gold_documents - documents
    if missing:
        raise PipelineError(f"{len(missing)} gold documents are not in '{out_dir}' (e.g. {min(missing)})")
    every = frozenset(documents | gold_documents)
    parts = {"all": every, **halves(every)}

    def keep(items: list[Item], docs: frozenset[str]) -> list[Item]:
        return [item for item in items if item[0] in docs]

    return {
        part: PartScores(
            len(docs),
            score(keep(gold_mentions, docs), keep(mentions, docs)),
            score(keep(gold_entities, docs), keep(entities, docs)),
        )
        for part, docs in parts.items()
    }


def report(gold_path: Path, out_dir: Path) -> str:
    """The printed tables: mention-level and entity-level P/R/F1 per type and micro, then F1 by half."""
    return span_report(gold_path, out_dir, span_scores(gold_path, out_dir))


def span_report(gold_path: Path, out_dir: Path, parts: Mapping[str, PartScores]) -> str:
    """Full tables for all documents, then one F1 line per view and part (all, A, B)."""
    lines = [f"{gold_path}  vs  {out_dir}"]
    for title, view in (
        ("mentions (exact span)", parts["all"].mentions),
        ("entities per document (type, key)", parts["all"].entities),
    ):
        lines.append(f"{title:<36} {'tp':>6} {'fp':>6} {'fn':>6} {'P':>7} {'R':>7} {'F1':>7}")
        for name, s in view.items():
            lines.append(
                f"  {name:<34} {s.tp:>6} {s.fp:>6} {s.fn:>6} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f}"
            )
    lines.append(f"F1 by half ({HALVES_NOTE})")
    lines.append(f"  {'view':<10} {'half':<4} {'docs':>5} {'micro':>7} {'person':>7} {'org':>7} {'loc':>7}")
    for level in ("mentions", "entities"):
        for part in PARTS:
            scores = parts[part].mentions if level == "mentions" else parts[part].entities
            f1 = " ".join(f"{scores[name].f1:7.3f}" for name in ("micro", *TYPES))
            lines.append(f"  {level:<10} {part:<4} {parts[part].docs:>5} {f1}")
    return "\n".join(lines)


def span_summary(parts: Mapping[str, PartScores]) -> dict[str, Numbers]:
    """The numbers of a span-gold set for ``scores.json``: F1 per type and micro of both views, micro P/R."""
    summary: dict[str, Numbers] = {}
    for part in PARTS:
        m, e = parts[part].mentions, parts[part].entities
        numbers: Numbers = {"docs": parts[part].docs, "micro": m["micro"].f1}
        numbers.update({name: m[name].f1 for name in TYPES})
        numbers.update({"entity_micro": e["micro"].f1})
        numbers.update({f"entity_{name}": e[name].f1 for name in TYPES})
        numbers.update({"precision": m["micro"].precision, "recall": m["micro"].recall})
        numbers.update({"entity_precision": e["micro"].precision, "entity_recall": e["micro"].recall})
        summary[part] = _rounded(numbers)
    return summary


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
    missing = {_doc(doc_id) for doc_id in gold_ids} - documents
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
    return _rounded(numbers)


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


def command(
    gold: Path,
    out_dir: Path,
    *,
    entities: bool = False,
    scorer: Path | None = None,
    json_path: Path | None = None,
) -> str:
    """``newsner evaluate``: the printed report; with ``json_path``, the numbers too (all, A, B)."""
    if scorer is not None and not entities:
        raise PipelineError("--scorer is only used with --entities")
    if entities:
        text, summary = entity_scores(gold, out_dir, scorer or gold.parent.parent / "score_entities.py")
    else:
        parts = span_scores(gold, out_dir)
        text, summary = span_report(gold, out_dir, parts), span_summary(parts)
    if json_path is not None:
        _write_json(json_path, summary)
    return text


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
    _write_json(folder / "scores.json", scores)
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
    return _rounded(numbers)


def _rounded(numbers: Numbers) -> Numbers:
    return {name: round(value, 4) if isinstance(value, float) else value for name, value in numbers.items()}


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
    if len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(FORMULA_PREFIXES):
        cell = cell[1:]
    return cell.removesuffix(".txt")


def _doc(doc_id: str) -> str:
    name = doc_id.rsplit("/", 1)[-1]
    return name.removesuffix(".txt")


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


if __name__ == "__main__":
    sys.exit(main())
