"""The results store: each document's per-document result, kept between runs so that a rerun extracts only
what changed, a killed run resumes, and a curation edit re-runs only the corpus-wide stage.

An embedded SQLite database (``results.sqlite`` in the store folder, by default ``data/out/.newsner/``).
A document's stored result is reused only when its key matches (:mod:`pipeline.keys`: its text and
metadata, and the run's fingerprint of everything else that changes a result). Curation is not in the key:
it acts in the corpus-wide stage.

A document may have several results, one per key: runs that share a store with other settings or other
inputs (``--lang es`` beside ``auto``, two corpora with the same file names) each find their own and never
replace the others'. Each result records when a run last used it, and a run that ends well deletes the
results no run has used for :data:`KEEP_DAYS` days (old versions of changed documents, deleted documents,
other settings' results), so the store does not grow without end.

Results are committed a batch at a time, as soon as the batch is done (SQLite's write-ahead log: a killed
run loses at most the batches in flight, and never leaves a torn store). A store that is not this
project's, of another schema version, or damaged, is deleted and started anew — never trusted; a result
that cannot be read back is deleted and the run stops, asking to run again; any other error of SQLite's (a
full disk, no permission) leaves the store as it is and stops the run in one line. Only documents analysed
without failure (status ``ok``) are stored; the others are cheap or may be transient.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pipeline import resultjson
from pipeline.errors import PipelineError
from pipeline.records import DocumentResult, Documents

log = logging.getLogger(__name__)

#: Bumped whenever the tables or the stored records change shape.
SCHEMA = 5
#: A result that no run has used for this many days is deleted at the end of a run (:meth:`Store.keep`).
KEEP_DAYS = 30
#: SQLite's application id for this project's stores ("nwsr"): a foreign database is recognised as such.
APPLICATION_ID = 0x6E777372
FILE = "results.sqlite"


class Store:
    """An open store: :meth:`get` a document's stored result by its key, :meth:`put` a batch of results."""

    def __init__(self, folder: Path, *, rebuild: bool = False) -> None:
        """Open (or create) the store in ``folder``; ``rebuild`` ignores every stored result, which the run's
        new results then replace."""
        self.path = folder / FILE
        self.rebuild = rebuild
        self._db: sqlite3.Connection | None = None  # opened on first use: a run that fails early leaves none
        self._pid = os.getpid()

    def _connection(self) -> sqlite3.Connection:
        if self._db is not None and self._pid != os.getpid():
            # A forked process (pipeline.workers.forked) must neither use nor close its parent's connection
            # (closing it could checkpoint the parent's write-ahead log): it keeps it, opens its own.
            _INHERITED.append(self._db)
            self._db = None
            if not self.path.exists():  # not a new, empty store in its place: the results are gone
                raise PipelineError(f"results store '{self.path}' was deleted during the run; run again")
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _open(self.path)
            self._pid = os.getpid()
        return self._db

    def reusable(self, doc_id: str, key: str) -> str | None:
        """The language of the result stored for ``doc_id`` if it was stored under ``key`` and may be reused
        (not with ``rebuild``), else ``None``. Nothing is decoded: the result is read when the corpus-wide
        stage needs it (:class:`StoredDocuments`)."""
        return None if self.rebuild else self._stored(doc_id, key, "language")

    def get(self, doc_id: str, key: str) -> DocumentResult | None:
        """The result stored for ``doc_id`` under ``key``, else ``None``.

        RAISES (PipelineError): the stored result cannot be read back (damaged inside, which SQLite's own
            checks do not see); it is deleted first, so that the next run extracts the document again.
        """
        stored = self._stored(doc_id, key, "result")
        if stored is None:
            return None
        try:
            return resultjson.decode(stored)
        except (ValueError, TypeError, KeyError):  # not what this code writes: not trusted
            log.debug("stored result of %s unreadable", doc_id, exc_info=True)
            with _reported(self.path), self._connection() as db:
                db.execute("DELETE FROM results WHERE doc_id = ? AND key = ?", (doc_id, key))
            raise PipelineError(
                f"results store '{self.path}' held a damaged result for '{doc_id}', now deleted; run again"
            ) from None

    def _stored(self, doc_id: str, key: str, column: Literal["language", "result"]) -> str | None:
        """``column`` of the result of ``doc_id`` stored under ``key``, else ``None``."""
        if self._db is None and not self.path.exists():
            return None
        with _reported(self.path):
            row = self._connection().execute(_SELECT[column], (doc_id, key)).fetchone()
        return None if row is None else str(row[0])

    def put(self, items: Iterable[tuple[str, DocumentResult]]) -> None:
        """Store ``(key, result)`` pairs in one transaction; only results with status ``ok`` are kept."""
        now = int(time.time())
        rows = [
            (result.doc_id, key, result.language, resultjson.encode(result), now)
            for key, result in items
            if result.status == "ok"
        ]
        if rows:
            with _reported(self.path), self._connection() as db:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)

    def keep(self, used: Iterable[tuple[str, str]]) -> None:
        """At the end of a run: mark the ``(doc_id, key)`` results it used as used now, and delete those that
        no run has used for :data:`KEEP_DAYS` days."""
        now = int(time.time())
        with _reported(self.path), self._connection() as db:
            db.executemany(
                "UPDATE results SET used = ? WHERE doc_id = ? AND key = ?", ((now, *pair) for pair in used)
            )
            db.execute("DELETE FROM results WHERE used < ?", (now - KEEP_DAYS * 86_400,))

    def close(self) -> None:
        """Close the database; it is opened again if used again."""
        if self._db is not None:
            self._db.close()
            self._db = None


_SELECT = {
    column: f"SELECT {column} FROM results WHERE doc_id = ? AND key = ?" for column in ("language", "result")
}
#: Connections a forked process inherited: kept referenced so that they are never closed there.
_INHERITED: list[sqlite3.Connection] = []
#: SQLite's result codes of a store that is damaged or not a database: it is started anew. Any other error
#: (a full disk, no permission, a store locked too long) says nothing about the store: it is reported.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


@contextlib.contextmanager
def _reported(path: Path) -> Iterator[None]:
    """SQLite's errors as one line naming the store and what to do (the store itself is left as it is)."""
    try:
        yield
    except sqlite3.Error as error:
        fix = (
            "run again: a damaged store is started anew"
            if _damaged(error)
            else "free space on its disk or fix its permissions, or choose another --store"
        )
        raise PipelineError(f"results store '{path}' cannot be used: {error}; {fix}") from error


def _damaged(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # none when not SQLite's own error
    return code is not None and code & 0xFF in _DAMAGED  # the primary code of an extended one


class StoredDocuments(Documents):
    """A run's documents in ``doc_id`` order, for the corpus-wide stage: each one stored in ``store`` (by
    its key) is read from it anew at every iteration, the others (results that are not stored: failures,
    documents in other languages) are kept as they are. Never all in memory at once."""

    def __init__(self, store: Store, documents: dict[str, str | DocumentResult]) -> None:
        """documents: ``doc_id`` -> the key its result is stored under, or the result itself."""
        self.store = store
        self.documents = sorted(documents.items(), key=lambda item: item[0])

    def __len__(self) -> int:
        return len(self.documents)

    def part(self, start: int, stop: int) -> StoredDocuments:
        part = StoredDocuments(self.store, {})
        part.documents = self.documents[start:stop]
        return part

    def __iter__(self) -> Iterator[DocumentResult]:
        for doc_id, entry in self.documents:
            if isinstance(entry, DocumentResult):
                yield entry
                continue
            result = self.store.get(doc_id, entry)
            if result is None:
                raise PipelineError(
                    f"results store '{self.store.path}' lost the result of '{doc_id}' during the run "
                    f"(deleted by another run, unused for {KEEP_DAYS} days until then); run again"
                )
            yield result


@contextlib.contextmanager
def opened(folder: Path, *, rebuild: bool = False) -> Iterator[Store]:
    store = Store(folder, rebuild=rebuild)
    try:
        yield store
    finally:
        store.close()


def prepare(folder: Path) -> None:
    """Have the store in ``folder``, if there is one, checked now, and replaced if it is another version's or
    damaged: before processes that read it side by side start, so that only one replaces it."""
    if (folder / FILE).exists():
        _open(folder / FILE).close()


def _open(path: Path) -> sqlite3.Connection:
    """The store at ``path``, or a new one where there was none, a foreign one, or a damaged one. Checked
    and replaced under a lock, so that two runs sharing the store never replace it both, nor one the store
    the other is creating."""
    with _locked(path.with_name(path.name + ".lock")), _reported(path):
        return _checked(path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        lock = path.open("a")
    except OSError as error:  # the store's folder is read-only
        raise PipelineError(
            f"results store '{path.with_suffix('')}' cannot be used: cannot write its lock file "
            f"({error.strerror or error}); fix its folder's permissions, or choose another --store"
        ) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when closed, or when the process ends
        yield


def _checked(path: Path) -> sqlite3.Connection:
    if path.exists():
        try:
            db = _connect(path)
            if _trusted(db):
                return db
            db.close()
            log.warning("results store %s is another version's or damaged: starting a new one", path)
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise
            log.warning("results store %s is unreadable: starting a new one", path)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    db = _connect(path)
    with db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA}")
        db.execute(
            "CREATE TABLE results (doc_id TEXT NOT NULL, key TEXT NOT NULL, language TEXT NOT NULL,"
            " result TEXT NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (doc_id, key))"
        )
        db.execute("CREATE INDEX results_used ON results (used)")
    return db


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _trusted(db: sqlite3.Connection) -> bool:
    application = db.execute("PRAGMA application_id").fetchone()[0]
    schema = db.execute("PRAGMA user_version").fetchone()[0]
    if (application, schema) != (APPLICATION_ID, SCHEMA):
        return False
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return "results" in tables and db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
