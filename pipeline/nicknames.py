"""Nicknames that news gives right after a person's name: "Sergio Valenzuela Ríos, 31, also known as "El
Tigre"", "Jesús Ruelas Meza, alias "el Güero", de 34 años", "Ismael Zambada, apodado "El Mayo"".

Such a nickname is a person's name whatever the model made of it ("El Tigre" as an organization, "Güero"
as a second person, or nothing), and it is the same person: :func:`spans` gives the nickname as a person
span (label ``NICKNAME``), :func:`aliases` maps its key to the person's, as :func:`pipeline.acronyms.aliases`
maps an acronym's to its long form's. Read from the text alone: the cue words and the quotes or capitals
around the nickname, right after a person span (and at most one short aside between commas: an age, "de 34
años").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.extract import CAPITALIZED, Candidate

_CUE = (
    r"(?:also[ \t]+|better[ \t]+|mejor[ \t]+)?(?:known[ \t]+as|conocid[oa]s?[ \t]+como)"
    r"|a\.?k\.?a\.?|nicknamed|alias|apodad[oa]"
    r"|(?:a[ \t]+quien|al[ \t]+que)[ \t]+(?:apodan|llaman|conocen[ \t]+como)"
)
_ARTICLE = r"(?:(?i:el|la|los|las|the)[ \t]+)"
_NICK = rf"{_ARTICLE}?(?:{CAPITALIZED})(?:[ \t]+\d+)?"
#: After a person's span: an optional aside between commas, the cue, then the nickname, in quotes (a comma or
#: period may close inside them, as American style writes: "El Tigre,") or bare when it is capitalized.
_NICKNAME = re.compile(
    rf"(?:,[ \t]*[^,\n\"“”«»()]{{1,25}})?,?[ \t]+(?i:{_CUE})[ \t]*:?[ \t]*"
    rf"(?:(?P<open>[\"“«‘'])(?P<quoted>{_NICK})[,.]?[\"”»’']|(?P<bare>{_NICK})(?![^\W\d_]))"
)


def spans(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """The nicknames given right after the person spans of ``found`` (sorted, disjoint), as person spans."""
    return [Candidate(start, end, "person", "NICKNAME") for _, (start, end) in _nicknames(text, found)]


def aliases(text: str, found: Sequence[Candidate], names: dict[tuple[int, int], str]) -> dict[str, str]:
    """``nickname key -> person key`` for the nicknames of ``found`` (the candidates once :func:`spans` are
    merged in) whose person and nickname are both among the document's ``names`` (span -> key); the first
    person a nickname is given to keeps it."""
    found_aliases: dict[str, str] = {}
    for person, nickname in _nicknames(text, found):
        person_key, nickname_key = names.get(person), names.get(nickname)
        if person_key and nickname_key and person_key != nickname_key:
            found_aliases.setdefault(nickname_key, person_key)
    return found_aliases


def _nicknames(text: str, found: Sequence[Candidate]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``(person span, nickname span)`` for each person span of ``found`` that a nickname follows."""
    pairs = []
    for candidate in found:
        if candidate.type != "person" or candidate.label == "NICKNAME":
            continue
        match = _NICKNAME.match(text, candidate.end)
        if match is None:
            continue
        group = "quoted" if match.group("open") else "bare"
        pairs.append(((candidate.start, candidate.end), (match.start(group), match.end(group))))
    return pairs
