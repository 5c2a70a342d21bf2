"""The Parquet tables (pipeline/tables.py) and ``pipeline.load``: the CSV rows, typed, with raw values."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import columns, export, load, tables
from pipeline.errors import PipelineError
from pipeline.records import (
    Corpus,
    DocumentResult,
    Entity,
    Mention,
    MentionRow,
    Metadata,
    Placed,
    Segment,
)

NAMES = ("documents", "mentions", "entities")
PARQUET = tuple(f"{name}.parquet" for name in NAMES)
TEXT = pd.StringDtype()
INT = np.dtype("int64")
LIST = np.dtype("object")
EXPECTED_DTYPES = {
    "documents": {
        **dict.fromkeys(columns.DOCUMENT_COLUMNS, TEXT),
        "language_score": pd.Float64Dtype(),
        "languages": LIST,
        **dict.fromkeys(("chars", "mentions", "entities"), INT),
    },
    "mentions": {**dict.fromkeys(columns.MENTION_COLUMNS, TEXT), "start": INT, "end": INT},
    "entities": {
        **dict.fromkeys(columns.ENTITY_COLUMNS, TEXT),
        **dict.fromkeys(("aliases", "languages", "doc_ids", "curation"), LIST),
        **dict.fromkeys(("documents", "mentions"), INT),
        "geonames_id": pd.Int64Dtype(),
        "latitude": pd.Float64Dtype(),
        "longitude": pd.Float64Dtype(),
    },
}


def corpus() -> Corpus:
    """Cells the CSV guards or joins: a formula-like name and doc_id, a list item with "; ", missing
    values, a linked and an unlinked place, a document that was not read."""
    ana = Mention(0, 4, "=Ana", "=Ana", "ana", "person", "=Ana said", model_label="PERSON")
    city = Mention(10, 18, "Tijuana", "Tijuana", "tijuana", "location", "in Tijuana.", model_label="GPE")
    documents = (
        DocumentResult(
            Metadata("-draft.txt", "-draft.txt", title="+1 News"),
            "en",
            0.987654,
            30,
            "ok",
            "",
            (ana,),
            (Segment(0, 20, "en"), Segment(20, 30, "es")),
        ),
        DocumentResult(
            Metadata("a; b.txt", "a; b.txt", url="http://x"), "es", 1.0, 20, "ok", "forced", (city,)
        ),
        DocumentResult(Metadata("c.pdf", "c.pdf"), "", None, 0, "unsupported_format", "not read"),
    )
    placed = (
        Placed(documents[0], (MentionRow("-draft.txt", "per-1", "en", ana),), 1),
        Placed(documents[1], (MentionRow("a; b.txt", "loc-1", "es", city),), 2),
        Placed(documents[2], (), 0),
    )
    entities = (
        Entity(
            "per-1", "person", "ana", "=Ana", ("@Ana", "Ana; B."), ("-draft.txt",), 1, ("en",), ("alias",)
        ),
        Entity(
            "loc-1",
            "location",
            "tijuana",
            "Tijuana",
            (),
            ("a; b.txt",),
            1,
            ("es",),
            (),
            "MX",
            3981609,
            32.5027,
            -117.00371,
        ),
        Entity("loc-2", "location", "juarez", "Juárez", (), ("a; b.txt",), 1, ("es",)),
    )
    return Corpus(entities, lambda: iter(placed))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    export.write(folder, corpus(), [], "lingua")
    return folder


def shown(value: object, cell: str) -> bool:
    """Whether a Parquet value is what the (unguarded) CSV cell says."""
    if value is None or value is pd.NA:
        return cell == ""
    if isinstance(value, list | np.ndarray):
        return columns.LIST_SEPARATOR.join(value) == cell
    if isinstance(value, float):
        return float(cell) == value
    return str(value) == cell


def assert_tables_match_csv(out: Path) -> None:
    """Each Parquet table, read by plain ``pandas.read_parquet``, has its CSV file's columns and rows."""
    for name in NAMES:
        text = (out / f"{name}.csv").read_bytes().decode("utf-8-sig")
        header, *rows = csv.reader(io.StringIO(text, newline=""))
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert list(frame.columns) == header, name
        assert len(frame) == len(rows), name
        for values, row in zip(frame.itertuples(index=False, name=None), rows, strict=True):
            for column, value, cell in zip(header, values, row, strict=True):
                assert shown(value, export.unguard(cell)), (name, column, value, cell)


def test_parquet_tables_hold_the_csv_rows(out: Path) -> None:
    assert_tables_match_csv(out)
    assert len(pd.read_parquet(out / "documents.parquet")) == 3


def test_dtypes_are_as_designed(out: Path) -> None:
    for name in NAMES:
        assert pd.read_parquet(out / f"{name}.parquet").dtypes.to_dict() == EXPECTED_DTYPES[name], name
        assert getattr(load(out), name).dtypes.to_dict() == EXPECTED_DTYPES[name], name


def test_the_parquet_schema_has_list_columns_and_marks_what_may_be_missing(out: Path) -> None:
    schema = pq.read_schema(out / "entities.parquet")
    for column in ("aliases", "languages", "doc_ids", "curation"):
        assert schema.field(column).type == pa.list_(pa.string()), column
    assert (schema.field("geonames_id").type, schema.field("latitude").type) == (pa.int64(), pa.float64())
    nullable = {f.name for name in PARQUET for f in pq.read_schema(out / name) if f.nullable}
    assert nullable == {"language_score", "country_code", "geonames_id", "latitude", "longitude"}


def test_values_are_raw_not_guarded(out: Path) -> None:
    documents, mentions, entities = load(out)
    assert list(documents["doc_id"]) == ["-draft.txt", "a; b.txt", "c.pdf"]
    assert documents["title"].iloc[0] == "+1 News"
    assert documents["language_score"].iloc[0] == 0.9877  # the CSV's 4 decimals
    assert documents["language_score"].iloc[1] == 1.0
    assert documents["language_score"].iloc[2] is pd.NA
    assert (documents["date"].iloc[0], documents["language"].iloc[2]) == ("", "")  # empty text is not missing
    assert documents["languages"].tolist() == [["en 0.67", "es 0.33"], [], []]
    assert mentions["text"].iloc[0] == "=Ana"
    assert entities["geonames_id"].isna().tolist() == [True, False, True]
    assert entities["geonames_id"].iloc[1] == 3981609
    assert entities["latitude"].iloc[1] == 32.5027


def test_lists_are_lists(out: Path) -> None:
    entities = load(out).entities
    assert entities["aliases"].iloc[0] == ["@Ana", "Ana; B."]  # one alias with "; " in it stays one
    assert entities["doc_ids"].tolist() == [["-draft.txt"], ["a; b.txt"], ["a; b.txt"]]
    assert entities["curation"].tolist() == [["alias"], [], []]
    assert all(type(cell) is list for column in tables.LISTS for cell in entities[column])
    plain = pd.read_parquet(out / "entities.parquet")  # pyarrow's own reading: NumPy arrays
    assert [list(cell) for cell in plain["aliases"]] == entities["aliases"].tolist()


def test_load_gives_back_the_tables_written(out: Path) -> None:
    loaded, built = load(out), tables.frames(corpus())
    for name in NAMES:
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(built, name))
    assert load(str(out)).documents.equals(loaded.documents)


def test_an_empty_corpus_gives_empty_tables_of_the_same_types(tmp_path: Path) -> None:
    export.write(tmp_path, Corpus((), lambda: iter(())), [], "lingua")
    for name, frame in zip(NAMES, load(tmp_path), strict=True):
        assert frame.empty
        assert frame.dtypes.to_dict() == EXPECTED_DTYPES[name], name
    assert pq.read_schema(tmp_path / "entities.parquet").field("aliases").type == pa.list_(pa.string())


def test_missing_tables_give_a_clear_error(out: Path, tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"^no documents\.parquet in '.*'; run newsner extract first$"):
        load(tmp_path)
    for name in ("documents.parquet", "mentions.parquet"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    with pytest.raises(PipelineError, match=r"^no entities\.parquet in "):
        load(tmp_path)


@pytest.mark.parametrize("damage", ["truncated", "empty", "another table"])
def test_a_damaged_or_foreign_table_gives_a_clear_error(out: Path, tmp_path: Path, damage: str) -> None:
    for name in NAMES:
        (tmp_path / f"{name}.parquet").write_bytes((out / f"{name}.parquet").read_bytes())
    mentions = tmp_path / "mentions.parquet"
    data = {"truncated": mentions.read_bytes()[:500], "empty": b""}.get(damage)
    mentions.write_bytes((out / "entities.parquet").read_bytes() if data is None else data)
    expected = (
        "is not the mentions table of this newsner" if data is None else "cannot read '.*mentions.parquet' "
    )
    with pytest.raises(PipelineError, match=expected + r".*; run newsner extract again$"):
        load(tmp_path)


def test_two_writes_are_byte_identical(out: Path, tmp_path: Path) -> None:
    written = export.write(tmp_path, corpus(), [], "lingua")
    assert sorted(p.name for p in written) == sorted(p.name for p in out.iterdir())
    for path in written:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_a_table_in_row_groups_reads_back_as_one(tmp_path: Path) -> None:
    header, rows = columns.table_rows(corpus())["documents"]
    written = tmp_path / "documents.parquet"
    table = tables.ParquetTable(written, header, rows_per_group=2)
    for row in rows:
        table.add(row)
    table.close()
    assert pq.ParquetFile(written).num_row_groups == 2
    pd.testing.assert_frame_equal(pd.read_parquet(written), tables.frames(corpus()).documents)


def test_a_table_needs_a_cell_for_every_column() -> None:
    with pytest.raises(ValueError, match="shorter"):
        tables.frame(("a", "b"), [["x"]])


def test_pandas_is_imported_only_for_tables() -> None:
    """The CLI, the scheduler and the workers start without pandas; export imports it only to write."""
    code = "import sys, pipeline, pipeline.cli, pipeline.run, pipeline.workers; print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "'pandas'" not in done.stdout
    assert "'pyarrow'" not in done.stdout
