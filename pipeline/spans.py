"""Repair the model's span boundaries before names are trimmed (:mod:`pipeline.normalize`).

The small models cut long names at their connecting words, run one span across punctuation and miss names
the layout of news text gives away. :func:`repair` applies, in order:

1. **separators**: a span never crosses a line break, ":", ";", "/", "|", a bracket, a bullet, a dash
   between spaces, a comma (except before a company suffix: "Química del Pacífico, S.A."), or a number
   inside it ("Dundee 2 Falkirk"): it is cut into its pieces, each keeping the span's type; then a person
   span that runs on into an organization ("Juan Pérez de la Dirección de Seguridad") is cut into the two
   (:func:`pipeline.people.person_and_organization`);
2. **layout**: spans that datelines, bylines, street nouns and results lines name replace the model's
   (:func:`pipeline.layout.layout_spans`);
3. **offices**: a person span right after an office and "de"/"of" ("Director de Seguridad Pública
   Municipal de Mexicali") is the office's complement, not a person: dropped, unless it is a known place
   or starts with an organization head word; a person span that ends with an office right before another
   person ("Cochise County Sheriff" + "Mark Dannels") is the office's jurisdiction, a place or an
   organization, without the office; a span that ends the name of a programme, plan or event ("las Fiestas
   del" + "Pitic") is dropped;
4. **long organization names** (:mod:`pipeline.orgnames`): a capitalized run after "the" that ends with an
   organization word is one ("the Pima County Sheriff's Department", "the U.S. Border Patrol"), and names
   are made whole again: "Secretaría de Seguridad" + "y Protección Ciudadana", "Cámara Nacional de Comercio"
   + ", Servicios y Turismo", "Sinaloa" + "Cartel", "Federal Attorney" + "General's Office";
5. **people** (:func:`pipeline.people.extend_people`): a person span continues over the capitalized words
   right after it that are not everyday words, organization heads, countries or titles ("Jesús Alexander" +
   "Sánchez Félix"), and over a nickname in quotes followed by a surname ("Joaquín" + "'El Chapo'" +
   "Guzmán"); a nickname given right after a person ("…, alias "el Güero"") is a person span
   (:mod:`pipeline.nicknames`);
6. **acronyms** (:mod:`pipeline.acronyms`): a defined acronym's long form is the span its letters cover,
   with the country or state the model's span puts before it ("U.S. Customs and Border Protection (CBP)",
   "the Arizona Department of Public Safety (DPS)"), and the acronym, where defined and wherever it
   recurs, is a name of the same type (:func:`defined`);
7. **cues** from the words around each span (:func:`pipeline.cues.read_cues`).

Every rule reads only the document's text and the spans; none names an entity. Each is linear in the text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from pipeline import acronyms, cues, layout, lexicons, nicknames, orgnames, people, placenames, untagged
from pipeline.extract import WORD, Candidate, name_key, org_headed
from pipeline.normalize import NUMBER_SIGN, match_key
from pipeline.titles import TITLE

# Separators no name crosses. A comma is one unless a company suffix follows it.
_SUFFIX = r"S\.\s?A\.|S\.\s?C\.|S\.\s?de\s|Inc\b|Ltd\b|LLC\b|L\.L\.C\.|Co\.|Corp\b|Jr\b|Sr\b"
_SEPARATOR = re.compile(
    rf"\s*(?:[:;/|()\[\]{{}}•·\n]|\s[-–—]\s|[–—]|,(?!\s*(?:{_SUFFIX})))\s*|\s\d+(?:[.,:-]\d+)*\s+"
)


def repair(
    text: str,
    found: list[Candidate],
    is_common: Callable[[str], bool],
    definitions: Sequence[acronyms.Definition] = (),
) -> list[Candidate]:
    """The candidates of one document with their boundaries repaired and their cues read (module docstring).

    definitions: the document's acronym definitions (:func:`pipeline.acronyms.definitions`).

    found: sorted, non-overlapping candidates (:func:`pipeline.labels.candidates`).
    is_common: whether a word is an everyday word of the document's language.
    RETURNS (list[Candidate]): sorted and non-overlapping again.
    """
    found = [piece for candidate in found for piece in split(text, candidate)]
    found = [piece for candidate in found for piece in people.person_and_organization(text, candidate)]
    found = layout.merge(found, layout.layout_spans(text))
    found = layout.merge(found, untagged.places(text, found))
    found = layout.merge(found, layout.ages(text, found))
    found = [c for c in found if not _office(text, c) and not _inside_a_non_entity(text, c)]
    found = _jurisdictions(text, found)
    found = [_numbered(text, candidate) for candidate in found]
    found = layout.merge(found, orgnames.headed(text, found))
    found = orgnames.join(text, found, is_common)
    found = people.extend_people(text, found, is_common)
    found = layout.merge(found, nicknames.spans(text, found))
    found = layout.merge(found, defined(text, found, definitions))
    return cues.read_cues(text, found)


def split(text: str, candidate: Candidate) -> list[Candidate]:
    """The pieces of a candidate between separators, each with a letter in it."""
    pieces: list[Candidate] = []
    start = candidate.start
    for separator in _SEPARATOR.finditer(text, candidate.start, candidate.end):
        if separator.end() > separator.start():
            pieces.append(replace(candidate, start=start, end=separator.start()))
            start = separator.end()
    pieces.append(replace(candidate, start=start, end=candidate.end))
    return [p for p in pieces if any(ch.isalpha() for ch in text[p.start : p.end])]


_OFFICE_BEFORE = re.compile(
    rf"(?i:{TITLE})[ \t]+(?i:de|del|of)[ \t]+(?:(?i:la|el|los|las|the)[ \t]+)?"
    rf"(?:(?:{WORD}|de|del|y|e|of|and|the|la|el)[ \t]+)*$"
)


def _office(text: str, candidate: Candidate) -> bool:
    """A person span that is an office's complement ("Director de" + "Seguridad Pública Municipal")."""
    if candidate.type != "person" or candidate.label == "TITLE":
        return False
    key = name_key(text, candidate) or ""
    first = key.split()[0] if key else ""
    if first in lexicons.given_names():
        return False  # the office's holder: "Secretary of Homeland Security Kristi Noem"
    if not _OFFICE_BEFORE.search(text, max(0, candidate.start - 60), candidate.start):
        return False
    return not (key in lexicons.places() or first in lexicons.ORG_HEADS)


def _inside_a_non_entity(text: str, candidate: Candidate) -> bool:
    """A span that ends the name of a programme, plan or event ("las Fiestas del" + "Pitic", "el Plan Sonora
    de" + "Energía Sostenible"): a name nested in one that is not an entity is none either."""
    before = _NAME_SO_FAR.search(text, max(0, candidate.start - 60), candidate.start)
    return before is not None and match_key(before.group("head")) in lexicons.NOT_ENTITY_HEADS


# A capitalized head word, then capitalized words and links, up to the span.
_NAME_SO_FAR = re.compile(
    rf"(?<![\w'’.-])(?P<head>{WORD})(?:[ \t]+(?:de|del|la|las|los|el|y|e|{WORD}))*[ \t]+$"
)


def _numbered(text: str, candidate: Candidate) -> Candidate:
    """An organization or place of two or more words that ends with a number sign, or is followed by one,
    takes the number after it ("Hidalgo County Irrigation District No. 2", "Unidad Médica de Alta
    Especialidad No. 25"), which the model leaves out."""
    span = text[candidate.start : candidate.end]
    if candidate.type == "person" or len(span.split()) < 2:
        return candidate
    after = (_NUMBER if NUMBER_SIGN.search(span) else _SIGN_AND_NUMBER).match(text, candidate.end)
    return replace(candidate, end=after.end()) if after else candidate


_NUMBER = re.compile(r"\.?[ \t]*\d{1,4}\b(?![.,]\d)")
_SIGN_AND_NUMBER = re.compile(r"[ \t]+(?:No|Núm|Num|Nº|N°)\.?[ \t]*\d{1,4}\b(?![.,]\d)")


def _jurisdictions(text: str, found: list[Candidate]) -> list[Candidate]:
    """A person span that ends with an office right before another person ("Cochise County Sheriff" + "Mark
    Dannels", "Tijuana Police Director" + "José Ruiz") is the office's jurisdiction: the office is cut off,
    and what is left is a place when it ends like one ("County") or is a known place, else an organization."""
    repaired = []
    for candidate, following in itertools.zip_longest(found, found[1:]):
        if (
            candidate.type == "person"
            and following is not None
            and following.type == "person"
            and text[candidate.end : following.start] == " "
            and (office := _OFFICE_AT_END.search(text, candidate.start, candidate.end)) is not None
            and office.start() > candidate.start
        ):
            end = candidate.start + len(text[candidate.start : office.start()].rstrip())
            key = match_key(text[candidate.start : end]) or ""
            place = key in lexicons.places() or key.rsplit(" ", 1)[-1] in lexicons.PLACE_TAILS
            candidate = replace(candidate, end=end, type="location" if place else "organization")
        repaired.append(candidate)
    return repaired


_OFFICE_AT_END = re.compile(rf"[ \t](?i:{TITLE})$")


def defined(text: str, found: list[Candidate], definitions: Sequence[acronyms.Definition]) -> list[Candidate]:
    """Defined acronyms and their long forms, in any order and possibly overlapping. A long form's span is
    what the acronym's letters cover (and a place before them, :func:`_with_place`), with the type of the
    longest span it overlaps; the acronym, where it is defined and wherever it recurs as a word written the
    same way, has that type too (label ``ACRONYM``). A long form that no span overlaps (a survey, a
    programme: "Encuesta Nacional de Ocupación y Empleo (ENOE)") adds nothing, unless it starts with an
    organization head word: "Secretariat of Security and Citizen Protection (SSPC)" is an organization."""
    longs: list[Candidate] = []
    types: dict[str, Candidate] = {}
    ends = [c.end for c in found]  # sorted, as the candidates are disjoint
    for definition in definitions:
        i = bisect.bisect_right(ends, definition.long_start)
        overlapped: list[Candidate] = []
        while i < len(found) and found[i].start < definition.long_end:
            overlapped.append(found[i])
            i += 1
        long = (definition.long_start, definition.long_end)
        if not overlapped and org_headed(match_key(text[long[0] : long[1]]) or ""):
            overlapped.append(Candidate(*long, "organization", "ACRONYM"))
        if not overlapped:
            continue
        model = max(overlapped, key=lambda c: c.end - c.start)
        start = _with_place(text, model.start, definition.long_start)
        longs.append(Candidate(start, definition.long_end, model.type, model.label, model.cue))
        types.setdefault(text[definition.short_start : definition.short_end], model)
    if not types:
        return []
    pattern = re.compile(
        r"(?<![\w.&-])(?:" + "|".join(map(re.escape, sorted(types, key=len, reverse=True))) + r")(?![\w&-])"
    )
    shorts = [Candidate(m.start(), m.end(), types[m.group()].type, "ACRONYM") for m in pattern.finditer(text)]
    return longs + shorts  # overlaps are settled where they are merged (:func:`pipeline.layout.merge`)


def _with_place(text: str, model_start: int, long_start: int) -> int:
    """Where a long form starts: before its letters when the model's span starts with a country or a state
    (after any article) right before them. The acronym leaves the place out ("DPS"), the name does not."""
    start = model_start
    if article := _ARTICLE.match(text, start, long_start):
        start = article.end()
    place = text[start:long_start]
    if start < long_start and place[-1] in " \t" and _is_place(place.strip()):
        return start
    return long_start


_ARTICLE = re.compile(r"(?i:the|el|la|los|las)[ \t]+")
_COUNTRY_ABBREVIATIONS = frozenset(a for forms in placenames.COUNTRY_ABBREVIATIONS.values() for a in forms)


def _is_place(name: str) -> bool:
    return name in _COUNTRY_ABBREVIATIONS or match_key(name) in lexicons.strong_places()
