from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import keys, store
from pipeline.config import Settings
from pipeline.records import DocumentResult, Metadata, Source
from tests.conftest import ROOT


def source(doc_id: str = "a.txt", text: str = "Norma Bustamante visitó Mexicali.") -> Source:
    return Source(Metadata(doc_id, doc_id, title="T"), Path(doc_id), text)


@pytest.mark.parametrize(
    "changed",
    [
        (source(text="Norma Bustamante visitó Tijuana."), "f"),  # the text
        (Source(Metadata("a.txt", "a.txt", title="U"), Path("a.txt"), source().text), "f"),  # metadata
        (replace(source(), language_hint="en"), "f"),  # a record's own language field
        (source(), "g"),  # the fingerprint
    ],
)
def test_the_key_changes_with_everything_that_decides_a_result(changed: tuple[Source, str]) -> None:
    assert keys.document_key(*changed) != keys.document_key(source(), "f")


def test_the_fingerprint_changes_with_settings_that_change_extraction() -> None:
    base = keys.fingerprint(Settings())
    assert keys.fingerprint(Settings(out_dir=Path("elsewhere"), workers=1, curation=Path("c.csv"))) == base
    assert keys.fingerprint(Settings(language="es")) != base
    assert keys.fingerprint(Settings(context_chars=10)) != base
    assert keys.fingerprint(Settings(min_language_confidence=0.5)) != base  # the language decision


def test_the_fingerprint_covers_every_module_the_per_document_stage_imports() -> None:
    import ast

    package = ROOT / "pipeline"
    seen, todo = set(), ["analysis"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
                todo += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
                todo.append(node.module.split(".")[1])
    # text and the web page readers decide the text itself, which the key holds; what else the per-document
    # stage reads must be fingerprinted
    fingerprinted = set(keys.PER_DOCUMENT_MODULES)
    assert seen - {"errors", "text", "workers", "webpage", "pagetext", "reconcile"} <= fingerprinted
    assert {"language", "segments"} <= fingerprinted  # the language decision is not in the key


def test_only_sources_the_store_does_not_hold_under_their_key_are_to_be_extracted(tmp_path: Path) -> None:
    held, changed, new = source("a.txt"), source("b.txt"), source("c.txt")
    documents: dict[str, str | DocumentResult] = {}
    reused: Counter[str] = Counter()
    with store.opened(tmp_path) as stored:
        stored.put(
            [
                (keys.document_key(s, "f"), DocumentResult(s.meta, "es", 0.9, 10, "ok", ""))
                for s in (held, changed)
            ]
        )
        changed = replace(changed, text="Otro texto.")
        todo = list(keys.unstored([held, changed, new], stored, "f", documents, reused))
    assert [s.doc_id for s, _ in todo] == ["b.txt", "c.txt"]
    assert [key for _, key in todo] == [keys.document_key(changed, "f"), keys.document_key(new, "f")]
    assert documents == {"a.txt": keys.document_key(held, "f")}
    assert reused == Counter(es=1)
