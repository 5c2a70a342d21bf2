"""Known places the model did not tag at all (a step of :func:`pipeline.spans.repair`)."""

from __future__ import annotations

import bisect
import re

from pipeline import lexicons
from pipeline.extract import PARTICLE, WORD, Candidate
from pipeline.normalize import match_key


def places(text: str, found: list[Candidate]) -> list[Candidate]:
    """Known places that the model did not tag: of two or more words, a whole run of capitalized words
    that is a known place's name ("a bridge over the Rio Grande between Eagle Pass and …"); of one word, a
    known place or town right after "in", "near", "en", "cerca de" and the like, before no other
    capitalized word ("stored in a house in Socorro", "con domicilio en Culiacán"). Neither touches a
    candidate. One word elsewhere is left to the model: many cities are named like common words or people."""
    known = lexicons.places()
    starts = [c.start for c in found]
    added: list[Candidate] = []
    for run in _RUN.finditer(text):
        if run.group().isupper() or match_key(run.group()) not in known:
            continue
        if _NUMBER_AFTER.match(text, run.end()) or text[run.start() - 1 : run.start()] == "(":
            continue  # a table's team ("West Bromwich 3 0 2 1"), a gloss or a side in brackets
        before = _WORD_BEFORE.search(text, max(0, run.start() - 30), run.start())
        if before and before.group(1)[0].isupper():
            continue  # the end of a longer run of capitals
        i = bisect.bisect_left(starts, run.end())
        if i and found[i - 1].end > run.start():
            continue  # inside or across a candidate
        added.append(Candidate(run.start(), run.end(), "location", "PLACE"))
    towns = lexicons.towns()
    for one in _LOCATIVE_ONE.finditer(text):
        word = one.group("place")
        key = match_key(word)
        if word.isupper() or not key or (key not in known and key not in towns):
            continue
        i = bisect.bisect_left(starts, one.end())
        if i and found[i - 1].end > one.start("place"):
            continue
        added.append(Candidate(one.start("place"), one.end(), "location", "PLACE"))
    return sorted(added, key=lambda c: c.start)


# A run of two or more capitalized words from a word's start (_WORD_BEFORE: not the end of a longer one).
_RUN = re.compile(rf"(?<![^\W\d_])(?:{WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{WORD}))+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_NUMBER_AFTER = re.compile(r"[ \t]+\d")
_LOCATIVE_ONE = re.compile(
    rf"\b(?:in|near|outside|around|en|cerca[ \t]+de)[ \t]+(?P<place>{WORD})(?![^\W\d_]|[ \t]+(?:{WORD}|\d)|-)"
)
