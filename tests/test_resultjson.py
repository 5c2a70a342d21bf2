"""A result as JSON and back (pipeline/resultjson.py)."""

from __future__ import annotations

from dataclasses import replace

from pipeline import resultjson
from pipeline.records import Mention
from tests.test_store import result


def test_a_stored_result_is_plain_json_and_comes_back_equal() -> None:
    mention = Mention(0, 5, "Norma", "Norma", "norma", "person", "Norma dijo.", "PER", (2.5, 0.0, 1.0), "")
    original = replace(result(), mentions=(mention, replace(mention, start=10, end=15, alias_key="nb")))
    text = resultjson.encode(original)
    assert text.startswith("{")  # never a pickle: reading a store runs no code
    assert resultjson.decode(text) == original
    # orjson refuses a lone surrogate (normalized text has none; a message might): the result is still stored
    odd = replace(original, message="cut \ud83d")
    assert resultjson.decode(resultjson.encode(odd)) == odd
