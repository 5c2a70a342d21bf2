from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.curation import Curation, load, parse
from pipeline.errors import PipelineError

VALID = """action,name,value
# Analyst's corrections.

type,Los Rusos,organization
alias,Valle de Mexicali,Mexicali Valley
  # an indented comment
alias,Mexicali  Valley Region,  Mexicali   Valley
type,Mexicali Valley,location
type,Valle de Mexicali,organization
stop,Ayer,
,,
stop,"Según",
"""


def test_parse_reads_every_rule_and_skips_comments_and_blank_lines() -> None:
    curation = parse(VALID)
    assert curation.aliases == {
        "valle de mexicali": ("mexicali valley", "Mexicali Valley"),
        "mexicali valley region": ("mexicali valley", "Mexicali Valley"),
    }
    assert curation.canonical_names == {"mexicali valley": "Mexicali Valley"}
    assert curation.stop == frozenset({"ayer", "segun"})
    # "Mexicali Valley Region" has no type of its own: it takes its canonical name's type; "Valle de
    # Mexicali" has one, and that one wins.
    assert curation.types == {
        "los rusos": "organization",
        "mexicali valley": "location",
        "mexicali valley region": "location",
        "valle de mexicali": "organization",
    }


def test_a_type_for_the_canonical_name_applies_to_its_aliases_whatever_the_order() -> None:
    text = "action,name,value\ntype,Mexicali Valley,location\nalias,Valle de Mexicali,Mexicali Valley\n"
    assert parse(text).types == {"mexicali valley": "location", "valle de mexicali": "location"}


def test_an_alias_without_a_typed_canonical_name_gets_no_type() -> None:
    text = "action,name,value\nalias,Valle de Mexicali,Mexicali Valley\ntype,Mexicali,location\n"
    assert parse(text).types == {"mexicali": "location"}


def test_header_only_gives_no_rules() -> None:
    assert parse("Action , NAME,value\n") == Curation()


@pytest.mark.parametrize("written", ["VALLE DE MEXICALÍ", "valle de mexicali", "Valle de Mexicali."])
def test_names_are_compared_by_match_key(written: str) -> None:
    curation = parse(
        f"action,name,value\nalias,{written},MEXICALI VALLEY\nalias,Valle de Mexicali,Mexicali Valley\n"
    )
    assert curation.aliases == {"valle de mexicali": ("mexicali valley", "Mexicali Valley")}


def test_actions_and_types_ignore_case_and_repeated_rules_are_fine() -> None:
    curation = parse("action,name,value\nType,Mexicali,Location\nTYPE,mexicali,location\nStop,Ayer,\n")
    assert curation == Curation(types={"mexicali": "location"}, stop=frozenset({"ayer"}))


def test_alias_chains_resolve_to_the_last_canonical_name() -> None:
    curation = parse(
        "action,name,value\nalias,Valle,Valle de Mexicali\nalias,Valle de Mexicali,Mexicali Valley\n"
    )
    assert curation.aliases["valle"] == ("mexicali valley", "Mexicali Valley")


def test_load_reads_a_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "curation.csv"
    path.write_bytes("action,name,value\r\ntype,Mexicali,organization\r\n".encode("utf-8-sig"))
    assert load(path) == Curation(types={"mexicali": "organization"})


def test_load_none_is_no_curation() -> None:
    curation = load(None)
    assert curation == Curation()
    assert (curation.aliases, curation.types, curation.stop, curation.canonical_names) == (
        {},
        {},
        frozenset(),
        {},
    )


def test_load_of_a_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(PipelineError) as raised:
        load(missing)
    assert str(raised.value) == f"cannot read curation file '{missing}': No such file or directory"


def test_load_reports_errors_with_the_file_path(tmp_path: Path) -> None:
    path = tmp_path / "curation.csv"
    path.write_text("action,name,value\n\n# ok\nmerge,Mexicali,\n", encoding="utf-8")
    with pytest.raises(PipelineError) as raised:
        load(path)
    assert str(raised.value) == f"{path}:4: unknown action 'merge'; use one of alias, type, stop"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "data.csv:1: the first row must be the header 'action,name,value'"),
        ("name,action,value\n", "data.csv:1: the first row must be the header 'action,name,value'"),
        ("action,name\nstop,Ayer\n", "data.csv:1: the first row must be the header 'action,name,value'"),
        (
            "# comment first\naction,name,value\n",
            "data.csv:1: the first row must be the header 'action,name,value'",
        ),
        (
            "action,name,value\n\n# comment\nmerge,Mexicali,Mexicali Valley\n",
            "data.csv:4: unknown action 'merge'; use one of alias, type, stop",
        ),
        (
            "action,name,value\nstop,Ayer,\nmerge,Mexicali,Mexicali Valley\n",
            "data.csv:3: unknown action 'merge'; use one of alias, type, stop",
        ),
        (
            "action,name,value\nalias,Valle de Mexicali,Mexicali Valley\nstop,valle de mexicali,\n",
            "data.csv:3: 'valle de mexicali' already has a different rule on line 2",
        ),
        (
            "action,name,value\ntype,Mexicali,location\ntype,MEXICALI,person\n",
            "data.csv:3: 'MEXICALI' already has a different rule on line 2",
        ),
        (
            "action,name,value\nalias,A B,C D\nalias,C D,A B\n",
            "data.csv: aliases form a cycle through 'A B'",
        ),
        (
            "action,name,value\ntype,Mexicali,place\n",
            "data.csv:2: type 'place' for 'Mexicali' is not one of person, organization, location",
        ),
        (
            "action,name,value\ntype,Mexicali,\n",
            "data.csv:2: type '' for 'Mexicali' is not one of person, organization, location",
        ),
        (
            "action,name,value\n\ntype,Mexicali,place\n",
            "data.csv:3: type 'place' for 'Mexicali' is not one of person, organization, location",
        ),
        (
            "action,name,value\nalias,Valle de Mexicali,\n",
            "data.csv:2: alias 'Valle de Mexicali' needs the canonical name as its value",
        ),
        (
            "action,name,value\nalias,Valle de Mexicali, ... \n",
            "data.csv:2: alias 'Valle de Mexicali' needs the canonical name as its value",
        ),
        ("action,name,value\nstop\n", "data.csv:2: 'stop' needs a name in the second column"),
        ("action,name,value\ntype,,person\n", "data.csv:2: 'type' needs a name in the second column"),
        ("action,name,value\nstop,¿?,\n", "data.csv:2: 'stop' needs a name in the second column"),
        (
            "action,name,value\nstop,Ayer,,oops\n",
            "data.csv:2: expected 3 columns (action,name,value), found 4",
        ),
        (
            "action,name,value\n# a\n# b\ntype,Mexicali,location,x,y\n",
            "data.csv:4: expected 3 columns (action,name,value), found 5",
        ),
    ],
)
def test_malformed_rows_name_source_and_line(text: str, message: str) -> None:
    with pytest.raises(PipelineError) as raised:
        parse(text, source="data.csv")
    assert str(raised.value) == message


def test_empty_extra_columns_are_allowed() -> None:
    assert parse("action,name,value,\nstop,Ayer,,\ntype,Mexicali,location, \n", source="x") == Curation(
        types={"mexicali": "location"}, stop=frozenset({"ayer"})
    )


def test_the_default_source_name() -> None:
    with pytest.raises(PipelineError) as raised:
        parse("action,name,value\nmerge,A,B\n")
    assert str(raised.value) == "curation.csv:2: unknown action 'merge'; use one of alias, type, stop"
