"""A long news-like document full of titled names, with the spans a model would give, for measuring how
the analysis after NER (:func:`pipeline.analysis.analyse`) grows with a document's length (``make bench``).

Every paragraph names four new people after a title or office ("la alcaldesa Norma Cabababa Marfemarme"), so
the number of distinct names grows with the length, as in a long feed or archive page; it also has what
the per-document steps look at across the whole text: a surname alone at the start of a sentence, a new
capitalized word there, an everyday word there ("Apoyo"), places the English model splits ("Baja",
"California"), places inside other spans ("Copa México"), organizations and sentence-initial articles.
The spans emulate a model's mistakes too: a name cut short, a title inside the span, a wrong type, a miss.
Deterministic: the same length gives the same document.
"""

from __future__ import annotations

from pipeline.models import ModelSpan

_GIVEN = "Norma Juan María Carlos Ana Luis Marina José Laura Jorge Elena Pedro Sofía Miguel".split()
_SYLLABLES = "ba ca da fe go la me ni ro sa te vi zu lo mar quin tor bel".split()
_PLACES = "Mexicali Tijuana Ensenada Tecate Sonora México Monterrey Texas Arizona Hermosillo".split()
_TITLES_ES = ["la alcaldesa", "el gobernador", "el secretario", "la diputada", "el fiscal", "la directora"]
_TITLES_EN = ["Governor", "Mayor", "Secretary", "Senator", "Judge", "Director"]

Piece = tuple[str, str]  # text, and the model's label for it ("" for plain text)


def dense_document(chars: int) -> tuple[str, list[ModelSpan]]:
    """A text of at least ``chars`` characters and its model spans ``(start, end, label)``, in order."""
    parts: list[str] = []
    spans: list[ModelSpan] = []
    length = 0
    paragraph = 0
    while length < chars:
        for piece, label in _paragraph(paragraph):
            if label:
                spans.append((length, length + len(piece), label))
            parts.append(piece)
            length += len(piece)
        paragraph += 1
    return "".join(parts), spans


def _paragraph(n: int) -> list[Piece]:
    a, b, c, d = (_person(4 * n + i) for i in range(4))
    place, other = _PLACES[n % len(_PLACES)], _PLACES[(n * 7 + 3) % len(_PLACES)]
    title_a, title_b = _TITLES_ES[n % len(_TITLES_ES)], _TITLES_ES[(n + 1) % len(_TITLES_ES)]
    surname = a.split()[1]
    return [
        *_titled(title_a, a, n),
        (" se reunió con ", ""),
        *_titled(title_b, b, n + 1),
        (" en ", ""),
        (place, "LOC"),
        (". ", ""),
        (surname, "PER"),  # a surname alone at the start of a sentence, written mid-sentence before
        (" anunció que ", ""),
        (f"la Comisión Estatal de {other}", "ORG"),
        (" apoyará el plan. ", ""),
        (f"Según {b}", "PER"),
        (", la obra en ", ""),
        ("Baja", "LOC"),
        (" ", ""),
        ("California", "LOC"),
        (" termina en mayo para ", ""),
        (_new_word(2 * n), "ORG"),  # written nowhere else
        (". ", ""),
        (_new_word(2 * n + 1), "ORG"),  # at the start of a sentence, written nowhere else
        (" presentó su informe ante ", ""),
        ("el Congreso del Estado", "ORG"),
        (".\n", ""),
        (f"{_TITLES_EN[n % len(_TITLES_EN)]} {c}", "PERSON"),
        (" met ", ""),
        *_titled(_TITLES_EN[(n + 2) % len(_TITLES_EN)], d, n + 2),
        (" before the ", ""),
        (f"Copa {place}", "MISC"),
        (". ", ""),
        ("Apoyo", "ORG" if n % 2 else ""),  # an everyday word at the start of a sentence
        (" total al plan. ", ""),
        (f"El Ayuntamiento de {other}", "ORG"),
        (" respondió.\n\n", ""),
    ]


def _titled(title: str, name: str, n: int) -> list[Piece]:
    """A title and a name, with a model span that is one of: the name, the name cut short, title and name
    together, the name as a place, nothing."""
    given, rest = name.split(" ", 1)
    variant = n % 5
    if variant == 0:
        return [(f"{title} ", ""), (name, "PER")]
    if variant == 1:
        return [(f"{title} ", ""), (given, "PER"), (f" {rest}", "")]
    if variant == 2:
        return [(f"{title} {name}", "PER")]
    return [(f"{title} ", ""), (name, "LOC" if variant == 3 else "")]


def _person(n: int) -> str:
    """A distinct full name for every ``n`` below 18**4: a known given name and two invented surnames."""
    return f"{_GIVEN[n % len(_GIVEN)]} {_word(n)} {_word(n * 7 + 5)}"


def _new_word(n: int) -> str:
    """A capitalized word that is no name's word: "Kel" and no syllable starts with "k"."""
    return f"Kel{_word(n).lower()}"


def _word(n: int) -> str:
    """An invented capitalized word of four syllables, distinct for every ``n`` below 18**4."""
    n = (n * 7919 + 1) % len(_SYLLABLES) ** 4  # 7919 is prime, so coprime with 18**4: no two n collide
    syllables = []
    for _ in range(4):
        n, digit = divmod(n, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables).capitalize()
