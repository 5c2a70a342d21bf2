"""Acronym definitions in news, "Instituto Nacional de Migración (INM)" or "el SAT (Servicio de
Administración Tributaria)", so that later bare mentions of an acronym can be read as the name they stand for.

Schwartz & Hearst (2003): the short form's letters, right to left, are found in order in the words before
the bracket, the first one starting a word, within min(|A| + 5, |A| * 2) words. Not the PyPI packages that
do it: ``abbreviations`` (2019; per line, no document offsets, raises on unbalanced brackets, no accent
folding, so it misses "INEGI") and ``abbreviation-extractor`` (UTF-8 byte offsets into its own cleaned
sentences) read neither "ACR (Long Form)" nor Spanish function words, and take the nearest start ("Aduanas
de México (ANAM)"). Adapted to Spanish and English news:

* accents are folded; function words ("de", "la", "of"...) do not count toward the word limit ("Fiscalía
  General del Estado de Baja California (FGE)") and give only their initial ("Texas Department of
  Transportation (TxDOT)", but not the "e" of "de");
* of the capitalized words that can start the long form, the one whose name initials give most of the
  letters wins, then a non-article, then the nearest, i.e. the shortest long form: "Agencia Nacional de
  Aduanas de México (ANAM)", yet "Agentes de la Fiscalía General de la República (FGR)" gives "Fiscalía
  General de la República"; an article starts it only when the acronym has its letter ("Los Angeles
  Police Department (LAPD)");
* the letters come from two words of a name or more (capitalized, not all capitals: "ESTAFA Sevilla
  (EFE)" is a headline and a dateline), the last word is a name's, and a short form with one capital
  ("Comar") needs two name initials, which keeps "Armen Martirosyan (Armenia)" out (and "Banxico" too);
* English news translates Spanish names but keeps their acronyms: "National Migration Institute (INM)" is
  taken when the last words' initials are the acronym's capitals in another order;
* the window stops at a sentence end, a line break, ":", ";", "!", "?", a dash, a bracket, or the acronym
  itself ("la aplicación CBP One, de la Oficina de Aduanas... (CBP, por sus siglas en inglés)").

A bracket costs bounded work (150 characters inside, 300 before), so :func:`definitions` is linear.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.normalize import match_key


@dataclass(frozen=True, slots=True, order=True)
class Definition:
    """An acronym and the name it stands for: character offsets into the text."""

    short_start: int
    short_end: int
    long_start: int
    long_end: int


_BRACKET = re.compile(r"\(([^()\n]{1,150})\)")
_SHORT = re.compile(r"[^\W\d_][\w.&/'’-]{1,9}")  # 2-10 characters, starting with a letter, no space
_BEFORE = re.compile(rf"(?<![\w.&/'’-])({_SHORT.pattern})\s*$")  # the "ACR" of "ACR (Long Form)"
_ROMAN, _DOUBLED = re.compile(r"[IVX]+"), re.compile(r"(?:([^\W\d_])\1\.\s?)+")  # "XXI"; "EE.UU."
_SHORT_END, _LONG_END = re.compile(r"[,;]"), re.compile(r"[,;:—]")
_ARTICLE = re.compile(r"(?:el|la|los|las|the)\s+", re.IGNORECASE)
_HARD_STOP = re.compile(r"[\n\r;:()\[\]{}!?¡¿|—]|\s–\s")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]{1,2}\.)+")  # "U.S.", "B.C.", "EE.UU.", "Dr.": no sentence end
_ALNUM, _SPACE, _WORD = re.compile(r"[^\W_]"), re.compile(r"\s"), re.compile(r"\S+")
_INITIAL, _NOT_LETTER = re.compile(r"(?<![\w'’])[^\W_]"), re.compile(r"[\W\d_]+")
_QUOTES, _TRAILING = "\"'“”‘’«»", ",;:\"'”’»–-"
_FUNCTION = frozenset(
    """de del la las el lo los y e o u a al en para por con contra sobre sin entre ante desde hasta según
    of the and for at in on to by from with an or""".split()
)
# Lower case without accents, one character for one so that positions are kept.
_FOLD = {i: unicodedata.normalize("NFD", chr(i))[0].lower() for i in range(0x250)}


def definitions(text: str) -> list[Definition]:
    """The acronym definitions in ``text``, sorted, at most one per bracket."""
    found = (_definition(text, match) for match in _BRACKET.finditer(text))
    return sorted(d for d in found if d is not None)


def aliases(text: str, found: Sequence[Definition], names: dict[tuple[int, int], str]) -> dict[str, str]:
    """``short form key -> name key`` for the acronyms defined in ``text`` (first definitions first) whose
    long form is one of the document's ``names`` (span -> key, disjoint): the name that ends where the long
    form does and starts there, or before it at a place (:func:`pipeline.spans.defined`). Their mentions
    are that name's: "CBP" is "U.S. Customs and Border Protection"."""
    ending = {end: (start, key) for (start, end), key in names.items()}
    found_aliases: dict[str, str] = {}
    for d in found:
        start, long_key = ending.get(d.long_end, (d.long_end, ""))
        short_key = match_key(text[d.short_start : d.short_end])
        if start <= d.long_start and long_key and short_key and short_key != long_key:
            found_aliases.setdefault(short_key, long_key)
    return found_aliases


def _letters(short: str) -> str | None:
    """The short form's letters and digits, folded, or None when it cannot be an acronym: it needs two
    capitals or a capital first ("Comar"); a Roman numeral alone ("II", "XXI") is not one. Spanish plurals
    double each initial: "EE.UU." stands for two words (Estados Unidos), not four."""
    if not _SHORT.fullmatch(short) or _ROMAN.fullmatch(short):
        return None
    if not (short[0].isupper() or sum(c.isupper() for c in short) >= 2):
        return None
    letters = "".join(c for c in short.translate(_FOLD) if c.isalnum())
    return letters[::2] if _DOUBLED.fullmatch(short) else letters


def _definition(text: str, match: re.Match[str]) -> Definition | None:
    """The definition a bracket gives, in either order, or None."""
    inner, content = match.start(1), match.group(1)
    head = _SHORT_END.split(content, maxsplit=1)[0]  # "(CBP, por sus siglas en inglés)"
    start, end = inner + len(head) - len(head.lstrip()), inner + len(head.rstrip())
    if article := _ARTICLE.match(text, start, end):  # "(El Colef)"
        start = article.end()
    short = text[start:end]
    letters = _letters(short)
    if letters is not None:  # "Long Form (ACR)"
        tokens = _window(text, match.start(), short, len(letters))
        span = _long_form(text, short, letters, tokens, False) or _translated(text, short, tokens)
        return Definition(start, end, *span) if span else None
    before = _BEFORE.search(text, max(0, match.start() - 12), match.start())
    letters = _letters(before.group(1)) if before else None
    if before is None or letters is None:
        return None
    # "ACR (Long Form)": the bracket up to any comma or stop, but for a leading article.
    cut = inner + len(_LONG_END.split(content, maxsplit=1)[0])
    tokens = [m.span() for m in _WORD.finditer(text, inner, cut)]
    if sum(_content_word(text[a:b]) for a, b in tokens) > min(len(letters) + 5, 2 * len(letters)):
        return None
    span = _long_form(text, before.group(1), letters, tokens, True)
    return Definition(before.start(1), before.end(1), *span) if span else None


def _content_word(token: str) -> bool:
    return token.strip(_QUOTES + ".,").lower() not in _FUNCTION and _ALNUM.search(token) is not None


def _window(text: str, bracket: int, short: str, n: int) -> list[tuple[int, int]]:
    """The words before a bracket that a long form may use: at most min(n + 5, 2n) content words, after
    the last stop and the acronym itself, within 300 characters (not a word cut by that limit)."""
    lo = max(0, bracket - 300)
    if lo:
        space = _SPACE.search(text, lo, bracket)
        lo = space.start() if space else bracket
    if stop := _HARD_STOP.search(text[lo:bracket][::-1]):  # the last one, found from the bracket back
        lo = bracket - stop.start()
    tokens: list[tuple[int, int]] = []
    content = 0
    for word in reversed(list(_WORD.finditer(text, lo, bracket))):
        token = word.group().rstrip(_QUOTES).lstrip(_QUOTES)
        if (token.endswith((".", "…")) and not _ABBREVIATION.fullmatch(token)) or token.rstrip(",") == short:
            break  # a sentence ends here, or the acronym is used before it is defined
        content += _content_word(token)
        if content > min(n + 5, 2 * n):
            break
        tokens.append(word.span())
    return tokens[::-1]


def _long_form(
    text: str, short: str, letters: str, tokens: list[tuple[int, int]], anchored: bool
) -> tuple[int, int] | None:
    """Where the long form for ``letters`` starts and ends among ``tokens`` (module docstring), or None.
    ``anchored``: it must start with the first word, or the one after an article."""
    if len(tokens) < 2:
        return None
    base, window = tokens[0][0], text[tokens[0][0] : tokens[-1][1]]
    starts = [a - base for a, _ in tokens]
    words = [text[a:b] for a, b in tokens]
    content = [_content_word(word) for word in words]
    heads = [m.start() if (m := _ALNUM.search(window, a - base, b - base)) else -1 for a, b in tokens]
    chars = list(window.translate(_FOLD))
    for k, (_, b) in enumerate(tokens):  # a function word gives its first letter only
        if not content[k] and heads[k] >= 0:
            chars[heads[k] + 1 : b - base] = " " * (b - base - heads[k] - 1)
    folded = "".join(chars)
    latest = []  # the paper's right-to-left walk: the last place each letter can match
    at = len(folded)
    for letter in reversed(letters):
        at = folded.rfind(letter, 0, at)
        if at < 0:
            return None
        latest.append(at)
    latest.reverse()
    # (not a name's, position) of the letters and digits that start a word or a part of one
    initials = [(not _named(window[m.start()]), m.start()) for m in _INITIAL.finditer(window)]
    mixed = sum(c.isupper() for c in short) < 2 and any(c.islower() for c in short)  # "Comar"
    best: tuple[int, bool, int] | None = None
    for k, q in enumerate(heads):
        if anchored and k > int(not content[0]):
            break
        if q < 0 or q > latest[0] or folded[q] != letters[0] or not window[q].isupper() or _shouted(words[k]):
            continue
        used, score = {k}, 1
        for letter, last in zip(letters[1:], latest[1:], strict=True):
            found = [(lower, p) for lower, p in initials if q < p <= last and folded[p] == letter]
            q = min(found)[1] if found else folded.find(letter, q + 1, last + 1)
            score += bool(found) and not min(found)[0]
            used.add(bisect.bisect_right(starts, q) - 1)
        named = sum(1 for w in used if _named(window[heads[w]]) and not _shouted(words[w]))
        if named >= 2 and score >= 1 + mixed and (best is None or (score, content[k], k) > best):
            best = (score, content[k], k)
    if best is None or not _named(words[-1].lstrip(_QUOTES)[:1]):
        return None
    return base + heads[best[2]], _end(text, tokens[-1][1])


def _translated(text: str, short: str, tokens: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A translated name: its last words' initials are the acronym's capitals in another order."""
    words = [(a + len(text[a:b]) - len(text[a:b].lstrip(_QUOTES)), b) for a, b in tokens]
    words = [(a, b) for a, b in words if _content_word(text[a:b])][-len(short) :]
    if not (short.isalpha() and short.isupper() and len(short) >= 3 and len(words) == len(short)):
        return None
    if sorted(text[a] for a, _ in words) != sorted(short) or _shouted(text[words[0][0] : words[0][1]]):
        return None
    return words[0][0], _end(text, words[-1][1])


def _shouted(word: str) -> bool:
    """All capitals, three letters or more: a headline or another acronym, not a word of a name."""
    letters = _NOT_LETTER.sub("", word)
    return len(letters) >= 3 and letters.isupper()


def _named(initial: str) -> bool:
    """A word of a name starts with a capital or a digit ("Grupo de los 20 (G20)")."""
    return initial.isupper() or initial.isdigit()


def _end(text: str, end: int) -> int:
    """The end of a long form, without trailing punctuation or an English possessive."""
    end -= text.endswith(("'s", "’s"), 0, end) * 2
    while end > 0 and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    return end
