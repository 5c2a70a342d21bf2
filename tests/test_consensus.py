from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import consensus
from pipeline.consensus import OTHER_DOCUMENTS, retyped
from pipeline.curation import Curation, parse
from pipeline.records import DocumentResult
from tests.test_aggregate import corpora, document, mention, scored

NONE = Curation()


def test_a_names_type_is_its_own_scores_plus_a_share_of_the_other_documents() -> None:
    # own person 1 against the corpus's location 4 (all from other documents): 1 < 4 x OTHER_DOCUMENTS + e
    own, corpus = [1.0, 0.0, 0.0], [1.0, 0.0, 4.5]
    assert retyped("mexicali", "person", own, corpus, NONE) == "location"
    assert retyped("mexicali", "person", own, [1.0, 0.0, 3.5], NONE) == "person"


def test_a_tie_keeps_the_documents_own_type_and_a_curated_type_overrides() -> None:
    w = OTHER_DOCUMENTS
    assert retyped("mexicali", "location", [0.0, 0.0, 4 * w], [4.0, 0.0, 4 * w], NONE) == "location"
    curation = parse("action,name,value\ntype,Mexicali,organization\n")
    assert retyped("mexicali", "location", [0.0, 0.0, 9.0], [0.0, 0.0, 9.0], curation) == "organization"


def test_curation_drops_stoplisted_names_and_gives_aliases_their_canonical_key() -> None:
    curation = parse("action,name,value\nstop,Redacción\nalias,Ruiz,Luis Ruiz Soto\n")
    kept = consensus.curate([mention("Redacción", 0), mention("Ruiz", 20), mention("Ana", 40)], curation)
    assert [(m.name, m.key) for m in kept] == [("Ruiz", "luis ruiz soto"), ("Ana", "ana")]


def test_a_documents_scores_for_a_name_are_the_largest_of_its_mentions() -> None:
    mentions = [
        scored("Mexicali", 0, "person", (1.0, 0.0, 0.5)),
        scored("MEXICALI", 9, "person", (0.5, 0.0, 2.0)),
    ]
    assert consensus.document_scores(mentions) == {"mexicali": [1.0, 0.0, 2.0]}


@settings(max_examples=25, deadline=None)
@given(corpora(), st.integers(0, 9))
def test_surveys_of_two_runs_of_documents_merge_into_the_survey_of_both(
    docs: list[DocumentResult], cut: int
) -> None:
    curation = parse("action,name,value\nalias,Ruiz,Luis Ruiz Soto\ntype,Mexicali,location\n")
    one = consensus.survey(docs, curation)
    merged = consensus.survey(docs[:cut], curation).merge(consensus.survey(docs[cut:], curation))
    assert (merged.curated, merged.totals, merged.defined) == (one.curated, one.totals, one.defined)
    assert list(merged.first_definition.items()) == list(one.first_definition.items())
    assert merged.tally() == one.tally()
    assert merged.acronyms(curation) == one.acronyms(curation)


def test_a_failed_document_is_counted_and_listed() -> None:
    failed = DocumentResult(document("b.txt").meta, "en", 0.9, 10, "failed", "boom")
    tally = consensus.survey([document("a.txt"), failed], NONE).tally()
    assert (tally.documents, tally.statuses, tally.failures) == (
        2,
        (("failed", 1), ("ok", 1)),
        (("failed", "b.txt", "boom"),),
    )
