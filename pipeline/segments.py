"""Which parts of a document are in which language: the segments that each go to their own model.

Border news mixes languages: an English article quotes a Spanish statement, a Spanish page carries an
English communiqué, a bilingual outlet prints both versions one after the other. :func:`segments` cuts a
document's text into **blocks** — its lines (paragraphs, and the lines of a block without blank lines), a
line over ``LONG_BLOCK`` characters at its sentence ends — and gives each one a language:

* A block with fewer than ``MIN_WORDS`` lower-case words (a heading, a list item "- Nopal de jardín", a
  byline, a name, a number) says too little about its language: a list item takes the language of the
  block before it (the list goes on), anything else that of the next block that says enough (a heading
  belongs to what follows it), else of the one before, else the document's.
* A block whose words are clearly the document's language (:func:`_clearly`: its function words — "the",
  "and", "which"; "los", "más": :func:`function_words`, the most frequent words of a language that are
  rare in the other candidate languages — or its everyday words) is that language without asking the
  detector: so a single-language document costs about what it cost before segments.
* Any other block is read alone by the language detector (:func:`pipeline.language.detect`, its trigram
  models: fast, and sure enough on a paragraph): ``en``, ``es``, or ``other`` (a third language, or no
  confident answer). It changes language from the document's
  only when the detector is at least ``SWITCH_CONFIDENCE`` sure; otherwise it keeps the document's.

Consecutive blocks of one language, with the text between them, are one :class:`~pipeline.records.Segment`;
the segments cover the text in order. A document whose blocks are all one language is one segment. A run
of another language than the document's, of fewer than ``MIN_RUN_WORDS`` lower-case words in all, is taken
back into the language around it: a lone short sentence is more often misread than written in another
language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline import language, lexicons, prebuilt, sentences
from pipeline.records import Detection, Segment, shares

#: A line longer than this is cut at its sentence ends into blocks.
LONG_BLOCK = 2_000
#: Fewest lower-case words for a block to be read on its own.
MIN_WORDS = 5
#: Fewest function words of the document's language for a block to be taken as it without the detector...
CLEAR_VOTES = 2
#: ... and at least this many times another language's function words in the block.
OUTVOTE = 3
#: Without function words of another language: the least share of a block's lower-case words that are
#: everyday words of the document's language, and by how much more than of the other routed language's.
COMMON_SHARE, COMMON_MARGIN = 0.9, 0.3
#: Least detector confidence for a block to change language from the document's.
SWITCH_CONFIDENCE = 0.9
#: Fewest lower-case words in all for a run of blocks to be in another language than its neighbours'.
MIN_RUN_WORDS = 8
#: How many of a language's most frequent words are candidates for its function words, and how many times
#: more frequent than in every other candidate language each must be (wordfreq's Zipf scale: 1.0 is 10×).
FUNCTION_WORDS, DISTINCT_ZIPF = 150, 1.0

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–—·]|\d{1,3}[.)])[ \t]")
_LOWER_WORD = re.compile(r"\b[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]+")


def detect(text: str, *, sample_chars: int, min_confidence: float) -> Detection:
    """The document's language and segments: the language of its first ``sample_chars`` characters
    (:func:`pipeline.language.detect`), then :func:`split`."""
    found = language.detect(text, sample_chars=sample_chars, min_confidence=min_confidence)
    return split(text, found, min_confidence=min_confidence)


def split(text: str, detection: Detection, *, min_confidence: float) -> Detection:
    """``detection`` (of the document's first characters) with the document's :func:`segments`, and with
    the language of the largest share of its text as the document's."""
    found = segments(text, detection.language, min_confidence=min_confidence)
    return replace(detection, language=next(iter(shares(found))), segments=found)


def segments(text: str, document: str, *, min_confidence: float) -> tuple[Segment, ...]:
    """The language segments of ``text``, in order, covering it; ``document`` is the language the whole
    document was detected in (``en``, ``es`` or ``other``), the default of every block that says too
    little."""
    blocks = list(_blocks(text))
    if not blocks:
        return (Segment(0, len(text), document),)
    words = [[w.casefold() for w in _LOWER_WORD.findall(text, start, end)] for start, end in blocks]
    said = [
        _language(text[start:end], found, document, min_confidence)
        for (start, end), found in zip(blocks, words, strict=True)
    ]
    items = [_LIST_ITEM.match(text, start) is not None for start, _ in blocks]
    languages = _fill(said, items, document)
    languages = _absorb_short_runs(languages, [len(found) for found in words], document)
    starts: list[tuple[int, str]] = []  # where each run of one language starts (the first at 0)
    for (start, _), lang in zip(blocks, languages, strict=True):
        if not starts or starts[-1][1] != lang:
            starts.append((start if starts else 0, lang))
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return tuple(Segment(start, end, lang) for (start, lang), end in zip(starts, ends, strict=True))


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Each non-blank line as ``(start, end)``; a line over ``LONG_BLOCK`` characters cut at sentence
    ends."""
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.span()
        if not text[start:end].strip():
            continue
        if end - start <= LONG_BLOCK:
            yield start, end
            continue
        for stop, following in sentences.breaks(text, start, end):
            if stop > start:
                yield start, stop
            start = following
        if start < end:
            yield start, end


def _language(block: str, words: list[str], document: str, min_confidence: float) -> str | None:
    """A block's own language, or ``None`` when it says too little (``words``: its lower-case words)."""
    if len(words) < MIN_WORDS:
        return None
    if _clearly(document, words):
        return document
    found = language.detect(block, sample_chars=len(block), min_confidence=min_confidence, quick=True)
    if found.language != document and found.score < SWITCH_CONFIDENCE:
        return document
    return found.language


def _clearly(document: str, words: list[str]) -> bool:
    """Whether a block's lower-case words are clearly the document's language, without the detector: its
    function words are the document language's (``CLEAR_VOTES`` or more, and ``OUTVOTE`` times any other
    language's), or, with no function word of another language, nearly all of them (``COMMON_SHARE``) are
    everyday words of the document's language and far fewer of the other routed language's."""
    table = _function_word_languages()
    if document not in language.ROUTED:
        return False
    votes = Counter(lang for lang in map(table.get, words) if lang is not None)
    own = votes.pop(document, 0)
    others = max(votes.values(), default=0)
    if own >= CLEAR_VOTES and own >= OUTVOTE * others:
        return True
    if others:
        return False
    other = next(lang for lang in language.ROUTED if lang != document)
    share = sum(lexicons.is_common_word(w, document) for w in words) / len(words)
    theirs = sum(lexicons.is_common_word(w, other) for w in words) / len(words)
    return share >= COMMON_SHARE and share - theirs >= COMMON_MARGIN


def _fill(said: list[str | None], items: list[bool], document: str) -> list[str]:
    """Every block that said nothing takes a neighbour's language: a list item the one before it (the list
    goes on), anything else (a heading, a byline) the next block that said something, else the last."""
    filled = list(said)
    for position, item in enumerate(items):
        if filled[position] is None and item and position:
            filled[position] = filled[position - 1]
    following: str | None = None
    for position in reversed(range(len(filled))):
        filled[position] = filled[position] or following
        following = filled[position]
    last = document
    result = []
    for lang in filled:
        last = lang or last
        result.append(last)
    return result


def _absorb_short_runs(languages: list[str], words: list[int], document: str) -> list[str]:
    """Runs of another language than the document's and than both neighbouring runs' (or the one
    neighbour's), with fewer than ``MIN_RUN_WORDS`` lower-case words, take their neighbours' language."""
    runs: list[tuple[str, int, int]] = []  # language, first block, end block
    for position, lang in enumerate(languages):
        if runs and runs[-1][0] == lang:
            runs[-1] = (lang, runs[-1][1], position + 1)
        else:
            runs.append((lang, position, position + 1))
    result = list(languages)
    for index, (lang, first, end) in enumerate(runs):
        before = runs[index - 1][0] if index else None
        after = runs[index + 1][0] if index + 1 < len(runs) else None
        around = {n for n in (before, after) if n is not None}
        short = sum(words[first:end]) < MIN_RUN_WORDS
        if len(around) == 1 and lang != document and lang not in around and short:
            result[first:end] = [around.pop()] * (end - first)
    return result


@cache
def _function_word_languages() -> dict[str, str]:
    """Each function word with its language (a word is ten times more frequent in one language than in any
    other only in one)."""
    return {word: lang for lang in language.CANDIDATES for word in function_words(lang)}


@cache
def function_words(lang: str) -> frozenset[str]:
    """The function words of a candidate language: among its ``FUNCTION_WORDS`` most frequent words, those
    at least ten times (``DISTINCT_ZIPF``) more frequent in it than in any other candidate language
    (wordfreq): "the", "and", "which"; "los", "más", "pero" (not "de", "que", "el": Catalan, French or
    Portuguese have them too)."""

    def build() -> list[str]:
        from wordfreq import top_n_list, zipf_frequency

        others = [o for o in language.CANDIDATES if o != lang]
        return sorted(
            w
            for w in top_n_list(lang, FUNCTION_WORDS)
            if w.isalpha()
            and zipf_frequency(w, lang) - max(zipf_frequency(w, o) for o in others) >= DISTINCT_ZIPF
        )

    listed = prebuilt.stored(
        f"function-words-{lang}", build, packages=("wordfreq",), sources=(Path(__file__),)
    )
    return frozenset(listed)
