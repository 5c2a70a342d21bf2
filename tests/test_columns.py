"""The tables' columns and rows (pipeline/columns.py), which every table writer shares."""

from __future__ import annotations

from pipeline import columns
from tests.test_tables import corpus


def test_every_row_has_its_table_s_columns_and_each_column_one_type() -> None:
    tables = columns.table_rows(corpus())
    assert set(tables) == set(columns.HEADERS)
    for name, (header, rows) in tables.items():
        assert header == columns.HEADERS[name]
        for row in rows:
            assert len(row) == len(header)
            for column, cell in zip(header, row, strict=True):
                kind = columns.dtype(column)
                if cell is None:
                    continue
                if kind == "object":
                    assert isinstance(cell, tuple), column
                elif kind in ("int64", "Int64"):
                    assert isinstance(cell, int), column
                elif kind == "Float64":  # language_score as the CSV writes it: "0.9877"
                    assert isinstance(cell, float | str), column
                    float(cell)  # a number, or its text
                else:
                    assert isinstance(cell, str), column
