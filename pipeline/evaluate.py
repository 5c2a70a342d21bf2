"""Score an extraction against gold annotations, the way the entity table is used.

Two kinds of gold, both scored per type and micro-averaged over people, organizations and locations:

* **span gold** (the CoNLL dev sets, ``newsner evaluate GOLD OUT``), scored here, JSON Lines
  ``{"doc_id", "start", "end", "text", "label"}`` with PER/ORG/LOC/MISC labels (MISC is ignored), two views:

  - **mentions**: exact span match of ``(doc_id, start, end, type)``, as CoNLL scoring does;
  - **entities**: per document, the set of ``(type, match key)`` found against the gold set: what an analyst
    sees in ``entities.csv`` (a name found once or five times in a document counts once).

  A predicted ``doc_id`` such as ``es_testa_001.txt`` matches gold ``es_testa_001``. Predictions come from
  the run's ``entities.json`` (raw values, no spreadsheet guard).

* **document-level entity gold** (``news_dev``, ``newsner evaluate --entities GOLD OUT``): one line per
  document with its distinct entities, scored strict and lenient by the evaluation data's own
  ``score_entities.py``, run as a subprocess so that its matching rules stay the only ones
  (:mod:`pipeline.evalsets`).

Every set is scored in full and in two fixed halves (:func:`halves`), so that a rule developed while looking
at half A can be checked on half B, which it has not seen. ``python -m pipeline.evaluate DIR NAME...``
gathers the per-set numbers of a ``make evaluate`` run into ``DIR/scores.json`` and prints one table
(:func:`pipeline.evalsets.summarize`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
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
        doc = doc_key(row["doc_id"])
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
        doc = doc_key(document["doc_id"])
        for m in document["mentions"]:
            mentions.append((doc, m["type"], (m["start"], m["end"])))
            entities.append((doc, m["type"], m["key"]))
    return mentions, entities, {doc_key(d["doc_id"]) for d in data["documents"]}


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
        summary[part] = rounded(numbers)
    return summary


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
        from pipeline.evalsets import entity_scores  # here: evalsets uses this module's scores and halves

        text, summary = entity_scores(gold, out_dir, scorer or gold.parent.parent / "score_entities.py")
    else:
        parts = span_scores(gold, out_dir)
        text, summary = span_report(gold, out_dir, parts), span_summary(parts)
    if json_path is not None:
        write_json(json_path, summary)
    return text


def rounded(numbers: Numbers) -> Numbers:
    """``numbers`` as ``scores.json`` keeps them: floats to four decimals."""
    return {name: round(value, 4) if isinstance(value, float) else value for name, value in numbers.items()}


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """``data`` as indented JSON in ``path``, its folder made if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def doc_key(doc_id: str) -> str:
    """A predicted ``doc_id`` as gold ids are written: without folders and ``.txt``."""
    name = doc_id.rsplit("/", 1)[-1]
    return name.removesuffix(".txt")


if __name__ == "__main__":
    from pipeline.evalsets import main  # make evaluate runs the summary by this module's name

    sys.exit(main())
