"""Companies named with their legal form ("Constructora Conchos del Norte, S.A. de C.V.", "High Mesa Roofing
& Gutters LLC"): a span of the text's own (:mod:`pipeline.layout`), whatever the model made of its words,
and the name without its legal form an alias of it in the same document ("Hidrotecnia del Pacífico")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import lexicons
from pipeline.extract import WORD, Candidate
from pipeline.normalize import match_key

#: A company's legal form after its name ("Constructora Conchos del Norte, S.A. de C.V.", "Sandia Inc.").
_FORM = (
    r"(?:S\.[ \t]?A\.(?:B\.|P\.[ \t]?I\.)?(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?de[ \t]+R\.[ \t]?L\.(?:[ \t]+de[ \t]+C\.[ \t]?V\.)?"
    r"|S\.[ \t]?C\.|Inc\.|LLC\b|L\.L\.C\.|Ltd\.|Corp\.)"
)
#: The legal form with what separates it from the name: anchored (``re.match``) at the name's end.
LEGAL_FORM = r",?[ \t]+" + _FORM
# Found by its first letter after a space: a search for the space first would try every space of a long run.
_FORM_AFTER_SPACE = re.compile(r"(?<=[ \t])(?=[SILC])" + _FORM)
_NAME_WORD = re.compile(rf"(?:{WORD}|&)$")
_ADJECTIVE = re.compile(r"-[a-z]")  # "Ohio-based"
#: Words that join a company's name ("Pavimentos y Terracerías Bustillos", "Roofing & Gutters"); not "and",
#: which more often joins two ("KeyCorp and Banc One Corp.").
_COMPANY_LINKS = frozenset("de del y e & of la las los el the".split())
#: Capitalized words that start a clause, not a company's name ("Según Grupo X, S.A.").
_NOT_NAME_START = frozenset("segun en para con por ante desde tras a al in for with by at from after".split())


def spans(text: str) -> list[Candidate]:
    """Companies named with their legal form: the capitalized words before it, over "de", "y", "&", "of"
    and the like between them, back to the first word that is neither (at most eight words): "a
    Pavimentos y Terracerías Bustillos, S. de R.L. de C.V." gives "Pavimentos ... C.V.", whatever the model
    made of its words."""
    found = []
    for form in _FORM_AFTER_SPACE.finditer(text):
        end = form.start()
        while end and text[end - 1] in " \t":
            end -= 1
        end -= text[end - 1 : end] == "," if end else 0
        words = text[max(0, end - 120) : end].split(" ")
        taken = 0  # words of the name, counted from the form back
        for back, word in enumerate(reversed(words), 1):
            if back > 12 or not word or (word[-1] in ",.;:" and back > 1) or "\n" in word:
                break
            key = match_key(word) or ""
            if _NAME_WORD.match(word) and not _ADJECTIVE.search(word) and key not in _NOT_NAME_START:
                if key in lexicons.ORG_SUFFIXES:
                    break  # another company's legal form: "Johnson Controls Inc and" + "Lear Corp."
                taken = back
            elif word not in _COMPANY_LINKS:
                break
        name = words[len(words) - taken :]
        for i in range(len(name) - 2, 0, -1):  # a person's name before a link: "Lynn Reaser of" + "Barnett"
            if name[i] in _COMPANY_LINKS and name[i - 1] not in _COMPANY_LINKS:
                first = next(j for j in range(i - 1, -1, -1) if j == 0 or name[j - 1] in _COMPANY_LINKS)
                if match_key(name[first]) in lexicons.given_names():
                    name = name[i + 1 :]
                    break
        if 0 < len(name) <= 8 and name[0][:1].isupper():
            start = end - len(" ".join(name))
            found.append(Candidate(start, form.end(), "organization", "COMPANY", "company"))
    return found


_LEGAL_FORM_LAST = re.compile(LEGAL_FORM + "$")


def aliases(text: str, found: Sequence[Candidate], names: dict[tuple[int, int], str]) -> dict[str, str]:
    """``short key -> name key`` for the companies of :func:`spans` among the document's ``names``
    (span -> key): the name without its legal form is the company ("Hidrotecnia del Pacífico")."""
    short_forms: dict[str, str] = {}
    for candidate in found:
        key = names.get((candidate.start, candidate.end)) if candidate.label == "COMPANY" else None
        short = key and match_key(_LEGAL_FORM_LAST.sub("", text[candidate.start : candidate.end]))
        if key and short and short != key:
            short_forms.setdefault(short, key)
    return short_forms
