from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.aggregate import aggregate
from pipeline.links import link_across_documents, link_people, link_short_forms
from pipeline.records import EntityType, Mention
from tests.test_aggregate import NORMA, document, mention


def test_link_people_compares_match_keys_in_order() -> None:
    mentions = [mention("BUSTAMANTE", 0), mention("Alicia Norma", 20), mention(NORMA, 40)]
    assert link_people(mentions) == {"bustamante": "norma alicia bustamante martinez"}


def test_a_name_in_two_longest_names_of_a_document_is_not_linked() -> None:
    doc = document("a.txt", mention("Norma", 0), mention("Norma Bustamante", 10), mention("Norma López", 30))
    assert link_people(doc.mentions) == {}


def test_a_surname_alone_in_another_document_joins_the_one_person_with_it_and_is_listed() -> None:
    documents = {
        "a.txt": (mention(NORMA, 0),),
        "b.txt": (mention("Bustamante", 0), mention("Norma", 20)),  # a surname, and a first name
    }
    links, unmerged, surnames = link_across_documents(people(documents))
    assert links == {"bustamante": "norma alicia bustamante martinez"}  # not "norma": a first name
    assert (unmerged, surnames) == ((), (("bustamante", "norma alicia bustamante martinez"),))
    corpus = aggregate([document(doc_id, *ms) for doc_id, ms in documents.items()])
    assert corpus.surnames == surnames
    assert sorted(e.name for e in corpus.entities) == ["Norma", NORMA]


def test_a_surname_two_people_have_joins_neither() -> None:
    documents = {
        "a.txt": (mention(NORMA, 0), mention("Jaime Bustamante", 40)),
        "b.txt": (mention("Bustamante", 0),),
    }
    assert link_across_documents(people(documents))[2] == ()


def test_a_bare_acronym_takes_the_one_long_form_the_corpus_defines_it_with() -> None:
    long = mention("Comisión Mexicana de Ayuda a Refugiados", 0, "organization")
    defined = replace(mention("COMAR", 45, "organization"), key=long.key, alias_key="comar")
    bare = mention("COMAR", 0, "person")  # typed otherwise where it is not defined
    corpus = aggregate([document("a.txt", long, defined), document("b.txt", bare)])
    (entity,) = corpus.entities
    assert (entity.key, entity.type, entity.doc_ids, entity.mentions) == (
        long.key,
        "organization",
        ("a.txt", "b.txt"),
        3,
    )
    other = mention("Consejo Mexicano de Arte Rural", 0, "organization")
    twice = replace(mention("COMAR", 40, "organization"), key=other.key, alias_key="comar")
    corpus = aggregate(
        [document("a.txt", long, defined), document("b.txt", bare), document("c.txt", other, twice)]
    )
    assert [(r.mention.key, r.mention.type) for r in corpus.mentions if r.doc_id == "b.txt"] == [
        ("comar", "person")
    ]


def people(documents: dict[str, tuple[Mention, ...]]) -> set[str]:
    """The corpus's person keys, each document's after its own links."""
    keys: set[str] = set()
    for mentions in documents.values():
        local = link_people(mentions)
        keys.update(local.get(m.key, m.key) for m in mentions if m.type == "person")
    return keys


@pytest.mark.parametrize(
    ("entity_type", "names", "links"),
    [
        ("location", ["Cochise", "Cochise County"], {"cochise": "cochise county"}),
        ("location", ["Otay", "garita de Otay"], {"otay": "garita de otay"}),
        ("location", ["San Ysidro", "San Ysidro Port of Entry"], {"san ysidro": "san ysidro port of entry"}),
        ("location", ["Juárez", "Ciudad Juárez"], {"juarez": "ciudad juarez"}),  # a city, after "Ciudad"
        ("location", ["Nogales", "Nogales Port of Entry"], {}),  # a city's name: the city
        ("location", ["México", "Ciudad de México"], {}),  # a country's
        ("location", ["Mexicali", "Mexicali Valley"], {}),
        ("location", ["Arivaca", "Arivaca Road"], {}),  # a road named after a place is another place
        ("location", ["Cochise", "Cochise County", "Cochise Valley"], {}),  # which one?
        (
            "organization",
            ["Attorney General's Office", "Arizona Attorney General's Office"],
            {"attorney generals office": "arizona attorney generals office"},
        ),
        ("organization", ["Democratic Party", "Arizona Democratic Party"], {}),  # a party: another one
        (
            "organization",
            ["Fiscalía", "Fiscalía General", "Fiscalía General del Estado de Baja California"],
            {
                "fiscalia": "fiscalia general del estado de baja california",
                "fiscalia general": "fiscalia general del estado de baja california",
            },
        ),
        ("organization", ["Cártel", "Cártel de Jalisco Nueva Generación", "Cártel de Sinaloa"], {}),
        ("organization", ["Secretaría de Economía", "Secretaría de Economía de Sonora"], {}),
        (
            "organization",
            ["Commerce Department", "U.S. Department of Commerce"],
            {"commerce department": "us department of commerce"},
        ),
        ("organization", ["Tijuana", "Club Tijuana"], {}),  # no place words, no head word
    ],
)
def test_a_short_form_of_one_longer_place_or_organization_of_the_document_joins_it(
    entity_type: EntityType, names: list[str], links: dict[str, str]
) -> None:
    mentions = [mention(name, 50 * i, entity_type) for i, name in enumerate(names)]
    assert link_short_forms(mentions) == {(entity_type, short): long for short, long in links.items()}


def test_a_short_form_keeps_its_name_in_the_longer_names_entity() -> None:
    corpus = aggregate(
        [document("a.txt", mention("Cochise County", 0, "location"), mention("Cochise", 40, "location"))]
    )
    ((entity),) = corpus.entities
    assert (entity.name, entity.key, entity.mentions, entity.aliases) == (
        "Cochise County",
        "cochise county",
        2,
        ("Cochise",),
    )
