"""People's names made whole, one of the span repairs of :func:`pipeline.spans.repair`.

The small models cut a person's name after the given names, run one span from a person into the
organization they belong to, and miss a name whose given name stands before a nickname. Two rules, each
linear in the text and naming no entity:

* :func:`person_and_organization`, after the spans are cut at separators: a person span that runs on into
  an organization ("Juan Pérez de la Dirección de Seguridad Pública") is cut into the person before the link
  ("de la", "del", "of the", "from"...) and the organization from its head word on;
* :func:`extend_people`, after long organization names are joined: a person span continues over up to three
  capitalized words right after it that are not everyday words, organization heads, countries, first-level
  divisions or titles ("Jesús Alexander" + "Sánchez Félix"), and over a nickname in quotes followed by a
  surname ("Joaquín" + "'El Chapo'" + "Guzmán"), which makes a lone given name the model typed otherwise a
  person too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pipeline import lexicons
from pipeline.extract import WORD, WORD_AFTER, Candidate, absorb, name_key
from pipeline.normalize import match_key
from pipeline.titles import is_title

_MEMBER_OF = re.compile(
    r"[ \t]+(?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|de|of[ \t]+the|of|from[ \t]+the|from)"
    rf"[ \t]+(?P<head>{WORD})"
)
_NICKNAME = re.compile(r"[ \t]+[\"“'‘«][A-ZÀ-ÖØ-Þ][^\"”'’»\n]{0,30}[\"”'’»][ \t]+(?=[A-ZÀ-ÖØ-Þ])")


def person_and_organization(text: str, candidate: Candidate) -> list[Candidate]:
    """A person span that runs on into an organization ("Juan Pérez de la Dirección de Seguridad Pública"):
    the person before the link, the organization from its head word on."""
    if candidate.type != "person":
        return [candidate]
    for link in _MEMBER_OF.finditer(text, candidate.start, candidate.end):
        if match_key(link.group("head")) in lexicons.ORG_HEADS and link.start() > candidate.start:
            person = replace(candidate, end=link.start())
            return [person, Candidate(link.start("head"), candidate.end, "organization", candidate.label)]
    return [candidate]


def extend_people(text: str, found: list[Candidate], is_common: Callable[[str], bool]) -> list[Candidate]:
    """People's names made whole again (the module docstring), over the spans they now cover.

    found: sorted, non-overlapping candidates. is_common: whether a word is an everyday word of the
    document's language. RETURNS (list[Candidate]): sorted and non-overlapping again.
    """
    extended: list[Candidate] = []
    i = 0
    while i < len(found):
        candidate = found[i]
        i += 1
        if candidate.type == "person" or _before_nickname(text, candidate):
            nickname = _NICKNAME.match(text, candidate.end)
            end = candidate.end
            for word in _words_after(text, nickname.end() - 1 if nickname else candidate.end):
                if not _surname_like(word.group("word"), is_common):
                    break
                end = word.end()
            if end > candidate.end:
                end, i = absorb(found, i, end)
                candidate = replace(candidate, end=end, type="person")
        extended.append(candidate)
    return extended


def _surname_like(word: str, is_common: Callable[[str], bool]) -> bool:
    key = match_key(word) or ""
    return not (
        is_common(word) or is_title(word) or key in lexicons.ORG_HEADS or key in lexicons.strong_places()
    )


def _words_after(text: str, position: int) -> list[re.Match[str]]:
    """Up to three capitalized words right after ``position``, each after one space or tab."""
    words: list[re.Match[str]] = []
    while len(words) < 3:
        word = WORD_AFTER.match(text, position)
        if not word or not word.group("word")[0].isupper() or word.group("word").endswith("."):
            break
        words.append(word)
        position = word.end()
    return words


def _before_nickname(text: str, candidate: Candidate) -> bool:
    """A given name the model typed otherwise, followed by a nickname in quotes ("Joaquín 'El Chapo'")."""
    words = (name_key(text, candidate) or "").split()
    return (
        len(words) == 1 and words[0] in lexicons.given_names() and bool(_NICKNAME.match(text, candidate.end))
    )
