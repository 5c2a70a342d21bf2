"""The command line's commands and options (:mod:`pipeline.cli` runs them): ``newsner extract``,
``newsner detect`` and ``newsner evaluate``, each with ``--debug``. Invalid values are usage errors (exit 2),
never a traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from pipeline import __version__


def at_least(least: float, kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` not below ``least`` (otherwise a usage error, exit 2)."""

    def parse(value: str) -> float:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: '{value}'") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"must be at least {least:g}, not {value}")
        return number

    return parse


def parser() -> argparse.ArgumentParser:
    newsner = argparse.ArgumentParser(
        prog="newsner", description="Named entities from English and Spanish news."
    )
    newsner.add_argument("--version", action="version", version=f"newsner {__version__}")
    commands = newsner.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract people, organizations and locations into CSV and JSON",
        description="Read articles (.txt, .md, .html, .jsonl, .json, .csv), detect their language, extract "
        "people, organizations and locations, write CSV and JSON to data/out.",
    )
    extract.add_argument(
        "inputs", nargs="*", type=Path, metavar="INPUT", help="files or folders to read (default: data/raw)"
    )
    extract.add_argument(
        "--out", type=Path, default=Path("data/out"), metavar="DIR", help="output folder (default: data/out)"
    )
    extract.add_argument(
        "--lang",
        choices=("auto", "en", "es"),
        default="auto",
        help="detect each document's language (auto, default) or force one",
    )
    extract.add_argument(
        "--curation",
        type=Path,
        metavar="FILE",
        help="curation file of aliases, types and stop names (default: data/curation.csv if present)",
    )
    extract.add_argument("--no-curation", action="store_true", help="ignore any curation file")
    extract.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="folder of the results store that reruns reuse (default: OUT/.newsner)",
    )
    extract.add_argument(
        "--rebuild", action="store_true", help="extract every document again, ignoring stored results"
    )
    extract.add_argument(
        "--text-field",
        action="append",
        metavar="NAME",
        help="JSON field or CSV column holding the text (repeatable; default: text, content, body)",
    )
    extract.add_argument(
        "--workers",
        type=at_least(0, int),
        default=0,
        metavar="N",
        help="NER processes (default 0: all cores from 50,000 characters of a language; 1: one process only)",
    )
    extract.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where NER and analysis run: this machine's cores (default) or a Dask cluster",
    )
    extract.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running cluster's scheduler, tcp://HOST:PORT (default: a local one)",
    )
    extract.add_argument(
        "--report-docs",
        type=at_least(0, int),
        default=200,
        metavar="N",
        help="documents whose text report.html shows highlighted (default 200; the overview covers all)",
    )
    extract.add_argument("--no-report", action="store_true", help="do not write report.html")
    extract.add_argument(
        "--max-mb",
        type=at_least(0.001, float),
        default=50.0,
        metavar="MB",
        help="skip larger files as too_large (default 50)",
    )
    detect = commands.add_parser(
        "detect", help="detect the language of JSON Lines records (for language-ID evaluation)"
    )
    detect.add_argument("items", type=Path, metavar="ITEMS.jsonl", help='records with "id" and "text"')
    detect.add_argument("--out", type=Path, required=True, metavar="FILE", help="predictions (JSON Lines)")
    detect.add_argument(
        "--segments",
        action="store_true",
        help="the language of each part of each text: paragraphs and lines, as character offsets",
    )
    evaluate = commands.add_parser(
        "evaluate",
        help="score an extraction against gold annotations, for all documents and halves A and B",
        description="Score the run in OUT_DIR against GOLD for all documents, then for two fixed halves: "
        "the set's doc ids, a trailing .txt removed, sorted; half A is those at even 0-based positions, half "
        "B at odd ones (tune on A, check on B). Span gold (CoNLL: doc_id, start, end, text, label): "
        "mention-level and entity-level P/R/F1. With --entities, document-level gold (news_dev: one line "
        "per document with its entities), scored strict and lenient by the external score_entities.py on "
        "gold and predictions filtered to each half under OUT_DIR/halves/.",
    )
    evaluate.add_argument(
        "gold", type=Path, metavar="GOLD.jsonl", help="gold entities, one JSON object a line"
    )
    evaluate.add_argument("out", type=Path, metavar="OUT_DIR", help="folder written by 'newsner extract'")
    evaluate.add_argument(
        "--entities",
        action="store_true",
        help="GOLD is document-level entity gold (news_dev), scored by --scorer",
    )
    evaluate.add_argument(
        "--scorer",
        type=Path,
        metavar="FILE",
        help="with --entities: the scorer script (default: score_entities.py two folders above GOLD)",
    )
    evaluate.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="also write the numbers for all, A and B (4 decimals) to FILE, for make evaluate's scores.json",
    )
    for sub in (extract, detect, evaluate):
        sub.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    return newsner
