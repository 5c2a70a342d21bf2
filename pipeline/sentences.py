"""Sentences, defined once: where one ends, and whether a word is capitalized only by where it stands.

* :func:`breaks`: where a sentence ends and the next one starts. The context shown with a mention is its
  sentence (:func:`context`), and a text too long for the model is cut at the last one in
  a window (:func:`pipeline.models.split_long`). A sentence ends at a line break, or at ".", "!", "?" or "…"
  (with any closing quotes or brackets) followed by white space and a capital or a digit (after any
  opening quotes or brackets), unless the stop ends an initial ("Lyndon B. Johnson") or an abbreviated
  title ("Sr. Pérez", "Gov. Katie Hobbs").
* :func:`starts_clause`: whether a word stands where any word is capitalized: at the start of the text or
  a line, or after a sentence end, a colon or a semicolon, with only opening quotes, brackets, dashes or
  bullets between. The junk filter and the sentence-initial article rule ask it
  (:mod:`pipeline.evidence`), and :mod:`pipeline.textwords` answers it for a whole document at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.titles import TITLES

#: What may stand between a sentence or clause end and the next word: quotes, brackets, dashes, spaces.
OPENERS = "\"'“‘«¿¡(-–—•* \t"
#: What ends a sentence or clause for :func:`starts_clause` ("|" separates a line's fields: "By X | Foto: Y").
CLAUSE_ENDS = ".!?:;|\n"


def starts_clause(text: str, start: int) -> bool:
    """True when ``text[start:]`` starts the text, a line, a sentence or a clause (module docstring)."""
    i = start
    while i > 0 and text[i - 1] in OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in CLAUSE_ENDS


def breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentence breaks in ``text[start:end]``, in order, each as ``(where a sentence ends, where the
    next starts)``: the end is after the stop and any closing quote or bracket, or at the line break. A
    break is only seen with the next sentence's first character before ``end``."""
    for match in _BREAK.finditer(text, start, end):
        stop = match.group("stop")
        if not stop:
            yield match.start(), match.end()
        elif not _abbreviation_before(text, match.start()):
            yield match.end("stop"), match.end()


# Tried only at the first stop of a run, and possessive: a long run of stops costs its length once.
_BREAK = re.compile(
    r"(?<![.!?…])(?P<stop>[.!?…]++[\"'”’»)\]]*+)(?=\s++[\"'“‘«¿¡(\[]*+[A-ZÀ-ÖØ-Þ0-9])\s+|\n\s*"
)
#: Abbreviated titles that a capitalized name follows ("sr.", "gov.", "lt."), without their dot.
_ABBREVIATIONS = frozenset(t[:-1] for title in TITLES for t in title.split() if t.endswith("."))


def _abbreviation_before(text: str, stop: int) -> bool:
    """True when the word ending at ``stop`` is an initial ("B") or an abbreviated title ("Sr")."""
    i = stop
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    word = text[i:stop]
    return (len(word) == 1 and word.isupper()) or word.casefold() in _ABBREVIATIONS


def context(text: str, start: int, end: int, *, max_chars: int) -> str:
    """The sentence around ``text[start:end]``, at most ``max_chars`` on each side, on one line."""
    left_limit = max(0, start - max_chars)
    right_limit = min(len(text), end + max_chars)
    left_limit = _word_boundary(text, left_limit, forward=True, stop=start)
    right_limit = _word_boundary(text, right_limit, forward=False, stop=end)
    # The break right before a sentence-initial mention is only seen with the mention's own capital in reach.
    left = max((b for _, b in breaks(text, left_limit, end) if b <= start), default=left_limit)
    right = next((a for a, _ in breaks(text, end, right_limit)), right_limit)
    snippet = " ".join(text[left:right].split())
    prefix = "…" if left == left_limit and left > 0 else ""
    suffix = "…" if right == right_limit and right < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


def _word_boundary(text: str, position: int, *, forward: bool, stop: int) -> int:
    """Move a window edge off the middle of a word (towards the mention, never past ``stop``)."""
    if position in (0, len(text)) or text[position - 1].isspace() or text[position].isspace():
        return position
    space = text.find(" ", position, stop) if forward else text.rfind(" ", stop, position)
    return position if space < 0 else (space + 1 if forward else space)
