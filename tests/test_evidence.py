"""Type evidence and the junk filter, with the real word lists (they load in a couple of seconds).

Expected scores are written with the module's weights so that the tests check which evidence fires; the
types they lead to are checked as values.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import lexicons
from pipeline.evidence import (
    CUE,
    FULL_NAME,
    GIVEN_NAME,
    MODEL,
    ORG_HEAD,
    ORG_TAIL,
    PERSON_PART,
    PLACE,
    PLACE_HEAD,
    SURNAME,
    TITLE,
    Named,
    Scores,
    _best,
    document_types,
    is_junk,
    not_an_entity,
    own_scores,
    sentence_article_end,
)
from pipeline.lexicons import ORG_HEADS, given_names
from pipeline.normalize import contains_words, match_key
from pipeline.records import ENTITY_TYPES, EntityType
from pipeline.textwords import TextWords


def named(name: str, model_type: EntityType, label: str, start: int = 0) -> Named:
    key = match_key(name)
    assert key is not None
    return Named(start, start + len(name), name, key, model_type, label)


def test_the_names_below_are_what_the_word_lists_say() -> None:
    """The cases below rely on these facts; if a package update changes one, change the case, not the code."""
    places = lexicons.places()
    assert (places.get("mexico"), places.get("baja california"), places.get("mexicali")) == (
        "country",
        "division",
        "city",
    )
    unknown = {"leyzaola", "zentella", "tizoc", "acme"}
    assert unknown.isdisjoint(places.keys() | lexicons.surnames() | lexicons.given_names())
    assert {"gonzalez", "bustamante"} <= lexicons.surnames()
    assert {"juan", "julian", "fernando", "norma"} <= lexicons.given_names()
    assert {"ministerio", "police", "academy", "holdings"} <= lexicons.ORG_HEADS
    assert {"municipal", "hacienda", "acme", "juan"}.isdisjoint(lexicons.ORG_HEADS)


@pytest.mark.parametrize(
    ("name", "model_type", "label", "scores"),
    [
        # the model's label alone, for its type
        ("Leyzaola", "person", "PER", (MODEL, 0.0, 0.0)),
        ("Acme", "organization", "ORG", (0.0, MODEL, 0.0)),
        ("Zentella", "location", "LOC", (0.0, 0.0, MODEL)),
        # a title right before it instead of a model label
        ("Leyzaola", "person", "TITLE", (TITLE, 0.0, 0.0)),
        # known places: countries and first-level divisions count more than cities
        ("México", "person", "PER", (MODEL, 0.0, PLACE["country"])),
        ("Baja California", "organization", "ORG", (0.0, MODEL, PLACE["division"])),
        ("Mexicali", "person", "PERSON", (MODEL, 0.0, PLACE["city"])),
        # an organization head word first, or last
        ("Ministerio de Hacienda", "location", "LOC", (0.0, ORG_HEAD, MODEL)),
        ("Municipal Police", "person", "PERSON", (MODEL, ORG_TAIL, 0.0)),
        ("Police Academy", "person", "PERSON", (MODEL, ORG_HEAD, 0.0)),  # first and last: counted once
        ("A.R. Sanchez Jr. School of Business", "location", "LOC", (0.0, ORG_HEAD, MODEL)),  # before "of"
        ("Gulf of Mexico", "location", "LOC", (0.0, 0.0, MODEL + PLACE_HEAD)),  # no head word
        ("Acme Holdings Zentella", "person", "PER", (MODEL, 0.0, 0.0)),  # in the middle: nothing
        # a known surname alone
        ("González", "location", "LOC", (SURNAME, 0.0, MODEL)),
        ("Gonzalez Zentella", "location", "LOC", (0.0, 0.0, MODEL)),  # one word only
        # two or more words starting with a known given name
        ("Fernando Zentella", "organization", "ORG", (GIVEN_NAME, MODEL, 0.0)),
        ("Juan Pérez", "person", "TITLE", (TITLE + FULL_NAME, 0.0, 0.0)),  # and a known surname last
        ("JUAN Pérez", "person", "TITLE", (TITLE + GIVEN_NAME, 0.0, 0.0)),  # not with its first in capitals
        ("Fernando", "organization", "ORG", (0.0, MODEL, 0.0)),  # not alone
        ("Zentella Fernando", "organization", "ORG", (0.0, MODEL, 0.0)),  # the first word only
        ("Juan Police", "person", "PER", (MODEL, ORG_TAIL, 0.0)),  # not with an organization head word
    ],
)
def test_own_scores(name: str, model_type: EntityType, label: str, scores: Scores) -> None:
    assert own_scores(named(name, model_type, label)) == scores


Case = tuple[str, EntityType, str]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # a country the model calls a person is a location
        ([("México", "person", "PER")], ("location", (MODEL, 0.0, PLACE["country"]))),
        # an organization head word first outweighs a wrong label
        ([("Ministerio de Hacienda", "location", "LOC")], ("organization", (0.0, ORG_HEAD, MODEL))),
        # ... one at the end helps a right label against a wrong one (without it: a tie, kept as person)
        (
            [("Municipal Police", "person", "PERSON"), ("Municipal Police", "organization", "ORG")],
            ("organization", (MODEL, MODEL + 2 * ORG_TAIL, 0.0)),
        ),
        # a surname alone is a person
        ([("González", "location", "LOC")], ("person", (SURNAME, 0.0, MODEL))),
        # scores add up over the mentions of a name: two location labels beat one person label
        (
            [("Zentella", "person", "PER"), ("Zentella", "location", "LOC"), ("ZENTELLA", "location", "GPE")],
            ("location", (MODEL, 0.0, 2 * MODEL)),
        ),
        # a title outweighs two labels
        (
            [
                ("Zentella", "person", "TITLE"),
                ("Zentella", "location", "LOC"),
                ("Zentella", "location", "LOC"),
            ],
            ("person", (TITLE, 0.0, 2 * MODEL)),
        ),
        # a tie on scores keeps the type the model gave most often, whatever the order of the types
        (
            [("Zentella", "person", "TITLE")] + [("Zentella", "location", "LOC")] * 3,
            ("location", (TITLE, 0.0, 3 * MODEL)),
        ),
        (
            [("Zentella", "location", "LOC")] * 3 + [("Zentella", "person", "TITLE")],
            ("location", (TITLE, 0.0, 3 * MODEL)),
        ),
        # a tie in labels too: the first of person, organization, location
        (
            [("Acme", "organization", "ORG")] * 2 + [("Acme", "person", "PER")] * 2,
            ("person", (2 * MODEL, 2 * MODEL, 0.0)),
        ),
    ],
)
def test_document_types_of_one_name(items: list[Case], expected: tuple[EntityType, Scores]) -> None:
    assert TITLE == 3 * MODEL  # the ties above
    found = document_types([named(name, t, label, start=20 * i) for i, (name, t, label) in enumerate(items)])
    (key,) = {match_key(name) for name, _, _ in items}
    assert key is not None
    assert found == {key: expected}


def test_a_tie_on_scores_goes_to_the_most_frequent_label_not_to_the_first_type() -> None:
    # one title against three ORG labels: a tie on scores, and the model said organization three times
    assert TITLE == 3 * MODEL
    items = [named("Acme", "person", "TITLE")] + [
        named("Acme", "organization", "ORG", 10 * i) for i in (1, 2, 3)
    ]
    assert document_types(items)["acme"] == ("organization", (TITLE, 3 * MODEL, 0.0))


def test_a_surname_of_a_person_named_in_full_is_that_person_whatever_else_it_looked_like() -> None:
    leyzaola = [named("Leyzaola", "location", "LOC", 100 * i) for i in range(3)]
    assert document_types(leyzaola)["leyzaola"] == ("location", (0.0, 0.0, 3 * MODEL))
    types = document_types([*leyzaola, named("Julián Leyzaola", "person", "PER", 400)])
    assert types == {
        "leyzaola": ("person", (3 * MODEL + PERSON_PART, 0.0, 3 * MODEL)),
        "julian leyzaola": ("person", (MODEL + GIVEN_NAME, 0.0, 0.0)),
    }


@pytest.mark.parametrize(
    ("name", "person", "kind"),
    [
        ("Campos", "Maru Campos", "person"),  # "Maru": no known given name, nor a place
        ("León", "Jorge León Arvizu", "person"),  # a state's and a city's name too
        ("México", "Juan México", "location"),  # a country's: not taken for the person's
    ],
)
def test_one_sense_per_document_needs_a_full_name_and_stops_at_countries(
    name: str, person: str, kind: EntityType
) -> None:
    items = [named(name, "location", "LOC", 100 * i) for i in range(3)]
    types = document_types([*items, named(person, "person", "PER", 400)])
    assert types[items[0].key][0] == kind


def test_part_of_a_name_that_starts_with_a_place_only_weighs_as_a_person_part() -> None:
    items = [named("Alerta", "location", "LOC", 100 * i) for i in range(2)]
    types = document_types([*items, named("Mexicali Alerta", "person", "PER", 300)])
    assert types["alerta"] == ("location", (PERSON_PART, 0.0, 2 * MODEL))


def test_a_longer_form_of_a_person_in_the_document_is_a_person() -> None:
    items = [
        named("Norma Bustamante", "person", "TITLE", 0),
        named("Norma Alicia Bustamante Martínez", "organization", "ORG", 100),
    ]
    types = document_types(items)
    assert types["norma alicia bustamante martinez"][0] == "person"


def test_a_surname_in_a_person_name_gets_both_bonuses() -> None:
    types = document_types(
        [named("Bustamante", "location", "LOC"), named("Norma Bustamante", "person", "PER", 50)]
    )
    assert types == {
        "bustamante": ("person", (SURNAME + PERSON_PART, 0.0, MODEL)),
        "norma bustamante": ("person", (MODEL + FULL_NAME, 0.0, 0.0)),
    }


def test_only_the_words_of_a_person_in_order_count() -> None:
    leyzaola = [named("Leyzaola", "location", "LOC"), named("Leyzaola", "location", "LOC", 10)]
    others = [
        named("Leyzaola Acme", "organization", "ORG", 20),  # contains it, but not a person
        named("Mexicali Leyzaola", "person", "PER", 40),  # a "person" that starts with a place: not enough
    ]
    assert document_types([*leyzaola, *others])["leyzaola"] == ("location", (PERSON_PART, 0.0, 2 * MODEL))


@pytest.mark.parametrize(
    ("other", "model_type", "boosted"),
    [
        ("Tizoc Acme Zentella", "person", True),  # in order, not necessarily adjacent
        ("Zentella Tizoc", "person", False),  # out of order
        ("Tizoc Zentella Acme", "organization", False),  # not a person
    ],
)
def test_a_person_must_contain_the_words_in_order(other: str, model_type: EntityType, boosted: bool) -> None:
    types = document_types([named("Tizoc Zentella", "location", "LOC"), named(other, model_type, "X", 50)])
    boost = ("person", (PERSON_PART, 0.0, MODEL))
    assert types["tizoc zentella"] == (boost if boosted else ("location", (0.0, 0.0, MODEL)))


def test_the_person_part_rule_is_added_once_per_name_not_per_mention() -> None:
    items = [named("Leyzaola", "location", "LOC", 10 * i) for i in range(3)]
    items += [
        named("Mexicali Leyzaola", "person", "TITLE", 100),  # people that start with a place: not named in
        named("Tijuana Leyzaola", "person", "TITLE", 200),  # full, so the person part rule, once
    ]
    assert document_types(items)["leyzaola"] == ("location", (PERSON_PART, 0.0, 3 * MODEL))


NAME_WORDS = ["Norma", "Bustamante", "Juan", "Leyzaola", "Mexicali", "Comisión", "de", "Acme", "Pérez"]
MENTIONS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=4).map(" ".join),
        st.sampled_from(ENTITY_TYPES),
        st.sampled_from(["PER", "ORG", "LOC", "TITLE"]),
    ),
    max_size=25,
)


@given(MENTIONS)
def test_the_person_part_rule_checks_every_person_of_the_document(
    mentions: list[tuple[str, EntityType, str]],
) -> None:
    """Through its word index, as its definition says: a name whose words a person's name has in order."""
    items = [named(name, t, label, 30 * i) for i, (name, t, label) in enumerate(mentions)]
    own: dict[str, list[float]] = {}
    labels: dict[str, list[EntityType]] = {}
    for item in items:
        own[item.key] = [a + b for a, b in zip(own.get(item.key, [0.0] * 3), own_scores(item), strict=True)]
        labels.setdefault(item.key, []).append(item.model_type)
    people = [key for key, total in own.items() if _best(total, labels[key]) == "person"]
    for key, (_, scores) in document_types(items).items():
        containing = [p for p in people if p != key and contains_words(p, key)]
        surname = any(
            (p.split()[0] in given_names() or p.split()[0] not in lexicons.places())
            and key.split()[0] != p.split()[0]
            for p in containing
        )
        extends = (
            len(key.split()) > 1
            and key.split()[0] not in ORG_HEADS
            and any(
                len(p.split()) > 1 and set(p.split()) < set(key.split()) and contains_words(key, p)
                for p in people
            )
        )
        if surname:
            person = max(own[key]) + PERSON_PART
        else:
            person = own[key][0] + (PERSON_PART if containing or extends else 0.0)
        assert scores == pytest.approx((person, *own[key][1:]))


def junk(text: str, span: str, language: str = "es", occurrence: int = 0) -> bool:
    """``is_junk`` for the ``occurrence``-th (from 0) appearance of ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    key = match_key(span)
    assert key is not None
    return is_junk(text, start, start + len(span), key, language)


@pytest.mark.parametrize(
    ("text", "span", "language", "occurrence", "expected"),
    [
        # a sentence-initial everyday word, at the start of the text, of a line or after a full stop
        ("Según el informe, la obra termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue.\nSegún el informe, termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue. Según el informe, termina en mayo.", "Según", "es", 0, True),
        ("La obra sigue. «Según el informe, termina en mayo.»", "Según", "es", 0, True),  # after an opener
        ("Apoyo total al plan de obras.", "Apoyo", "es", 0, True),
        ("Attendance was low at the meeting.", "Attendance", "en", 0, True),
        ("The vote is on Monday, and September will tell.", "September", "en", 0, True),  # a month
        ("Ocurrió el Lunes pasado.", "Lunes", "es", 0, True),  # a weekday, even mid-sentence
        # acronyms, mixed-case words and known surnames are never taken for everyday words
        ("ONCE informó ayer.", "ONCE", "es", 0, False),
        ("McAllen recibió a los migrantes.", "McAllen", "es", 0, False),
        ("Campos dijo que no.", "Campos", "es", 0, False),
        # ... but not when the same word is capitalized mid-sentence elsewhere (then it is a name)
        ("Según el informe, sí. El grupo Según toca hoy.", "Según", "es", 0, False),
        ("Según el informe, sí. El grupo Según toca hoy.", "Según", "es", 1, False),  # not initial at all
        # a word written in lower case elsewhere in the text, even a known place ("Pará" in Brazil)
        ("Para el alcalde, la obra es necesaria para todos.", "Para", "es", 0, True),
        ("Para el alcalde, la obra es necesaria.", "Para", "es", 0, False),  # no lower-case "para"
        ("Los vecinos dijeron que los precios suben.", "Los", "es", 0, True),
        # gerunds at the start of a sentence are verbs
        ("Determinando la importancia del caso, habló.", "Determinando", "es", 0, True),
        ("Following the meeting, he left.", "Following", "en", 0, True),
        # known places and given names are names even at the start of a sentence
        ("México anunció un plan de obras.", "México", "es", 0, False),
        ("Fernando anunció un plan de obras.", "Fernando", "es", 0, False),
        ("Mexicali amaneció con calor.", "Mexicali", "es", 0, False),
        # a rare word at the start of a sentence may be a name
        ("Leyzaola anunció un plan de obras.", "Leyzaola", "es", 0, False),
        # a word mixing letters and digits, anywhere
        ("El vuelo ME2056 llegó tarde.", "ME2056", "es", 0, True),
        ("El jugador Min.36 salió.", "Min.36", "es", 0, True),
        # all capitals and only everyday words (five letters or more): a headline
        ("PLAN ENERGÉTICO\nEl gobierno presentó su plan.", "PLAN ENERGÉTICO", "es", 0, True),
        ("PLAN ENERGETICO\nEl gobierno presentó su plan.", "PLAN ENERGETICO", "es", 0, True),
        ("La votación fue RECHAZADA por el pleno.", "RECHAZADA", "es", 0, True),
        ("El PSOE votó en contra.", "PSOE", "es", 0, False),  # an acronym
        ("La CANACAR publicó datos.", "CANACAR", "es", 0, False),  # not an everyday word
        ("El Instituto de Geografía (INEGI) informó.", "INEGI", "es", 0, False),  # an acronym in brackets
        ("Desde MÉXICO llegan noticias.", "MÉXICO", "es", 0, False),  # a known place
        # more lower-case words than capitalized ones
        ("Dijo que Casa de los tres cerró.", "Casa de los tres", "es", 0, True),
        ("Visitó la Plaza de la Constitución ayer.", "Plaza de la Constitución", "es", 0, False),
        # names of several words are not checked against sentence starts
        ("Según Dáger, la obra termina.", "Según Dáger", "es", 0, False),
    ],
)
def test_is_junk(text: str, span: str, language: str, occurrence: int, expected: bool) -> None:
    assert junk(text, span, language, occurrence) is expected


def test_the_junk_filter_gives_the_same_with_the_document_words_built_once() -> None:
    text = "Según el informe. Para todos, para ellos. Según Dáger, U.S. y U.S. Army. Apoyo total."
    words = TextWords(text)
    for span in ("Según", "Para", "U.S.", "Apoyo"):
        start = text.index(span)
        key = match_key(span)
        assert key is not None
        alone = is_junk(text, start, start + len(span), key, "es")
        assert is_junk(text, start, start + len(span), key, "es", words) is alone


@pytest.mark.parametrize(
    ("text", "span", "name", "language"),
    [
        ("El Gobierno anunció un plan.", "El Gobierno", "Gobierno", "es"),
        ("Hubo quejas. Los Vecinos Unidos protestaron.", "Los Vecinos Unidos", "Vecinos Unidos", "es"),
        ("Hubo quejas.\nLa Comisión respondió.", "La Comisión", "Comisión", "es"),
        ("¿La Comisión respondió?", "La Comisión", "Comisión", "es"),
        # mid-sentence
        ("Habló el alcalde y El Gobierno anunció un plan.", "El Gobierno", "El Gobierno", "es"),
        # a known place keeps its article, also as the start of a longer name
        ("La Paz amaneció nublada.", "La Paz", "La Paz", "es"),
        ("Los Angeles Times publicó.", "Los Angeles Times", "Los Angeles Times", "es"),
        ("El gobierno anunció un plan.", "El gobierno", "El gobierno", "es"),  # only before a capital
        ("Elena Gómez anunció un plan.", "Elena Gómez", "Elena Gómez", "es"),  # not an article
        # in English text a Spanish article is part of the name
        ("Las Vegas Lights FC 0, Monterey Bay FC 3", "Las Vegas Lights FC", "Las Vegas Lights FC", "en"),
        ("El Universal reported it.", "El Universal", "El Universal", "en"),
    ],
)
def test_sentence_article_end(text: str, span: str, name: str, language: str) -> None:
    start = text.index(span)
    end = start + len(span)
    key = match_key(span)
    assert key is not None
    assert text[sentence_article_end(text, start, end, key, language) : end] == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Plan Sonora", True),
        ("Encuesta Nacional de Ocupación y Empleo", True),
        ("Local Border Support Program", True),
        ("Operation Lone Star", True),
        ("United States-Mexico-Canada Agreement", True),
        ("Kino Border Initiative", False),  # an organization
        ("Plan", False),  # one word: the filter's other rules decide
        ("Secretaría de Planeación", False),
    ],
)
def test_programmes_plans_surveys_treaties_and_events_are_not_entities(name: str, expected: bool) -> None:
    key = match_key(name)
    assert key is not None
    assert not_an_entity(key) is expected


def test_a_type_noun_decides_a_names_type_in_its_document_whatever_the_counts() -> None:
    items = [named("Telefónica", "location", "LOC", 10 * i) for i in range(5)]
    items.append(replace(named("Telefónica", "organization", "ORG", 100), cue="group"))
    assert document_types(items)["telefonica"][0] == "organization"


def test_a_surname_the_text_calls_a_place_is_not_made_a_person() -> None:
    items = [
        replace(named("NOGALES", "location", "DATELINE", 0), cue="dateline"),
        named("Nogales", "location", "GPE", 50),
        named("Juan Francisco Gim Nogales", "person", "PERSON", 100),
    ]
    assert document_types(items)["nogales"][0] == "location"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Tomateros de Culiacán", "organization"),  # a team of the results line, then "de" and its city
        ("los Tomateros de Culiacán", "organization"),  # with an article
        ("Tomateros", "organization"),  # the team itself: its own cue, once
        ("Valle de los Tomateros", "location"),  # not the team's name first
    ],
)
def test_a_team_followed_by_de_is_the_team(name: str, kind: EntityType) -> None:
    team = replace(named("Tomateros", "organization", "RESULTS", 500), cue="team")
    item = named(name, "location", "LOC")
    types = document_types([item, team])
    assert types[item.key][0] == kind
    assert types["tomateros"][1][1] == MODEL + CUE


def test_a_company_word_last_outweighs_a_place_word_first() -> None:
    item = named("Rio Grande Precision Components", "organization", "ORG")
    assert document_types([item])[item.key] == ("organization", (0.0, MODEL + ORG_TAIL, PLACE_HEAD))
