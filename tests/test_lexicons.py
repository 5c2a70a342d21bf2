"""The word lists, loaded from their packages (a couple of seconds, once per test session)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import pytest

from pipeline import lexicons
from pipeline.normalize import match_key


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("mexico", "country"),  # a country before the city of the same name
        ("espana", "country"),  # Spanish country names from pycountry's translations
        ("estados unidos", "country"),
        ("baja california", "division"),
        ("sonora", "division"),
        ("california", "division"),
        ("mexicali", "city"),
        ("tijuana", "city"),
    ],
)
def test_places_know_countries_divisions_and_cities(key: str, kind: str) -> None:
    assert lexicons.places()[key] == kind


@pytest.mark.parametrize("key", ["valle de mexicali", "bustamante", "gobierno", "segun", "México"])
def test_places_leave_out_other_names_and_non_keys(key: str) -> None:
    assert key not in lexicons.places()


def test_strong_places_are_countries_and_divisions_only() -> None:
    strong = lexicons.strong_places()
    assert {"mexico", "espana", "baja california", "sonora"} <= strong
    assert "mexicali" not in strong
    assert "tijuana" not in strong
    assert strong == {key for key, kind in lexicons.places().items() if kind != "city"}


def test_given_names_and_surnames() -> None:
    assert {"maria", "john", "norma", "fernando"} <= lexicons.given_names()
    assert {"gonzalez", "bustamante", "martinez"} <= lexicons.surnames()
    assert "mexicali" not in lexicons.given_names() | lexicons.surnames()
    # one word each: "María José" would make "jose" a name by itself anyway
    assert not any(" " in name for name in itertools.chain(lexicons.given_names(), lexicons.surnames()))


@pytest.mark.parametrize(
    ("word", "language", "common"),
    [
        ("Según", "es", True),
        ("SEGÚN", "es", True),
        ("apoyo", "es", True),
        ("Attendance", "en", True),
        ("Mexicali", "en", False),
        ("Mexicali", "es", True),  # frequent enough in Spanish text: why places are checked first
        ("Tizoc", "es", False),
        ("Leyzaola", "es", False),
        ("según", "en", False),  # frequent in Spanish only
    ],
)
def test_is_common_word(word: str, language: str, common: bool) -> None:
    assert lexicons.is_common_word(word, language) is common


def sample(keys: Iterable[str], n: int = 2000) -> list[str]:
    """Every ``len // n``-th key in sorted order: a spread of the list, the same on every run."""
    ordered = sorted(keys)
    return ordered[:: max(1, len(ordered) // n)]


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(lambda: lexicons.places(), id="places"),
        pytest.param(lambda: lexicons.given_names(), id="given_names"),
        pytest.param(lambda: lexicons.surnames(), id="surnames"),
        pytest.param(lambda: lexicons.ORG_HEADS, id="org_heads"),
    ],
)
def test_every_key_is_already_a_match_key(keys: Callable[[], Iterable[str]]) -> None:
    found = sample(keys())
    assert len(found) > 20
    assert [k for k in found if match_key(k) != k] == []


def test_mexicos_states_are_divisions_by_the_names_news_writes() -> None:
    places = lexicons.places()
    assert [places.get(key) for key in ("coahuila", "michoacan", "veracruz")] == ["division"] * 3
