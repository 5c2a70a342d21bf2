"""Results and roster lines of sports news, read from the text alone (spans that :mod:`pipeline.layout` gives
with the rest of the layout's): names each followed by a score on one line ("Leicestershire 22 points,
Somerset 4.", "Rotor Volgograd 2 Dynamo Moscow 1") are teams, unless they start with a given name or an
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
        for pair in pairs:
            name = pair.group("name")
            words = (match_key(name) or "").split()
            if not words:
                continue
            club = words[-1] in lexicons.ORG_SUFFIXES  # "Phoenix Rising FC": a team, whatever it starts with
            if not club and (words[0] in lexicons.given_names() or re.match(r"[A-Z]\.", name)):
                continue
            if " ".join(words) in lexicons.strong_places() or is_title(name):
                continue
            found.append(Candidate(pair.start("name"), pair.end("name"), "organization", "RESULTS", "team"))
    return found


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
