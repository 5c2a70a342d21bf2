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
   organization, without the office;
4. **long organization names**: a name headed by an organization word ("Secretaría", "Instituto",
   "Department") continues over "de", "del", "y", "para", "contra", "a", "of", "and", "for" and the
   capitalized words after them, across the model's spans ("Secretaría de Seguridad" + "y" + "Protección
   Ciudadana"), and over an enumeration of its fields in everyday words (", Servicios y Turismo" after "Cámara
   Nacional de Comercio"). "y", "and", "a", "para" and "contra" do not join a known place, "y"/"and" do not
   join a second name with its own head word ("la Secretaría de Marina y Guardia Nacional"), and a one-word
   head continues only over "de"/"del"/"of" ("Cabildo" + "de Tijuana"). A head word that starts a name and
   links before a span join it ("Secretaría de Hacienda y" + "Crédito Público"); an organization word right
   after a span joins it ("Sinaloa" + "Cartel"), and so does a company's legal form (", S.A. de C.V."); an
   organization that starts with a possessive takes its owner's capitalized words ("Federal Attorney" +
   "General's Office");
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
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from pipeline import acronyms, cues, layout, lexicons, nicknames, people, placenames
from pipeline.extract import CAPITALIZED, WORD, WORD_AFTER, Candidate, absorb, name_key, org_headed
from pipeline.normalize import match_key
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

    found: sorted, non-overlapping candidates (:func:`pipeline.extract.candidates`).
    is_common: whether a word is an everyday word of the document's language.
    RETURNS (list[Candidate]): sorted and non-overlapping again.
    """
    found = [piece for candidate in found for piece in split(text, candidate)]
    found = [piece for candidate in found for piece in people.person_and_organization(text, candidate)]
    found = layout.merge(found, layout.layout_spans(text))
    found = [c for c in found if not _office(text, c)]
    found = _jurisdictions(text, found)
    found = join_organizations(text, found, is_common)
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


def _jurisdictions(text: str, found: list[Candidate]) -> list[Candidate]:
    """A person span that ends with an office right before another person ("Cochise County Sheriff" + "Mark
    Dannels", "Tijuana Police Director" + "José Ruiz") is the office's jurisdiction: the office is cut off,
    and what is left is a place when it ends like one ("County") or is a known place, else an organization."""
    repaired = []
    for i, candidate in enumerate(found):
        office = _OFFICE_AT_END.search(text, candidate.start, candidate.end)
        following = found[i + 1] if i + 1 < len(found) else None
        if (
            candidate.type == "person"
            and office is not None
            and office.start() > candidate.start
            and following is not None
            and following.type == "person"
            and text[candidate.end : following.start] == " "
        ):
            end = candidate.start + len(text[candidate.start : office.start()].rstrip())
            key = match_key(text[candidate.start : end]) or ""
            place = key in lexicons.places() or key.rsplit(" ", 1)[-1] in lexicons.PLACE_TAILS
            candidate = replace(candidate, end=end, type="location" if place else "organization")
        repaired.append(candidate)
    return repaired


_OFFICE_AT_END = re.compile(rf"[ \t](?i:{TITLE})$")


_CONTINUATION = re.compile(
    r"[ \t]+(?P<link>de[ \t]+la|de[ \t]+las|de[ \t]+los|del|de|y|e|para[ \t]+la|para[ \t]+el|para[ \t]+los|"
    r"para[ \t]+las|para|contra[ \t]+la|contra[ \t]+el|contra|a|of[ \t]+the|of|and|for[ \t]+the|for)"
    rf"[ \t]+(?P<run>{CAPITALIZED})"
)
_ENUMERATION = re.compile(
    rf",[ \t]+(?P<fields>{CAPITALIZED}(?:,[ \t]+{CAPITALIZED})*)"
    rf"[ \t]+(?P<link>y|e|and)[ \t]+(?P<run>{CAPITALIZED})"
)
_FIELD = re.compile(r",[ \t]+")
_NOT_TO_PLACES = frozenset({"y", "e", "and", "a", "para", "contra", "for"})
_LINKS = frozenset("de del y e para contra a of and for the la el los las".split())
_COMPANY = re.compile(
    r",?[ \t]+(?:S\.[ \t]?A\.(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?de[ \t]+R\.[ \t]?L\.(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?C\.|Inc\.|LLC\b|L\.L\.C\.|Ltd\.|Corp\.)"
)


def join_organizations(
    text: str, found: list[Candidate], is_common: Callable[[str], bool]
) -> list[Candidate]:
    """Long organization names made whole again (rule 4 of the module docstring); ``is_common``: whether a
    word is an everyday word of the document's language."""
    joined: list[Candidate] = []
    i = 0
    while i < len(found):
        candidate = found[i]
        i += 1
        head = _head_before(text, candidate, joined[-1].end if joined else 0)
        if head is not None:
            candidate = replace(candidate, start=head, type="organization")
        elif candidate.type == "organization" and _POSSESSIVE_FIRST.match(
            text, candidate.start, candidate.end
        ):
            # "General's Office" is cut from "Federal Attorney General's Office": its owner stands before it
            limit = max(joined[-1].end if joined else 0, candidate.start - 60)
            owner = _CAPITALIZED_BEFORE.search(text, limit, candidate.start)
            if owner:
                candidate = replace(candidate, start=owner.start())
        after = WORD_AFTER.match(text, candidate.end)
        if after and match_key(after.group("word")) in lexicons.ORG_HEADS and candidate.type != "person":
            end, i = absorb(found, i, after.end())
            candidate = replace(candidate, end=end, type="organization")
        while org_headed(name_key(text, candidate) or ""):
            single = " " not in text[candidate.start : candidate.end].strip()
            more = _CONTINUATION.match(text, candidate.end) or _enumeration(text, candidate.end, is_common)
            if not more or not _joins(more.group("link"), more.group("run"), single):
                break
            end, i = absorb(found, i, more.end("run"))
            candidate = replace(candidate, end=end, type="organization")
        company = _COMPANY.match(text, candidate.end)
        if company:
            end, i = absorb(found, i, company.end())
            candidate = replace(candidate, end=end, type="organization")
        joined.append(candidate)
    return joined


def _head_before(text: str, candidate: Candidate, limit: int) -> int | None:
    """Where the organization name starts that a span ends, when the words before it are an organization
    head word, capitalized words and links ("Secretaría de Hacienda y" + "Crédito Público"), the last of
    them a link; ``None`` otherwise. Never reaches before ``limit`` or over punctuation."""
    if candidate.label == "TITLE":
        return None
    words = list(_TOKEN.finditer(text, max(limit, candidate.start - 80), candidate.start))
    if not words or words[-1].group() not in _LINKS:
        return None
    words = words[-8:]
    for i in range(len(words) - 1, -1, -1):
        token = words[i].group()
        if token in _LINKS:
            continue
        if not re.fullmatch(WORD, token):
            return None
        key = match_key(token)
        if key in lexicons.ORG_HEADS and key not in lexicons.ORG_SUFFIXES:
            # the head must start the name: not "FC" ending "Phoenix Rising FC and" + "El Paso"
            return None if i > 0 and re.fullmatch(WORD, words[i - 1].group()) else words[i].start()
    return None


_TOKEN = re.compile(r"\S+")
_POSSESSIVE_FIRST = re.compile(r"[^\W\d_]+['’]s[ \t]")
_CAPITALIZED_BEFORE = re.compile(rf"(?:(?:{WORD})[ \t]+){{1,3}}$")


def _enumeration(text: str, end: int, is_common: Callable[[str], bool]) -> re.Match[str] | None:
    """The rest of a name that enumerates its fields after its head ("Cámara Nacional de Comercio" + ",
    Servicios y Turismo"): everyday words, each but the last after a comma, the last after "y"/"e"/"and";
    not a list of other names ("Bank of America, Citigroup and Wells Fargo")."""
    more = _ENUMERATION.match(text, end)
    if more is None:
        return None
    fields = [*_FIELD.split(more.group("fields")), more.group("run").split()[0]]
    everyday = all(is_common(word) for field in fields for word in field.split() if word[0].isupper())
    return more if everyday and all(_joins(more.group("link"), field, False) for field in fields) else None


def _joins(link: str, run: str, single: bool) -> bool:
    """Whether a head-led name of one word (``single``) or more continues over ``link`` and ``run``."""
    link = link.split()[0].lower()
    words = (match_key(run) or "").split()
    if link in _NOT_TO_PLACES and " ".join(words) in lexicons.places():
        return False
    if single and link not in ("de", "del", "of"):
        return False
    second = any(w in lexicons.ORG_HEADS or w in lexicons.ORG_SUFFIXES for w in words)
    return not (link in ("y", "e", "and") and (second or run.isupper()))


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
