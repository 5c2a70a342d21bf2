"""The three tables (documents, mentions, entities) as typed pandas DataFrames: written as Parquet beside the
CSV files, read back by :func:`load` (``from pipeline import load``).

This is the one place that turns a :class:`~pipeline.records.Corpus` into DataFrames. Its rows are the CSV
writer's own (:func:`pipeline.columns.table_rows`), so the columns, their names and order, and the rows and
their order are those of the CSV files and cannot drift from them; this module only gives each column a type.
The values are raw, as in ``entities.json``: no formula guard, lists as lists, numbers as numbers, ``<NA>``
where the record has no value.

pandas and pyarrow are imported only here, and this module only when tables are written at the end of a run
(:func:`pipeline.export.write`, a row group at a time) or loaded: never in the per-document work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import columns
from pipeline.columns import DTYPES, TEXT, Cell, dtype
from pipeline.errors import PipelineError
from pipeline.records import Corpus

LISTS = tuple(name for name, dtype in DTYPES.items() if dtype == "object")
#: The columns that may hold ``<NA>`` (null in Parquet): the record's ``None``, an empty cell in the CSV.
#: Every other Parquet column is declared ``not null``, and pyarrow refuses to write a missing value there.
NULLABLE = frozenset({"language_score", "country_code", "geonames_id", "latitude", "longitude"})

#: Rows per Parquet row group: a few megabytes of mentions at a time in memory while writing.
ROWS_PER_GROUP = 10_000

_ARROW = {
    TEXT: pa.string(),
    "int64": pa.int64(),
    "Int64": pa.int64(),
    "Float64": pa.float64(),
    "object": pa.list_(pa.string()),
}


class Tables(NamedTuple):
    """A run's tables, one DataFrame each, with the columns and rows of the CSV file of the same name."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame


def frames(corpus: Corpus) -> Tables:
    """All three tables of a corpus."""
    return Tables(
        **{name: frame(header, rows) for name, (header, rows) in columns.table_rows(corpus).items()}
    )


def frame(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> pd.DataFrame:
    """One table from the CSV writer's header and raw rows, each column typed (:func:`dtype`)."""
    columns: list[list[Cell]] = [[] for _ in header]
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            column.append(cell)
    return pd.DataFrame({name: _typed(name, cells) for name, cells in zip(header, columns, strict=True)})


def _typed(name: str, cells: list[Cell]) -> pd.Series:
    kind = dtype(name)
    if kind == "object":  # a list cell is a tuple
        return pd.Series([list(cast(tuple[str, ...], cell)) for cell in cells], dtype=object)
    if kind == "Float64":  # numbers, and language_score as the CSV's text ("0.9876")
        cells = [None if cell is None else float(cast(str | float, cell)) for cell in cells]
    return pd.Series(cells, dtype=kind)


def schema(header: Sequence[str]) -> pa.Schema:
    """The Parquet schema of a table: its columns' types (:data:`_ARROW`), ``not null`` unless
    :data:`NULLABLE`."""
    return pa.schema([pa.field(name, _ARROW[dtype(name)], nullable=name in NULLABLE) for name in header])


class ParquetTable:
    """A table written to a Parquet file as its rows come, in row groups of ``rows_per_group`` rows: a table
    of any size in bounded memory. Deterministic: the same rows give the same bytes with the same pandas and
    pyarrow (Parquet's metadata holds their versions, never a time). The schema is explicit (:func:`schema`),
    so an empty table or an all-missing column keeps its types, and pandas' metadata is kept, so
    :func:`load` gives the columns their dtypes back."""

    def __init__(self, path: Path, header: Sequence[str], rows_per_group: int = ROWS_PER_GROUP) -> None:
        self.path, self.header, self.rows_per_group = path, header, rows_per_group
        self.rows: list[Sequence[Cell]] = []
        self.writer: pq.ParquetWriter | None = None

    def add(self, row: Sequence[Cell]) -> None:
        self.rows.append(row)
        if len(self.rows) == self.rows_per_group:
            self._flush()

    def close(self) -> None:
        """Write the last row group (the only one, empty, for a table without rows) and the file's footer."""
        if self.rows or self.writer is None:
            self._flush()
        assert self.writer is not None
        self.writer.close()

    def _flush(self) -> None:
        group = frame(self.header, self.rows)
        table = pa.Table.from_pandas(group, schema=schema(self.header), preserve_index=False)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema, compression="zstd")
        self.writer.write_table(table)
        self.rows = []


def load(out_dir: str | os.PathLike[str]) -> Tables:
    """The tables that ``newsner extract`` wrote to ``out_dir``, as :func:`frames` made them.

    RAISES (PipelineError): when a Parquet file is missing (no run wrote that folder), damaged, or not the
        table this version writes (other columns or types).
    """
    folder = Path(out_dir)
    paths = [folder / f"{name}.parquet" for name in Tables._fields]
    for path in paths:
        if not path.is_file():
            raise PipelineError(f"no {path.name} in '{folder}'; run newsner extract first")
    return Tables(
        *(_read(path, columns.HEADERS[name]) for name, path in zip(Tables._fields, paths, strict=True))
    )


def _read(path: Path, header: Sequence[str]) -> pd.DataFrame:
    try:
        if not pq.read_schema(path).remove_metadata().equals(schema(header)):
            raise PipelineError(
                f"'{path}' is not the {path.stem} table of this newsner version (its columns differ); "
                "run newsner extract again"
            )
        table = pd.read_parquet(path, engine="pyarrow")
    except (pa.ArrowException, OSError) as error:
        raise PipelineError(f"cannot read '{path}' ({error}); run newsner extract again") from None
    for name in LISTS:
        if name in table.columns:  # pyarrow gives each list as a NumPy array
            table[name] = table[name].map(list)
    return table
