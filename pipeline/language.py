"""Language identification: which model, if any, reads a document.

The detector is lingua (its n-gram models ship inside the PyPI wheel, so nothing is downloaded at run time),
restricted to English, Spanish and the languages most often confused with them in this region's news.
A document goes to ``en`` or ``es`` when that language wins with at least ``min_confidence``; everything
else is ``other`` and gets no entities (status ``unsupported_language``), rather than a wrong model.

The detector reads the sample's lower-case words only, when there are enough of them: proper names and
all-caps headlines say little about the language of the text around them (a Dutch cycling result list in
English read as Dutch), while the common words that carry the language are written in lower case.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from pipeline.records import Detection

if TYPE_CHECKING:
    from lingua import LanguageDetector

ROUTED = ("en", "es")
#: ISO 639-1 codes the detector chooses between. Without the neighbours, Portuguese, Catalan, Galician or
#: Italian text would be forced into Spanish and French text into English.
CANDIDATES = ("en", "es", "pt", "fr", "it", "de", "ca", "ro", "nl")
#: Fewest lower-case words for the detector to read those alone; shorter samples are read whole.
MIN_COMMON_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+")


#: From this length on, lingua's trigram-only ("low accuracy") models decide first: they take ~40 MB instead
#: of ~240 MB for all n-gram sizes, and are as good on long texts. When they are less than ``SURE`` of their
#: answer (tables of names and scores), the full models of the three likeliest languages decide.
LONG_TEXT = 120
SURE = 0.9


@cache
def _detector(long_text: bool = False, among: tuple[str, ...] = CANDIDATES) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in among]
    if long_text:
        return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(text: str, *, sample_chars: int, min_confidence: float, quick: bool = False) -> Detection:
    """Detect the language of ``text`` from its first ``sample_chars`` characters; ``quick``: with the
    trigram models alone, whatever the length (a paragraph of a document already detected:
    :mod:`pipeline.segments`).

    RETURNS (Detection): ``language`` is ``en``, ``es`` or ``other``; ``score`` is the detector's confidence
        in its best guess (0 when it has no guess, e.g. text without letters).
    """
    text = sample(text, sample_chars)
    words = common_words(text)
    values = _detector(quick or len(text) >= LONG_TEXT).compute_language_confidence_values(words)
    if not quick and len(text) >= LONG_TEXT and values and values[0].value < SURE:
        # Unsure: the full models decide between the three likeliest languages (loading only those).
        likeliest = tuple(sorted(v.language.iso_code_639_1.name.lower() for v in values[:3]))
        values = _detector(False, likeliest).compute_language_confidence_values(words)
    if not values:
        return Detection(language="other", score=0.0)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    routed = code in ROUTED and best.value >= min_confidence
    return Detection(language=code if routed else "other", score=round(best.value, 4), guess=code)


def route(text: str, *, forced: str, hint: str, sample_chars: int, min_confidence: float) -> Detection:
    """The language a document goes to: ``forced`` (``--lang``) first, then a record's own ``hint``
    (its ``language`` field: "es", "es-MX", "spa", "Spanish"...), then detection."""
    if forced != "auto":
        return Detection(language=forced, score=1.0, method="forced")
    if hint.strip():
        code = _HINTS.get(hint.strip().lower().replace("_", "-").split("-")[0], hint.strip().lower())
        return Detection(language=code if code in ROUTED else "other", score=1.0, method="record", guess=code)
    return detect(text, sample_chars=sample_chars, min_confidence=min_confidence)


_HINTS = {
    "en": "en", "eng": "en", "english": "en", "inglés": "en", "ingles": "en",
    "es": "es", "spa": "es", "spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
}  # fmt: skip


def common_words(text: str) -> str:
    """The lower-case words of ``text`` joined by spaces, or ``text`` itself if it has too few of them."""
    words = [w for w in _WORD.findall(text) if w[0].islower()]
    return " ".join(words) if len(words) >= MIN_COMMON_WORDS else text


def sample(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]
