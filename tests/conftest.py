"""Shared test helpers: project paths, a fast blank spaCy pipeline with an entity ruler, and how many
results a results store holds."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import strategies as st
from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLDEN = ROOT / "tests" / "golden"


def stored_results(database: Path) -> int:
    """How many results the store's database holds (as a run writes it: 0 before it has its table)."""
    if not database.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(database, timeout=5)) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:  # created but without its table yet
        return 0


@pytest.fixture
def ruler_nlp() -> Language:
    """``spacy.blank("en")`` whose "NER" is an entity ruler with fixed patterns: exact and instant."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": "Norma Alicia"},
            {"label": "GPE", "pattern": "Mexicali"},
            {"label": "ORG", "pattern": "the Municipal Police"},
            {"label": "DATE", "pattern": "September 20"},
            {"label": "ORG", "pattern": "Leopoldo Tizoc"},
            {"label": "PERSON", "pattern": "Mayor Pedro Ariel Mendívil"},
        ]
    )
    return nlp


#: Any character, with the unusual ones real archives contain drawn often: lone surrogates (JSON escapes of
#: a cut emoji), line and paragraph separators, NEL, CR, form feed, combining accents (NFD), soft hyphens,
#: zero-width and direction characters, a BOM.
UNUSUAL = "\ud83d\udc00\u2028\u2029\x85\r\f\u0301\u0303\u00ad\u200b\u200d\u200e\ufeff"
ANY_CHARACTER = st.one_of(
    st.characters(exclude_categories=()), st.sampled_from(list(UNUSUAL)), st.sampled_from(list("aN .\n"))
)


def ended_pid() -> int:
    """The id of a process that has ended (and been waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
