from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pipeline.jsonout import _dumps

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(JSON_VALUES, st.integers(0, 3))
def test_json_encoding_is_the_standard_librarys_indented_text(value: object, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert _dumps(value, depth) == expected


def test_json_encoding_of_tuples_and_non_string_keys_matches_too() -> None:
    value = {"scores": (0.5, 1.0, float("nan")), 1: [True, None], None: {}, 2.5: ()}
    assert _dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
