"""Apply one function to a stream of tasks, in this process or in forked worker processes, results in order.

:func:`imap` is how per-document work (NER and everything after it: :func:`pipeline.analysis.analyse_batch`)
uses every core: the workers are forked once the model is loaded, so they share its memory with the parent
instead of loading or unpickling their own copy, and only the work function, tasks (texts) and compact
results cross between processes, pickled. spaCy's own ``nlp.pipe(n_process=...)`` was not used: it ships
every ``Doc`` back to the parent as bytes and rebuilds it there, and then the analysis still runs on one
core.

:func:`in_background` runs one function in a forked process meanwhile (reading the inputs while spaCy
imports); :func:`forked` runs a closure so, which the process inherits instead of unpickling (the halves of
the corpus-wide stage, the writers that :mod:`pipeline.feeds` feeds).

Workers ignore Ctrl-C; the parent gets it, ends them and raises ``KeyboardInterrupt`` as usual. A worker
that dies (killed, out of memory) stops the run with :class:`~pipeline.errors.PipelineError`, never a hang;
a parent that is killed outright takes its workers with it (Linux's parent-death signal).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pipeline.errors import PipelineError

T = TypeVar("T")
R = TypeVar("R")

#: Most tasks queued ahead of the results read, so that memory stays flat however long the stream.
AHEAD_PER_WORKER = 4


def processes_for(chars: int, *, requested: int, threshold: int) -> int:
    """How many processes to use: ``requested`` if set (> 0), else one per core (at most 4) when there are
    at least ``threshold`` characters of text, else one (forking costs more than it saves on a little)."""
    if requested > 0:
        return requested
    return min(usable_cores(), 4) if chars >= threshold else 1


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and ``taskset`` narrow)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


#: Tasks per worker that a language's text is cut into when it runs in parallel: enough for the workers to
#: finish together, few enough that each still fills a model batch.
TASKS_PER_WORKER = 6
MIN_TASK_CHARS = 8_000


def task_chars(total: int, processes: int, limit: int) -> int:
    """Most characters of text per task: ``limit`` in one process, else a share of ``total`` such that each
    of ``processes`` workers gets about ``TASKS_PER_WORKER`` tasks (a longer document is still one task)."""
    if processes <= 1:
        return limit
    return max(MIN_TASK_CHARS, min(limit, total // (processes * TASKS_PER_WORKER)))


def cut(items: Iterable[T], size: int, max_chars: int, chars: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``size`` items and (unless one item is longer) at most
    ``max_chars`` characters: the tasks that :func:`imap` hands out."""
    batch: list[T] = []
    total = 0
    for item in items:
        length = chars(item)
        if batch and (len(batch) >= size or total + length > max_chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length
    if batch:
        yield batch


def imap(work: Callable[[T], R], tasks: Iterable[T], processes: int) -> Generator[R, None, None]:
    """``work(task)`` for each task, in task order: here with one process, else in ``processes`` forked
    workers, with at most ``AHEAD_PER_WORKER`` tasks per worker in flight. ``work`` and the tasks are
    pickled: a module-level function (or a ``functools.partial`` of one) and plain data."""
    if processes <= 1:
        yield from map(work, tasks)
        return
    # Everything the parent holds now (the model, the word lists, results so far) is left out of garbage
    # collection, so the workers' collector does not touch, and so copy, the memory they share with it.
    gc.freeze()
    pool = _fork_pool(processes)
    finished = False
    try:
        pending: deque[Future[R]] = deque()
        for task in tasks:
            pending.append(_submit(pool, work, task))
            if len(pending) >= processes * AHEAD_PER_WORKER:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
        finished = True
    finally:
        _shut_down(pool, finished)
        gc.unfreeze()


@contextlib.contextmanager
def in_background(function: Callable[..., R], *args: Any) -> Iterator[Callable[[], R]]:
    """Run ``function(*args)`` in a forked process while the caller goes on; the context gives a function
    that waits for its result (or raises its exception). ``function`` and its arguments are pickled, so they
    must be module-level and plain data. Leaving the context early (an error, Ctrl-C) ends the process."""
    pool = _fork_pool(1)
    future = pool.submit(function, *args)
    finished = False
    try:
        yield lambda: _result(future)
        finished = future.done()
    finally:
        _shut_down(pool, finished)


@contextlib.contextmanager
def forked(function: Callable[[], R]) -> Iterator[Callable[[], R]]:
    """:func:`in_background` for a function that cannot be pickled (a closure over the corpus): the forked
    process inherits it instead. Only its result is pickled back."""
    global _FORKED
    _FORKED = function
    try:
        with in_background(_call_forked) as result:
            yield result
    finally:
        _FORKED = None


_FORKED: Callable[[], Any] | None = None


def _call_forked() -> Any:
    assert _FORKED is not None, "called outside workers.forked"
    return _FORKED()


def _fork_pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _start_worker(parent: int) -> None:
    """Ignore Ctrl-C (the parent gets it and ends the workers), end with the parent even when it is killed
    outright (Linux then sends the worker SIGTERM: ``PR_SET_PDEATHSIG``), and leave what the parent holds
    out of garbage collection."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's clean-up handler is not the worker's
    # Everything inherited is left out of this process's garbage collection: the collector would otherwise
    # write to the objects the parent holds, and so copy the memory they share.
    gc.freeze()
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the parent's clean-up still applies
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _shut_down(pool: ProcessPoolExecutor, finished: bool) -> None:
    if not finished:  # Ctrl-C, an error, or the caller stopped early: end the workers now
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        for child in children:
            child.join(timeout=5)
    pool.shutdown(wait=finished, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, work: Callable[[Any], Any], task: Any) -> Future[Any]:
    try:
        return pool.submit(work, task)
    except BrokenProcessPool:  # a worker died before this task was handed over
        raise died() from None


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise died() from None


def died() -> PipelineError:
    """The error a run stops with when one of its processes died."""
    return PipelineError(
        "a worker process died (killed, or out of memory); rerun with --workers 1, or give the run fewer "
        "documents at a time"
    )
