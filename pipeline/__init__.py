"""newsner: named-entity extraction for English and Spanish news.

Stages, one module each, wired together only in :mod:`pipeline.run`: readers -> language -> models ->
analysis (the per-document stage, results kept in the store) -> aggregate -> export.

``from pipeline import load``: a run's tables as pandas DataFrames (:func:`pipeline.tables.load`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os

    from pipeline.tables import Tables

__version__ = "0.1.0"


def load(out_dir: str | os.PathLike[str]) -> Tables:
    """The documents, mentions and entities tables that ``newsner extract`` wrote to ``out_dir``, from its
    Parquet files (:func:`pipeline.tables.load`)."""
    from pipeline import tables  # pandas is imported by whoever loads tables, not by every pipeline module

    return tables.load(out_dir)
