"""What each entity looks like (pipeline/entities.py): identifiers, displayed names, place links. The rules
that need a corpus are tested through :func:`pipeline.aggregate.aggregate` in test_aggregate.py."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pipeline.entities import entity_id, link_place, pick_name
from pipeline.places import link


def test_entity_id_is_stable_and_depends_only_on_type_and_key() -> None:
    assert entity_id("person", "norma alicia bustamante martinez") == "per-e81f01d2901d"
    assert entity_id("location", "mexicali") == "loc-4c0fc5364968"
    assert re.fullmatch(r"org-[0-9a-f]{12}", entity_id("organization", "pan"))
    assert entity_id("person", "mexicali") != entity_id("location", "mexicali")
    assert entity_id("location", "tijuana") != entity_id("location", "mexicali")


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


def test_link_place_gives_the_one_place_that_written_names_link_to() -> None:
    assert link_place(["Sonora", "Arizona"]) is None
    assert link_place(["Sonora", "Son.", "Nowhere"]) == link("Sonora")
    assert link_place(["río Bravo"]) is None  # a river, described
    assert link_place(["Río Bravo"]) is not None  # the city
