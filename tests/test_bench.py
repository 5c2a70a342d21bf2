from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.bench import USAGE, _summary, build_corpus, change_three, main


def test_build_corpus_copies_each_language_scale_times(tmp_path: Path) -> None:
    for language in ("es", "en"):
        docs = tmp_path / "eval" / "ner" / f"{language}_dev" / "docs"
        docs.mkdir(parents=True)
        (docs / f"{language}_1.txt").write_text("uno dos", encoding="utf-8")
    files = build_corpus(tmp_path / "eval", tmp_path / "corpus", 3)
    assert {language: len(paths) for language, paths in files.items()} == {"es": 3, "en": 3}
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [
        "en-0", "en-1", "en-2", "es-0", "es-1", "es-2",
    ]  # fmt: skip


def test_build_corpus_names_a_missing_eval_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"no '.*es_dev/docs'"):
        build_corpus(tmp_path, tmp_path / "corpus", 1)


def test_summary_ratios() -> None:
    def row(scale: int, mode: str, seconds: float) -> dict[str, float | int | str]:
        return {
            "scale": scale,
            "mode": mode,
            "seconds": seconds,
            "words": 1000 * scale,
            "all_cpu_seconds": seconds * 1.5,
        }

    rows = [row(1, "naive", 10.0), row(1, "extract", 4.0), row(1, "ner", 2.0), row(1, "limit", 2.0),
            row(4, "extract", 16.0), row(4, "limit", 12.0), row(4, "dask", 20.0)]  # fmt: skip
    summary = _summary(rows)
    assert summary["extract_vs_naive"] == pytest.approx(2.5)
    assert summary["extract_vs_bare_ner"] == pytest.approx(0.5)
    assert summary["extract_vs_limit_1x"] == pytest.approx(0.5)
    assert summary["extract_vs_limit_4x"] == pytest.approx(0.75)
    assert summary["cpu_limit_vs_extract_4x"] == pytest.approx(0.75)  # 18 CPU seconds against 24
    assert summary["dask_vs_extract_4x"] == pytest.approx(0.8)
    assert summary["time_4x_vs_1x"] == pytest.approx(4.0)
    rerun = {**row(4, "rerun", 2.0), "extracted": 2}
    summary = _summary([*rows, rerun])
    assert summary["rerun_vs_extract_4x"] == pytest.approx(0.125)
    assert summary["rerun_extracted_4x"] == 2


def test_change_three_changes_adds_and_deletes_one_document_each(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        (tmp_path / "es-0").mkdir(exist_ok=True)
        (tmp_path / "es-0" / f"{name}.txt").write_text(name, encoding="utf-8")
    change_three(tmp_path)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "es-0").iterdir()}
    assert texts == {"a.txt": "a\nUpdated.\n", "b.txt": "b", "added.txt": "b", "d.txt": "d"}


def test_an_unknown_option_is_the_usage_not_a_bench(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["--scales"], ["--scale", "1"]):
        assert main(argv) == 2
        assert capsys.readouterr().err == f"usage: {USAGE}\n"
