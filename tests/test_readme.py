"""The README describes rules by their weights: each number it gives is checked against the code."""

from __future__ import annotations

import re

import pytest

from pipeline import consensus, evidence, segments
from tests.conftest import ROOT

README = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("label {} (title evidence", evidence.MODEL),
        ("(title evidence {})", evidence.TITLE),
        ("first-level division {}", evidence.PLACE["division"]),
        ('"… Correctional Complex") {}', evidence.PLACE_HEAD),
        ('("… S.A.", "… FC") {}', evidence.ORG_HEAD),
        ("weigh {} (cue weight)", evidence.CUE),
        ('("… Police", "… University") {}', evidence.ORG_TAIL),
        ("not a known place {}", evidence.SURNAME),
        ("without an organization or place head word {}", evidence.GIVEN_NAME),
        ("a known city {}, a US or Mexican town", evidence.PLACE["city"]),
        ('surname list has {} ("Presidio")', evidence.TOWN),
        ('("Presidio"), either of them {} more, once per document', evidence.CITY_NOT_PERSON),
        ('"… University") 1.0 ({} in a name of three or more words', evidence.ORG_HEAD),
        ("({} when its last word is a known surname", evidence.FULL_NAME),
        ("part of a person's name in the same document {}", evidence.PERSON_PART),
        ("plus a quarter ({}) of the scores", consensus.OTHER_DOCUMENTS),
        ("changes language only when lingua is at least {} sure", segments.SWITCH_CONFIDENCE),
        ("A line with fewer than {} lower-case words", segments.MIN_WORDS),
        ("fewer than {} lower-case words in all joins the language around it", segments.MIN_RUN_WORDS),
    ],
)
def test_readme_weights_are_the_codes(phrase: str, value: float) -> None:
    pattern = re.escape(phrase).replace(r"\{\}", r"(\d+(?:\.\d+)?)")
    found = re.search(pattern, README)
    assert found is not None, f"README no longer says {phrase!r}"
    assert float(found.group(1)) == value
