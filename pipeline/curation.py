"""The analyst's curation file: corrections that every run re-applies.

``data/curation.csv`` (UTF-8, a header row, ``#`` starts a comment line) has three columns:

======  ======================  ===============================================================
action  name                    value
======  ======================  ===============================================================
alias   a name as it appears    the canonical name it means ("Valle de Mexicali" -> "Mexicali
                                Valley"); works across languages and types
type    a name                  ``person``, ``organization`` or ``location``: its type, always
stop    a name                  (empty): not an entity; its mentions are dropped
======  ======================  ===============================================================

Names are compared by match key, so case, accents and punctuation do not matter. A malformed row stops the
run with one error naming the file and line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.normalize import match_key
from pipeline.records import ENTITY_TYPES, EntityType

ACTIONS = ("alias", "type", "stop")


@dataclass(frozen=True)
class Curation:
    """Rules by match key. ``aliases`` maps a key to the canonical key and the canonical display name."""

    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    types: dict[str, EntityType] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()

    @property
    def canonical_names(self) -> dict[str, str]:
        """Display name of every canonical key named by an alias rule."""
        return {target: name for target, name in self.aliases.values()}


def load(path: Path | None) -> Curation:
    """Read a curation file; ``None`` means no curation. RAISES (PipelineError): unreadable or malformed."""
    if path is None:
        return Curation()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise PipelineError(f"cannot read curation file '{path}': {error.strerror or error}") from error
    return parse(text, source=str(path))


def parse(text: str, *, source: str = "curation.csv") -> Curation:
    """Parse curation CSV text (see the module docstring). RAISES (PipelineError) naming ``source:line``."""
    aliases: dict[str, tuple[str, str]] = {}
    types: dict[str, EntityType] = {}
    stop: set[str] = set()
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or [h.strip().lower() for h in header[:3]] != ["action", "name", "value"]:
        raise PipelineError(f"{source}:1: the first row must be the header 'action,name,value'")
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        action, name, value = ([cell.strip() for cell in row] + ["", ""])[:3]
        key = match_key(name)
        if action not in ACTIONS:
            raise PipelineError(
                f"{source}:{line}: unknown action '{action}'; use one of {', '.join(ACTIONS)}"
            )
        if len(row) > 3 and any(cell.strip() for cell in row[3:]):
            raise PipelineError(f"{source}:{line}: expected 3 columns (action,name,value), found {len(row)}")
        if key is None:
            raise PipelineError(f"{source}:{line}: '{action}' needs a name in the second column")
        if action == "alias":
            target = match_key(value)
            if target is None:
                raise PipelineError(f"{source}:{line}: alias '{name}' needs the canonical name as its value")
            aliases[key] = (target, " ".join(value.split()))
        elif action == "type":
            if value not in ENTITY_TYPES:
                raise PipelineError(
                    f"{source}:{line}: type '{value}' for '{name}' is not one of {', '.join(ENTITY_TYPES)}"
                )
            types[key] = next(t for t in ENTITY_TYPES if t == value)
        else:
            stop.add(key)
    # A type given for the canonical name applies to its aliases too.
    for alias, (target, _) in aliases.items():
        if target in types and alias not in types:
            types[alias] = types[target]
    return Curation(aliases=aliases, types=types, stop=frozenset(stop))
