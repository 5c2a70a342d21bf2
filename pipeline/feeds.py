"""Sinks fed a stream of items from this process, each in a forked process of its own (or here): how the
export pass (:mod:`pipeline.export`) hands the tables' rows to the writers of the CSV and Parquet files and of
``entities.xlsx`` while it writes ``entities.json`` and ``report.html`` itself.

Items cross pickled, in batches, through a pipe per sink: a full pipe makes the feeding process wait, so
memory stays bounded however many items. A sink that raises, or a process that dies, raises in the feeding
process at its next batch or at ``close``.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Generic, Protocol, TypeVar

from pipeline.workers import died, forked

T = TypeVar("T")
R = TypeVar("R")
T_contra = TypeVar("T_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)


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
                    raise died() from None

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
