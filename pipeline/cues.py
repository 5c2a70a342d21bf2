"""What the words around a name say about its type: **cues** (:func:`read_cues`) on the candidate spans.

A type noun right before a name ("the criminal organization X", "la organización criminal X", "el cártel X",
"la empresa X"), a group noun heading an apposition after it ("X, the armed wing of …", "X, brazo armado
del …") or a plural group name ("Los Rusos", not a known place) says organization, and so does a name joined
to such a group by "y", "and" or a comma; a place noun before it ("la colonia X", "the city of X", "las
garitas de X", and the names coordinated with X) or a place in apposition after it ("Culiacán, la capital del
estado") says location, and so does "City, State" ("San Luis Río Colorado, Sonora": a name followed by a comma
and a known state or country); a match's result before a city's name says the club ("empate 2-2 ante
Monterrey", "a victory over Gloucester"); "in", "near", "outside", "around", "en" or "cerca de" before a
known place the model read as an organization says location ("farmers around Delicias"). Read from the text
alone: no rule names an entity. The spans the layout names (:mod:`pipeline.layout`) carry their own cues.

Each cue is weighed by :mod:`pipeline.evidence` (``CUE``) for the type in :data:`CUE_TYPES`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline import lexicons
from pipeline.extract import CAPITALIZED, Candidate, name_key
from pipeline.normalize import match_key
from pipeline.records import EntityType

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
    "age": "person",
    "side": "organization",
    "country": "location",
    "byline": "person",
    "agency": "organization",
    "company": "organization",
}


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
    r"(?i:colonias?|fraccionamientos?|barrios?|municipios?[ \t]+de|ciudad(?:es)?[ \t]+de|estados?[ \t]+de|"
    r"puertos?[ \t]+de[ \t]+entrada[ \t]+de|garitas[ \t]+de|"
    r"neighborhoods?|town[ \t]+of|city[ \t]+of|state[ \t]+of|village[ \t]+of|community[ \t]+of)[ \t]+$"
)
#: A match's result before a name: "empate 2-2 ante X", "una victoria sobre X", "a 3-1 win over X".
_RESULT_BEFORE = re.compile(
    r"(?:\b\d{1,2}[-–]\d{1,2}|(?i:empate|victoria|derrota|triunfo|draw|win|victory|defeat|loss))[ \t]+"
    r"(?:ante|contra|frente[ \t]+a|sobre|a|al|against|over|to|with)[ \t]+(?:(?:el|los|the)[ \t]+)?$"
)
_RESULT_WORDS = 4
_ARTICLE = re.compile(r"(?:Los|Las|La|El)[ \t]")
# "Mazatlán, the state's beach resort", "Culiacán, la capital del estado": a place in apposition.
_PLACE_APPOSITION = re.compile(
    r",[ \t]+(?i:the|la|el|una?|an?)[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){0,3}?"
    r"(?i:city|capital|port|town|resort|village|municipality|county|suburb|neighborhood|community|seat|ciudad|"
    r"puerto|municipio|poblado|comunidad|colonia|localidad|villa|pueblo)\b(?!['’]s\b)"  # not "the county's"
)
# "La Línea, the armed wing of the Juárez Cartel", "La Línea, brazo armado del Cártel de Juárez": a group in
# apposition (the group noun heads it: not "Juan Pérez, a cartel leader").
_GROUP_APPOSITION = re.compile(
    r",[ \t]+(?:(?i:the|a|an|el|la|un|una)[ \t]+(?:[^\W\d_]+[ \t]+){0,2}?)?"
    r"(?:(?i:wing|arm|group|gang|faction|cell|cartel|organization|syndicate)"
    r"(?=[ \t]+(?:of|that|which|linked|led|based)\b|[ \t]*[,.;])"
    r"|(?i:brazo|c[eé]lula|grupo|c[aá]rtel|organizaci[oó]n|pandilla|facci[oó]n|banda)"
    r"(?:[ \t]+(?:armad[ao]|criminal|delictiv[ao]|rival|aliad[ao]))?"
    r"(?=[ \t]+(?:de|del|que|ligad[ao]|vinculad[ao])\b|[ \t]*[,.;]))"
)
_LOCATIVE = re.compile(r"\b(?:in|near|outside|around|en|cerca[ \t]+de)[ \t]+$")
_PLURAL_GROUP = re.compile(r"(?:Los|Las)[ \t]+[A-ZÀ-ÖØ-Þ][^\W\d_]*s\b")
_COORDINATION = re.compile(r"[ \t]*(?:,|y|e|and|o|or)[ \t]+$")
_PAIR_AFTER = re.compile(rf",[ \t]+(?P<place>{CAPITALIZED})")


def read_cues(text: str, found: list[Candidate]) -> list[Candidate]:
    """Attach the cues of the module docstring to the candidates."""
    cued: list[Candidate] = []
    placed = False  # the last candidate is a known place after "in"/"en", or in a list that starts so
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
        city = lexicons.places().get(key) == "city"
        if not cue and city and ends_with(_RESULT_BEFORE, window, _RESULT_WORDS):
            cue = "team"  # "empate 2-2 ante Monterrey": the club named after the city
        if not cue and _GROUP_APPOSITION.match(text, candidate.end):
            cue = "group"  # "La Línea, the armed wing of ..."
        if not cue and _PLACE_APPOSITION.match(text, candidate.end):
            cue = "place"
        known = (key in lexicons.places() or key in lexicons.towns()) and not (
            candidate.type == "person" and _personal(key)
        )
        listed = bool(cued) and _COORDINATION.fullmatch(text, cued[-1].end, candidate.start) is not None
        located = known and (_LOCATIVE.search(window) is not None or (listed and placed))
        if not cue and located and candidate.type != "location":
            cue = "place"  # "stops in Presidio", "en Delicias, Meoqui y Saucillo": whatever the model read
        pair = _PAIR_AFTER.match(text, candidate.end)
        if not cue and pair and match_key(pair.group("place")) in lexicons.strong_places():
            cue = "place_pair"
        cued.append(replace(candidate, cue=cue) if cue != candidate.cue else candidate)
        placed = located
    return cued


def _personal(key: str) -> bool:
    """Whether a name has a word that is a known given name or surname ("Camargo", "Victoria")."""
    return any(word in lexicons.given_names() or word in lexicons.surnames() for word in key.split())


def ends_with(pattern: re.Pattern[str], window: str, words: int) -> re.Match[str] | None:
    """``pattern.search(window)`` for a pattern anchored at the end (``$``) whose matches span at most
    ``words`` whitespace-separated words, searched from the start of the window's last ``words`` words: a
    search tries every position of the window, for every candidate (a test checks the bounds)."""
    head = window.rsplit(maxsplit=words)
    return pattern.search(window, len(head[0]) if len(head) > words else 0)
