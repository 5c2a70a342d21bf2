"""Spans that are not names although capitalized, and a sentence's article that is no part of a name.

:func:`is_junk` drops a span (rule 7 of the README's "How names are cleaned"): a sentence-initial everyday
word, a span with more lower-case words than capitalized ones, a programme's or an event's name
(:func:`not_an_entity`), a word mixing letters and digits, a month or weekday, an all-caps headline of
everyday words. :func:`sentence_article_end` drops a Spanish article that starts a sentence ("El Gobierno
anunció").
"""

from __future__ import annotations

import re

from pipeline import lexicons
from pipeline.sentences import starts_clause
from pipeline.textwords import TextWords


def not_an_entity(key: str) -> bool:
    """True for the name of a programme, plan, survey, treaty, law or event ("Plan Sonora", "Encuesta
    Nacional de Ocupación", "Local Border Support Program"): the outputs hold people, organizations and
    places only."""
    words = key.split()
    return len(words) > 1 and (
        words[0] in lexicons.NOT_ENTITY_HEADS or words[-1] in lexicons.NOT_ENTITY_TAILS
    )


def is_junk(
    text: str, start: int, end: int, key: str, language: str, text_words: TextWords | None = None
) -> bool:
    """True for spans that are not names although capitalized:

    * one word at the start of a sentence or line that is not capitalized mid-sentence elsewhere in the
      text, is not an acronym, a mixed-case word or a known surname ("ONCE", "McAllen", "Campos"), and
      either appears in lower case elsewhere in it ("Para", "Los") or is not a known place or given name
      and is an everyday word ("Según", "Apoyo", "Attendance") or a gerund ("Determinando");
    * more lower-case words than capitalized ones ("Maguey de jardín y más");
    * the name of a programme, plan, survey, treaty, law or event (:func:`not_an_entity`);
    * one word mixing letters and digits ("ME2056", "Min.36"), or a month or weekday name;
    * all capitals, not in brackets, not a known place, and every word of five letters or more an everyday
      word ("PLAN ENERGETICO", "RECHAZADA"): a headline. Acronyms in brackets ("(INEGI)") are kept.

    text_words: ``TextWords(text)``, built once per document for all its mentions (here if not given).
    """
    span = text[start:end]
    words = span.split()
    if not_an_entity(key):
        return True
    lower = sum(w[0].islower() for w in words)
    if lower * 2 > len(words):
        return True
    if span.isupper() and not _in_brackets(text, start, end) and key not in lexicons.places():
        long_words = [w for w in re.findall(r"[^\W\d_]+", span) if len(w) >= 5]  # acronyms are shorter
        common = (
            lexicons.is_common_word(w, language) or lexicons.is_common_unaccented(w, language)
            for w in long_words
        )
        if long_words and all(common):
            return True
    if len(words) != 1:
        return False
    if any(c.isdigit() for c in span) or key in CALENDAR_WORDS:
        return True
    if not starts_clause(text, start):
        return False
    text_words = TextWords(text) if text_words is None else text_words
    if text_words.occurs_mid_sentence(span):
        return False  # capitalized mid-sentence elsewhere: a name
    if _ACRONYM.fullmatch(span) or _MIXED_CASE.search(span) or key in lexicons.surnames():
        return False  # never an everyday word: "ONU", "McAllen", "Campos"
    if text_words.occurs(span.lower()):
        return True  # the same word is written in lower case elsewhere in this document
    if key in lexicons.places() or key in lexicons.given_names():
        return False
    return lexicons.is_common_word(span, language) or _VERB_FORM[language].search(span) is not None


#: Month and weekday names, never entities on their own ("September", "Lunes"); "may" and "mayo" are left
#: out, being also a surname and a common word.
CALENDAR_WORDS = frozenset(
    """
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    enero febrero marzo abril junio julio agosto septiembre setiembre octubre noviembre diciembre
    lunes martes miercoles jueves viernes sabado domingo
    """.split()
)

_ARTICLE = re.compile(r"(?:El|La|Los|Las|Lo)\s+(?=[A-ZÀ-ÖØ-Þ])")


def sentence_article_end(text: str, start: int, end: int, key: str, language: str) -> int:
    """Where a name starts once a capitalized Spanish article is dropped that is capitalized only because it
    starts a sentence of Spanish text ("El Gobierno anunció" -> "Gobierno"). Names that start with a known
    place keep it ("La Paz", "Los Angeles Times"), and so does every name in English text, where a Spanish
    article is part of the name ("Las Vegas Lights FC 0", "El Universal reported").
    """
    article = _ARTICLE.match(text, start, end) or _PEOPLE_OF.match(text, start, end)
    if article is None or language != "es" or _starts_with_place(key) or not starts_clause(text, start):
        return start
    return article.end()


# A group of people "of" a place or institution, capitalized only because it starts the sentence: "Vecinos de
# la Avenida ...", "Personal del Hospital Central" name the avenue and the hospital.
_PEOPLE_OF = re.compile(
    r"(?:Vecinos|Habitantes|Residentes|Pobladores|Colonos|Personal|Trabajadores|Empleados|Integrantes|"
    r"Miembros|Elementos|Agentes|Efectivos|Funcionarios|Autoridades|Representantes|Directivos|Alumnos|"
    r"Estudiantes|Maestros|Docentes|Médicos|Pacientes|Usuarios|Familiares|Productores|Comerciantes|"
    r"Transportistas|Jornaleros|Aficionados|Jugadores|Simpatizantes|Militantes|Dirigentes|Voceros)"
    r"\s+(?:del|de(?:\s+(?:la|las|los|el))?)\s+(?=[A-ZÀ-ÖØ-Þ])"
)


def _starts_with_place(key: str) -> bool:
    """Whether a name (its match key) is, or starts with, a known place of two or three words: an article's
    place ("las vegas", "los angeles", "la paz")."""
    words, places = key.split(), lexicons.places()
    return key in places or any(" ".join(words[:n]) in places for n in (2, 3))


_ACRONYM = re.compile(r"[^\W\d_a-zß-ÿ]{2,6}")
_MIXED_CASE = re.compile(r"[^\W\d_][^\W\d_]*[A-ZÀ-ÖØ-Þ]")

# Gerunds: a sentence-initial "Determinando", "Beneficiando" or "Following" is a verb.
_VERB_FORM = {"es": re.compile(r"(?:ando|iendo|yendo)$"), "en": re.compile(r"ing$")}


def _in_brackets(text: str, start: int, end: int) -> bool:
    """An acronym given in brackets after a name ("... Geografía (INEGI)") is a name, even if common."""
    return text[start - 1 : start] in ("(", "[") and text[end : end + 1] in (")", "]")
