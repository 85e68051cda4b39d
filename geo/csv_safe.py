"""CSV cells a spreadsheet cannot run: formula injection neutralised as OWASP recommends.

A spreadsheet opening a CSV treats a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``). Every CSV this
app writes prefixes such a text cell with a single quote, which spreadsheets show as text;
numbers (``-3.5``, ``+1e3``) and a lone sign (``-`` for "none" in a table) stay as they
are. GeoPackage and GeoJSON keep the raw value.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def neutralised(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run; anything
    else (numbers, a lone sign such as a table's ``-``, plain text, missing values)
    unchanged."""
    if (
        isinstance(value, str)
        and len(value) > 1
        and value.startswith(FORMULA_START)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def neutralised_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`neutralised`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(neutralised)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as a neutralised UTF-8 CSV with a BOM (spreadsheets then read Chinese)."""
    return neutralised_frame(frame).to_csv(index=False).encode("utf-8-sig")
