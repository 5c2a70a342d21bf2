from __future__ import annotations

import ast
from pathlib import Path

from pipeline import gazetteer


def pipeline_imports(module: str) -> set[str]:
    """The pipeline modules that ``module`` imports, at its top or inside a function."""
    path = Path(gazetteer.__file__).with_name(module.removeprefix("pipeline.") + ".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            found.update(f"pipeline.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline."):
            found.add(str(node.module))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pipeline."))
    return found


def test_the_stored_tables_digest_every_module_that_shapes_them() -> None:
    seen: set[str] = set()
    todo = ["pipeline.gazetteer"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(pipeline_imports(module))
    assert {module.__name__ for module in gazetteer.SHAPING} == seen


def test_tables_are_what_the_places_link_to() -> None:
    data = gazetteer.tables()
    index, form = data["names"]["tijuana"]
    assert data["places"][index][:4] == [3981609, "city", "Tijuana", "MX"]
    assert form == 0
    assert data["dotted"]["mich"] == -1  # Michigan and Michoacán
