"""Command line: ``newsner extract [INPUT ...] [--out DIR] [--lang auto|en|es]``, or ``python -m pipeline``.

Thin on purpose: parse arguments, build one :class:`~pipeline.config.Settings`, call :func:`pipeline.run.run`,
print a summary. Exit codes: 0 every input handled, 1 some input failed or the run could not finish
(``Error: <message>`` on one line; the traceback only with ``--debug``), 2 usage errors.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import arguments
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.formats import TEXT_FIELDS

if TYPE_CHECKING:
    from pipeline.run import Report


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C's ``KeyboardInterrupt`` so that clean-up (worker processes, temporary
    files) runs; a ``BaseException``, so no per-document ``except Exception`` takes it for a bad document."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    if threading.current_thread() is not threading.main_thread():
        return _main(argv)  # signal handlers can only be set in the main thread

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        return _main(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    args = arguments.parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(name)s: %(message)s"
    )
    try:
        if args.command == "evaluate":
            from pipeline.evaluate import command

            print(
                command(args.gold, args.out, entities=args.entities, scorer=args.scorer, json_path=args.json)
            )
            return 0
        return _detect(args) if args.command == "detect" else _extract(args)
    except PipelineError as error:
        if args.debug:
            raise
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: previous outputs were left as they were.", file=sys.stderr)
        return 130
    except Terminated:
        print("Terminated: previous outputs were left as they were.", file=sys.stderr)
        return 128 + signal.SIGTERM
    except OSError as error:  # e.g. the output folder is not writable
        if args.debug:
            raise
        if error.filename:
            where = f" '{error.filename}'"
        else:  # a write to a file already open: a run's are in its output folder
            where = f" in '{args.out}'" if args.command == "extract" else ""
        fix = "; free space on its disk" if error.errno == errno.ENOSPC else ""
        print(f"Error: cannot write or read{where}: {error.strerror or error}{fix}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug, not a user error: still one line unless --debug
        if args.debug:
            raise
        print(
            f"Error: unexpected {type(error).__name__}: {error} (rerun with --debug for details)",
            file=sys.stderr,
        )
        return 1


def _extract(args: argparse.Namespace) -> int:
    settings = Settings(
        inputs=tuple(args.inputs) or (Path("data/raw"),),
        out_dir=args.out,
        language=args.lang,
        max_bytes=int(args.max_mb * 1_000_000),
        workers=args.workers,
        text_fields=tuple(args.text_field) if args.text_field else TEXT_FIELDS,
        curation=None if args.no_curation else _curation_path(args.curation),
        store=args.store,
        rebuild=args.rebuild,
        engine=args.engine,
        scheduler=args.scheduler or "",
        report=not args.no_report,
        report_docs=args.report_docs,
    )
    from pipeline.run import run  # after argument parsing, so --help stays fast

    report = run(settings, progress=_progress_bar if sys.stderr.isatty() else None)
    for message in report.errors:
        print(f"Error: {message}", file=sys.stderr)
    print(summary(report), file=sys.stderr)
    return 1 if report.failed else 0


def _curation_path(given: Path | None) -> Path | None:
    """``--curation`` if given (it must exist), else ``data/curation.csv`` when it exists, else none."""
    if given is not None:
        if not given.is_file():
            problem = "is a folder" if given.is_dir() else "does not exist"
            raise PipelineError(f"curation file '{given}' {problem}; check the --curation path")
        return given
    return DEFAULT_CURATION if DEFAULT_CURATION.is_file() else None


DEFAULT_CURATION = Path("data/curation.csv")


def _detect(args: argparse.Namespace) -> int:
    """Language of each ``{"id", "text"}`` record of a JSONL file, as JSONL ``{"id", "lang", "score"}``;
    with ``--segments``, ``{"id", "language", "segments": [{"start", "end", "language"}, ...]}``."""
    from pipeline import language, segments
    from pipeline.text import clean

    settings = Settings()
    try:
        lines = args.items.read_bytes().decode("utf-8").split("\n")  # only "\n" ends a JSON Lines record
        records = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as error:
        raise PipelineError(f"cannot read '{args.items}' as JSON Lines: {error}") from error
    out = []
    for record in records:
        text = clean(str(record.get("text", "")))[0]  # the form extraction detects on
        sample, least = settings.language_sample_chars, settings.min_language_confidence
        if args.segments:
            found = segments.detect(text, sample_chars=sample, min_confidence=least)
            listed = [{"start": s.start, "end": s.end, "language": s.language} for s in found.segments]
            out.append(json.dumps({"id": record.get("id"), "language": found.language, "segments": listed}))
            continue
        found = language.detect(text, sample_chars=sample, min_confidence=least)
        out.append(json.dumps({"id": record.get("id"), "lang": found.language, "score": found.score}))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} predictions written to {args.out}", file=sys.stderr)
    return 0


def summary(report: Report) -> str:
    """A few lines: documents per language and status, entities per type, failures, where outputs went."""
    tally = report.corpus.tally
    statuses = dict(tally.statuses)
    types = Counter(e.type for e in report.corpus.entities)
    counts = [
        ", ".join(f"{lang} {n}" for lang, n in tally.languages),
        ", ".join(f"{status} {n}" for status, n in tally.statuses),
    ]
    found = ": " + " | ".join(counts) if tally.documents else " (none found in the inputs)"
    lines = [
        f"{tally.documents} documents in {report.seconds:.1f}s{found}"
        + f" | extracted {report.extracted}, reused {report.reused}",
        f"{len(report.corpus.entities)} entities: "
        + ", ".join(f"{t} {types[t]}" for t in ("person", "organization", "location")),
    ]
    lines += [f"  {status}: {doc_id}: {message}" for status, doc_id, message in tally.failures]
    if statuses.get("unsupported_language"):
        lines.append(f"  {statuses['unsupported_language']} documents in other languages (see documents.csv)")
    if report.corpus.unmerged:
        lines.append(
            f"{len(report.corpus.unmerged)} person names fit several longer names and were left unmerged "
            "(unmerged_people in entities.json)"
        )
    lines += report.notes
    lines.append("Wrote " + ", ".join(report.written))
    return "\n".join(lines)


def _progress_bar(total: int) -> Iterator[None]:
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", file=sys.stderr, leave=False) as bar:
        while True:
            yield None
            bar.update(1)
