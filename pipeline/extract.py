"""Turn the model's entities into typed candidate spans, adding people that a title or office gives away.

Model labels map to three types (``LABEL_TYPES``); spans of other labels (dates, numbers, MISC...) are
dropped here, but for a name an organization head word starts ("Secretaría de la Defensa" as MISC), a known
place listed with the model's places ("in Tucson and Nogales", "Nogales" a NORP) and the known countries
and states inside the others. Then one piece of evidence beyond the model: a capitalized name right after a
known title or office ("Governor Marina del Pilar Ávila Olmeda", "la alcaldesa Norma Bustamante",
"Secretary, Leopoldo Tizoc Aguilar Durán") is a person. Such a name replaces model spans it overlaps, unless
the model already has a person span covering it (whose title :mod:`pipeline.normalize` trims later).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from pipeline import lexicons
from pipeline.normalize import match_key, trim
from pipeline.records import EntityType
from pipeline.titles import TITLE, TITLES

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


def candidates(
    text: str, entities: Iterable[tuple[int, int, str]], known_places: Container[str] = frozenset()
) -> list[Candidate]:
    """Typed spans for ``text``: the model's people, organizations and places, title evidence, and known
    places (match keys in ``known_places``) inside spans the model labelled otherwise (MISC, NORP...).

    entities: the model's ``(start, end, label)`` spans, in order, with offsets into ``text``
        (:func:`pipeline.models.stream`).
    RETURNS (list[Candidate]): sorted by position; no two candidates overlap.
    """
    spans: list[tuple[Candidate, bool]] = []  # each span, and whether the model's label types it
    for start, end, label in entities:
        if label in LABEL_TYPES:
            spans.append((Candidate(start, end, LABEL_TYPES[label], label), True))
        elif org_headed(match_key(text[start:end]) or "", min_words=2):  # "Secretaría de la Defensa" as MISC
            spans.append((Candidate(start, end, "organization", label), True))
        else:
            spans.append((Candidate(start, end, "location", label), False))
    listed = _listed_places(text, spans)
    model: list[Candidate] = []
    for i, (candidate, typed) in enumerate(spans):
        if typed or i in listed:
            model.append(candidate)
        elif known_places:
            model.extend(place_names(text, candidate.start, candidate.end, known_places))
    return merge_title_evidence(join_split_places(text, model, lexicons.places()), titled_names(text))


_LIST_LINK = re.compile(r"[ \t]*,[ \t]*(?:(?:y|e|and)[ \t]+)?|[ \t]+(?:y|e|and)[ \t]+")


def _listed_places(text: str, spans: list[tuple[Candidate, bool]]) -> set[int]:
    """The spans of other labels (MISC, NORP...) listed with the model's places that are known places, not
    in capitals: places too ("in Tucson and Nogales", where the model read "Nogales" as a NORP). Their
    indexes in ``spans`` (sorted), found next to a place before them, then next to one after them."""
    listed: set[int] = set()

    def is_place(j: int) -> bool:
        candidate, typed = spans[j]
        return (typed and candidate.type == "location") or j in listed

    for i, j in [(i, i - 1) for i in range(1, len(spans))] + [
        (i, i + 1) for i in range(len(spans) - 2, -1, -1)
    ]:
        span, typed = spans[i]
        if typed or i in listed or not is_place(j):
            continue
        name = text[span.start : span.end]
        if match_key(name) not in lexicons.places() or name.isupper():  # not "BNP y Paribas"
            continue
        between = (spans[j][0].end, span.start) if j < i else (span.end, spans[j][0].start)
        if _LIST_LINK.fullmatch(text, *between):
            listed.add(i)
    return listed


def org_headed(key: str, *, min_words: int = 1) -> bool:
    """True when a name (its match key) starts with an organization head word, after any article, and has
    at least ``min_words`` words from there ("la Secretaría de Marina", "Cabildo")."""
    words = key.split()
    if words and words[0] in ("el", "la", "los", "las", "the"):
        words = words[1:]
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


def join_split_places(text: str, found: list[Candidate], known_places: Container[str]) -> list[Candidate]:
    """Join two neighbouring spans separated by one space when together they name a known place: the
    English model tags "Baja" and "California" separately. A place the model cut short of a known place's
    last word or two, outside any span, gets them ("Chula" of "grew up in Chula Vista")."""
    joined: list[Candidate] = []
    for i, candidate in enumerate(found):
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and text[previous.end : candidate.start] == " "
            and match_key(text[previous.start : candidate.end]) in known_places
        ):
            joined[-1] = Candidate(previous.start, candidate.end, "location", previous.label)
        else:
            joined.append(candidate)
        if joined[-1].type == "location":
            limit = found[i + 1].start if i + 1 < len(found) else len(text)
            joined[-1] = _completed_place(text, joined[-1], limit, known_places)
    return joined


#: The capitalized word right after a span, after one space.
_NEXT_WORD = re.compile(rf" (?:{WORD})(?![^\W\d_])")


def _completed_place(text: str, place: Candidate, limit: int, known_places: Container[str]) -> Candidate:
    """``place`` grown over the one or two capitalized words after it (before ``limit``) that make it a
    known place, the longest such; else ``place``."""
    end, ends = place.end, []
    for _ in range(2):
        word = _NEXT_WORD.match(text, end, limit)
        if word is None:
            break
        end = word.end()
        ends.append(end)
    for end in reversed(ends):
        if match_key(text[place.start : end]) in known_places:
            return Candidate(place.start, end, place.type, place.label, place.cue)
    return place


def place_names(text: str, start: int, end: int, known_places: Container[str]) -> list[Candidate]:
    """Known places among the capitalized word runs of ``text[start:end]``, longest first, left to right."""
    found: list[Candidate] = []
    for run in _CAPITALIZED_RUN.finditer(text, start, end):
        words = list(re.finditer(r"\S+", run.group(0)))
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                a, b = run.start() + words[i].start(), run.start() + words[j - 1].end()
                if text[b - 1].isupper() or text[b - 1].islower():  # no trailing particle or punctuation
                    key = match_key(text[a:b])
                    if key in known_places and text[a].isupper():
                        found.append(Candidate(a, b, "location", "PLACE"))
                        i = j
                        break
            else:
                i += 1
    return found


_CAPITALIZED_RUN = re.compile(CAPITALIZED)


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
