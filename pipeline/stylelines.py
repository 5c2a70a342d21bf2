"""Headline-style lines and list items: the lines where a capital is the style's, not a name's.

On a title-case headline ("Tijuana Man Pleads Guilty in Fentanyl Case") every word of four letters or more
is capitalized by the style, and in a short list item ("- Vecino Vigilante", "• Maguey Azul") or heading
("Medio Ambiente") by the layout. :func:`style_lines` finds such lines in a document, and :func:`line_kind`
says what one line is, by the rules in its docstring; :mod:`pipeline.headlines` decides which capitalized
words on them are names.

**Not style lines**, so their names are kept: sentences; all-caps lines (:func:`pipeline.junk.is_junk`
has its own rule for them); datelines ("TIJUANA, B.C. —", "MEXICALI, 2 dic (EFE)"); bylines and credits
("By Megan Lindqvist / Reuters", "Por Luis Armenta", "Photo: ..."); a person's name alone, as a signature
("Glenn Somerville"); results, fixtures, scorecards and tables ("Dundee 2 Falkirk 1", "Águilas 6,
Naranjeros 3", "1. Michelle Freeman (Jamaica) 12.71", "A. Stewart b Mushtaq Ahmed 46"). Spanish headlines
are written in sentence case, where a capital inside is a name's, so they are not title-case lines; an
article's first line is a style line only when it is in title case.

Reading the lines is linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Literal

from pipeline import lexicons
from pipeline.normalize import match_key

#: What kind of style line: a title-case headline or heading, or a short list item.
Kind = Literal["headline", "item"]
#: A style line: its start and end offsets in the text (without the line break) and its kind.
StyleLine = tuple[int, int, Kind]


def style_lines(text: str) -> list[StyleLine]:
    """The headline-style lines and list items of ``text``, in order (:func:`line_kind`); of a longer list
    item with a label and a colon ("- Pies en Movimiento: Beneficiando a más de 3 mil niñas..."), the
    label."""
    found: list[StyleLine] = []
    for match in _LINE.finditer(text):
        kind = line_kind(match.group())
        if kind is not None:
            found.append((match.start(), match.end(), kind))
            continue
        label = _LABEL.match(match.group())  # "- Pies en Movimiento: Beneficiando a más de 3 mil niñas..."
        if label is not None and line_kind(label.group("item")) == "item":
            found.append((match.start(), match.start() + label.end("item"), "item"))
    return found


def line_kind(line: str) -> Kind | None:
    """``"item"`` for a short list item, ``"headline"`` for a title-case line, else ``None``.

    * A list item: a bullet ("-", "•", "*", "–"…) or a number ("1.", "2)") and a space, then at most
      :data:`ITEM_WORDS` words with a letter, no digit and no bracket (a results row), and, when it ends a
      sentence, at most four words ("- Platanillo y más.", not "- Trade talks between ... Authority.").
    * A title-case line (after any Markdown "#"): at least two words of four letters or more, every one of
      them capitalized but the prepositions and conjunctions title case leaves in lower case ("tras",
      "para", "with", "from"...), fewer than half of them in capitals (an all-caps headline); no bracket, at
      most one comma and one number (a percentage aside: "Cae a 14%"), not ending with a number or with
      ".", ":", ";" or ","; no initial ("A.
      Stewart"); not a byline, credit or label (a first word "By", "Por", "Photo"…, or up to four words
      and a colon: "Photo: ...", "Man of the Match: ...").
    * Neither: a line of two or three capitalized words (after any number) that starts with a known given
      name, or none of whose words is an everyday word of English or Spanish: a name, as a signature ("Glenn
      Somerville", "62 Nolan Henke", "Liutauras Stremaitis").
    """
    item = _ITEM.match(line)
    if item is not None:
        content = line[item.end() :].strip()
        count = len(content.split())
        if (
            count > ITEM_WORDS
            or not _LETTER.search(content)
            or _DATA.search(content)
            or (count > 4 and content.rstrip(_CLOSERS).endswith(tuple(".!?…")))
            or _person_line(content)
        ):
            return None
        return "item"
    heading = _HEADING.match(line)
    content = line[heading.end() if heading else 0 :].strip()
    bare = content.rstrip(_CLOSERS)
    numbers = _NUMBER.findall(_PERCENT.sub("", content))  # "Cae a 14%": a headline's figure, not a score
    if (
        _CREDIT.match(content)
        or _INITIAL.search(content)
        or _DATA_NO_DIGIT.search(content)
        or content.count(",") > 1
        or len(numbers) > 1
        or bare.endswith(tuple(".:;,"))
        or bare[-1:].isdigit()
        or _person_line(content)
    ):
        return None
    long = [w for w in _LETTERS.findall(content) if len(w) >= 4 and w not in _LOWER_LINKS]
    upper = sum(w.isupper() for w in long)
    if len(long) < 2 or upper * 2 >= len(long) or not all(w[0].isupper() for w in long):
        return None
    return "headline"


#: The most words a list item may have to be a label rather than a sentence.
ITEM_WORDS = 8
# A list item's label before a colon and its description.
_LABEL = re.compile(r"(?P<item>[ \t]*(?:[-–—•*·▪◦‣●○■►]|\(?\d{1,3}[.)])[ \t]+[^:\n]+?)[ \t]*:[ \t]")

_LINE = re.compile(r"[^\n]+")
_ITEM = re.compile(r"[ \t]*(?:[-–—•*·▪◦‣●○■►]|\(?\d{1,3}[.)])[ \t]+")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+")
_LETTER = re.compile(r"[^\W\d_]")
_DATA = re.compile(r"[\d()\[\]]")
_DATA_NO_DIGIT = re.compile(r"[()\[\]]")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_INITIAL = re.compile(r"(?<![\w.])[A-ZÀ-ÖØ-Þ]\.\s+[A-ZÀ-ÖØ-Þ]")
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?[ \t]?%")
#: Prepositions and conjunctions of four letters or more that title case leaves in lower case ("Capturan a
#: Presunto Jefe tras Balacera", "Tijuana Man Pleads Guilty with Two Others").
_LOWER_LINKS = frozenset(
    "tras para como entre desde sobre hacia hasta contra según ante bajo durante mediante pero sino "
    "with from into over than that upon onto amid after before about near when".split()
)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CLOSERS = "\"'”’»)] \t"
# Bylines and credits: "By ...", "Por ...", "Photo ...", or a label of up to four words and a colon ("Man of
# the Match: Aravinda de Silva").
_CREDIT = re.compile(
    r"(?:by|por|photos?|fotos?|credits?|cr[eé]ditos?|sources?|fuentes?|reporting|editing|writing|text|texto"
    r"|images?|imagen|im[aá]genes|video|v[ií]deo)\b|[^\W\d_]+(?: [^\W\d_]+){0,3}:",
    re.IGNORECASE,
)


def _person_line(content: str) -> bool:
    """A name alone on a line, as a signature (:func:`line_kind`)."""
    words = content.split()
    while words and not _LETTER.search(words[0]):
        words.pop(0)
    if not 1 < len(words) <= 3 or not all(word[0].isupper() for word in words):
        return False  # a name is capitalized throughout: "- Palma común" is a list item
    if match_key(words[0]) in lexicons.given_names():
        return True
    return not any(
        lexicons.is_common_word(w, "en") or lexicons.is_common_word(w, "es")
        for word in words
        for w in _LETTERS.findall(word)
    )
