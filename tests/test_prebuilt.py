"""Tables built once per install and kept in the virtualenv (pipeline/prebuilt.py)."""

import functools
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import prebuilt


def test_a_stored_table_built_anew_replaces_the_other_versions_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    code = tmp_path / "shaping.py"
    folder = tmp_path / "share" / "newsner"
    for version in ("one", "two"):
        code.write_text(version, encoding="utf-8")
        build: Callable[[], list[str]] = functools.partial(list, [version])
        assert prebuilt.stored("words", build, packages=(), sources=[code]) == [version]
        assert prebuilt.stored("other", lambda: [1], packages=(), sources=[]) == [1]
    names = sorted(p.name.rsplit("-", 1)[0] for p in folder.iterdir())
    assert names == ["other", "words"]  # the first "words" file is gone, "other" is kept
    assert prebuilt.stored("words", lambda: ["rebuilt"], packages=(), sources=[code]) == ["two"]  # read back
