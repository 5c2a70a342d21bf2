"""Results and roster lines of sports news, read from the text alone (spans that :mod:`pipeline.layout` gives
with the rest of the layout's): names each followed by a score on one line ("Leicestershire 22 points,
Somerset 4.", "Rotor Volgograd 2 Dynamo Moscow 1"), and the two sides of a line that is one match with the
score between them ("- Tigres 3-0 Necaxa"), are teams, unless they start with a given name or an
initial (players) and do not end with a club's form ("Phoenix Rising FC 1"), or are countries, or the line is
prose; names each followed by a side in brackets on one
line ("Poli (Getafe), Berruet (Villarreal)", "Leah Pells (Canada) 4:09.95") are people, and the sides teams
(or countries, when known).
"""

from __future__ import annotations

import itertools
import re

from pipeline import lexicons
from pipeline.cues import CUE_TYPES
from pipeline.extract import CAPITALIZED, PARTICLE, WORD, Candidate
from pipeline.normalize import match_key
from pipeline.titles import is_title

_NAME = CAPITALIZED
_SCORE_PAIR = re.compile(rf"(?P<name>{_NAME})[ \t]+\d+(?:[-–.:/,]\d+)*(?![\w:/-]|[.,]\d)")


def teams(text: str) -> list[Candidate]:
    """Teams in results lines: a line with two or more names each followed by a score ("Leicestershire 22
    points, Somerset 4.", "Rotor Volgograd 2 Dynamo Moscow 1") names sides, which are organizations unless
    the name starts with a known given name or an initial (a player: "Bob Estes 64") or is a country. A line
    of prose is not one (:func:`_prose`)."""
    found: list[Candidate] = []
    for line in _LINE.finditer(text):
        match = _MATCH.fullmatch(text, line.start(), line.end())
        if match:  # "- Tigres 3-0 Necaxa": the score between the sides
            found += [_team(match, side) for side in ("home", "away") if _side(match.group(side))]
            continue
        if _SPACED_NUMBER.search(text, line.start(), line.end()) is None:
            continue  # fewer than two numbers after a space: fewer than two pairs
        pairs = []
        depth, counted = 0, line.start()  # brackets open before the pair, counted once along the line
        for m in _SCORE_PAIR.finditer(text, line.start(), line.end()):
            depth += text.count("(", counted, m.start()) - text.count(")", counted, m.start())
            counted = m.start()
            if depth <= 0:  # not inside brackets: "(P. Simmons 4-38)" is a player's figures
                pairs.append(m)
        if len(pairs) < 2 or any(_prose(text[a.end() : b.start()]) for a, b in itertools.pairwise(pairs)):
            continue
        found += [_team(pair, "name") for pair in pairs if _side(pair.group("name"))]
    return found


def _side(name: str) -> bool:
    """Whether a name before or after a score is a team's: not a player's (a known given name or an initial
    first, unless a club's form ends it: "Phoenix Rising FC"), a country's or a title."""
    words = (match_key(name) or "").split()
    if not words:
        return False
    club = words[-1] in lexicons.ORG_SUFFIXES
    if not club and (words[0] in lexicons.given_names() or re.match(r"[A-Z]\.", name)):
        return False
    return " ".join(words) not in lexicons.strong_places() and not is_title(name)


def _team(match: re.Match[str], group: str) -> Candidate:
    return Candidate(match.start(group), match.end(group), "organization", "RESULTS", "team")


#: A line that is one match, a list item or not: "- Tigres 3-0 Necaxa", "Fuerza Regia 98-87 Halcones de
#: Xalapa".
_MATCH = re.compile(
    rf"[ \t]*(?:[-–•*][ \t]+)?(?P<home>{_NAME})[ \t]+\d{{1,3}}[ \t]*[-–][ \t]*\d{{1,3}}"
    rf"[ \t]+(?P<away>{_NAME})[ \t]*\.?[ \t]*"
)


def _prose(between: str) -> bool:
    """Whether the words between two score pairs, outside brackets, are a sentence's: more than
    ``_PROSE_WORDS`` in lower case ("State Route 86 and Arivaca Road after ranchers reported … State Route
    86", "in February 1995 and the largest monthly rise since December 1993"), where a results line has a
    word or two ("points", "and", "(J. Russell 56 not out)")."""
    outside = _BRACKETED.sub(" ", between)
    words: list[str] = _LETTERS.findall(outside)
    return sum(word[0].islower() for word in words) > _PROSE_WORDS


_PROSE_WORDS = 3
_BRACKETED = re.compile(r"\([^()]*\)")
_LETTERS = re.compile(r"[^\W\d_]+")
_LINE = re.compile(r"[^\n]+")
#: Two numbers after a space or tab on one line: what two score pairs hold, found faster than the pairs.
_SPACED_NUMBER = re.compile(r"[ \t]\d[^\n]*[ \t]\d")
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
        if text.count("(", line.start(), line.end()) < 2:
            continue  # two sides in brackets are needed
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
