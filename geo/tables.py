"""Reading the curated CSV tables of ``data/`` exactly as written (all cells as text)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.schema import LIST_SEPARATOR

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_table(path: Path) -> pd.DataFrame:
    """Read one CSV table with every cell as a string and no NA guessing.

    Parameters
    ----------
    path : Path
        CSV file (UTF-8, header row first).

    Returns
    -------
    pandas.DataFrame
        One row per data line; ``row`` attribute numbers match the file's line numbers
        via :func:`file_line`.
    """
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def file_line(index: int) -> int:
    """Line number in the CSV file of the data row at positional ``index`` (header is line 1)."""
    return index + 2


def split_list(cell: str) -> list[str]:
    """Split a ``;``-separated list cell into stripped, non-empty items."""
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR) if item.strip()]


def join_list(items: list[str]) -> str:
    """Inverse of :func:`split_list`."""
    return LIST_SEPARATOR.join(items)
