"""report.html (pipeline/report.py): escaping in the page, and the page in a real browser (Chromium)."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from pipeline import report
from pipeline.records import Corpus, Tally
from tests.conftest import ROOT
from tests.test_tables import corpus

HOSTILE = "<script>alert(1)</script>"
INJECTION = '"><img src=x onerror=alert(2)>'
ARTIFACTS = ROOT / "data" / "out" / "artifacts"


def hostile_corpus() -> tuple[Corpus, dict[str, str]]:
    """The tables' corpus with a hostile entity name and a hostile text around its mention, both with
    characters HTML forbids."""
    base = corpus()
    name = HOSTILE + "\x07"
    entities = tuple(replace(e, name=name) if e.entity_id == "per-1" else e for e in base.entities)
    text = "=Ana" + INJECTION + "\x00\x1b\ufffe" + " " * 30
    first, *others = base.placed()
    placed = [replace(first, document=replace(first.document, chars=len(text))), *others]
    tally = Tally(3, (("-", 1), ("en", 1), ("es", 1)), (("ok", 2), ("unsupported_format", 1)))
    return Corpus(entities, lambda: iter(placed), tally), {placed[0].document.doc_id: text}


def page(documents: int = 10) -> str:
    built, texts = hostile_corpus()
    out = io.StringIO()
    report.write(out, built, lambda wanted: {d: texts[d] for d in wanted if d in texts}, documents=documents)
    return out.getvalue()


def test_names_and_texts_are_data_never_markup() -> None:
    html = page()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert html.count("<script>") == 1  # the page's own sorting script, nothing else
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\ufffe]", html)  # what HTML forbids is dropped
    assert "http" not in html.lower().replace("http-equiv", "")  # nothing from the network


def test_a_text_that_changed_after_it_was_read_is_shown_without_its_entities() -> None:
    built, texts = hostile_corpus()
    [doc_id] = texts
    out = io.StringIO()
    report.write(
        out, built, lambda wanted: {d: "Ana" + texts[d] for d in wanted if d == doc_id}, documents=10
    )
    assert "the input changed after it was read" in out.getvalue()
    assert "<mark" not in out.getvalue()
    assert "the input changed" not in page()


def test_curation_lines_are_ready_to_paste() -> None:
    html = page()
    assert "type,&lt;script&gt;alert(1)&lt;/script&gt;,organization" in html
    assert "alias,@Ana,&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "alias,&quot;Ana; B.&quot;,&lt;script&gt;" not in html  # "; " needs no quoting in CSV


def test_documents_shown_are_capped_and_the_rest_listed() -> None:
    html = page(documents=0)
    assert "Documents (0 of 3 shown)" in html
    assert "unsupported_format" in html  # the document not read, with its reason
    assert "<mark" not in html


def test_the_report_in_a_real_browser(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no Chromium on this machine (make browser installs Debian's, as root)")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(page(), encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        view = browser.new_page()
        view.on("pageerror", lambda error: errors.append(str(error)))
        view.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        view.goto(path.as_uri())
        assert view.locator("mark.person").count() == 1
        assert view.locator("svg#chart rect").count() == 3
        assert view.locator("table.sortable").count() >= 3
        assert view.evaluate("window.alerted === undefined")  # no injected script ran
        first = view.locator("table.sortable").nth(2)  # locations: Tijuana, Juárez; sort by name
        first.locator("th").first.click()
        names = first.locator("tbody tr td:first-child").all_inner_texts()
        assert names == sorted(names, reverse=True)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        browser.close()
    assert errors == []


def test_a_hostile_name_from_the_inputs_is_literal_text_in_the_report_and_the_workbook(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    from pipeline.cli import main

    hostile = '=HYPERLINK("http://x","<script>alert(1)</script>")'
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        f"Governor Marina del Pilar visited Mexicali on Monday.\n\n{INJECTION} {HOSTILE}\n", encoding="utf-8"
    )
    curation = tmp_path / "curation.csv"  # the analyst's file is an input too: a canonical name from it
    with curation.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["action", "name", "value"])
        csv.writer(handle).writerow(["alias", "Mexicali", hostile])
    out = tmp_path / "out"
    args = ["extract", str(tmp_path / "in"), "--out", str(out), "--curation", str(curation), "--workers", "1"]
    assert main(args) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<script>") == 1
    assert "<img" not in html
    assert escape(hostile) in html
    names = [c.value for c in load_workbook(out / "entities.xlsx")["Entities"]["C"]]
    assert hostile in names
