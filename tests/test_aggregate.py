from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import aggregate as aggregate_module
from pipeline import consensus, evidence
from pipeline.aggregate import aggregate
from pipeline.consensus import OTHER_DOCUMENTS
from pipeline.curation import Curation, parse
from pipeline.entities import entity_id, place_id
from pipeline.normalize import match_key
from pipeline.places import link
from pipeline.records import ENTITY_TYPES, Corpus, DocumentResult, EntityType, Mention, Metadata


def mention(name: str, start: int, entity_type: EntityType = "person") -> Mention:
    key = match_key(name)
    assert key is not None
    return Mention(start, start + len(name), name, name, key, entity_type, f"... {name} ...")


def document(doc_id: str, *mentions: Mention, language: str = "es") -> DocumentResult:
    meta = Metadata(doc_id, doc_id, title=doc_id.upper(), encoding="utf-8")
    return DocumentResult(meta, language, 0.99, 1000, "ok", "", mentions)


NORMA = "Norma Alicia Bustamante Martínez"


def test_short_person_names_join_the_longest_name_of_the_document() -> None:
    doc = document("a.txt", mention("Bustamante", 0), mention("Norma Bustamante", 20), mention(NORMA, 50))
    corpus = aggregate([doc])
    assert len(corpus.entities) == 1
    (entity,) = corpus.entities
    assert (entity.name, entity.key, entity.mentions) == (NORMA, "norma alicia bustamante martinez", 3)
    assert entity.aliases == ("Bustamante", "Norma Bustamante")
    assert {row.entity_id for row in corpus.mentions} == {entity.entity_id}


def test_a_name_contained_in_two_longest_names_stays_separate() -> None:
    doc = document("a.txt", mention("Norma", 0), mention("Norma Bustamante", 10), mention("Norma López", 30))
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


def test_an_entity_id_is_the_same_in_any_corpus_for_the_same_key() -> None:
    one = aggregate([document("x.txt", mention("Valle de Mexicali", 3, "location"))])
    other = aggregate([document("y.txt", mention("VALLE DE MEXICALI", 0, "location"), language="en")])
    assert (
        one.entities[0].entity_id == other.entities[0].entity_id == entity_id("location", "valle de mexicali")
    )


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


def scored(name: str, start: int, entity_type: EntityType, scores: tuple[float, float, float]) -> Mention:
    """A mention with its document's summed evidence (person, organization, location) for its name."""
    return replace(mention(name, start, entity_type), scores=scores)


def types_by_document(corpus: Corpus, key: str) -> dict[str, EntityType]:
    found = {(row.doc_id, row.mention.type) for row in corpus.mentions if row.mention.key == key}
    assert len(found) == len({doc_id for doc_id, _ in found}), "one type per name and document"
    return dict(found)


def test_a_lone_weak_type_is_outvoted_by_the_other_documents() -> None:
    weak, strong = (1.0, 0.0, 0.5), (0.0, 0.0, 2.5)
    docs = [
        document("a.txt", scored("Mexicali", 0, "person", weak), scored("Mexicali", 30, "person", weak)),
        document("b.txt", scored("Mexicali", 0, "location", strong)),
        document("c.txt", scored("MEXICALI", 5, "location", strong)),
    ]
    corpus = aggregate(docs)
    assert types_by_document(corpus, "mexicali") == {
        "a.txt": "location",
        "b.txt": "location",
        "c.txt": "location",
    }
    (entity,) = corpus.entities
    assert (entity.type, entity.doc_ids, entity.mentions, entity.curation) == (
        "location",
        ("a.txt", "b.txt", "c.txt"),
        4,
        (),
    )


def test_strong_own_evidence_keeps_its_type_against_weak_other_documents() -> None:
    docs = [
        document("a.txt", scored("Mexicali", 0, "person", (3.0, 0.0, 0.0))),
        document("b.txt", scored("Mexicali", 0, "location", (0.0, 0.0, 2.0))),
        document("c.txt", scored("Mexicali", 0, "location", (0.0, 0.0, 2.0))),
    ]
    corpus = aggregate(docs)
    assert types_by_document(corpus, "mexicali") == {
        "a.txt": "person",
        "b.txt": "location",
        "c.txt": "location",
    }
    assert sorted((e.type, e.doc_ids) for e in corpus.entities) == [
        ("location", ("b.txt", "c.txt")),
        ("person", ("a.txt",)),
    ]


def test_a_consensus_tie_keeps_the_document_type() -> None:
    # a.txt: location 4w + w x 0 against person 0 + w x 4, a tie: its own location stays (not person, the
    # first type); b.txt: person 4 against location w x 4w
    w = OTHER_DOCUMENTS
    docs = [
        document("a.txt", scored("Mexicali", 0, "location", (0.0, 0.0, 4 * w))),
        document("b.txt", scored("Mexicali", 0, "person", (4.0, 0.0, 0.0))),
    ]
    assert types_by_document(aggregate(docs), "mexicali") == {"a.txt": "location", "b.txt": "person"}


def test_mentions_without_scores_keep_their_type() -> None:
    docs = [
        document("a.txt", mention("Mexicali", 0, "person")),
        document("b.txt", mention("Mexicali", 0, "location")),
    ]
    assert types_by_document(aggregate(docs), "mexicali") == {"a.txt": "person", "b.txt": "location"}


def test_person_names_of_two_or_more_words_merge_across_documents() -> None:
    docs = [
        document("a.txt", mention("Norma Bustamante", 0)),
        document("b.txt", mention(NORMA, 0), mention("Bustamante", 50)),
        document("c.txt", mention("Bustamante", 0)),
    ]
    corpus = aggregate(docs)
    # "Bustamante" in b.txt joins within its document, in c.txt as the one person's surname in the corpus
    assert sorted((e.name, e.doc_ids, e.mentions) for e in corpus.entities) == [
        (NORMA, ("a.txt", "b.txt", "c.txt"), 4)
    ]
    (norma,) = corpus.entities
    assert norma.aliases == ("Bustamante", "Norma Bustamante")
    assert (corpus.unmerged, corpus.surnames) == ((), (("bustamante", "norma alicia bustamante martinez"),))


def test_a_short_name_already_linked_in_its_document_follows_it_across_documents() -> None:
    docs = [
        document("a.txt", mention("Bustamante", 0), mention("Norma Bustamante", 20)),
        document("b.txt", mention(NORMA, 0)),
    ]
    (entity,) = aggregate(docs).entities
    assert (entity.name, entity.doc_ids, entity.mentions) == (NORMA, ("a.txt", "b.txt"), 3)


def test_cross_document_merging_is_for_people_only() -> None:
    docs = [
        document("a.txt", mention("Banco Santander", 0, "organization")),
        document("b.txt", mention("Banco Santander Central Hispano", 0, "organization")),
    ]
    assert len(aggregate(docs).entities) == 2


def test_an_ambiguous_name_stays_separate_and_is_listed_as_unmerged() -> None:
    docs = [
        document("a.txt", mention("Norma Bustamante", 0)),
        document("b.txt", mention(NORMA, 0)),
        document("c.txt", mention("Norma Bustamante Ruiz", 0)),
    ]
    corpus = aggregate(docs)
    assert sorted((e.name, e.doc_ids) for e in corpus.entities) == [
        ("Norma Alicia Bustamante Martínez", ("b.txt",)),
        ("Norma Bustamante", ("a.txt",)),
        ("Norma Bustamante Ruiz", ("c.txt",)),
    ]
    assert corpus.unmerged == (
        ("norma bustamante", ("norma alicia bustamante martinez", "norma bustamante ruiz")),
    )


def test_curation_stop_drops_every_mention_of_a_name() -> None:
    docs = [
        document("a.txt", mention("Según", 0, "location"), mention("Mexicali", 10, "location")),
        document("b.txt", mention("SEGUN", 0, "organization")),
    ]
    corpus = aggregate(docs, Curation(stop=frozenset({"segun"})))
    assert [(e.name, e.curation) for e in corpus.entities] == [("Mexicali", ())]
    assert [r.mention.name for r in corpus.mentions] == ["Mexicali"]
    assert corpus.entities_per_document == {"a.txt": 1}
    assert [d.doc_id for d in corpus.documents] == ["a.txt", "b.txt"]


def test_curation_alias_merges_names_under_the_canonical_name() -> None:
    curation = parse("action,name,value\nalias,VALLE DE MEXICALÍ,Mexicali Valley\n")
    docs = [
        document("a.txt", mention("Valle de Mexicali", 0, "location")),
        document("b.txt", mention("MEXICALI VALLEY", 0, "location"), language="en"),
        document("c.txt", mention("Mexicali", 0, "location")),
    ]
    corpus = aggregate(docs, curation)
    valley = next(e for e in corpus.entities if e.key == "mexicali valley")
    assert (valley.name, valley.aliases) == ("Mexicali Valley", ("MEXICALI VALLEY", "Valle de Mexicali"))
    assert (valley.doc_ids, valley.languages, valley.mentions) == (("a.txt", "b.txt"), ("en", "es"), 2)
    assert valley.curation == ("alias",)
    assert valley.entity_id == entity_id("location", "mexicali valley")
    mexicali = next(e for e in corpus.entities if e.key == "mexicali")
    assert (mexicali.name, mexicali.curation) == ("Mexicali", ())
    # the mention keeps what the document says; only its entity changes
    row = next(r for r in corpus.mentions if r.doc_id == "a.txt")
    assert (row.mention.name, row.entity_id) == ("Valle de Mexicali", valley.entity_id)


def test_curation_alias_without_the_canonical_spelling_in_the_corpus() -> None:
    curation = Curation(aliases={"valle de mexicali": ("mexicali valley", "Mexicali Valley")})
    (entity,) = aggregate([document("a.txt", mention("Valle de Mexicali", 0, "location"))], curation).entities
    assert (entity.name, entity.key, entity.aliases, entity.curation) == (
        "Mexicali Valley",
        "mexicali valley",
        ("Valle de Mexicali",),
        ("alias",),
    )


def test_a_curated_type_overrides_the_consensus() -> None:
    strong = (4.0, 0.0, 0.0)
    docs = [
        document(
            "a.txt", scored("Los Rusos", 0, "person", strong), scored("Los Rusos", 40, "person", strong)
        ),
        document(
            "b.txt", scored("Los Rusos", 0, "person", strong), scored("Mexicali", 20, "location", (0, 0, 1))
        ),
    ]
    corpus = aggregate(docs, Curation(types={"los rusos": "organization"}))
    assert types_by_document(corpus, "los rusos") == {"a.txt": "organization", "b.txt": "organization"}
    assert sorted((e.type, e.name, e.mentions, e.curation) for e in corpus.entities) == [
        ("location", "Mexicali", 1, ()),
        ("organization", "Los Rusos", 3, ("type",)),
    ]


def test_a_curated_type_for_a_canonical_name_applies_to_its_aliases() -> None:
    curation = parse(
        "action,name,value\nalias,Valle de Mexicali,Mexicali Valley\ntype,Mexicali Valley,location\n"
    )
    docs = [
        document("a.txt", mention("Valle de Mexicali", 0, "organization")),
        document("b.txt", mention("Mexicali Valley", 0, "person"), language="en"),
    ]
    (entity,) = aggregate(docs, curation).entities
    assert (entity.type, entity.name, entity.aliases) == (
        "location",
        "Mexicali Valley",
        ("Valle de Mexicali",),
    )
    assert entity.curation == ("alias", "type")


def test_names_of_one_place_in_both_languages_and_abbreviated_are_one_entity() -> None:
    docs = [
        document("a.txt", mention("Estados Unidos", 0, "location"), mention("EE.UU.", 30, "location")),
        document(
            "b.txt", mention("United States", 0, "location"), mention("U.S.", 20, "location"), language="en"
        ),
        document(
            "c.txt",
            mention("U.S.", 0, "location"),
            mention("Tijuana", 10, "location"),
            mention("Baja California", 20, "location"),
            language="en",
        ),
    ]
    corpus = aggregate(docs)
    assert len(corpus.entities) == 3
    united_states = next(e for e in corpus.entities if e.geonames_id == 6252001)
    # the names compete, not the abbreviations: two words each, one mention each, then alphabetical
    assert (united_states.name, united_states.aliases) == (
        "Estados Unidos",
        ("EE.UU.", "U.S.", "United States"),
    )
    assert (united_states.key, united_states.mentions, united_states.doc_ids) == (
        "estados unidos",
        5,
        ("a.txt", "b.txt", "c.txt"),
    )
    assert (united_states.country_code, united_states.latitude, united_states.longitude) == ("US", None, None)
    assert united_states.entity_id == entity_id("location", "geonames:6252001")
    us_keys = ("estados unidos", "eeuu", "united states", "us")
    assert {r.entity_id for r in corpus.mentions if r.mention.key in us_keys} == {united_states.entity_id}
    tijuana = next(e for e in corpus.entities if e.name == "Tijuana")
    assert (tijuana.country_code, tijuana.geonames_id, tijuana.latitude, tijuana.longitude) == (
        "MX",
        3981609,
        32.5027,
        -117.00371,
    )
    assert corpus.entities_per_document == {"a.txt": 1, "b.txt": 1, "c.txt": 3}


def test_a_linked_place_has_the_same_entity_id_whatever_spellings_a_corpus_has() -> None:
    one = aggregate([document("a.txt", mention("EE.UU.", 0, "location"))]).entities[0]
    other = aggregate([document("b.txt", mention("United States", 0, "location"), language="en")]).entities[0]
    place = link("EE.UU.")
    assert place is not None
    assert one.entity_id == other.entity_id == place_id(place)
    assert (one.name, other.name) == ("EE.UU.", "United States")


def test_a_linked_place_displays_its_name_before_other_names_and_abbreviations() -> None:
    doc = document(
        "a.txt",
        mention("Estado de Chihuahua", 0, "location"),
        mention("Chih.", 30, "location"),
        mention("Chih.", 40, "location"),
        mention("Chihuahua", 50, "location"),
        mention("Ciudad de Chihuahua", 70, "location"),  # the city, another place
    )
    corpus = aggregate([doc])
    assert sorted((e.name, e.aliases, e.geonames_id) for e in corpus.entities) == [
        ("Chihuahua", ("Chih.", "Estado de Chihuahua"), 4014336),
        ("Ciudad de Chihuahua", (), 4014338),
    ]


def test_ambiguous_unknown_and_non_location_names_stay_unlinked() -> None:
    doc = document(
        "a.txt",
        mention("Ciudad Juárez", 10, "location"),
        mention("México", 30, "organization"),
        mention("Valle de Mexicali", 40, "location"),
        mention("Mexicali", 60),  # a person, as the document says
        mention("Chihuahua", 80, "location"),
    )
    # beside "Ciudad Juárez", "Juárez" would be its short form (pipeline.links); alone, several places
    other = document("b.txt", mention("Juárez", 0, "location"), mention("Chihuahua", 10, "location"))
    corpus = aggregate([doc, other])
    found = {(e.type, e.name): e for e in corpus.entities}
    assert set(found) == {
        ("location", "Juárez"),
        ("location", "Ciudad Juárez"),
        ("organization", "México"),
        ("location", "Valle de Mexicali"),
        ("person", "Mexicali"),
        ("location", "Chihuahua"),
    }
    linked = {name for (_, name), e in found.items() if e.geonames_id is not None}
    assert linked == {"Ciudad Juárez", "Chihuahua"}
    juarez = found[("location", "Juárez")]
    assert (juarez.country_code, juarez.geonames_id, juarez.latitude, juarez.longitude) == (
        None,
        None,
        None,
        None,
    )
    assert juarez.entity_id == entity_id("location", "juarez")


def test_a_location_whose_names_link_to_two_places_stays_unlinked() -> None:
    curation = parse("action,name,value\nalias,Arizona,Sonora\n")
    corpus = aggregate(
        [document("a.txt", mention("Arizona", 0, "location"), mention("Sonora", 20, "location"))], curation
    )
    (entity,) = corpus.entities
    assert (entity.name, entity.geonames_id) == ("Sonora", None)


def test_a_curated_canonical_name_is_displayed_and_linked() -> None:
    curation = parse("action,name,value\nalias,Gringolandia,Estados Unidos\n")
    docs = [
        document("a.txt", mention("Gringolandia", 0, "location")),
        document("b.txt", mention("U.S.", 0, "location"), language="en"),
    ]
    (entity,) = aggregate(docs, curation).entities
    assert (entity.name, entity.aliases, entity.geonames_id, entity.curation) == (
        "Estados Unidos",
        ("Gringolandia", "U.S."),
        6252001,
        ("alias",),
    )


def test_a_city_is_linked_only_next_to_another_place_of_its_country() -> None:
    docs = [
        document("a.txt", mention("Palma", 0, "location"), mention("Mexicali", 10, "location")),
        document("b.txt", mention("Mexicali", 0, "location"), mention("Baja California", 10, "location")),
        document("c.txt", mention("Tijuana", 0, "location")),
        document("d.txt", mention("Tijuana", 0, "location"), mention("TIJUANA", 9, "location")),
    ]
    found = {e.name: e.geonames_id for e in aggregate(docs).entities}
    # Palma (Spain) has no Spanish place beside it; Mexicali has Baja California in b.txt; Tijuana nothing
    assert found == {"Palma": None, "Mexicali": 3996069, "Baja California": 4017700, "Tijuana": None}


NAMES = ["Ana Ruiz", "Ruiz", "Ana", "Banco Azteca", "BA", "Mexicali", "Baja California", "Luis Ruiz Soto"]
HALF_SCORES = st.tuples(*[st.integers(0, 12).map(lambda n: n / 2)] * 3)


@st.composite
def corpora(draw: st.DrawFn) -> list[DocumentResult]:
    docs = []
    for number in range(draw(st.integers(2, 9))):
        mentions = []
        for position, name in enumerate(draw(st.lists(st.sampled_from(NAMES), max_size=6))):
            m = scored(name, 40 * position, draw(st.sampled_from(ENTITY_TYPES)), draw(HALF_SCORES))
            if name == "BA" and draw(st.booleans()):  # defined here: "Banco Azteca (BA)"
                m = replace(m, key=match_key("Banco Azteca") or "", alias_key=m.key)
            mentions.append(m)
        docs.append(document(f"{number:02}.txt", *mentions, language=draw(st.sampled_from(["en", "es"]))))
    return docs


@settings(max_examples=15, deadline=None)
@given(corpora())
def test_the_survey_and_grouping_shared_with_a_forked_process_give_the_same_corpus(
    docs: list[DocumentResult],
) -> None:
    """Halves read apart and merged (aggregate's ``parallel``) are the same as one reading: scores are
    multiples of 0.5, whose sums are exact in any order, and merges keep first-seen order. The documents
    kept resolved in a scratch folder are the same as those resolved again."""
    curation = parse("action,name,value\nalias,Ruiz,Luis Ruiz Soto\ntype,Mexicali,location\n")
    one = aggregate(docs, curation)
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as scratch:
        patch.setattr(aggregate_module, "PARALLEL_DOCUMENTS", 0)
        halves = aggregate(docs, curation, parallel=True, scratch=Path(scratch))
        assert halves.entities == one.entities
        assert halves.mentions == one.mentions  # read back from the scratch folder
        assert halves.documents == one.documents
    assert (halves.unmerged, halves.surnames, halves.tally) == (one.unmerged, one.surnames, one.tally)
    survey = consensus.survey(docs, curation)
    resolve = aggregate_module._Resolver(curation, survey.totals, survey.acronyms(curation))
    groups = aggregate_module._halves(
        docs,
        lambda part, _: aggregate_module._group(part, resolve),
        aggregate_module._merge_groups,
        forked=True,
    )
    assert list(groups.items()) == list(aggregate_module._group(docs, resolve).items())  # with their order


def test_every_evidence_weight_is_a_multiple_of_a_half() -> None:
    """What makes the corpus's sums of scores exact in any order (the test above)."""
    weights = [evidence.MODEL, evidence.TITLE, evidence.CUE, evidence.ORG_HEAD, evidence.ORG_TAIL]
    weights += [evidence.PLACE_HEAD, evidence.GIVEN_NAME, evidence.PERSON_PART, evidence.SURNAME]
    weights += [*evidence.PLACE.values(), OTHER_DOCUMENTS * 2]
    assert all((weight * 2).is_integer() for weight in weights)
