"""The model's entities as typed candidate spans (:class:`pipeline.extract.Candidate`).

Model labels map to three types (``LABEL_TYPES``); spans of other labels (dates, numbers, MISC...) are
dropped, but for a name an organization head word starts ("Secretaría de la Defensa" as MISC), a person's
name after a lower-case word ("El economista Iván Corona Sauceda" as MISC), a known place listed with the
model's places ("in Tucson and Nogales", "Nogales" a NORP), the known countries and states inside the
others, and else a name a place head word starts ("Bulevar Lázaro Cárdenas", "Garita Mexicali II" as MISC;
"the Bridge of the Americas", a tail word and "of"). Two place spans one space apart that together name a
known place are one ("Baja" + "California"), and a place cut short of a known place's next word or two
gets them ("Chula" of "Chula Vista"). Then the people that titles give away join them
(:func:`pipeline.extract.titled_names`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import replace

from pipeline import lexicons
from pipeline.extract import CAPITALIZED, WORD, Candidate, merge_title_evidence, org_headed, titled_names
from pipeline.normalize import match_key
from pipeline.records import EntityType

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
}


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
        elif person := _person_after_words(text, candidate):
            model.append(person)
        elif known_places and (inside := place_names(text, candidate.start, candidate.end, known_places)):
            model.extend(inside)
        elif _place_headed(match_key(text[candidate.start : candidate.end]) or ""):
            model.append(candidate)  # "Bulevar Lázaro Cárdenas", "Garita Mexicali II" as MISC
    return merge_title_evidence(join_split_places(text, model, lexicons.places()), titled_names(text))


def _place_headed(key: str) -> bool:
    """True when a name of two words or more starts, after any article, with a place head word ("bulevar
    lazaro cardenas", "garita mexicali ii") or with a tail word and "of" ("the bridge of the americas")."""
    words = lexicons.without_article(key.split())
    if len(words) < 2:
        return False
    return words[0] in lexicons.PLACE_HEADS or (words[0] in lexicons.PLACE_TAILS and words[1] == "of")


_LOWER_THEN_NAME = re.compile(rf"(?<![^\W\d_])(?P<word>[a-záéíóúüñ]+)[ \t]+(?P<name>{CAPITALIZED})$")
_FUNCTION_WORDS = frozenset("el la los las un una de del y e a en the of and in a an".split())


def _person_after_words(text: str, span: Candidate) -> Candidate | None:
    """The person that a span of another label ends with after a lower-case word that is no article or
    preposition ("El economista" + "Iván Corona Sauceda", "El cerrador" + "Mauricio Dávila Cepeda", as
    MISC): a known given name and two more words, or one that is a known surname ("Julio Rivera")."""
    match = _LOWER_THEN_NAME.search(text, span.start, span.end)
    if match is None or match.group("word") in _FUNCTION_WORDS:
        return None
    words = (match_key(match.group("name")) or "").split()
    if len(words) < 2 or words[0] not in lexicons.given_names():
        return None
    if len(words) == 2 and words[1] not in lexicons.surnames():
        return None
    return Candidate(match.start("name"), span.end, "person", span.label)


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


def join_split_places(text: str, found: list[Candidate], known_places: Container[str]) -> list[Candidate]:
    """Join two neighbouring spans separated by one space when together they name a known place: the
    English model tags "Baja" and "California" separately. A place the model cut short of a known place's
    last word or two, outside any span, gets them ("Chula" of "grew up in Chula Vista"), and one right after
    a place's head word and "of" gets those ("Port of" + "Laredo")."""
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
            lo = max(joined[-2].end if len(joined) > 1 else 0, joined[-1].start - 12)
            head = _HEAD_OF.search(text, lo, joined[-1].start)
            if head:  # "Port of" + "Laredo", "Gulf of" + "California"
                joined[-1] = replace(joined[-1], start=head.start())
    return joined


#: A place's head word and "of" right before a place ("Port of Laredo", "Isle of Man").
_HEAD_OF = re.compile(r"\b(?:Port|Gulf|Bay|Sea|Isle|Island|Lake|Cape|Mount|Valley|Strait)[ \t]+of[ \t]+$")


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
