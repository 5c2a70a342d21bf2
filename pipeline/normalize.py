"""Name cleanup: where a mention really starts and ends, how it is displayed, and how it is matched.

Three things are kept apart (followthemoney's ``clean_text`` / ``node_id`` / ``pick``):

* :func:`trim_bounds` / :func:`trim` narrow a raw span to the name inside it, by removing surrounding
  punctuation and quotes, leading lower-case words (articles, prepositions) and "the", leading titles and
  offices, and the English possessive. They only ever cut from the ends, so the result is a slice of the
  input and a mention's offsets keep indexing the original text.
* :func:`clean_name` turns that slice into the displayed name (Unicode NFC, collapsed whitespace).
* :func:`match_key` folds case, accents and punctuation so that spelling variants group together.

Which variant an entity displays is decided in :mod:`pipeline.aggregate`. Every function here is pure and
returns ``None`` for junk instead of raising.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pipeline.titles import LEADING_TITLES

_EDGE_PUNCT = "\"'“”‘’«»‹›„`´()[]{}<>-‐–—―,.;:¿?¡!*#•·/\\|_~+=%&^"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}

# A name starts with a capital, so leading lower-case words are grammar, not name: "la alcaldesa", "de
# Mexicali", "lleva a cabo Mesas". Capitalized articles stay ("Los Rusos", "El Paso", "La Paz"), except
# English "The", which news style keeps out of names.
_LEADING_WORD = re.compile(r"([^\W\d_]+)\s+")
# Capitalized only because they start a sentence or a credit: prepositions, conjunctions and adverbs that
# never begin a name ("Según Dáger", "After Clinton", "Foto: Cortesía Club Tijuana"). Articles are not here
# ("Los Angeles", "La Paz"), except English "the", which news style keeps out of names in any case.
_SENTENCE_WORDS = frozenset(
    """
    según desde para con en por tras ante hasta durante sobre entre hacia sin contra también además pero
    aunque cuando mientras como si ya hoy ayer allí aquí así donde este esta estos estas ese esa esos esas
    cortesía courtesy in at on for from with after before during since until by about but and or although
    when while as if yesterday today meanwhile however also this these those that the
    """.split()
)
# Names end with a capitalized word: trailing lower-case words ("Gobierno español", "Defensa Civil evacuó")
# and scores or numbers ("Real Madrid 83", "Kent 108-3", "Roberto Carlos 79th") are not part of them.
_TRAILING_WORD = re.compile(r"\s+(?:[^\W\d_]+|\d\S*)$")
#: A number sign at the end of a name's words: the number after it is part of the name ("District No. 2").
NUMBER_SIGN = re.compile(r"(?<![^\W_])(?:No|Núm|Num|Nº|N°)\.?$")
# An all-caps headline word glued before a name in normal case ("MOLUSCO Sevilla"); acronyms are shorter.
_HEADLINE_WORD = re.compile(r"[^\W\d_a-zà-ÿ]{5,}\s+(?=[A-ZÀ-ÖØ-Þ][a-zß-ÿ])")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])(?:['’]s|(?<=s)['’])$")
# A trailing dot belongs to abbreviations ("Inc.", "S.A.", "Jr."): keep it after short or dotted words.
_ABBREVIATION_END = re.compile(r"(?:\b[^\W\d_]{1,4}|\.[^\W\d_]+)\.$")


# The same spans recur (3 of 4 calls on the dev documents: a candidate's name is asked for by several rules,
# in passes over all of a document's candidates). Cached for one document (pipeline.analysis.analyse empties
# the cache first), with room for all of the spans of a dense 4 MB document: with room for 16,384, a long
# document's repeats came too far apart and missed (at 4 MB, 15 times the misses of 0.5 MB, not 8 times).
@functools.lru_cache(maxsize=1 << 17)
def trim_bounds(text: str, *, titles: bool = True) -> tuple[int, int] | None:
    """Locate the name inside a raw entity span.

    text (str): the span as it appears in the document.
    titles (bool): whether leading titles are trimmed: from people's names only, never from inside an
        organization's ("Attorney General's Office"); a span that is only a title is junk either way.
    RETURNS (tuple[int, int] | None): ``(start, end)`` such that ``text[start:end]`` is the name, or ``None``
        when nothing name-like is left (a bare title, punctuation, an empty string).
    """
    start, end = _first_line(text)
    while True:
        before = (start, end)
        start, end = _strip_edges(text, start, end)
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive:
            end = possessive.start()
        word = _LEADING_WORD.match(text, start, end)
        if word and (word.group(1).islower() or word.group(1).casefold() in _SENTENCE_WORDS):
            start = word.end()
        trailing = _TRAILING_WORD.search(text, start, end)
        last = trailing.group(0).strip() if trailing else ""
        # a number after a number sign stays: "Irrigation District No. 2"
        if (
            trailing
            and (last[0].isdigit() or last.islower())
            and not NUMBER_SIGN.search(text, start, trailing.start())
        ):
            end = trailing.start()
        headline = _HEADLINE_WORD.match(text, start, end)
        if headline:
            start = headline.end()
        title = LEADING_TITLES.match(text, start, end)
        if title and (title.end() == end or (titles and text[title.end()].isupper())):
            start = title.end()
        if (start, end) == before:
            break
    if start >= end or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def trim(text: str) -> str | None:
    """The name inside a raw span (see :func:`trim_bounds`), or ``None`` for junk."""
    bounds = trim_bounds(text)
    return None if bounds is None else text[bounds[0] : bounds[1]]


def clean_name(text: str) -> str | None:
    """Display form of a trimmed name: NFC, single spaces. ``None`` if it has no capital letter.

    Both languages write proper names capitalized, so an all-lowercase span is a common word, not a name.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not any(ch.isupper() for ch in name):
        return None
    return name


@functools.lru_cache(maxsize=1 << 16)  # the same names recur within and across documents
def match_key(name: str) -> str | None:
    """Case-, accent- and punctuation-folded key: "Martínez", "MARTINEZ" and "Martinez" share one.

    Hyphens and slashes separate words; other punctuation is dropped ("S.A." -> "sa", "O'Neil" -> "oneil").
    RETURNS (str | None): space-separated lowercase words, or ``None`` when no letter or digit is left.
    """
    if name.isascii():  # most names: no accents to strip
        folded = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[-‐–—/\\]", " ", folded)
    key = " ".join("".join(ch for ch in word if ch.isalnum()) for word in words.split())
    key = " ".join(key.split())
    return key or None


def _first_line(text: str) -> tuple[int, int]:
    """A name never crosses a line break: keep the first line of the span that has a letter in it."""
    offset = 0
    for line in text.split("\n"):
        if any(ch.isalpha() for ch in line):
            return offset, offset + len(line)
        offset += len(line) + 1
    return 0, len(text)


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    closer = _BRACKETS.get(text[start]) if end - start > 2 else None
    if closer and closer == text[end - 1] and not any(ch in "()[]{}" for ch in text[start + 1 : end - 1]):
        start, end = start + 1, end - 1  # "(PAN)" -> "PAN"
    while start < end and (text[start].isspace() or _strippable(text, start, end, leading=True)):
        start += 1
    while end > start and (text[end - 1].isspace() or _strippable(text, start, end, leading=False)):
        end -= 1
    return start, end


def _strippable(text: str, start: int, end: int, *, leading: bool) -> bool:
    ch = text[start] if leading else text[end - 1]
    if ch not in _EDGE_PUNCT:
        return False
    span = text[start:end]
    if ch in _BRACKETS:  # an opening bracket is kept when the span closes it: "Partido (PAN)"
        return _BRACKETS[ch] not in span[1:]
    if ch in _BRACKETS.values():
        opener = next(o for o, c in _BRACKETS.items() if c == ch)
        return opener not in span[:-1]
    if ch == "." and not leading:
        return _ABBREVIATION_END.search(span) is None
    return True


def contains_words(long: str, short: str) -> bool:
    """True when every word of ``short`` appears in ``long`` in the same order (not necessarily adjacent)."""
    words = iter(long.split())
    return all(word in words for word in short.split())
