"""Turn a spaCy ``Doc`` into typed candidate spans, adding people that a title or office gives away.

Model labels map to three types (``LABEL_TYPES``); everything else (dates, numbers, MISC...) is dropped here.
Then one piece of evidence beyond the model: a capitalized name right after a known title or office
("Governor Marina del Pilar Ávila Olmeda", "la alcaldesa Norma Bustamante", "Secretary, Leopoldo Tizoc
Aguilar Durán") is a person. Such a name replaces model spans it overlaps, unless the model already has a
person span covering it (whose title :mod:`pipeline.normalize` trims later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.records import EntityType
from pipeline.titles import TITLE

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw span before name cleanup: character offsets into the document text and a type."""

    start: int
    end: int
    type: EntityType


_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalized word of two or more letters ("O'Neil", "Ávila-Olmeda"), or an initial ("J.").
_WORD = rf"[{_UPPER}](?:[^\W\d_]|['’-](?=[^\W\d_]))+|[{_UPPER}]\."
# Lower-case particles inside names: "Marina del Pilar", "Juan de la Fuente", "Ludwig van Beethoven".
_PARTICLE = r"(?:de\s+la|de\s+las|de\s+los|del|de|van\s+der|van|von|da|das|do|dos|di|du)"
_NOT_TITLE = rf"(?!(?i:{TITLE})(?:[\s,]|$))"
_NAME = rf"{_NOT_TITLE}(?:{_WORD})(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NOT_TITLE}(?:{_WORD}))*"
# A title (any case), an optional comma, then a capitalized name, all on one line.
_TITLED_NAME = re.compile(rf"(?i:{TITLE})[ \t]*,?[ \t]+(?P<name>{_NAME})")


def candidates(doc: Doc) -> list[Candidate]:
    """Typed spans for ``doc``: the model's people, organizations and places plus title evidence.

    RETURNS (list[Candidate]): sorted by position; no two candidates overlap.
    """
    model = [
        Candidate(ent.start_char, ent.end_char, LABEL_TYPES[ent.label_])
        for ent in doc.ents
        if ent.label_ in LABEL_TYPES
    ]
    return merge_title_evidence(model, titled_names(doc.text))


def titled_names(text: str) -> list[Candidate]:
    """People named right after a title or office, as person candidates covering the name only."""
    return [Candidate(m.start("name"), m.end("name"), "person") for m in _TITLED_NAME.finditer(text)]


def merge_title_evidence(model: list[Candidate], evidence: list[Candidate]) -> list[Candidate]:
    """Add title evidence to the model's spans: it wins over any span it overlaps, except a person span of
    the model that already covers the whole name."""
    kept = list(model)
    for person in evidence:
        if any(c.type == "person" and c.start <= person.start and person.end <= c.end for c in kept):
            continue
        kept = [c for c in kept if c.end <= person.start or person.end <= c.start]
        kept.append(person)
    return sorted(kept, key=lambda c: (c.start, c.end))


def context(text: str, start: int, end: int, *, max_chars: int) -> str:
    """The sentence around ``text[start:end]``, at most ``max_chars`` on each side, on one line."""
    left_limit = max(0, start - max_chars)
    right_limit = min(len(text), end + max_chars)
    left_limit = _word_boundary(text, left_limit, forward=True, stop=start)
    right_limit = _word_boundary(text, right_limit, forward=False, stop=end)
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, left_limit, start)), default=left_limit)
    right_break = _SENTENCE_BREAK.search(text, end, right_limit)
    right = right_break.start() + 1 if right_break else right_limit
    snippet = " ".join(text[left:right].split())
    prefix = "…" if left == left_limit and left > 0 else ""
    suffix = "…" if right == right_limit and right < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


_SENTENCE_BREAK = re.compile(r"[.!?…](?=\s+[\"“«¿¡(]?[A-ZÀ-ÖØ-Þ0-9])\s*|\n\s*")


def _word_boundary(text: str, position: int, *, forward: bool, stop: int) -> int:
    """Move a window edge off the middle of a word (towards the mention, never past ``stop``)."""
    if position in (0, len(text)) or text[position - 1].isspace() or text[position].isspace():
        return position
    space = text.find(" ", position, stop) if forward else text.rfind(" ", stop, position)
    return position if space < 0 else (space + 1 if forward else space)
