from __future__ import annotations

import re
from collections import Counter

import pytest

from pipeline.aggregate import aggregate, entity_id, link_people, pick_name
from pipeline.normalize import match_key
from pipeline.records import DocumentResult, EntityType, Mention


def mention(name: str, start: int, entity_type: EntityType = "person") -> Mention:
    key = match_key(name)
    assert key is not None
    return Mention(start, start + len(name), name, name, key, entity_type, f"... {name} ...")


def document(doc_id: str, *mentions: Mention, language: str = "es") -> DocumentResult:
    return DocumentResult(doc_id, doc_id.upper(), language, 0.99, "utf-8", 1000, "ok", "", mentions)


NORMA = "Norma Alicia Bustamante Martínez"


def test_short_person_names_join_the_longest_name_of_the_document() -> None:
    doc = document("a.txt", mention("Bustamante", 0), mention("Norma Bustamante", 20), mention(NORMA, 50))
    corpus = aggregate([doc])
    assert len(corpus.entities) == 1
    (entity,) = corpus.entities
    assert (entity.name, entity.key, entity.mentions) == (NORMA, "norma alicia bustamante martinez", 3)
    assert entity.aliases == ("Bustamante", "Norma Bustamante")
    assert {row.entity_id for row in corpus.mentions} == {entity.entity_id}


def test_link_people_compares_match_keys_in_order() -> None:
    mentions = [mention("BUSTAMANTE", 0), mention("Alicia Norma", 20), mention(NORMA, 40)]
    assert link_people(mentions) == {"bustamante": "norma alicia bustamante martinez"}


def test_a_name_contained_in_two_longest_names_stays_separate() -> None:
    doc = document("a.txt", mention("Norma", 0), mention("Norma Bustamante", 10), mention("Norma López", 30))
    assert link_people(doc.mentions) == {}
    assert sorted(e.name for e in aggregate([doc]).entities) == ["Norma", "Norma Bustamante", "Norma López"]


def test_only_people_are_linked_and_types_never_merge() -> None:
    doc = document(
        "a.txt",
        mention("Mexicali", 0, "location"),
        mention("Mexicali", 20, "organization"),
        mention("Ayuntamiento de Mexicali", 40, "organization"),
        mention("Juárez", 70, "location"),
        mention("Benito Juárez", 80),
    )
    corpus = aggregate([doc])
    found = sorted((e.type, e.name) for e in corpus.entities)
    assert found == [
        ("location", "Juárez"),
        ("location", "Mexicali"),
        ("organization", "Ayuntamiento de Mexicali"),
        ("organization", "Mexicali"),
        ("person", "Benito Juárez"),
    ]
    assert len({e.entity_id for e in corpus.entities}) == 5


def test_same_type_and_key_merge_across_documents() -> None:
    docs = [
        document("b.txt", mention("Tijuana", 5, "location"), language="en"),
        document("a.txt", mention("TIJUANA", 0, "location"), mention("Tijuana", 9, "location")),
        document("c.txt", mention("Ensenada", 0, "location")),
    ]
    corpus = aggregate(docs)
    tijuana = next(e for e in corpus.entities if e.key == "tijuana")
    assert (tijuana.name, tijuana.aliases) == ("Tijuana", ("TIJUANA",))
    assert tijuana.doc_ids == ("a.txt", "b.txt")
    assert tijuana.languages == ("en", "es")
    assert tijuana.mentions == 3
    assert [d.doc_id for d in corpus.documents] == ["a.txt", "b.txt", "c.txt"]


def test_linking_stays_within_one_document() -> None:
    docs = [document("a.txt", mention("Bustamante", 0)), document("b.txt", mention(NORMA, 0))]
    assert len(aggregate(docs).entities) == 2


def test_entity_id_is_stable_and_depends_only_on_type_and_key() -> None:
    assert entity_id("person", "norma alicia bustamante martinez") == "per-e81f01d2901d"
    assert entity_id("location", "mexicali") == "loc-4c0fc5364968"
    assert re.fullmatch(r"org-[0-9a-f]{12}", entity_id("organization", "pan"))
    assert entity_id("person", "mexicali") != entity_id("location", "mexicali")
    assert entity_id("location", "tijuana") != entity_id("location", "mexicali")
    one = aggregate([document("x.txt", mention("Mexicali", 3, "location"))])
    other = aggregate([document("y.txt", mention("MEXICALI", 0, "location"), language="en")])
    assert one.entities[0].entity_id == other.entities[0].entity_id == "loc-4c0fc5364968"


@pytest.mark.parametrize(
    ("names", "picked"),
    [
        ({"Ana Paz": 5, "Ana María Paz": 1}, "Ana María Paz"),  # most words first
        ({"Martinez": 2, "Martínez": 1}, "Martinez"),  # then most mentions
        ({"Martinez": 1, "Martínez": 1}, "Martínez"),  # then accents
        ({"Acme": 1, "ACME": 3}, "Acme"),  # headline capitals lose even when more frequent
        ({"MARTINEZ": 1, "Martínez": 1}, "Martínez"),
        ({"Bravo": 1, "Alpha": 1}, "Alpha"),  # then alphabetical
    ],
)
def test_pick_name(names: dict[str, int], picked: str) -> None:
    assert pick_name(Counter(names)) == picked
    assert pick_name(Counter(dict(reversed(names.items())))) == picked


def test_output_order_and_entities_per_document() -> None:
    docs = [
        document("b.txt", mention("Tijuana", 40, "location"), mention("Tijuana", 4, "location")),
        document(
            "a.txt",
            mention("PAN", 30, "organization"),
            mention("Tijuana", 10, "location"),
            mention("Ensenada", 50, "location"),
            mention("Agua Prieta", 0, "location"),
            mention("Ensenada", 70, "location"),
            mention("Agua Prieta", 90, "location"),
        ),
        document("c.txt"),
    ]
    corpus = aggregate(docs)
    assert [(r.doc_id, r.mention.start) for r in corpus.mentions] == [
        ("a.txt", 0),
        ("a.txt", 10),
        ("a.txt", 30),
        ("a.txt", 50),
        ("a.txt", 70),
        ("a.txt", 90),
        ("b.txt", 4),
        ("b.txt", 40),
    ]
    # by type, then most mentions, then key
    assert [(e.type, e.name, e.mentions) for e in corpus.entities] == [
        ("location", "Tijuana", 3),
        ("location", "Agua Prieta", 2),
        ("location", "Ensenada", 2),
        ("organization", "PAN", 1),
    ]
    assert corpus.entities_per_document == {"a.txt": 4, "b.txt": 1}
    assert [d.doc_id for d in corpus.documents] == ["a.txt", "b.txt", "c.txt"]
