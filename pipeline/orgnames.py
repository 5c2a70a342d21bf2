"""Long organization names made whole again, before names are trimmed (rule 4 of :mod:`pipeline.spans`).

The small models cut long names at their connecting words. A name headed by an organization word
("Secretaría", "Instituto", "Department") continues over "de", "del", "y", "para", "contra", "a", "of", "and",
"for" and the capitalized words after them, across the model's spans ("Secretaría de Seguridad" + "y" +
"Protección Ciudadana"), and over an enumeration of its fields in everyday words (", Servicios y Turismo"
after "Cámara Nacional de Comercio"). "y", "and", "a", "para" and "contra" do not join a known place,
"y"/"and" do not join a second name with its own head word ("la Secretaría de Marina y Guardia Nacional"), and
a one-word head continues only over "de"/"del"/"of" ("Cabildo" + "de Tijuana"), and so does a name that ends
with a head word that is no legal form ("Federal Reserve Bank" + "of Dallas", not "Kia Motor Corp" + "of
South Korea"). A head word that starts a name and links before a span join it ("Secretaría de Hacienda y" +
"Crédito Público"); an organization word right after a span joins it ("Sinaloa" + "Cartel"), and so does a
company's legal form (", S.A. de C.V."), and a club's form after a known place and up to two words
("Sacramento" + "Republic FC"); an organization that starts with a possessive takes its owner's
capitalized words ("Federal Attorney" + "General's Office"), and one that starts with a head word right
after a possessive takes the possessive and its owner, over a place of the model's ("U.S." + "Attorney's"
+ "Office for the District of"); a span that ends with "of", "de", "del" or "for" takes the capitalized
words after it (+ "Arizona"). A name with a head word last goes on over "for" and "of" ("District Court" +
"for the Western District" + "of Texas"). A facility's word alone ("Centro", "Casa", "Unidad") continues over
"de", "del" or "para" and the capitalized words after them, unless they are a known place ("Centro" + "de
Ejecución de Sanciones de Reynosa", not "Centro de Tijuana"), keeping the type the evidence gives.

Before that, :func:`headed` finds the names the model missed or cut that "the" introduces and an
organization word ends ("the Sinaloa Cartel", "the U.S. Border Patrol"; "the Border Patrol's Tucson
Sector", where a head word in the possessive ends the name).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from pipeline import lexicons
from pipeline.companies import LEGAL_FORM
from pipeline.extract import CAPITALIZED, WORD, WORD_AFTER, Candidate, absorb, name_key, org_headed
from pipeline.normalize import match_key

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
_COMPANY = re.compile(LEGAL_FORM)


def join(text: str, found: list[Candidate], is_common: Callable[[str], bool]) -> list[Candidate]:
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
        elif (
            candidate.type == "organization" and (start := _owner_before(text, candidate, joined)) is not None
        ):
            # "U.S. Attorney's" + "Office for the District of": the owner, and a place of the model's in it
            if joined and joined[-1].end > start:
                joined.pop()
            candidate = replace(candidate, start=start)
        dangling = candidate.type == "organization" and _DANGLING_LINK.search(
            text, max(candidate.start, candidate.end - 5), candidate.end
        )
        run = dangling and _RUN_AFTER.match(text, candidate.end)
        if run:  # "Office for the District of" + "Arizona"
            end, i = absorb(found, i, run.end())
            candidate = replace(candidate, end=end)
        after = WORD_AFTER.match(text, candidate.end)
        if after and match_key(after.group("word")) in lexicons.ORG_HEADS and candidate.type != "person":
            end, i = absorb(found, i, after.end())
            candidate = replace(candidate, end=end, type="organization")
        club = _CLUB_AFTER.match(text, candidate.end)
        if club and (name_key(text, candidate) or "") in lexicons.places():  # "Sacramento" + "Republic FC"
            end, i = absorb(found, i, club.end())
            candidate = replace(candidate, end=end, type="organization")
        headed = org_headed(name_key(text, candidate) or "")
        head_last = not headed and _head_last(text, candidate)  # it goes on after its first link too
        while headed or head_last:
            single = " " not in text[candidate.start : candidate.end].strip()
            more = _CONTINUATION.match(text, candidate.end) or _enumeration(text, candidate.end, is_common)
            if not more or not _joins(more.group("link"), more.group("run"), single):
                break
            if not headed and more.group("link").split()[0] not in ("de", "del", "of", "for"):
                break  # a head word last goes on over "of" and "for": "Federal Reserve Bank" + "of Dallas"
            end, i = absorb(found, i, more.end("run"))
            candidate = replace(candidate, end=end, type="organization")
            headed = org_headed(name_key(text, candidate) or "")
        if not headed and not head_last and _facility(text, candidate):
            more = _CONTINUATION.match(text, candidate.end)
            if more and more.group("link").split()[0] in ("de", "del", "para") and not _a_place(more):
                # "Centro" + "de Ejecución de Sanciones de Reynosa": one name, of the type the evidence gives
                end, i = absorb(found, i, more.end("run"))
                candidate = replace(candidate, end=end)
        company = _COMPANY.match(text, candidate.end)
        if company:
            end, i = absorb(found, i, company.end())
            candidate = replace(candidate, end=end, type="organization")
        joined.append(candidate)
    return joined


#: Up to two capitalized words and a club's form after a span ("Sacramento" + "Republic FC").
_CLUB_AFTER = re.compile(rf"(?:[ \t]+(?:{WORD})){{0,2}}[ \t]+(?:FC|SC|CF|AFC)\b(?![ \t]+(?:{WORD}))")
_RUN_WORD = rf"(?:[A-Z]\.){{2,}}|{WORD}"
#: A capitalized run after "the" ("the U.S. Border Patrol", "the Pima County Sheriff's Department").
_THE_RUN = re.compile(rf"\b[Tt]he[ \t]+(?P<run>(?:{_RUN_WORD})(?:[ \t]+(?:{_RUN_WORD}))+)(?![^\W\d_])")
_ADJECTIVE = re.compile(r"-[a-z]")
_LINK_AFTER = re.compile(r"[ \t]+(?:of|for|de|del)\b")
_POSSESSIVE_S = re.compile(r"['’]s$")


def _owning_head(word: str) -> bool:
    """An organization head word in the possessive ("Patrol's" of "the Border Patrol's Tucson Sector"), not
    a title's ("Sheriff's" of "the Pima County Sheriff's Department")."""
    base = _POSSESSIVE_S.sub("", word)
    return base != word and match_key(base) in lexicons.ORG_HEADS


def headed(text: str, found: list[Candidate]) -> list[Candidate]:
    """Organization names the model missed or cut that end with an organization head word after "the": "the
    Sinaloa Cartel", "the U.S. Border Patrol" (where the model saw only "U.S."). Not where a span runs into
    or out of the name, nor where a link word follows it ("the Arizona Department" + "of Public Safety").

    found: the sorted candidates, which a name replaces where they lie inside it (:func:`layout.merge`)."""
    spans: list[Candidate] = []
    starts = [c.start for c in found]
    for the in _THE_RUN.finditer(text):
        words = list(_TOKEN.finditer(text, *the.span("run")))
        adjectives = [i for i, w in enumerate(words) if _ADJECTIVE.search(w.group())]
        words = words[adjectives[-1] + 1 :] if adjectives else words  # "the Republican-led" + "Arizona ..."
        owners = [i for i, w in enumerate(words) if _owning_head(w.group())]
        words = words[: owners[0] + 1] if owners else words  # "the Border Patrol's" + "Tucson Sector"
        last = _POSSESSIVE_S.sub("", words[-1].group()) if words else ""
        if len(words) < 2 or match_key(last) not in lexicons.ORG_HEADS:
            continue
        start, end = words[0].start(), words[-1].start() + len(last)
        if _LINK_AFTER.match(text, end):
            continue
        i = bisect.bisect_left(starts, start)
        inside = not (i > 0 and found[i - 1].end > start)  # no span runs into the name or out of it
        while inside and i < len(found) and found[i].start < end:
            inside = found[i].end <= end
            i += 1
        if inside:
            spans.append(Candidate(start, end, "organization", "HEADED"))
    return spans


def _head_last(text: str, candidate: Candidate) -> bool:
    """True when an organization span ends with a head word ("Federal Reserve Bank"), not a legal form
    ("Kia Motor Corp" + "of South Korea")."""
    if candidate.type != "organization":
        return False
    words = (name_key(text, candidate) or "").split()
    last = words[-1] if len(words) > 1 else ""
    return last in lexicons.ORG_HEADS and last not in lexicons.ORG_SUFFIXES


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
_OWNER = re.compile(rf"(?:(?:{_RUN_WORD})[ \t]+){{0,3}}(?P<owner>{WORD})['’]s[ \t]+$")
_DANGLING_LINK = re.compile(r"[ \t](?:of|de|del|for)$")
_RUN_AFTER = re.compile(rf"[ \t]+(?P<run>{CAPITALIZED})")


def _owner_before(text: str, candidate: Candidate, joined: list[Candidate]) -> int | None:
    """Where the owner starts of an organization span that a possessive stands right before ("U.S.
    Attorney's" + "Office"), over at most one span of the model's, a place; ``None`` if none."""
    if match_key(text[candidate.start : candidate.end].split()[0]) not in lexicons.ORG_HEADS:
        return None
    limit = max(joined[-2].end if len(joined) > 1 else 0, candidate.start - 60)
    owner = _OWNER.search(text, limit, candidate.start)
    if owner is None or match_key(owner.group("owner")) in lexicons.places():
        return None  # "Mexico's" + "Secretariat of Agriculture": a place's, not a name's part
    previous = joined[-1] if joined else None
    if (
        previous
        and previous.end > owner.start()
        and (previous.start < owner.start() or previous.type != "location")
    ):
        return None
    return owner.start()


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


def _facility(text: str, candidate: Candidate) -> bool:
    """Whether a span is a facility's word alone, after any article ("Centro", "la Casa"), which the model
    cuts from the rest of its name: a prison, a shelter, a clinic, as often as an agency."""
    return (name_key(text, candidate) or "") in _FACILITY_WORDS


_FACILITY_WORDS = frozenset({"centro", "casa", "unidad"})


def _a_place(more: re.Match[str]) -> bool:
    """Whether the run after a link is a known place ("Centro" + "de Tijuana": the city's centre)."""
    return (match_key(more.group("run")) or "") in lexicons.places()


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
