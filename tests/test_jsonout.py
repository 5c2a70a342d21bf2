from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pipeline.jsonout import _dumps


def json_values(leaves: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.recursive(
        leaves, lambda children: st.lists(children) | st.dictionaries(st.text(), children), max_leaves=30
    )


@given(
    json_values(st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()), st.integers(0, 3)
)
def test_json_encoding_is_the_standard_librarys_indented_text(value: object, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert _dumps(value, depth) == expected


@given(json_values(st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_read_back_as_they_were(value: object) -> None:
    assert json.loads(_dumps(value, 2)) == value


def test_tuples_are_lists() -> None:
    assert _dumps({"scores": (0.5, 1.0)}) == json.dumps({"scores": [0.5, 1.0]}, indent=2)
