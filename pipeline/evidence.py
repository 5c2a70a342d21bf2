"""Decide each mention's type from several sources of evidence, and drop spans that are not names.

The scoring rule, one score per type for each name (match key) in a document, summed over its mentions:

=================================================  ======  ============
evidence                                           weight  for
=================================================  ======  ============
the model's label                                  1.0     its type
a title or office right before it (label TITLE)    3.0     person
a cue from the words around it (:mod:`pipeline.    3.0     the cue's
cues`: "la empresa X", "Los Rusos", "X, Sonora")           type
a known country or first-level division            1.5     location
a known city (15,000+ people)                      0.5     location
a US or Mexican town (1,000+ people) that no       0.5     location
  list names people by ("Presidio")
... either, once per document, if the model read   1.0     location
  it as a person and never as an organization, and
  no word is a known given name or surname
  ("Saltillo", "Ajo")
2+ words, a place head or tail word ("Ciudad ...",  1.5     location
"Lago ...", "... Valley", "... County")
an organization head word first ("Ministerio de")  2.0     organization
or before "of"/"de" ("... School of Business"),
or a legal or club form last ("... S.A.", "... FC")
... or a head word last ("Municipal Police")       1.0     organization
(2.0 in a name of 3+ words without "of"/"de":
"El Paso City Council", "Pacific Coast League")
one word, a known surname, not a known place       1.5     person
2+ words, first a known given name, not a place    0.5     person
  and no organization or place head word
... and last a known surname ("Ruben Sierra")      1.5     person
part of a person's name in the same document       1.5     person
("Bustamante" in "Norma Bustamante"), or a longer
form of one, added last
a team of the document (a results line's) followed  3.0     organization
by "de"/"del" ("Águilas de Mexicali")
=================================================  ======  ============

The highest total wins; a tie keeps the type the model gave most often. Two rules then decide outright:
one sense per document (a surname of a person named in full is that person, unless a country), and a
defining cue (a type noun: "la multinacional española X") puts its type ahead by ``CUE``. Every mention of
a name in a document then carries that type (document consensus); :mod:`pipeline.aggregate` reconciles
documents.
Each weight was kept only where it raised F1 on the Spanish and English dev sets (docs/quality.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import lexicons
from pipeline.cues import CUE_TYPES
from pipeline.normalize import contains_words
from pipeline.records import ENTITY_TYPES, EntityType

MODEL = 1.0
TITLE = 3.0
CUE = 3.0
#: Cues that say what a name is, so that its type in the document is theirs, by CUE over any other.
DEFINING_CUES = frozenset({"group"})
PLACE = {"country": 1.5, "division": 1.5, "city": 0.5}
CITY_NOT_PERSON = 1.0
TOWN = 0.5
ORG_HEAD = 2.0
ORG_TAIL = 1.0
PLACE_HEAD = 1.5
GIVEN_NAME = 0.5
FULL_NAME = 1.5
PERSON_PART = 1.5
SURNAME = 1.5

Scores = tuple[float, float, float]  # person, organization, location (the order of ENTITY_TYPES)


@dataclass(frozen=True, slots=True)
class Named:
    """A trimmed span with its name and key, before its final type is chosen."""

    start: int
    end: int
    name: str
    key: str
    model_type: EntityType
    model_label: str
    #: Evidence from the words around it (:data:`pipeline.cues.CUE_TYPES`), or "".
    cue: str = ""
    #: For a defined acronym whose ``key`` is its long form's: its own key ("cbp"), else "".
    alias: str = ""


def own_scores(item: Named) -> Scores:
    """Evidence from the mention itself: its label and what the word lists say about its name."""
    scores = dict.fromkeys(ENTITY_TYPES, 0.0)
    scores[item.model_type] += TITLE if item.model_label == "TITLE" else MODEL
    if item.cue:
        scores[CUE_TYPES[item.cue]] += CUE
    words = item.key.split()
    kind = lexicons.places().get(item.key)
    place = kind is not None
    org_head = org_headed(item.key)
    org_tail = words[-1] in lexicons.ORG_HEADS
    org = org_head or org_tail
    if kind is not None:
        scores["location"] += PLACE[kind]
    elif item.key in lexicons.towns():
        scores["location"] += TOWN
    place_word = len(words) > 1 and (words[0] in lexicons.PLACE_HEADS or words[-1] in lexicons.PLACE_TAILS)
    if place_word:
        scores["location"] += PLACE_HEAD
    if org:
        scores["organization"] += ORG_HEAD if org_head or _long_unlinked(words) else ORG_TAIL
    if len(words) > 1 and not place and not place_word and not org and words[0] in lexicons.given_names():
        full = words[-1] in lexicons.surnames() and not item.name.split()[0].isupper()  # not "EFE José ..."
        scores["person"] += FULL_NAME if full else GIVEN_NAME
    if len(words) == 1 and not place and item.key in lexicons.surnames():
        scores["person"] += SURNAME
    return (scores["person"], scores["organization"], scores["location"])


def document_types(items: Sequence[Named]) -> dict[str, tuple[EntityType, Scores]]:
    """The type of every name in one document, with the summed scores that chose it."""
    totals: dict[str, list[float]] = {}
    labels: dict[str, list[EntityType]] = {}
    defined: dict[str, int] = {}  # key -> the type index a defining cue gives it
    cued: set[str] = set()  # keys the text says are not people ("NOGALES, Sonora —")
    teams: set[str] = set()  # keys of teams ("Águilas" in the results line "Águilas 6, Naranjeros 3")
    for item in items:
        total = totals.setdefault(item.key, [0.0, 0.0, 0.0])
        for i, score in enumerate(own_scores(item)):
            total[i] += score
        labels.setdefault(item.key, []).append(item.model_type)
        if item.cue in DEFINING_CUES:
            defined.setdefault(item.key, ENTITY_TYPES.index(CUE_TYPES[item.cue]))
        if item.cue and CUE_TYPES[item.cue] != "person":
            cued.add(item.key)
        if item.cue == "team":
            teams.add(item.key)
    for key, total in totals.items():  # a known city the model read as a person, never an organization
        read = labels[key]
        if "person" in read and "organization" not in read and _unnamed_city(key):
            total[2] += CITY_NOT_PERSON
    for key, total in totals.items():  # a team's full name: "Águilas de Mexicali" beside "Águilas 6"
        if _of_a_team(key, teams):
            total[1] += CUE
    for key, index in defined.items():  # the text says what it is: "la multinacional española X"
        total = totals[key]
        total[index] = max(total[index], *(score + CUE for i, score in enumerate(total) if i != index))
    people = [
        (key, set(key.split())) for key, total in totals.items() if _best(total, labels[key]) == "person"
    ]
    having: dict[str, list[tuple[str, set[str]]]] = {}  # word -> the people whose names have it
    for person in people:
        for word in person[1]:
            having.setdefault(word, []).append(person)
    for key, total in totals.items():
        # Only people who have the name's rarest word can contain it (comparing every name with every person
        # made the analysis of a long document quadratic in its length); a word set check before word order.
        words = set(key.split())
        pool = min((having.get(word, []) for word in words), key=len, default=people)
        parts_of = [p for p, p_words in pool if key != p and words <= p_words and contains_words(p, key)]
        surname = any(_surname_of(key, p) for p in parts_of)
        if surname and lexicons.places().get(key) != "country" and key not in cued:
            # One sense per document: a surname of a person named in full is that person, whatever else it
            # looked like ("Houston" where the document names "Wade Houston", "León" after "Jorge León
            # Arvizu", a state's name too), unless a country.
            total[0] = max(total[0], total[1], total[2]) + PERSON_PART
        elif parts_of or (len(words) > 1 and not org_headed(key) and _extends_a_person(key, words, having)):
            total[0] += PERSON_PART
    return {key: (_best(total, labels[key]), (total[0], total[1], total[2])) for key, total in totals.items()}


def _of_a_team(key: str, teams: set[str]) -> bool:
    """True when ``key`` is a team's name, with or without an article, followed by "de"/"del" and more
    ("los naranjeros de hermosillo" where "naranjeros" is a team)."""
    words = key.split()
    links = [i for i, word in enumerate(words) if word in ("de", "del")]
    if not links or key in teams:
        return False
    name = words[: links[0]]
    return " ".join(name) in teams or " ".join(lexicons.without_article(name)) in teams


def _unnamed_city(key: str) -> bool:
    """A known city's name in which no word is a known given name or surname ("Saltillo", "Nuevo Laredo")."""
    if lexicons.places().get(key) != "city" and key not in lexicons.towns():
        return False
    return not any(word in lexicons.given_names() or word in lexicons.surnames() for word in key.split())


def _long_unlinked(words: list[str]) -> bool:
    """Three words or more and no "of" or "de": the words before a head word last then name what the
    organization is of ("El Paso City Council", "Pacific Coast League", "Tucson Police Department"), which
    the model often reads as a place or a person; with a link they may be a building ("Palau de la
    Generalitat")."""
    return len(words) > 2 and not any(word in _LINKS for word in words)


_LINKS = frozenset({"of", "de", "del"})


def _surname_of(key: str, person: str) -> bool:
    """True when ``key`` is a later part of a person's name, not its first word ("Campos" of "Maru Campos",
    whether or not "Maru" is a known given name)."""
    words = person.split()
    named = words[0] in lexicons.given_names() or words[0] not in lexicons.places()
    return named and not key.startswith(words[0] + " ") and key != words[0]


def _extends_a_person(key: str, words: set[str], having: dict[str, list[tuple[str, set[str]]]]) -> bool:
    """True when a longer name contains a person's name of this document ("Norma Alicia Bustamante
    Martínez" and the person "Norma Bustamante"). Words that many people share are not looked up."""
    for word in words:
        people = having.get(word, [])
        if len(people) <= _SHARED and any(
            p != key and " " in p and p_words < words and contains_words(key, p) for p, p_words in people
        ):
            return True
    return False


_SHARED = 20


def org_headed(key: str) -> bool:
    """An organization head word first or before "of"/"de" ("A.R. Sanchez Jr. School of Business"), or a
    legal or club form last."""
    words = key.split()
    if words[0] in lexicons.ORG_HEADS or words[-1] in lexicons.ORG_SUFFIXES:
        return True
    return any(w in lexicons.ORG_HEADS and n in ("of", "de", "del") for w, n in itertools.pairwise(words))


def _best(total: Sequence[float], labels: Sequence[EntityType]) -> EntityType:
    top = max(total)
    tied = [t for t, score in zip(ENTITY_TYPES, total, strict=True) if score == top]
    if len(tied) == 1:
        return tied[0]
    return max(tied, key=lambda t: (labels.count(t), -ENTITY_TYPES.index(t)))
