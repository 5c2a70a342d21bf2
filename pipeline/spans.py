"""Repair the model's span boundaries, and read the words around a span as evidence of its type.

The small models cut long names at their connecting words, run one span across punctuation, and type
names by their look alone. Before names are trimmed (:mod:`pipeline.normalize`), :func:`repair` applies, in
order:

1. **separators**: a span never crosses ":", ";", "/", "|", a bracket, a bullet, a dash between spaces, a
   comma (except before a company suffix: "Química del Pacífico, S.A."), or a number inside it ("Dundee 2
   Falkirk"): it is cut into its pieces, each keeping the span's type;
2. **datelines**: a line that starts with a place in capitals and a comma ("TIJUANA, B.C. —", "MEXICALI, 2
   dic (EFE)") names a place, and so does the region after the comma when it is a capitalized word;
3. **offices**: a person span right after an office and "de"/"of" ("Director de Seguridad Pública
   Municipal de Mexicali") is the office's complement, not a person: dropped, unless it is a known place
   or starts with an organization head word;
4. **long organization names**: a name headed by an organization word ("Secretaría", "Instituto",
   "Department") continues over "de", "del", "y", "para", "contra", "a", "of", "and", "for" and the
   capitalized words after them, across the model's spans ("Secretaría de Seguridad" + "y" + "Protección
   Ciudadana"). "y", "and", "a", "para" and "contra" do not join a known place, and "y"/"and" do not join a
   second name with its own head word ("la Secretaría de Marina y Guardia Nacional"). A head word with
   "of"/"de" right before an organization span joins it ("Department of" + "Homeland Security"), and so
   does an organization word right after a span ("Sinaloa" + "Cartel");
5. **people**: a person span continues over the capitalized words right after it that are not everyday
   words, organization heads or titles ("Jesús Alexander" + "Sánchez Félix"), and over a nickname in
   quotes followed by a surname ("Joaquín" + "'El Chapo'" + "Guzmán");
6. **cues** (:data:`CUE_TYPES`), weighed by :mod:`pipeline.evidence`: a type noun right before a name
   ("the criminal organization X", "la organización criminal X", "el cártel X", "la empresa X") or a
   plural group name ("Los Rusos", not a known place) says organization, and so does a name joined to
   such a group by "y"/"and"/","; a name followed by a comma and a known state or country ("San Luis Río
   Colorado, Sonora", "Yuma, Arizona") says location.

Every rule reads only the document's text and the spans; none names an entity. Each is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pipeline import lexicons
from pipeline.extract import PARTICLE, WORD, Candidate
from pipeline.normalize import match_key, trim
from pipeline.records import EntityType
from pipeline.titles import TITLE, is_title

#: Contextual evidence a candidate can carry, and the type it speaks for.
CUE_TYPES: dict[str, EntityType] = {
    "group": "organization",
    "place": "location",
    "place_pair": "location",
    "dateline": "location",
    "street": "location",
    "team": "organization",
    "byline": "person",
    "agency": "organization",
}

# Separators no name crosses. A comma is one unless a company suffix follows it.
_SUFFIX = r"S\.\s?A\.|S\.\s?C\.|S\.\s?de\s|Inc\b|Ltd\b|LLC\b|L\.L\.C\.|Co\.|Corp\b|Jr\b|Sr\b"
_SEPARATOR = re.compile(
    rf"\s*(?:[:;/|()\[\]{{}}•·]|\s[-–—]\s|[–—]|,(?!\s*(?:{_SUFFIX})))\s*|\s\d+(?:[.,:-]\d+)*\s+"
)


def repair(text: str, found: list[Candidate], is_common: Callable[[str], bool]) -> list[Candidate]:
    """The candidates of one document with their boundaries repaired and their cues read (module docstring).

    found: sorted, non-overlapping candidates (:func:`pipeline.extract.candidates`).
    is_common: whether a word is an everyday word of the document's language.
    RETURNS (list[Candidate]): sorted and non-overlapping again.
    """
    found = [piece for candidate in found for piece in split(text, candidate)]
    found = _merge(found, datelines(text) + credits(text) + streets(text) + teams(text))
    found = [c for c in found if not _office(text, c)]
    found = join_organizations(text, found)
    found = extend_people(text, found, is_common)
    return read_cues(text, found)


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


_UPPER_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*[A-ZÀ-ÖØ-Þ.]"
_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD})*)"
    rf"(?:,[ \t]+(?:(?P<region>{WORD}(?:[ \t]*{WORD})*)[ \t]*)?(?=[—–-]|\(|\d)|[ \t]+(?=\d{{4}}-\d\d-\d\d))",
    re.MULTILINE,
)


def datelines(text: str) -> list[Candidate]:
    """Places named by datelines: "TIJUANA, B.C. —" gives "TIJUANA" and "B.C.", "LONDON 1996-08-30"
    gives "LONDON"."""
    found: list[Candidate] = []
    for match in _DATELINE.finditer(text):
        found.append(Candidate(match.start("place"), match.end("place"), "location", "DATELINE", "dateline"))
        if match.group("region"):
            found.append(
                Candidate(match.start("region"), match.end("region"), "location", "DATELINE", "dateline")
            )
    return found


_NAME = rf"(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD}))*"
_CREDIT = re.compile(
    r"^(?:(?i:photo|photos|foto|fotos|fotografía|image|imagen)(?:[ \t]+(?i:by|de))?[ \t]*:|By|Por)[ \t]+"
    rf"(?:(?i:courtesy[ \t]+of|cortesía(?:[ \t]+de)?)[ \t]+(?P<source>{_NAME})|(?P<name>{_NAME}))"
    rf"(?:[ \t]*[/|,][ \t]*(?P<agency>{_NAME}))?[ \t]*$",
    re.MULTILINE,
)


def credits(text: str) -> list[Candidate]:
    """Bylines and photo credits: "By Ana Ruiz", "Photo: Ana Ruiz / Reuters" name a person and an agency;
    "Photo: Courtesy of X" names a source, whose type the rest of the evidence decides."""
    found: list[Candidate] = []
    for match in _CREDIT.finditer(text):
        if match.group("name"):
            found.append(Candidate(match.start("name"), match.end("name"), "person", "CREDIT", "byline"))
        if match.group("agency"):
            found.append(
                Candidate(match.start("agency"), match.end("agency"), "organization", "CREDIT", "agency")
            )
    return found


_ABBREVIATED = r"(?:Dr|Gral|Lic|Ing|Prof|Profr|Gob|Pdte|Gen|Mtro|Sr|Sra|St)\.[ \t]+"
_STREET = re.compile(
    r"\b(?:bulevar|boulevard|blvd\.|avenida|av\.|calle|calzada|carretera|garita|río|periférico|paseo|"
    r"callejón|privada|libramiento)[ \t]+(?:(?:de|del)[ \t]+(?:(?:la|las|los|el)[ \t]+)?)?"
    rf"(?=(?:{_ABBREVIATED})?{WORD})(?P<name>(?:{_ABBREVIATED})?{_NAME})"
)


def streets(text: str) -> list[Candidate]:
    """Streets, roads, rivers and border crossings written with a lower-case noun ("bulevar Lázaro
    Cárdenas", "garita de Otay", "río Bravo"): the noun is part of the place's name, as a map writes it."""
    return [Candidate(m.start(), m.end(), "location", "STREET", "street") for m in _STREET.finditer(text)]


_SCORE_PAIR = re.compile(rf"(?P<name>{_NAME})[ \t]+\d+(?:[-–.:/]\d+)*(?![\w:/-]|\.\d)")


def teams(text: str) -> list[Candidate]:
    """Teams in results lines: a line with two or more names each followed by a score ("Leicestershire 22
    points, Somerset 4.", "Rotor Volgograd 2 Dynamo Moscow 1") names sides, which are organizations unless
    the name starts with a known given name or an initial (a player: "Bob Estes 64") or is a country."""
    found: list[Candidate] = []
    for line in _LINE.finditer(text):
        pairs = [
            m
            for m in _SCORE_PAIR.finditer(text, line.start(), line.end())
            if text.count("(", line.start(), m.start()) <= text.count(")", line.start(), m.start())
        ]
        if len(pairs) < 2:
            continue
        for pair in pairs:
            name = pair.group("name")
            words = (match_key(name) or "").split()
            if not words or words[0] in lexicons.given_names() or re.match(r"[A-Z]\.", name):
                continue
            if " ".join(words) in lexicons.strong_places() or is_title(name):
                continue
            found.append(Candidate(pair.start("name"), pair.end("name"), "organization", "RESULTS", "team"))
    return found


_LINE = re.compile(r"[^\n]+")


def _merge(found: list[Candidate], evidence: list[Candidate]) -> list[Candidate]:
    """Evidence spans replace the candidates they overlap."""
    if not evidence:
        return found
    kept = [c for c in found if not any(c.start < e.end and e.start < c.end for e in evidence)]
    return sorted(kept + evidence, key=lambda c: (c.start, c.end))


_OFFICE_BEFORE = re.compile(
    rf"(?i:{TITLE})[ \t]+(?i:de|del|of)[ \t]+(?:(?i:la|el|los|las|the)[ \t]+)?"
    rf"(?:(?:{WORD}|de|del|y|e|of|and|the|la|el)[ \t]+)*$"
)


def _office(text: str, candidate: Candidate) -> bool:
    """A person span that is an office's complement ("Director de" + "Seguridad Pública Municipal")."""
    if candidate.type != "person" or candidate.label == "TITLE":
        return False
    if not _OFFICE_BEFORE.search(text, max(0, candidate.start - 60), candidate.start):
        return False
    key = _key(text, candidate)
    return not (key in lexicons.places() or (key and key.split()[0] in lexicons.ORG_HEADS))


_CONTINUATION = re.compile(
    r"[ \t]+(?P<link>de[ \t]+la|de[ \t]+las|de[ \t]+los|del|de|y|e|para[ \t]+la|para[ \t]+el|para[ \t]+los|"
    r"para[ \t]+las|para|contra[ \t]+la|contra[ \t]+el|contra|a|of[ \t]+the|of|and|for[ \t]+the|for)"
    rf"[ \t]+(?P<run>(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD}))*)"
)
_NOT_TO_PLACES = frozenset({"y", "e", "and", "a", "para", "contra", "for"})
_LINKS = frozenset("de del y e para contra a of and for the la el los las".split())
_COMPANY = re.compile(
    r",?[ \t]+(?:S\.[ \t]?A\.(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?de[ \t]+R\.[ \t]?L\.(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?C\.|Inc\.|LLC\b|L\.L\.C\.|Ltd\.|Corp\.)"
)
_WORD_AFTER = re.compile(rf"[ \t]+(?P<word>{WORD})(?![^\W\d_])")
_ARTICLES = frozenset({"el", "la", "los", "las", "the"})


def join_organizations(text: str, found: list[Candidate]) -> list[Candidate]:
    """Long organization names made whole again (rule 4 of the module docstring)."""
    joined: list[Candidate] = []
    i = 0
    while i < len(found):
        candidate = found[i]
        i += 1
        head = _head_before(text, candidate, joined[-1].end if joined else 0)
        if head is not None:
            candidate = replace(candidate, start=head, type="organization")
        after = _WORD_AFTER.match(text, candidate.end)
        if after and match_key(after.group("word")) in lexicons.ORG_HEADS and candidate.type != "person":
            end = after.end()
            while i < len(found) and found[i].start < end:
                end, i = max(end, found[i].end), i + 1
            candidate = replace(candidate, end=end, type="organization")
        while _headed(text, candidate):
            more = _CONTINUATION.match(text, candidate.end)
            single = " " not in text[candidate.start : candidate.end].strip()
            if not more or not _joins(more.group("link"), more.group("run"), single):
                break
            end = more.end("run")
            while i < len(found) and found[i].start < end:
                end, i = max(end, found[i].end), i + 1
            candidate = replace(candidate, end=end, type="organization")
        company = _COMPANY.match(text, candidate.end)
        if company:
            end = company.end()
            while i < len(found) and found[i].start < end:
                end, i = max(end, found[i].end), i + 1
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


def _headed(text: str, candidate: Candidate) -> bool:
    """True when the candidate's name starts with an organization head word (after an article)."""
    words = (_key(text, candidate) or "").split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return bool(words) and words[0] in lexicons.ORG_HEADS


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


_NICKNAME = re.compile(r"[ \t]+[\"“'‘«][A-ZÀ-ÖØ-Þ][^\"”'’»\n]{0,30}[\"”'’»][ \t]+(?=[A-ZÀ-ÖØ-Þ])")


def extend_people(text: str, found: list[Candidate], is_common: Callable[[str], bool]) -> list[Candidate]:
    """People's names made whole again (rule 5 of the module docstring)."""
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
                while i < len(found) and found[i].start < end:
                    end, i = max(end, found[i].end), i + 1
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
        word = _WORD_AFTER.match(text, position)
        if not word or not word.group("word")[0].isupper() or word.group("word").endswith("."):
            break
        words.append(word)
        position = word.end()
    return words


def _before_nickname(text: str, candidate: Candidate) -> bool:
    """A given name the model typed otherwise, followed by a nickname in quotes ("Joaquín 'El Chapo'")."""
    words = (_key(text, candidate) or "").split()
    return (
        len(words) == 1 and words[0] in lexicons.given_names() and bool(_NICKNAME.match(text, candidate.end))
    )


_TYPE_NOUN = re.compile(
    r"(?i:(?:organizaci[oó]n|organizaciones|grupo|grupos|c[eé]lula|c[eé]lulas|facci[oó]n|facciones|"
    r"banda|bandas|c[aá]rtel|pandilla|pandillas|empresa|compa[ñn][ií]a|sindicato|agrupaci[oó]n|"
    r"consorcio|firma|colectivo)"
    r"(?:[ \t]+(?:criminal|criminales|delictiv[oa]s?|delincuencial(?:es)?|armad[oa]s?|rival(?:es)?))?"
    r"|(?:organization|group|gang|faction|cartel|company|firm|union|band|outfit|syndicate))"
    r"[ \t]+(?:de[ \t]+(?=(?:Los|Las|La|El)[ \t]))?$"
)
_PLACE_NOUN = re.compile(
    r"(?i:colonias?|fraccionamientos?|barrios?|municipios?[ \t]+de|ciudad[ \t]+de|estado[ \t]+de|"
    r"neighborhoods?|town[ \t]+of|city[ \t]+of|state[ \t]+of)[ \t]+$"
)
_PLURAL_GROUP = re.compile(r"(?:Los|Las)[ \t]+[A-ZÀ-ÖØ-Þ][^\W\d_]*s\b")
_COORDINATION = re.compile(r"[ \t]*(?:,|y|e|and|o|or)[ \t]+$")
_PAIR_AFTER = re.compile(rf",[ \t]+(?P<place>(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD}))*)")


def read_cues(text: str, found: list[Candidate]) -> list[Candidate]:
    """Attach the cues of rule 6 (module docstring) to the candidates."""
    cued: list[Candidate] = []
    for candidate in found:
        cue = candidate.cue
        window = text[max(0, candidate.start - 60) : candidate.start]
        key = _key(text, candidate) or ""
        if not cue and (
            _PLACE_NOUN.search(window)
            or (
                cued
                and cued[-1].cue == "place"
                and _COORDINATION.fullmatch(text, cued[-1].end, candidate.start) is not None
            )
        ):
            cue = "place"
        if not cue and (
            _TYPE_NOUN.search(window)
            or (_PLURAL_GROUP.match(text, candidate.start, candidate.end) and key not in lexicons.places())
            or (
                cued
                and cued[-1].cue == "group"
                and _COORDINATION.fullmatch(text, cued[-1].end, candidate.start) is not None
            )
        ):
            cue = "group"
        pair = _PAIR_AFTER.match(text, candidate.end)
        if not cue and pair and match_key(pair.group("place")) in lexicons.strong_places():
            cue = "place_pair"
        cued.append(replace(candidate, cue=cue) if cue != candidate.cue else candidate)
    return cued


def _key(text: str, candidate: Candidate) -> str | None:
    name = trim(text[candidate.start : candidate.end])
    return match_key(name) if name else None
