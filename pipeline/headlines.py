"""Which capitalized words on headline-style lines and list items are names, for the per-document analysis.

On a title-case headline ("Tijuana Man Pleads Guilty in Fentanyl Case") every word of four letters or more
is capitalized by the style, and in a short list item ("- Vecino Vigilante", "• Maguey Azul") or heading
("Medio Ambiente") by the layout: the capital says nothing there, and the model, which reads capitals as
names, tags runs like "Tijuana Man Pleads Guilty", "Patrol Says" or "Sonoran Weaving".
:mod:`pipeline.stylelines` finds such lines, telling them from those whose capitals count (sentences,
all-caps lines, datelines, bylines, signatures, results and tables); :func:`name_part` decides, for a span
on one, which of its words are names. Everything else is left alone.

**Evidence** comes from the document's *prose*, every line that is not a style line, read once
(:mod:`pipeline.prose`). A *capitalized run* there is a sequence of capitalized words with single spaces
between ("U.S. Border Patrol", "Tijuana"); a run that starts a sentence or line, or follows a dateline's
dash, loses its first word when the document writes that word in lower case ("The", "A"). A capitalized
word of a span on a style line is then (:meth:`Layout.word`), in this order:

1. a **name** word when the prose writes it as a run of its own ("from Tijuana through");
2. when the document writes it in lower case ("fentanyl", "border"): a **part** word if a prose run has it
   ("Border" of "U.S. Border Patrol"), else an **everyday** word;
3. a **name** word when it is a known country or first-level division ("Georgia");
4. when it is an everyday word of the language (:func:`pipeline.lexicons.is_common_word`, wordfreq Zipf
   >= 3; a hyphenated word when all its parts are: "Cross-Border"): a **part** word if a prose run has it
   ("Rising" of "Phoenix Rising FC"), else an **everyday** word ("Pleads", "Guilty");
5. a rare word: a **name** word if a prose run has it or it is a known place ("Xolos", "Tecate"), else an
   **everyday** word: a rare word seen only on style lines proves nothing, and is more often a plant, a
   demonym or a verb than a name ("Maguey", "Oaxacan", "Infighting", "Reshapes").

Lower-case words ("of", "de", "and") are connectors: inside a name, never at its edge. A place's head word
first or tail word last (:data:`pipeline.lexicons.PLACE_HEADS`, ``PLACE_TAILS``) and the capitalized word
next to it are name words: together they name a place ("Calle Reforma", "Mariposa Road").

**A span on a style line** is then:

* kept whole, as the model gave it, when it is a known place of several words or a known country or
  division ("South Korea" in a fixtures list), or an organization's name: an organization head word
  (:data:`pipeline.lexicons.ORG_HEADS`) last after a name or part word ("Sinaloa Cartel"), or followed by
  a connector and one ("National Bank of Poland"), or first in a list item and followed by another
  capitalized word ("- Guardia Nacional"); or a legal form or club abbreviation last
  (:data:`pipeline.lexicons.ORG_SUFFIXES`) after a capitalized word ("Bear Stearns & Co Inc");
* otherwise cut: everyday words and connectors go from both edges ("Tijuana Man Pleads Guilty" ->
  "Tijuana", "Tucson Exhibit Brings Oaxacan" -> "Tucson"), and the span is **dropped** (``None``) when
  - no name or part word is left ("Fentanyl Pills", "Cross-Border Trade Through", "- Sendero Seguro");
  - an everyday word stays inside ("Xolos Edge San Diego", "Sheinbaum Meets Biden"). Such a span
    is the model reading capitals across a headline, not one name, so its label says nothing of either
    part. It is dropped rather than split: a part that is a name is nearly always named again in the
    body, where its label can be trusted (and :func:`name_part` returns one span);
  - only demonyms are left ("Sonoran" of "Sonoran Weaving"): a known place plus "-n", "-an" or "-ian"
    ("Oaxacan", "Mexican", "Brazilian") is an adjective, not a person, organization or location;
  - only part words are left, and either the span was cut and the prose never writes what is left as a
    run of its own ("Patrol" of "Patrol Says", "Phoenix Rising" of "Phoenix Rising Held": a piece of a
    longer name), or it was not cut and no prose run has those words together.

Reading the lines and the prose is linear in the text's length, and each span costs its own length.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Literal

from pipeline import lexicons
from pipeline.normalize import match_key
from pipeline.prose import TOKEN, Prose, read_prose, word_core
from pipeline.stylelines import Kind, StyleLine, style_lines
from pipeline.textwords import TextWords

#: What a capitalized word on a style line is (module docstring).
WordKind = Literal["name", "part", "everyday"]


class Layout:
    """A document's style lines, and what its prose says about their words, read once per document (linear
    in its length); :func:`name_part` asks it about each span.

    words: ``TextWords(text)`` when the caller has it already (built here otherwise).
    """

    def __init__(self, text: str, words: TextWords | None = None) -> None:
        self.text = text
        self.words = TextWords(text) if words is None else words
        self.lines = style_lines(text)
        self._starts = [line[0] for line in self.lines]
        self._kinds: dict[tuple[str, str], WordKind] = {}

    def line_at(self, start: int, end: int) -> StyleLine | None:
        """The style line that holds ``text[start:end]`` whole, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.lines[i][0] <= start and end <= self.lines[i][1]:
            return self.lines[i]
        return None

    @functools.cached_property
    def prose(self) -> Prose:
        """What the prose writes as capitalized runs, read on first use."""
        return read_prose(self.text, self.lines, self.words)

    def word(self, word: str, language: str) -> WordKind:
        """What a capitalized ``word`` on a style line is (module docstring)."""
        kind = self._kinds.get((word, language))
        if kind is None:
            kind = self._kinds[(word, language)] = self._word(word, language)
        return kind

    def _word(self, word: str, language: str) -> WordKind:
        prose = self.prose
        if word in prose.alone:
            return "name"
        part: WordKind = "part" if word in prose.inside else "everyday"
        if word.lower() != word and self.words.occurs(word.lower()):
            return part
        key = match_key(word)
        if key in lexicons.strong_places():
            return "name"
        pieces = [piece for piece in re.split(r"[-‐]", word) if piece]
        if all(lexicons.is_common_word(piece, language) for piece in pieces):
            return part
        return "name" if word in prose.inside or key in lexicons.places() else "everyday"


def _described(text: str, end: int, line_end: int) -> bool:
    """True when the rest of the line after a span is lower-case words ("común", "de jardín")."""
    rest = text[end:line_end].split()
    return bool(rest) and all(word[0].islower() for word in rest)


def name_part(text: str, start: int, end: int, layout: Layout, language: str) -> tuple[int, int] | None:
    """``text[start:end]`` narrowed to its name words when it lies on a style line, ``None`` when no name
    is left there (module docstring); unchanged anywhere else.

    layout: ``Layout(text)``, built once per document; language: the span's language ("en", "es").
    """
    line = layout.line_at(start, end)
    if line is None:
        return (start, end)
    key = match_key(text[start:end])
    if key and (key in lexicons.strong_places() or (" " in key and key in lexicons.places())):
        return (start, end)
    if line[2] == "item" and _described(text, end, line[1]) and text[start:end] not in layout.prose.inside:
        return None  # "- Palma común": an item's first word, capitalized by its place, then a description
    tokens = [word_core(text, m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
    tokens = [(s, e) for s, e in tokens if s < e]
    kinds = [layout.word(text[s:e], language) if text[s].isupper() else None for s, e in tokens]
    _place_words(text, tokens, kinds)
    named = [kind in ("name", "part") for kind in kinds]
    if tokens and _organization(text, tokens, named, line[2]):
        return (start, end)  # an organization's name: "Bear Stearns & Co Inc", "National Bank of Poland"
    if not any(named):
        return None
    first = named.index(True)
    last = len(named) - 1 - named[::-1].index(True)
    if "everyday" in kinds[first : last + 1]:
        return None  # an everyday capitalized word inside: not one name
    kept = [(text[s:e], kind) for (s, e), kind in zip(tokens, kinds, strict=True) if kind in ("name", "part")]
    if all(_demonym(word) for word, _ in kept):
        return None
    new_start, new_end = tokens[first][0], tokens[last][1]
    if all(kind == "part" for _, kind in kept):
        phrase = " ".join(text[new_start:new_end].split())
        prose = layout.prose
        if first > 0 or last < len(tokens) - 1:
            if phrase not in prose.runs:
                return None  # a piece of a longer name that the model cut
        elif phrase not in prose.inside and phrase not in prose.phrases:
            return None  # words the prose never writes together as (part of) a name
    return (new_start, new_end)


def _place_words(text: str, tokens: list[tuple[int, int]], kinds: list[WordKind | None]) -> None:
    """A place's head word first and a capitalized word after it, or a capitalized word and a place's tail
    word last, are name words: together they name a place, as a map writes it ("Calle Reforma", "Lake
    Tahoe", "Mariposa Road", "Morley Gate Crossing")."""
    if len(tokens) < 2:
        return
    if kinds[0] and kinds[1] and match_key(text[slice(*tokens[0])]) in lexicons.PLACE_HEADS:
        kinds[0] = kinds[1] = "name"
    if kinds[-1] and kinds[-2] and match_key(text[slice(*tokens[-1])]) in lexicons.PLACE_TAILS:
        kinds[-1] = kinds[-2] = "name"


def _organization(text: str, tokens: list[tuple[int, int]], named: list[bool], kind: Kind) -> bool:
    """A span with an organization head word (:data:`pipeline.lexicons.ORG_HEADS`): last, after a name or
    part word ("Sinaloa Cartel"); followed by a connector and a name or part word ("Bank of Poland"); or,
    in a list item, first and followed by another capitalized word ("Guardia Nacional", "Secretaría de
    Marina"): an item is a label, and one that starts with such a word names an organization. Or a span
    that ends with a legal form or club abbreviation (:data:`pipeline.lexicons.ORG_SUFFIXES`) after a
    capitalized word ("Bear Stearns & Co Inc", "San Diego FC"): those end only organizations' names."""
    heads = [match_key(text[s:e]) in lexicons.ORG_HEADS for s, e in tokens]
    if heads[-1] and any(named[:-1]):
        return True
    if match_key(text[slice(*tokens[-1])]) in lexicons.ORG_SUFFIXES:
        return any(text[s].isupper() for s, _ in tokens[:-1])
    if kind == "item" and heads[0] and any(text[s].isupper() for s, _ in tokens[1:]):
        return True
    return any(heads[i] and text[tokens[i + 1][0]].islower() and named[i + 2] for i in range(len(tokens) - 2))


def _demonym(word: str) -> bool:
    """A word made from a known place name by "-n", "-an" or "-ian" ("Oaxacan", "Mexican", "Brazilian"),
    that is not a place or a given name itself."""
    key = match_key(word)
    if not key or not key.endswith("n") or key in lexicons.places() or key in lexicons.given_names():
        return False
    stems = (key[:-1], key[:-2] + "o", key[:-3], key[:-3] + "a", key[:-2])
    return any(len(stem) >= 4 and stem in lexicons.places() for stem in stems)
