"""Candidate spans, the name patterns the span rules share, and the people a title or office gives away.

A :class:`Candidate` is a raw span with a type, before its name is cleaned; :mod:`pipeline.labels` makes
the first ones from the model's entities. ``WORD``, ``CAPITALIZED`` and ``WORD_AFTER`` are how a
capitalized name is matched everywhere. One piece of evidence beyond the model: a capitalized name right
after a known title or office ("Governor Marina del Pilar Ávila Olmeda", "la alcaldesa Norma Bustamante",
"Secretary, Leopoldo Tizoc Aguilar Durán") is a person (:func:`titled_names`). Such a name replaces model
spans it overlaps, unless the model already has a person span covering it (whose title
:mod:`pipeline.normalize` trims later: :func:`merge_title_evidence`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import lexicons
from pipeline.normalize import match_key, trim
from pipeline.records import EntityType
from pipeline.titles import TITLE, TITLES


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw span before name cleanup: character offsets into the document text and a type."""

    start: int
    end: int
    type: EntityType
    #: The model's label, or ``TITLE`` for a name found right after a title or office.
    label: str = ""
    #: Evidence of the type read from the words around the span (:data:`pipeline.cues.CUE_TYPES`), if any.
    cue: str = ""


_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalized word of two or more letters ("O'Neil", "Ávila-Olmeda"), or an initial ("J.").
WORD = rf"[{_UPPER}](?:[^\W\d_]|['’-](?=[^\W\d_]))+|[{_UPPER}]\."
# Lower-case particles inside names: "Marina del Pilar", "Juan de la Fuente", "Ludwig van Beethoven".
PARTICLE = r"(?:de\s+la|de\s+las|de\s+los|del|de|van\s+der|van|von|da|das|do|dos|di|du)"
#: A run of capitalized words, with particles between them ("Marina del Pilar Ávila Olmeda").
CAPITALIZED = rf"(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD}))*"
#: The capitalized word right after a span, after one or more spaces or tabs.
WORD_AFTER = re.compile(rf"[ \t]+(?P<word>{WORD})(?![^\W\d_])")
_NOT_TITLE = rf"(?!(?i:{TITLE})(?:[\s,]|$))"
_NAME = rf"{_NOT_TITLE}(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?{_NOT_TITLE}(?:{WORD}))*"
# What an office is of: "de Sonora", "de Seguridad y Protección Ciudadana", "of Homeland Security".
_COMPLEMENT = (
    rf"[ \t]+(?:de|del|of)[ \t]+(?:(?:la|el|the)[ \t]+)?(?:{WORD})"
    rf"(?:[ \t]+(?:(?:de|del|y|e|of|and|the|la|el|los|las)[ \t]+)*(?:{WORD}))*"
)
# A title (any case), an optional comma, then a capitalized name, all on one line; or a title with its
# complement and a comma before the name ("el gobernador de Sonora, Alfonso Durazo").
_TITLED_NAME = re.compile(
    rf"(?i:{TITLE})(?:[ \t]*,?[ \t]+|(?P<complement>{_COMPLEMENT})[ \t]*,[ \t]+)(?P<name>{_NAME})"
)


def accepted(match: re.Match[str]) -> bool:
    """A titled name, unless a place follows the title's complement ("el alcalde de Tijuana, Baja
    California")."""
    return not match.group("complement") or match_key(match.group("name")) not in lexicons.places()


def org_headed(key: str, *, min_words: int = 1) -> bool:
    """True when a name (its match key) starts with an organization head word, after any article, and has
    at least ``min_words`` words from there ("la Secretaría de Marina", "Cabildo")."""
    words = lexicons.without_article(key.split())
    return len(words) >= max(min_words, 1) and words[0] in lexicons.ORG_HEADS


def name_key(text: str, candidate: Candidate) -> str | None:
    """The match key of the name inside a candidate's span, once trimmed (:func:`pipeline.normalize.trim`)."""
    name = trim(text[candidate.start : candidate.end])
    return match_key(name) if name else None


def absorb(found: Sequence[Candidate], i: int, end: int) -> tuple[int, int]:
    """A span grown to ``end`` takes in the candidates from ``found[i]`` on that start before its end (and
    reaches as far as they do): RETURNS its new end and the index of the first candidate it leaves."""
    while i < len(found) and found[i].start < end:
        end, i = max(end, found[i].end), i + 1
    return end, i


def titled_names(text: str) -> list[Candidate]:
    """People named right after a title or office, as person candidates covering the name only.

    The same matches as ``_TITLED_NAME.finditer(text)``, found faster: a match can only start at a word
    whose lower case is the first word of a title, so the pattern is tried there alone (a case-insensitive
    alternation of 130 titles tried at every word was a third of the time spent on a document after NER).
    """
    found: list[Candidate] = []
    end = 0
    for word in _WORD_RUN.finditer(text):
        if word.start() >= end and word.group().lower() in _TITLE_FIRST_WORDS:
            match = _TITLED_NAME.match(text, word.start())
            if match and accepted(match):
                found.append(Candidate(match.start("name"), match.end("name"), "person", "TITLE"))
                end = match.end()
    return found


_WORD_RUN = re.compile(r"\w+")
_TITLE_FIRST_WORDS = frozenset({title.split()[0].rstrip(".") for title in TITLES} | {"don", "doña"})


def merge_title_evidence(model: list[Candidate], evidence: list[Candidate]) -> list[Candidate]:
    """Add title evidence to the model's spans: it wins over any span it overlaps, except a person span of
    the model that already covers the whole name.

    Each list is sorted, its spans non-empty and never overlapping one another (as the model's entities and
    :func:`titled_names` are), so one sweep over both does it in linear time: the model spans that an
    evidence span overlaps are the next ones after those the previous evidence span reached. (Checking every
    model span for every evidence span made a document's analysis quadratic in its length.)
    """
    kept: list[Candidate] = []
    added: list[Candidate] = []
    i = 0
    for person in evidence:
        while i < len(model) and model[i].end <= person.start:
            kept.append(model[i])
            i += 1
        j = i  # model[i:j]: the spans that overlap this one
        while j < len(model) and model[j].start < person.end:
            j += 1
        if any(c.type == "person" and c.start <= person.start and person.end <= c.end for c in model[i:j]):
            continue  # the model's own person span covers the name (and is the only one overlapping it)
        i = j
        added.append(person)
    return sorted(kept + model[i:] + added, key=lambda c: (c.start, c.end))
