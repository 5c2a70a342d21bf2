"""Routing by paragraph, measured on its own: documents assembled from paragraphs of real English and Spanish
text, some of one language and some mixed, whose segments (``newsner detect --segments``) are scored
paragraph by paragraph (:mod:`pipeline.segments`).

``python -m pipeline.routing build ITEMS.jsonl OUT.jsonl`` assembles the documents from the language-ID set
(``../shared/eval/langid/items.jsonl``): its English and Spanish paragraphs — PUD news and wiki documents,
UDHR paragraphs — are split into two fixed halves (A: even positions of the sorted item ids, B: odd), and
each half gives ``DOCUMENTS`` documents of 3 to 6 paragraphs, half of one language and half mixed (both
languages, in random order), separated by blank lines, with a fixed random seed: the same file every time.
Each line is ``{"id", "text", "half", "mixed", "paragraphs": [{"start", "end", "language"}]}``.

``python -m pipeline.routing score ASSEMBLED.jsonl PREDICTIONS.jsonl [--json FILE]`` prints, for all
documents and each half: the share of paragraphs whose language is the one the predicted segments give most
of its characters, and the share of single-language documents reported with two or more languages.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "es")
#: Documents per half, and the units of the language-ID set that are paragraphs.
DOCUMENTS = 400
PARAGRAPH_UNITS = frozenset({"document", "paragraph"})
SEED = 13


def build(items: Path, out: Path) -> int:
    pools: dict[tuple[str, str], list[str]] = {}
    paragraphs = sorted(
        (item["id"], item["lang"], " ".join(item["text"].split()))
        for item in _read(items)
        if item.get("lang") in LANGUAGES and item.get("unit") in PARAGRAPH_UNITS
    )
    for position, (_, lang, text) in enumerate(paragraphs):
        pools.setdefault(("AB"[position % 2], lang), []).append(text)
    rng = random.Random(SEED)
    lines = []
    for half in "AB":
        queues = {lang: _cycle(rng, pools[(half, lang)]) for lang in LANGUAGES}
        for number in range(DOCUMENTS):
            mixed = number % 2 == 1
            count = rng.randint(3, 6)
            if mixed:
                languages = [rng.choice(LANGUAGES) for _ in range(count - 2)] + list(LANGUAGES)
                rng.shuffle(languages)
            else:
                languages = [LANGUAGES[(number // 2) % 2]] * count
            text, spans = "", []
            for lang in languages:
                if text:
                    text += "\n\n"
                paragraph = next(queues[lang])
                spans.append({"start": len(text), "end": len(text) + len(paragraph), "language": lang})
                text += paragraph
            document = {"id": f"routing-{half}-{number:04d}", "text": text, "half": half, "mixed": mixed}
            lines.append(json.dumps({**document, "paragraphs": spans}, ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents written to {out}", file=sys.stderr)
    return 0


def score(assembled: Path, predictions: Path) -> dict[str, dict[str, float]]:
    """Paragraph accuracy and single-language documents reported as mixed, for all and each half."""
    predicted = {p["id"]: p["segments"] for p in _read(predictions)}
    counts: dict[str, dict[str, int]] = {}
    for document in _read(assembled):
        segments = predicted.get(document["id"], [])
        for part in ("all", document["half"]):
            tally = counts.setdefault(part, dict.fromkeys(("paragraphs", "right", "single", "two"), 0))
            for paragraph in document["paragraphs"]:
                tally["paragraphs"] += 1
                tally["right"] += _language_of(paragraph, segments) == paragraph["language"]
            if not document["mixed"]:
                tally["single"] += 1
                tally["two"] += len({s["language"] for s in segments}) > 1
    return {
        part: {
            "paragraph_accuracy": t["right"] / max(t["paragraphs"], 1),
            "single_reported_mixed": t["two"] / max(t["single"], 1),
            "paragraphs": t["paragraphs"],
            "single_documents": t["single"],
        }
        for part, t in sorted(counts.items())
    }


def _language_of(paragraph: dict[str, Any], segments: Sequence[dict[str, Any]]) -> str:
    """The language the segments give most of the paragraph's characters ("" when none covers it)."""
    chars: dict[str, int] = {}
    for s in segments:
        overlap = min(s["end"], paragraph["end"]) - max(s["start"], paragraph["start"])
        if overlap > 0:
            chars[s["language"]] = chars.get(s["language"], 0) + overlap
    return max(sorted(chars), key=chars.__getitem__) if chars else ""


def _cycle(rng: random.Random, pool: list[str]) -> Any:
    while True:
        order = list(pool)
        rng.shuffle(order)
        yield from order


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"] and len(argv) == 3:
        return build(Path(argv[1]), Path(argv[2]))
    if argv[:1] == ["score"] and len(argv) in (3, 5):
        scores = score(Path(argv[1]), Path(argv[2]))
        for part, s in scores.items():
            print(
                f"routing {part:>3}: paragraphs right {s['paragraph_accuracy']:.2%} of {s['paragraphs']}, "
                f"single-language documents reported mixed {s['single_reported_mixed']:.2%} "
                f"of {s['single_documents']}"
            )
        if len(argv) == 5 and argv[3] == "--json":
            Path(argv[4]).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
        return 0
    print("usage: python -m pipeline.routing build ITEMS OUT | score ASSEMBLED PREDICTIONS [--json FILE]")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
