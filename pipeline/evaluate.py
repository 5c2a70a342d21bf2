"""Score an extraction against gold annotations, the way the entity table is used.

Two views, both per type and micro-averaged over people, organizations and locations (MISC is ignored):

* **mentions**: exact span match of ``(doc_id, start, end, type)``, as CoNLL scoring does;
* **entities**: per document, the set of ``(type, match key)`` found against the gold set: what an analyst
  sees in ``entities.csv`` (a name found once or five times in a document counts once).

Gold is JSON Lines ``{"doc_id", "start", "end", "text", "label"}`` with PER/ORG/LOC/MISC labels; a predicted
``doc_id`` such as ``es_testa_001.txt`` matches gold ``es_testa_001``. Predictions come from the run's
``entities.json`` (raw values, no spreadsheet guard).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.normalize import match_key

GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
TYPES = tuple(GOLD_TYPES.values())

Item = tuple[str, str, Any]  # (doc_id, type, span or key)


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


def report(gold_path: Path, out_dir: Path) -> str:
    """The printed tables: mention-level and entity-level P/R/F1 per type and micro."""
    gold_mentions, gold_entities = load_gold(gold_path)
    mentions, entities, documents = load_predictions(out_dir)
    missing = {doc for doc, _, _ in gold_mentions} - documents
    if missing:
        raise PipelineError(f"{len(missing)} gold documents are not in '{out_dir}' (e.g. {min(missing)})")
    lines = [f"{gold_path}  vs  {out_dir}"]
    for title, view in (
        ("mentions (exact span)", score(gold_mentions, mentions)),
        ("entities per document (type, key)", score(gold_entities, entities)),
    ):
        lines.append(f"{title:<36} {'tp':>6} {'fp':>6} {'fn':>6} {'P':>7} {'R':>7} {'F1':>7}")
        for name, s in view.items():
            lines.append(
                f"  {name:<34} {s.tp:>6} {s.fp:>6} {s.fn:>6} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f}"
            )
    return "\n".join(lines)


def _doc(doc_id: str) -> str:
    name = doc_id.rsplit("/", 1)[-1]
    return name.removesuffix(".txt")
