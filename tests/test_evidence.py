"""Type evidence and the junk filter, with the real word lists (they load in a couple of seconds).

Expected scores are written with the module's weights so that the tests check which evidence fires; the
types they lead to are checked as values.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import lexicons
from pipeline.evidence import (
    CITY_NOT_PERSON,
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
    own_scores,
)
from pipeline.lexicons import ORG_HEADS, given_names
from pipeline.normalize import contains_words, match_key
from pipeline.records import ENTITY_TYPES, EntityType


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
    unknown = {"leyzaola", "zentella", "tizoc", "globex"}
    assert unknown.isdisjoint(places.keys() | lexicons.towns() | lexicons.surnames() | lexicons.given_names())
    assert {"gonzalez", "bustamante"} <= lexicons.surnames()
    assert {"juan", "julian", "fernando", "norma"} <= lexicons.given_names()
    assert {"ministerio", "police", "academy", "holdings"} <= lexicons.ORG_HEADS
    assert {"municipal", "hacienda", "globex", "juan"}.isdisjoint(lexicons.ORG_HEADS)
    assert (places.get("saltillo"), places.get("houston"), places.get("el paso"), places.get("tucson")) == (
        "city",
        "city",
        "city",
        "city",
    )
    assert "saltillo" not in lexicons.surnames() | lexicons.given_names()
    assert "houston" in lexicons.surnames()
    assert {"presidio", "ajo"} <= lexicons.towns()  # US towns under 15,000 people
    assert {"bustamante", "anthony", "saltillo"}.isdisjoint(lexicons.towns())  # surnames; a city


@pytest.mark.parametrize(
    ("name", "model_type", "label", "scores"),
    [
        # the model's label alone, for its type
        ("Leyzaola", "person", "PER", (MODEL, 0.0, 0.0)),
        ("Globex", "organization", "ORG", (0.0, MODEL, 0.0)),
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
        ("Lark Community Center", "organization", "ORG", (0.0, MODEL, PLACE_HEAD)),  # a facility's tail word
        ("Globex Holdings Zentella", "person", "PER", (MODEL, 0.0, 0.0)),  # in the middle: nothing
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
        ("Juan Stadium", "person", "PER", (MODEL, 0.0, PLACE_HEAD)),  # nor with a place head word
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
            [("Globex", "organization", "ORG")] * 2 + [("Globex", "person", "PER")] * 2,
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
    items = [named("Globex", "person", "TITLE")] + [
        named("Globex", "organization", "ORG", 10 * i) for i in (1, 2, 3)
    ]
    assert document_types(items)["globex"] == ("organization", (TITLE, 3 * MODEL, 0.0))


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
        named("Leyzaola Globex", "organization", "ORG", 20),  # contains it, but not a person
        named("Mexicali Leyzaola", "person", "PER", 40),  # a "person" that starts with a place: not enough
    ]
    assert document_types([*leyzaola, *others])["leyzaola"] == ("location", (PERSON_PART, 0.0, 2 * MODEL))


@pytest.mark.parametrize(
    ("other", "model_type", "boosted"),
    [
        ("Tizoc Globex Zentella", "person", True),  # in order, not necessarily adjacent
        ("Zentella Tizoc", "person", False),  # out of order
        ("Tizoc Zentella Globex", "organization", False),  # not a person
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


NAME_WORDS = [
    "Norma",
    "Bustamante",
    "Juan",
    "Leyzaola",
    "Mexicali",
    "Ajo",
    "Comisión",
    "de",
    "Globex",
    "Pérez",
]
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
            and not any(
                w in ORG_HEADS and n in ("of", "de", "del") for w, n in itertools.pairwise(key.split())
            )
            and any(
                len(p.split()) > 1 and set(p.split()) < set(key.split()) and contains_words(key, p)
                for p in people
            )
        )
        city = (
            (lexicons.places().get(key) == "city" or key in lexicons.towns())
            and not any(w in given_names() or w in lexicons.surnames() for w in key.split())
            and "person" in labels[key]
            and "organization" not in labels[key]
        )
        place = own[key][2] + (CITY_NOT_PERSON if city else 0.0)
        if surname:
            person = max(own[key][0], own[key][1], place) + PERSON_PART
        else:
            person = own[key][0] + (PERSON_PART if containing or extends else 0.0)
        assert scores == pytest.approx((person, own[key][1], place))


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
    item = named("Rio Grande Precision Components", "organization", "ORG")  # a known place's: as a head word
    assert document_types([item])[item.key] == ("organization", (0.0, MODEL + ORG_HEAD, PLACE_HEAD))


@pytest.mark.parametrize(
    ("name", "weight"),
    [
        ("El Paso City Council", ORG_HEAD),  # three words or more before the head word
        ("Pacific Coast League", ORG_HEAD),
        ("Tucson Police", ORG_TAIL),  # two words
        ("Palau de la Generalitat", ORG_TAIL),  # "de": maybe a building
    ],
)
def test_a_long_name_with_a_head_word_last_weighs_as_one_with_it_first(name: str, weight: float) -> None:
    assert own_scores(named(name, "location", "GPE"))[1] == weight


@pytest.mark.parametrize(
    ("labels", "name", "kind"),
    [
        (["PERSON"], "Saltillo", "location"),  # a known city the model read as a person
        (["PERSON", "PERSON", "PERSON"], "Saltillo", "person"),  # once per document, not per mention
        (["ORG", "PERSON", "ORG"], "Saltillo", "organization"),  # also read as an organization: a club's
        (["PERSON"], "Houston", "person"),  # also a known surname
        (["PERSON", "GPE"], "Ajo", "location"),  # a town: 0.5 a mention, 1.0 once
    ],
)
def test_a_known_city_read_as_a_person_is_a_place(labels: list[str], name: str, kind: EntityType) -> None:
    types = {"PERSON": "person", "ORG": "organization", "GPE": "location"}
    items = [named(name, types[label], label, 10 * i) for i, label in enumerate(labels)]  # type: ignore[arg-type]
    assert document_types(items)[items[0].key][0] == kind
