"""Where a document writes each word: at a sentence start or inside a sentence, for the junk filter.

:func:`pipeline.junk.is_junk` asks, for a capitalized word at the start of a sentence, whether the
document writes it elsewhere in the middle of a sentence, or in lower case. :class:`TextWords` reads the text
once and answers each such question in constant time (searching the whole text for every such mention made
the analysis of a long document quadratic in its length).
"""

from __future__ import annotations

import functools
import re

from pipeline.sentences import CLAUSE_ENDS, OPENERS, starts_clause


class TextWords:
    r"""Which words a document writes, and where, read once, so that the junk filter asks about the whole
    text in constant time per mention.

    A word is found where ``re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)`` finds it. For a word of
    letters and digits only (``\w+``, nearly every one) those are the text's ``\w+`` runs equal to it, so two
    sets answer: the runs, and the runs written somewhere not at a sentence start (:func:`starts_clause`),
    each found by one regular expression over the text. Any other word ("U.S.", "Jean-Pierre") lies inside
    one whitespace-free chunk of the text wherever it is found, so it is looked for, once, in the distinct
    chunks that have its rarest run; a chunk is read with where it was seen, which decides whether a word at
    its start starts a sentence.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, tuple[bool, bool]] = {}

    def occurs(self, word: str) -> bool:
        """True when ``word`` is written in the text as a whole word (not part of a longer one)."""
        if _WORD.fullmatch(word):
            return word in self._words
        return self._search(word)[0]

    def occurs_mid_sentence(self, word: str) -> bool:
        """True when ``word`` is written in the text as a whole word somewhere not at a sentence start."""
        if _WORD.fullmatch(word):
            return word in self._words_inside
        return self._search(word)[1]

    @functools.cached_property
    def _words(self) -> set[str]:
        return _distinct(_WORD, self.text)

    @functools.cached_property
    def _words_inside(self) -> set[str]:
        return _distinct(_WORD_INSIDE, self.text)

    @functools.cached_property
    def _chunks(self) -> dict[str, int]:
        """Each distinct whitespace-free chunk of the text with a character other than a letter or digit ->
        where it was seen: ``_AT_START | _INSIDE``."""
        chunks: dict[str, int] = {}
        for match in _MIXED_CHUNK.finditer(self.text):
            seen = _AT_START if starts_clause(self.text, match.start()) else _INSIDE
            chunks[match.group()] = chunks.get(match.group(), 0) | seen
        return chunks

    @functools.cached_property
    def _chunks_with(self) -> dict[str, list[str]]:
        """Each run (of letters and digits) -> the distinct chunks of :attr:`_chunks` that have it."""
        having: dict[str, list[str]] = {}
        for chunk in self._chunks:
            for run in set(_WORD.findall(chunk)):
                having.setdefault(run, []).append(chunk)
        return having

    def _search(self, word: str) -> tuple[bool, bool]:
        """(anywhere, somewhere not at a sentence start) for a word that is not one run, remembered."""
        if word not in self._found:
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            runs = _WORD.findall(word)
            if not runs or any(c.isspace() for c in word):  # no run in it, or not within one chunk: rare
                starts = [m.start() for m in pattern.finditer(self.text)]
                inside = any(not starts_clause(self.text, s) for s in starts)
                self._found[word] = (bool(starts), inside)
            else:  # each of its runs is a whole run of every chunk that has it
                chunks = min((self._chunks_with.get(run, []) for run in runs), key=len)
                found = [(c, m.start()) for c in chunks for m in pattern.finditer(c)]
                inside = any(_inside_sentence(c, offset, self._chunks[c]) for c, offset in found)
                self._found[word] = (bool(found), inside)
        return self._found[word]


_WORD = re.compile(r"\w+")
_OPENER = "[" + re.escape(OPENERS) + "]"
_NOT_OPENER_OR_END = "[^" + re.escape(OPENERS + CLAUSE_ENDS) + "]"
_NOR_WORD = "[^\\w" + re.escape(OPENERS + CLAUSE_ENDS) + "]"
# A run not at a sentence start: after openers that follow another character than a sentence end, or right
# after a character that is neither a letter or digit, an opener nor a sentence end.
_WORD_INSIDE = re.compile(rf"(?:(?<={_NOT_OPENER_OR_END}){_OPENER}+|(?<={_NOR_WORD}))(\w+)")
_MIXED_CHUNK = re.compile(r"(?<!\S)(?=\S*?[^\w\s])\S+")
_AT_START, _INSIDE = 1, 2


def _distinct(pattern: re.Pattern[str], text: str, window: int = 1 << 20) -> set[str]:
    """The distinct matches of ``pattern`` (at most one group) in ``text``, read a window at a time, each
    ending where a run does (a list of all the words of a 50 MB text would take half a gigabyte)."""
    found: set[str] = set()
    start = 0
    while start < len(text):
        cut = _WORD.search(text, start + window)
        end = cut.end() if cut else len(text)
        found.update(pattern.findall(text, start, end))
        start = end
    return found


def _inside_sentence(chunk: str, offset: int, seen: int) -> bool:
    """Whether a word at ``offset`` of ``chunk`` is, somewhere the chunk was ``seen``, not at a sentence
    start: as :func:`starts_clause` says within the chunk, or where the chunk was seen at its start."""
    i = offset
    while i > 0 and chunk[i - 1] in OPENERS:
        i -= 1
    return chunk[i - 1] not in CLAUSE_ENDS if i > 0 else bool(seen & _INSIDE)
