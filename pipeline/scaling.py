"""Analysis scaling, part of ``make bench`` (:mod:`pipeline.bench`): the per-document work after NER must
grow linearly with the document.

:func:`analysis_scaling` times :func:`pipeline.analysis.analyse` on one generated document with dense titled
names (:mod:`pipeline.synthetic`, model spans emulated, so no NER) of 0.5, 1, 2 and 4 MB. It must grow
linearly: ``make bench`` prints a FAIL line (:func:`scaling_failure`) and exits with 1 when the 4 MB document
takes more than 10 times the 0.5 MB one (linear is 8; ``ANALYSIS_SLACK``).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from typing import Any

ANALYSIS_MB = (0.5, 1.0, 2.0, 4.0)
#: How much more than linear growth the largest document's analysis may take: 4 MB at most 10x 0.5 MB.
ANALYSIS_SLACK = 1.25


def analysis_scaling(sizes_mb: Sequence[float] = ANALYSIS_MB, repeats: int = 3) -> dict[str, Any]:
    """Seconds :func:`pipeline.analysis.analyse` takes on a generated document of each size in MB, and the
    ratio of the last size's time to the first's.

    Each timing covers as much text as the largest document: a smaller one is analysed that many times
    over (eight times 0.5 MB, four times 1 MB...), so that every timing is as exposed to whatever else the
    machine does. The sizes take turns, ``repeats`` times, and each keeps its best time per document. Each
    analysis starts with the name caches empty, as every document has new names (the 0.5 MB document's
    keys would otherwise fit in :func:`pipeline.normalize.match_key`'s cache from its second pass on), with
    the word lists frozen out of garbage collection as in the worker processes (:mod:`pipeline.workers`).
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
                    normalize.match_key.cache_clear()  # (analyse empties trim_bounds' cache itself)
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


def scaling_table(scaling: dict[str, Any]) -> str:
    lines = [
        "analysis scaling: one document with dense titled names, model spans emulated, NER not included",
        f"     MB     chars  mentions seconds    s/MB   (best of {scaling['repeats']} rounds)",
        *(_row(r) for r in scaling["rows"]),
        f"{scaling_name(scaling)}: {scaling['ratio']:.2f} (limit {scaling['limit']:g})",
    ]
    return "\n".join(lines)


def scaling_name(scaling: dict[str, Any]) -> str:
    return f"analysis_{scaling['rows'][-1]['mb']:g}mb_vs_{scaling['rows'][0]['mb']:g}mb"


def _row(r: dict[str, Any]) -> str:
    per_mb = r["seconds"] / r["mb"]
    return f"{r['mb']:>7g} {r['chars']:>9} {r['mentions']:>9} {r['seconds']:>7.2f} {per_mb:>7.2f}"
