"""The capitalized runs of a document's prose."""

from __future__ import annotations

from pipeline.prose import read_prose
from pipeline.stylelines import style_lines
from pipeline.textwords import TextWords


def test_the_prose_runs_leave_out_words_capitalized_by_their_place() -> None:
    text = (
        "Title Case Words Here\nAgents of the U.S. Border Patrol met Kevin Ochoa. The agents said so.\n"
        "SAN DIEGO — A man from Tijuana spoke. Border agents and the border wall. Hobbs, a Democrat, spoke.\n"
    )
    prose = read_prose(text, style_lines(text), TextWords(text))
    assert not {"Title", "Case"} & prose.inside  # a style line is not prose
    assert {"U.S. Border Patrol", "Kevin Ochoa", "Tijuana"} <= prose.runs
    assert "Border Patrol" in prose.phrases
    assert "Kevin" not in prose.alone
    assert "Tijuana" in prose.alone
    # at a sentence start, or after a dateline's dash, a word the text writes in lower case is left out
    assert not {"Agents", "The", "A"} & prose.inside
    assert "Border" not in prose.alone  # "Border agents" starts a sentence; "U.S. Border Patrol" has it
    assert "Hobbs" in prose.alone  # never in lower case: its capital is its own
