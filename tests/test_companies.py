"""Companies named with their legal form (pipeline/companies.py)."""

import pytest

from pipeline import companies
from pipeline.extract import Candidate


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "asignados a Constructora Conchos del Norte, S.A. de C.V., y a Pavimentos y Terracerías"
            " Bustillos, S. de R.L. de C.V. en 2025",
            [
                "Constructora Conchos del Norte, S.A. de C.V.",
                "Pavimentos y Terracerías Bustillos, S. de R.L. de C.V.",
            ],
        ),
        ("the owner of High Mesa Roofing & Gutters LLC, for", ["High Mesa Roofing & Gutters LLC"]),
        ("a supplier, Sandia Building Supply Inc., cut off", ["Sandia Building Supply Inc."]),
        ("Según Grupo Bimbo, S.A.B. de C.V., las ventas", ["Grupo Bimbo, S.A.B. de C.V."]),  # not "Según"
        ("said Lynn Reaser of Barnett Banks Inc. on", ["Barnett Banks Inc."]),  # a person before "of"
        ("shares of First of Michigan Corp. rose", ["First of Michigan Corp."]),
        ("Johnson Controls Inc and Lear Corp. bid", ["Lear Corp."]),  # another legal form ends it
        ("the Ohio-based KeyCorp and Banc One Corp. said", ["Banc One Corp."]),  # not "and", not "-based"
        ("la empresa de C.V. y S.A. de", []),  # no name before the form
    ],
)
def test_a_legal_form_names_the_company_before_it(text: str, named: list[str]) -> None:
    assert [text[c.start : c.end] for c in companies.spans(text)] == named


def test_a_company_without_its_legal_form_is_the_company() -> None:
    text = "pagó a Hidrotecnia del Pacífico, S.A. de C.V., y luego Hidrotecnia del Pacífico cobró"
    (company,) = companies.spans(text)
    short = Candidate(text.rindex("Hidrotecnia"), text.rindex(" cobró"), "location", "LOC")
    names = {(company.start, company.end): "hidrotecnia del pacifico sa de cv", (short.start, short.end): "x"}
    assert companies.aliases(text, [company, short], names) == {
        "hidrotecnia del pacifico": "hidrotecnia del pacifico sa de cv"
    }
