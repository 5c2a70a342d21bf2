from __future__ import annotations

from pipeline import placenames, places
from pipeline.places import link


def test_every_mexican_state_is_known_by_its_iso_and_its_geonames_name() -> None:
    import pycountry

    iso_names = {s.code: s.name for s in pycountry.subdivisions if s.country_code == "MX"}
    assert set(iso_names) == set(placenames.MEXICAN_STATES)
    for code, (geonames_id, _, name) in placenames.MEXICAN_STATES.items():
        for variant in {name, iso_names[code]} - {"México"}:  # "México" alone is the country
            found = link(variant)
            assert found is not None, variant
            assert found.geonames_id == geonames_id, variant


def test_every_abbreviation_of_a_state_links_to_that_state_unless_ambiguous_or_a_title() -> None:
    abbreviations = [*placenames.US_ABBREVIATIONS.items(), *placenames.MEXICAN_ABBREVIATIONS.items()]
    for _, group in abbreviations:
        for abbreviation in group:
            found = link(abbreviation)
            if abbreviation in ("Mich.", "Miss.", "Col."):
                assert found is None
                continue
            assert found is not None, abbreviation
            assert found.kind == "division", abbreviation
    assert places._tables().dotted["mich"] == -1  # known, and ambiguous
