"""The Dask engine: ``newsner extract --engine dask`` runs the per-document stage on a Dask cluster, and
everything else as the local engine does (:mod:`pipeline.run`).

This process, the client, reads the inputs and looks each document up in the results store
(:mod:`pipeline.store`), as the local engine does. The documents the store does not hold under their key
are sent out in partitions of at most ``PARTITION_DOCUMENTS`` documents and ``PARTITION_CHARS``
characters; each partition is one task, :func:`pipeline.analysis.process` (language detection by paragraph,
NER, analysis), which returns the documents' compact results. A worker loads each spaCy model once, on
first use (:func:`pipeline.models.cached`, a per-process cache): no ``nlp`` object is ever pickled into a
task. At most ``AHEAD_PER_WORKER`` partitions per worker are in flight, so reading goes on while the
workers work and the texts in memory stay bounded. Each partition's results are committed to the store as
soon as they come back, so an interrupted run resumes like a local one. A worker that dies costs a retry of
its partitions (Dask's scheduler runs them elsewhere); a partition whose task fails all the same gives each
of its documents the ``failed`` status, with the error.

Without ``--scheduler``, a ``LocalCluster`` on this machine: one worker process per core, one thread each,
forked once this process has loaded spaCy and both models (:func:`_preload`), so that they share the
models' memory and start at once, as the local engine's workers do (spawned workers each loaded their
own: 0.70 of the local engine's throughput at 4× the dev corpus, against 0.83–0.92 forked).
With ``--scheduler tcp://HOST:PORT``, an existing cluster (``dask scheduler``, ``dask worker``), whose
workers have newsner and the models installed.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline import analysis, language, models, readers, statuses, store, workers
from pipeline.errors import ModelNotInstalled, PipelineError
from pipeline.keys import unstored
from pipeline.records import DocumentResult, Source

if TYPE_CHECKING:
    from pipeline.config import Settings

PARTITION_DOCUMENTS = 64
PARTITION_CHARS = 200_000
AHEAD_PER_WORKER = 2
#: Seconds to wait for a first worker on a cluster given by --scheduler.
WORKERS_WAIT = 60
INSTALL = "--engine dask needs Dask: pip install 'newsner[dask]' (the Makefile's environment has it)"


def extract(
    settings: Settings, stored: store.Store, fingerprint: str
) -> tuple[dict[str, str | DocumentResult], int, int, Counter[str]]:
    """Every input through the store or the cluster.

    RETURNS: each document's key in the store or its (unstored) result, as :func:`pipeline.run.run` keeps
    them; how many documents the cluster extracted; how many were reused; the languages whose models the
    results came from.
    """
    documents: dict[str, str | DocumentResult] = {}
    used: Counter[str] = Counter()
    keys: dict[str, str] = {}
    reused: Counter[str] = Counter()
    extracted = 0
    with _client(settings) as client:
        from dask.distributed import as_completed

        ahead = AHEAD_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
        running: Any = as_completed()
        sent: dict[Any, list[Source]] = {}

        def collect(future: Any) -> None:
            nonlocal extracted
            part = sent.pop(future)
            try:
                results = future.result()
            except Exception as error:  # the task itself failed: each of its documents is one failed row
                results = [statuses.failed(s, analysis.route(s, settings), error) for s in part]
            stored.put((keys[result.doc_id], result) for result in results)  # committed: a rerun resumes
            for result in results:
                documents[result.doc_id] = keys[result.doc_id] if result.status == "ok" else result
                used.update(_models_of(result))
                extracted += 1

        to_send = _to_send(settings, stored, fingerprint, documents, keys, reused)
        for part in workers.cut(to_send, PARTITION_DOCUMENTS, PARTITION_CHARS, lambda s: len(s.text)):
            future = client.submit(analysis.process, settings, part, pure=False)
            sent[future] = part
            running.add(future)
            while running.count() >= ahead:
                collect(next(running))
        for future in running:
            collect(future)
    return documents, extracted, reused.total(), used + reused


def _to_send(
    settings: Settings,
    stored: store.Store,
    fingerprint: str,
    documents: dict[str, str | DocumentResult],
    keys: dict[str, str],
    reused: Counter[str],
) -> Iterator[Source]:
    """Every document that must go to the cluster, with its key in ``keys``; the others are noted in
    ``documents`` at once: a stored one by its key (its model counted in ``reused``:
    :func:`pipeline.keys.unstored`), an unusable one with its result."""
    sources = readers.documents(
        settings.inputs, max_bytes=settings.max_bytes, text_fields=settings.text_fields
    )
    for source, key in unstored(sources, stored, fingerprint, documents, reused):
        if source.status != "ok" or not source.text.strip():
            documents[source.doc_id] = statuses.unrouted(source, analysis.route(source, settings))
            continue
        keys[source.doc_id] = key
        yield source


def _models_of(result: DocumentResult) -> set[str]:
    """The models a result came from, as the local engine loads them: its language's, or every routed
    language's for a document of several."""
    if result.status != "ok":
        return set()
    parts = {s.language for s in result.segments} or {result.language}
    return set(language.ROUTED) if len(parts) > 1 else parts & set(language.ROUTED)


@contextlib.contextmanager
def _client(settings: Settings) -> Iterator[Any]:
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise PipelineError(INSTALL) from error
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout="30s")
        except (OSError, TimeoutError) as error:
            raise PipelineError(
                f"cannot reach the Dask scheduler at '{settings.scheduler}': {error}; start it with "
                "'dask scheduler' (and 'dask worker ADDRESS'), or leave out --scheduler for a local cluster"
            ) from error
        with client:
            try:
                client.wait_for_workers(1, timeout=WORKERS_WAIT)
            except TimeoutError as error:
                raise PipelineError(
                    f"no Dask worker joined the scheduler at '{settings.scheduler}' within {WORKERS_WAIT} s; "
                    f"start one with 'dask worker {settings.scheduler}'"
                ) from error
            yield client
        return
    cores = workers.usable_cores()
    _preload(settings)
    quiet = logging.getLogger("distributed")  # the scheduler runs in this process: its logs are noise here
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    with (
        contextlib.ExitStack() as restore,
        dask.config.set({"distributed.worker.multiprocessing-method": "fork"}),
        LocalCluster(
            n_workers=cores,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        restore.callback(quiet.setLevel, level)
        yield client


def _preload(settings: Settings) -> None:
    """Load spaCy and both models here, before the local cluster forks its workers: they start with them,
    sharing their memory, as the local engine's workers do. A missing model is reported by the documents
    that need it."""
    models.prepare()
    for lang in language.ROUTED:
        with contextlib.suppress(ModelNotInstalled):
            models.cached(lang, settings.models.get(lang, ()))
