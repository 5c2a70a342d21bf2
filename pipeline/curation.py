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

Names are compared by match key, so case, accents and punctuation do not matter; actions and types ignore
case. Aliases of aliases resolve to the last canonical name. A malformed row, or a name given two
different alias/stop rules or two different types, stops the run with one error naming the file and line.
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
    first_rule: dict[tuple[str, str], tuple[int, str]] = {}  # (kind, key) -> (line, value)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or [h.strip().lower() for h in header[:3]] != ["action", "name", "value"]:
        raise PipelineError(f"{source}:1: the first row must be the header 'action,name,value'")
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        action, name, value = ([cell.strip() for cell in row] + ["", ""])[:3]
        action = action.lower()
        key = match_key(name)
        if action not in ACTIONS:
            raise PipelineError(
                f"{source}:{line}: unknown action '{action}'; use one of {', '.join(ACTIONS)}"
            )
        if len(row) > 3 and any(cell.strip() for cell in row[3:]):
            raise PipelineError(f"{source}:{line}: expected 3 columns (action,name,value), found {len(row)}")
        if key is None:
            raise PipelineError(f"{source}:{line}: '{action}' needs a name in the second column")
        # alias and stop both say what a name *is*, so they conflict with each other; type is separate.
        kind = "type" if action == "type" else "identity"
        earlier = first_rule.setdefault((kind, key), (line, f"{action} {value.lower()}"))
        if earlier[1] != f"{action} {value.lower()}":
            raise PipelineError(
                f"{source}:{line}: '{name}' already has a different rule on line {earlier[0]}"
            )
        if action == "alias":
            target = match_key(value)
            if target is None:
                raise PipelineError(f"{source}:{line}: alias '{name}' needs the canonical name as its value")
            aliases[key] = (target, " ".join(value.split()))
        elif action == "type":
            if value.lower() not in ENTITY_TYPES:
                raise PipelineError(
                    f"{source}:{line}: type '{value}' for '{name}' is not one of {', '.join(ENTITY_TYPES)}"
                )
            types[key] = next(t for t in ENTITY_TYPES if t == value.lower())
        else:
            stop.add(key)
    aliases = _follow_chains(aliases, source)
    # A type given for the canonical name applies to its aliases too.
    for alias, (target, _) in aliases.items():
        if target in types and alias not in types:
            types[alias] = types[target]
    return Curation(aliases=aliases, types=types, stop=frozenset(stop))


def _follow_chains(aliases: dict[str, tuple[str, str]], source: str) -> dict[str, tuple[str, str]]:
    """a -> b and b -> c become a -> c; a cycle is an error."""
    resolved: dict[str, tuple[str, str]] = {}
    for key, target in aliases.items():
        seen = {key}
        while target[0] in aliases:
            if target[0] in seen:
                raise PipelineError(f"{source}: aliases form a cycle through '{target[1]}'")
            seen.add(target[0])
            target = aliases[target[0]]
        resolved[key] = target
    return resolved
