"""Apply one function to a stream of tasks, in this process or in forked worker processes, results in order.

:func:`imap` is how per-document work (NER and everything after it: :func:`pipeline.analysis.analyse_batch`)
uses every core: the workers are forked once the model is loaded, so they share its memory with the parent
instead of loading or unpickling their own copy, and only the work function, tasks (texts) and compact
results cross between processes, pickled. spaCy's own ``nlp.pipe(n_process=...)`` was not used: it ships
every ``Doc`` back to the parent as bytes and rebuilds it there, and then the analysis still runs on one
core.

:func:`in_background` runs one function in a forked process meanwhile (reading the inputs while spaCy
imports).

Workers ignore Ctrl-C; the parent gets it, ends them and raises ``KeyboardInterrupt`` as usual. A worker
that dies (killed, out of memory) stops the run with :class:`~pipeline.errors.PipelineError`, never a hang;
a parent that is killed outright takes its workers with it (Linux's parent-death signal).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, Generic, Protocol, TypeVar

from pipeline.errors import PipelineError

T = TypeVar("T")
R = TypeVar("R")
T_contra = TypeVar("T_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)

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


class Sink(Protocol[T_contra, R_co]):
    """Where :func:`fed` sends items: :meth:`add` each, then :meth:`close` for the result."""

    def add(self, item: T_contra) -> None: ...

    def close(self) -> R_co: ...


#: Items sent to the forked :class:`Sink` processes at a time (a pipe's message each).
FEED_BATCH = 1_000


class Feed(Generic[T, R]):
    """Sinks being fed from this process (:func:`fed`): :attr:`start` them (made at the first item
    otherwise), :attr:`add` an item to every one, :attr:`close` them all for their results, in order."""

    def __init__(
        self, start: Callable[[], None], add: Callable[[T], None], close: Callable[[], list[R]]
    ) -> None:
        self.start: Callable[[], None] = start
        self.add: Callable[[T], None] = add
        self.close: Callable[[], list[R]] = close


@contextlib.contextmanager
def fed(makes: Sequence[Callable[[], Sink[T, R]]], *, background: bool) -> Iterator[Feed[T, R]]:
    """Sinks (one per ``make()``) that the caller adds every item to, then closes for their results: with
    ``background`` each is fed in a forked process of its own, on another core, the items pickled once
    through a pipe to each in batches of :data:`FEED_BATCH` (a full pipe makes the caller wait: memory
    stays bounded), and made there at ``start`` or the first item (the processes are forked at once, small,
    and make their sinks when the caller says it has a core to spare); else here, at the first item. A sink
    that raises, or a process that dies, raises here at the next batch or at ``close``."""
    if not background:  # made at the first item: no core to spare, and no file opened before it is needed
        sinks: list[Sink[T, R]] = []

        def add_here(item: T) -> None:
            if not sinks:
                sinks.extend(make() for make in makes)
            for sink in sinks:
                sink.add(item)

        def close_here() -> list[R]:
            if not sinks:
                sinks.extend(make() for make in makes)
            return [sink.close() for sink in sinks]

        yield Feed(lambda: None, add_here, close_here)
        return
    with contextlib.ExitStack() as stack:
        pipes: list[tuple[Connection, Callable[[], R]]] = []
        for make in makes:
            receive, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
            stack.callback(writer.close)
            result = stack.enter_context(forked(functools.partial(_consume, make, receive, writer)))
            receive.close()
            pipes.append((writer, result))
        batch: list[T] = []
        started = False

        def send(data: bytes) -> None:
            nonlocal started
            started = True
            for pipe, result in pipes:
                try:
                    pipe.send_bytes(data)
                except OSError:  # the sink stopped receiving: its exception, or the worker's death
                    result()
                    raise _died() from None

        def add(item: T) -> None:
            batch.append(item)
            if len(batch) >= FEED_BATCH:
                send(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
                batch.clear()

        def start() -> None:
            if not started:
                send(pickle.dumps([]))  # an empty batch: make the sinks now

        def close() -> list[R]:
            if batch:
                send(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
            start()
            send(b"")  # the end: every sink finishes meanwhile
            return [result() for _, result in pipes]

        yield Feed(start, add, close)


def _consume(make: Callable[[], Sink[T, R]], receive: Connection, send: Connection) -> R:
    """A forked :class:`Sink`'s life (:func:`fed`): made at the first batch (an empty one: ``start``), fed
    each batch, closed."""
    send.close()  # the parent's end: should the parent die, receiving ends
    sink: Sink[T, R] | None = None
    try:
        while data := receive.recv_bytes():
            if sink is None:
                sink = make()
            for item in pickle.loads(data):
                sink.add(item)
    finally:
        receive.close()  # should the sink raise, the parent's next send fails instead of waiting
    return (make() if sink is None else sink).close()


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
        raise _died() from None


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _died() from None


def _died() -> PipelineError:
    return PipelineError(
        "a worker process died (killed, or out of memory); rerun with --workers 1, or give the run fewer "
        "documents at a time"
    )
