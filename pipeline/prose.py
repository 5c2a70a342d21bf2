"""What a document's prose writes as names: its capitalized runs, read once, outside its style lines.

The *prose* is every line that is not a style line (:mod:`pipeline.stylelines`), where a capital is not
the style's. A *capitalized run* is a sequence of capitalized words with single spaces between ("U.S. Border
Patrol", "Tijuana"), each word without surrounding punctuation or a possessive ("Hobbs's" -> "Hobbs"); a run
that starts a sentence or line, or follows a dateline's dash ("SAN DIEGO — A Tijuana man"), loses its first
word when the document writes that word in lower case ("The", "A"). :func:`read_prose` reads them in one
pass, linear in the text's length, for :mod:`pipeline.headlines` to ask which words the prose writes as
names, and which together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.sentences import starts_clause
from pipeline.stylelines import StyleLine
from pipeline.textwords import TextWords


@dataclass(frozen=True, slots=True)
class Prose:
    """The capitalized runs of a document's prose (module docstring)."""

    alone: frozenset[str]  #: the words written as a run of one
    inside: frozenset[str]  #: the words of every run
    runs: frozenset[str]  #: the runs, with single spaces
    phrases: frozenset[str]  #: every piece of 2 to PHRASE_WORDS consecutive words of a run


#: The longest piece of a prose run that :attr:`Prose.phrases` keeps.
PHRASE_WORDS = 6


def read_prose(text: str, lines: list[StyleLine], words: TextWords) -> Prose:
    """The capitalized runs of ``text`` outside its style ``lines``, in one pass. A run that starts a
    clause, or follows a dash (a dateline's: "SAN DIEGO — A Tijuana man"), loses its first word when the
    document writes that word in lower case ("A", "The", "Border" of "Border Patrol agents said")."""
    found: list[tuple[list[str], bool]] = []  # each run, and whether it starts a clause
    done = 0
    for start, end, _ in (*lines, (len(text), len(text), "item")):
        run: list[str] = []
        after = -1  # where the run's last word ends, if nothing but its letters follows it in the chunk
        for match in TOKEN.finditer(text, done, start):
            core_start, core_end = word_core(text, match.start(), match.end())
            word = text[core_start:core_end]
            if not word[:1].isupper():
                run = []
                continue
            if run and not (text[after : match.start()] == " " and core_start == match.start()):
                run = []
            if not run:
                run = []
                at_start = starts_clause(text, core_start) or text[core_start - 2 : core_start] in _DASHES
                found.append((run, at_start))
            run.append(word)
            after = match.end() if core_end == match.end() else -1
        done = end
    alone: set[str] = set()
    inside: set[str] = set()
    runs: set[str] = set()
    for run, at_start in found:
        own = run[1:] if at_start and words.occurs(run[0].lower()) else run
        if not own:
            continue
        if len(own) == 1:
            alone.add(own[0])
        inside.update(own)
        runs.add(" ".join(own))
    phrases = {
        " ".join(words[i:j])
        for words in map(str.split, runs)
        for i in range(len(words))
        for j in range(i + 2, min(len(words), i + PHRASE_WORDS) + 1)
    }
    return Prose(frozenset(alone), frozenset(inside), frozenset(runs), frozenset(phrases))


_DASHES = ("— ", "– ", "- ")
#: A token of the text; :func:`word_core` finds its word.
TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'“”‘’«»¿¡()[]{},;:!?.…"
_POSSESSIVE = re.compile(r"['’]s?$")


def word_core(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of a token without surrounding punctuation and a possessive ("Hobbs's" -> "Hobbs"); an
    abbreviation with dots inside keeps its last one ("U.S.", not "Ariz.")."""
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    end = _strip_end(text, start, end)
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive is not None and possessive.start() > start:
        end = _strip_end(text, start, possessive.start())
    return start, end


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        if text[end - 1] == "." and _ABBREVIATION.fullmatch(text, start, end):
            break
        end -= 1
    return end


_ABBREVIATION = re.compile(r"(?:\w{1,2}\.){2,}")
