"""Spans that the layout of news text names, read from the text alone (no rule names an entity): they
replace the model's spans they overlap (:func:`merge`).

Datelines ("TIJUANA, B.C. —", "MEXICALI, 2 dic (EFE)", "LONDON 1996-08-30") name places; bylines and photo
credits ("By Ana Ruiz", "Foto: Ana Ruiz / Reuters") a person and an agency; a lower-case street, road, river
or crossing noun is part of the place it names ("bulevar Lázaro Cárdenas", "garita de Otay"), a road named by
its ends names two places ("la carretera Mexicali-Tijuana"), and a road's number is the road's ("State Route
86"); a name given with an age between commas ("Isidro Barajas Mendoza, 44,") is a person, where the model
found none, when it starts with a known given name; results and roster lines name teams and people
(:mod:`pipeline.results`). Each span carries its cue (:data:`pipeline.cues.CUE_TYPES`), weighed by
:mod:`pipeline.evidence`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from pipeline import companies, evidence, lexicons, results
from pipeline.extract import CAPITALIZED, WORD, Candidate
from pipeline.normalize import match_key


def layout_spans(text: str) -> list[Candidate]:
    """Every span the layout names (module docstring), in any order: :func:`merge` sorts them."""
    return (
        datelines(text)
        + credits(text)
        + streets(text)
        + roads(text)
        + companies.spans(text)
        + results.teams(text)
        + results.rosters(text)
    )


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
# A line, or a part of one between "|" ("By Ana Ruiz | Photo: Juan Gil for the Border Ledger").
_CREDIT = re.compile(
    r"(?:^|(?<=\|))[ \t]*"
    r"(?:(?i:photo|photos|foto|fotos|fotografía|image|imagen)(?:[ \t]+(?i:by|de))?[ \t]*:"
    r"|(?i:photo|foto)(?=[ \t]+(?i:courtesy|cortesía))|By|Por)[ \t]+"
    r"(?:(?i:courtesy[ \t]+of|cortesía(?:[ \t]+de)?)[ \t]+(?:(?i:the|la|el|los|las)[ \t]+)?"
    rf"(?P<source>{_NAME})|(?P<name>{_NAME}))"
    rf"(?:(?:[ \t]*[/|,][ \t]*|[ \t]+(?:for|para)[ \t]+(?:the[ \t]+)?)(?P<agency>{_NAME}))?[ \t]*(?=\||$)",
    re.MULTILINE,
)


def credits(text: str) -> list[Candidate]:
    """Bylines and photo credits: "By Ana Ruiz", "Photo: Ana Ruiz / Reuters" name a person and an agency;
    "Photo: Courtesy of X" names a source, whose type the rest of the evidence decides."""
    found: list[Candidate] = []
    for match in _CREDIT.finditer(text):
        if match.group("name") and _a_role(match.group("name")):
            pass  # "Por Redacción", "By Staff": no one named
        elif match.group("name") and _headed(match.group("name")):  # "Foto: Ayuntamiento de Fresnillo"
            found.append(
                Candidate(match.start("name"), match.end("name"), "organization", "CREDIT", "agency")
            )
        elif match.group("name"):
            found.append(Candidate(match.start("name"), match.end("name"), "person", "CREDIT", "byline"))
        if match.group("agency"):
            found.append(
                Candidate(match.start("agency"), match.end("agency"), "organization", "CREDIT", "agency")
            )
        byline = match.group(0).lstrip()[:2] in ("By", "Po")
        outlet = _OUTLET_LINE.match(text, match.end()) if byline else None
        if outlet and not _a_role(outlet.group("outlet")):  # "By Ana Ruiz" + a line "Las Cruces Sun-News"
            found.append(Candidate(outlet.start("outlet"), outlet.end(), "organization", "OUTLET", "agency"))
    return found


# The line right after a byline, when it holds a name and nothing else: the reporter's newspaper or agency.
_OUTLET_LINE = re.compile(rf"[ \t]*\n[ \t]*(?P<outlet>(?:(?:The|El|La|Los|Las)[ \t]+)?{_NAME})[ \t]*$", re.M)
#: Words that give a reporter's role, not a name, in a byline ("Staff Writer", "Por Redacción").
BYLINE_ROLES = frozenset(
    "staff writer reporter correspondent editor columnist contributor freelance special redaccion "
    "corresponsal reportero reportera enviado enviada especial columnista colaborador colaboradora".split()
)


def _a_role(name: str) -> bool:
    return any(word in BYLINE_ROLES for word in (match_key(name) or "").split())


def _headed(name: str) -> bool:
    """Whether a credit's name is headed like an organization's (:func:`pipeline.evidence.org_headed`), or
    ends with a head word after two more ("Tucson Police Department"): an institution, not a photographer
    ("Ana Guardia")."""
    words = lexicons.without_article((match_key(name) or "").split())
    return bool(words) and (
        evidence.org_headed(" ".join(words)) or (len(words) > 2 and words[-1] in lexicons.ORG_HEADS)
    )


_ABBREVIATED = r"(?:Dr|Gral|Lic|Ing|Prof|Profr|Gob|Pdte|Gen|Mtro|Sr|Sra|St)\.[ \t]+"
_STREET = re.compile(
    r"\b(?P<noun>bulevar|boulevard|blvd\.|avenida|av\.|calle|calzada|carretera|autopista|garita|río|periférico|"
    r"paseo|callejón|privada|libramiento)[ \t]+(?:(?:de|del)[ \t]+(?:(?:la|las|los|el)[ \t]+)?)?"
    rf"(?=(?:{_ABBREVIATED})?{WORD})(?P<name>(?:{_ABBREVIATED})?{_NAME})"
)


def streets(text: str) -> list[Candidate]:
    """Streets, roads, rivers and border crossings written with a lower-case noun ("bulevar Lázaro
    Cárdenas", "garita de Otay", "río Bravo"): the noun is part of the place's name, as a map writes it. A
    road named by its ends ("la carretera Mexicali-Tijuana") names two places instead, each a location."""
    found = []
    for m in _STREET.finditer(text):
        if m.group("noun").lower() not in _ROADS:
            found.append(Candidate(m.start(), m.end(), "location", "STREET", "street"))
            continue
        end = m.end()
        while other := _OTHER_END.match(text, end):  # "Mexicali–" + "Tijuana"
            end = other.end()
        dashes = list(_DASH.finditer(text, m.start("name"), end))
        if not dashes:
            found.append(Candidate(m.start(), m.end(), "location", "STREET", "street"))
            continue
        starts = [m.start("name")] + [dash.end() for dash in dashes]
        stops = [dash.start() for dash in dashes] + [end]
        for start, stop in zip(starts, stops, strict=True):
            found.append(Candidate(start, stop, "location", "STREET", "place"))
    return found


_ROADS = frozenset({"carretera", "autopista", "libramiento"})
_OTHER_END = re.compile(rf"–(?:{_NAME})")
_DASH = re.compile(r"[-–](?=[A-ZÀ-ÖØ-Þ])")


# The road's noun first (a look-ahead at its first letter makes the scan several times faster), then the
# word before it that may belong to the name ("State Route 86", "U.S. Highway 2").
_ROAD = re.compile(
    r"(?=[RHICA])\b(?:(?:Route|Highway)s?|Interstates?|(?:Carretera|Autopista)(?:[ \t]+(?:Federal|Estatal))?)"
    r"[ \t]+(?:No\.[ \t]*)?\d{1,4}[A-Z]?\b(?![.,]\d)"
)
_ROAD_PREFIX = re.compile(r"\b(?:State|U\.S\.|US|County|Federal)[ \t]+$")


def roads(text: str) -> list[Candidate]:
    """Numbered roads, with their number: "State Route 86", "Interstate 95", "Carretera Federal 2" (the
    number is part of the name, which trimming would otherwise drop)."""
    found = []
    for m in _ROAD.finditer(text):
        prefix = _ROAD_PREFIX.search(text, max(0, m.start() - 8), m.start())
        found.append(
            Candidate(prefix.start() if prefix else m.start(), m.end(), "location", "STREET", "street")
        )
    return found


_AGE = re.compile(r",[ \t]+(?:de[ \t]+)?\d{1,3}(?:[ \t]+años)?,")
_NAME_TO_END = re.compile(rf"(?:{_NAME})$")
_WORD_START = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-Þ]")


def ages(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """People given with their age between commas whom the model missed ("Isidro Barajas Mendoza, 44,
    worked", "Juan Pérez, de 34 años,"): a name of two words or more right before, that starts with a known
    given name (the first such start in the 80 characters before the age: not "Ayer" in "Ayer Juan Pérez,
    44,"), and that no person span of ``found`` (sorted, disjoint) overlaps: the model knows its bounds
    better ("Yorman José Pérez", where "Yorman" is no known given name)."""
    people = [(c.start, c.end) for c in found if c.type == "person"]
    aged = []
    for age in _AGE.finditer(text):
        for start in _WORD_START.finditer(text, max(0, age.start() - 80), age.start()):
            name = _NAME_TO_END.match(text, start.start(), age.start())
            words = (match_key(name.group()) or "").split() if name else []
            if len(words) > 1 and words[0] in lexicons.given_names():
                i = bisect.bisect_left(people, (start.start(), 0))
                near = people[max(0, i - 1) : i + 1]
                if not any(a < age.start() and start.start() < b for a, b in near):
                    aged.append(Candidate(start.start(), age.start(), "person", "AGE", "age"))
                break
    return aged


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
