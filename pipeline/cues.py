"""What the words around a name, and the layout of news text, say about its type.

Two kinds of evidence, both read from the text alone (no rule names an entity):

* **spans the layout names** (:func:`layout_spans`), which replace the model's spans they overlap:
  datelines ("TIJUANA, B.C. —", "MEXICALI, 2 dic (EFE)", "LONDON 1996-08-30") name places; bylines and
  photo credits ("By Ana Ruiz", "Foto: Ana Ruiz / Reuters") a person and an agency; a lower-case street,
  road, river or crossing noun is part of the place it names ("bulevar Lázaro Cárdenas", "garita de
  Otay"); names each followed by a score on one line ("Leicestershire 22 points, Somerset 4.") are teams,
  unless they start with a given name or an initial (players) or are countries; names each followed by a
  side in brackets on one line ("Poli (Getafe), Berruet (Villarreal)") are people, and the sides teams
  (or countries, when known: "Leah Pells (Canada)");
* **cues** (:func:`read_cues`) on the spans: a type noun right before a name ("the criminal organization
  X", "la organización criminal X", "el cártel X", "la empresa X") or a plural group name ("Los Rusos",
  not a known place) says organization, and so does a name joined to such a group by "y", "and" or a
  comma; a place noun before it ("la colonia X", "the city of X") says location, and so does "City,
  State" ("San Luis Río Colorado, Sonora": a name followed by a comma and a known state or country).

Each cue is weighed by :mod:`pipeline.evidence` (``CUE``) for the type in :data:`CUE_TYPES`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline import lexicons
from pipeline.extract import CAPITALIZED, PARTICLE, WORD, Candidate, name_key
from pipeline.normalize import match_key
from pipeline.records import EntityType
from pipeline.titles import is_title

#: Contextual evidence a candidate can carry, and the type it speaks for.
CUE_TYPES: dict[str, EntityType] = {
    "group": "organization",
    "plural": "organization",
    "place": "location",
    "place_pair": "location",
    "dateline": "location",
    "street": "location",
    "team": "organization",
    "roster": "person",
    "side": "organization",
    "country": "location",
    "byline": "person",
    "agency": "organization",
}


_UPPER_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*[A-ZÀ-ÖØ-Þ.]"
# A region after a dateline's place: "B.C.", "Son.", "Sonora", "West Bank"; not a headline in capitals.
_REGION_WORD = rf"(?![A-ZÀ-ÖØ-Þ]{{3}})(?:{WORD})"
_REGION = rf"(?P<region>(?:{_REGION_WORD})\.?(?:[ \t]*(?:{_REGION_WORD})\.?){{0,2}})"
_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,3}})"
    rf"(?:,[ \t]+(?:{_REGION}[ \t]*)?(?=[—–-]|\(|\d)|[ \t]+(?=[—–]|\d{{4}}-\d\d-\d\d))",
    re.MULTILINE,
)


def datelines(text: str) -> list[Candidate]:
    """Places named by datelines: "TIJUANA, B.C. —" gives "TIJUANA" and "B.C."; "SAN DIEGO —" and
    "LONDON 1996-08-30" give "SAN DIEGO" and "LONDON"."""
    found: list[Candidate] = []
    for match in _DATELINE.finditer(text):
        found.append(Candidate(match.start("place"), match.end("place"), "location", "DATELINE", "dateline"))
        if match.group("region"):
            found.append(
                Candidate(match.start("region"), match.end("region"), "location", "DATELINE", "dateline")
            )
    return found


_NAME = CAPITALIZED
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


_SCORE_PAIR = re.compile(rf"(?P<name>{_NAME})[ \t]+\d+(?:[-–.:/,]\d+)*(?![\w:/-]|[.,]\d)")


def teams(text: str) -> list[Candidate]:
    """Teams in results lines: a line with two or more names each followed by a score ("Leicestershire 22
    points, Somerset 4.", "Rotor Volgograd 2 Dynamo Moscow 1") names sides, which are organizations unless
    the name starts with a known given name or an initial (a player: "Bob Estes 64") or is a country."""
    found: list[Candidate] = []
    for line in _LINE.finditer(text):
        pairs = []
        depth, counted = 0, line.start()  # brackets open before the pair, counted once along the line
        for m in _SCORE_PAIR.finditer(text, line.start(), line.end()):
            depth += text.count("(", counted, m.start()) - text.count(")", counted, m.start())
            counted = m.start()
            if depth <= 0:  # not inside brackets: "(P. Simmons 4-38)" is a player's figures
                pairs.append(m)
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
_AFFILIATION = re.compile(
    rf"(?:(?P<other>{_NAME})[ \t]+(?:y|e|and)[ \t]+)?(?P<name>{_NAME})[ \t]+"
    rf"\((?P<side>(?:{WORD})\.?(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD})\.?)*)\)"
)


def rosters(text: str) -> list[Candidate]:
    """People in roster lists: a line with two or more names each followed by a side in brackets ("Poli
    (Extremadura), Berruet (Villarreal)", "Leah Pells (Canada) 4:09.95") lists people with their team or
    country. The people's names must not be known places (a place and its country: "Miami (EEUU)") nor
    start with an organization word, and an acronym in the brackets is a definition, not a side."""
    found: list[Candidate] = []
    for line in _LINE.finditer(text):
        pairs = [m for m in _AFFILIATION.finditer(text, line.start(), line.end()) if _roster_pair(m)]
        if len(pairs) < 2:
            continue
        for pair in pairs:
            for group in ("other", "name"):
                if pair.group(group):
                    found.append(Candidate(pair.start(group), pair.end(group), "person", "ROSTER", "roster"))
            country = (match_key(pair.group("side")) or "") in lexicons.strong_places()
            cue = "country" if country else "side"
            found.append(Candidate(pair.start("side"), pair.end("side"), CUE_TYPES[cue], "ROSTER", cue))
    return found


def _roster_pair(pair: re.Match[str]) -> bool:
    key = match_key(pair.group("name")) or ""
    side = pair.group("side")
    return (
        bool(key)
        and key not in lexicons.places()
        and key.split()[0] not in lexicons.ORG_HEADS
        and not (side.isupper() and len(side) > 1 and "." not in side)
    )


def merge(found: list[Candidate], evidence: list[Candidate]) -> list[Candidate]:
    """Evidence spans replace the candidates they overlap (both sorted; linear)."""
    evidence = _disjoint(evidence)
    kept = [c for c, hit in zip(found, _hits(found, evidence), strict=True) if not hit]
    return sorted(kept + evidence, key=lambda c: (c.start, c.end)) if evidence else found


def _disjoint(spans: list[Candidate]) -> list[Candidate]:
    """Of overlapping spans, the first (and longest among those starting together)."""
    kept: list[Candidate] = []
    for span in sorted(spans, key=lambda c: (c.start, -c.end)):
        if not kept or kept[-1].end <= span.start:
            kept.append(span)
    return kept


def _hits(spans: list[Candidate], others: list[Candidate]) -> list[bool]:
    """For each of the sorted ``spans``, whether it overlaps one of the sorted, disjoint ``others``."""
    hits: list[bool] = []
    j = 0
    for span in spans:
        while j < len(others) and others[j].end <= span.start:
            j += 1
        hits.append(j < len(others) and others[j].start < span.end)
    return hits


# An adjective may stand between a type noun and the name ("la multinacional española X"); these may not.
_FUNCTION_WORD = r"(?:de|del|en|con|a|al|por|para|que|y|e|o|u|sin|sobre|entre|como|desde)"
_TYPE_NOUNS = (
    r"(?i:(?:organizaci[oó]n|organizaciones|grupo|grupos|c[eé]lula|c[eé]lulas|facci[oó]n|facciones|"
    r"banda|bandas|c[aá]rtel|pandilla|pandillas|empresa|compa[ñn][ií]a|sindicato|agrupaci[oó]n|"
    r"consorcio|firma|colectivo|multinacional|operadora|aerol[ií]nea|constructora|petrolera|"
    r"farmac[eé]utica|automotriz|cadena|fabricante|distribuidora|aseguradora|financiera|televisora|"
    r"empresas|compa[ñn][ií]as)"
    rf"(?:[ \t]+(?!{_FUNCTION_WORD}\b)(?-i:[a-záéíóúñ]+))?"
    r"|(?:organization|group|gang|faction|cartel|company|firm|union|band|outfit|syndicate|carrier|airline|"
    r"automaker|retailer|conglomerate|insurer|lender|broadcaster|manufacturer|companies|groups))"
    r"[ \t]+(?P<of>de[ \t]+)?"
)
_TYPE_NOUN = re.compile(_TYPE_NOUNS + "$")
#: Most words a match spans: of _TYPE_NOUN (noun, adjective, "de"), of _PLACE_NOUN ("puerto de entrada de").
_TYPE_NOUN_WORDS, _PLACE_NOUN_WORDS = 3, 4
_PLACE_NOUN = re.compile(
    r"(?i:colonias?|fraccionamientos?|barrios?|municipios?[ \t]+de|ciudad[ \t]+de|estado[ \t]+de|"
    r"puertos?[ \t]+de[ \t]+entrada[ \t]+de|"
    r"neighborhoods?|town[ \t]+of|city[ \t]+of|state[ \t]+of)[ \t]+$"
)
_ARTICLE = re.compile(r"(?:Los|Las|La|El)[ \t]")
# "Mazatlán, the state's beach resort", "Culiacán, la capital del estado": a place in apposition.
_PLACE_APPOSITION = re.compile(
    r",[ \t]+(?i:the|la|el|una?|an?)[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){0,3}?"
    r"(?i:city|capital|port|town|resort|village|municipality|county|suburb|neighborhood|ciudad|capital|"
    r"puerto|municipio|poblado|comunidad|colonia|localidad|villa|pueblo)\b"
)
_PLURAL_GROUP = re.compile(r"(?:Los|Las)[ \t]+[A-ZÀ-ÖØ-Þ][^\W\d_]*s\b")
_COORDINATION = re.compile(r"[ \t]*(?:,|y|e|and|o|or)[ \t]+$")
_PAIR_AFTER = re.compile(rf",[ \t]+(?P<place>{CAPITALIZED})")


def read_cues(text: str, found: list[Candidate]) -> list[Candidate]:
    """Attach the cues of rule 6 (module docstring) to the candidates."""
    cued: list[Candidate] = []
    for candidate in found:
        cue = candidate.cue
        window = text[max(0, candidate.start - 60) : candidate.start]
        key = name_key(text, candidate) or ""
        if not cue and (
            ends_with(_PLACE_NOUN, window, _PLACE_NOUN_WORDS)
            or (
                cued
                and cued[-1].cue == "place"
                and _COORDINATION.fullmatch(text, cued[-1].end, candidate.start) is not None
            )
        ):
            cue = "place"
        noun = ends_with(_TYPE_NOUN, window, _TYPE_NOUN_WORDS)
        if not cue and noun and (not noun.group("of") or _ARTICLE.match(text, candidate.start)):
            cue = "group"  # "la organización criminal X", "células de Los X" (not "grupo de Juan")
        elif (
            not cue
            and cued
            and cued[-1].cue in ("group", "plural")
            and _COORDINATION.fullmatch(text, cued[-1].end, candidate.start) is not None
        ):
            cue = cued[-1].cue  # "Los Chapitos y La Mayiza"
        if (
            not cue
            and _PLURAL_GROUP.match(text, candidate.start, candidate.end)
            and key not in lexicons.places()
        ):
            cue = "plural"
        if not cue and _PLACE_APPOSITION.match(text, candidate.end):
            cue = "place"
        pair = _PAIR_AFTER.match(text, candidate.end)
        if not cue and pair and match_key(pair.group("place")) in lexicons.strong_places():
            cue = "place_pair"
        cued.append(replace(candidate, cue=cue) if cue != candidate.cue else candidate)
    return cued


def ends_with(pattern: re.Pattern[str], window: str, words: int) -> re.Match[str] | None:
    """``pattern.search(window)`` for a pattern anchored at the end (``$``) whose matches span at most
    ``words`` whitespace-separated words, searched from the start of the window's last ``words`` words: a
    search tries every position of the window, for every candidate (a test checks the bounds)."""
    head = window.rsplit(maxsplit=words)
    return pattern.search(window, len(head[0]) if len(head) > words else 0)


def layout_spans(text: str) -> list[Candidate]:
    """Every span the layout names (module docstring), in any order: :func:`merge` sorts them."""
    return datelines(text) + credits(text) + streets(text) + teams(text) + rosters(text)
