"""The user's columns in one canonical form, so every format reads and writes them alike.

Names: unique without regard to case (GeoPackage compares them so), never empty and never a
name the geometry takes (``geometry``, ``geom``, ``the_geom``, ``wkt``, ``fid``); other
names are kept verbatim. Values: text columns hold ``str`` or ``None`` (CSV and XLSX cells are
always ``str``, so "007" stays "007"), integer columns ``Int64``, real columns ``float64``,
yes/no columns ``boolean``; anything else (dates, lists, objects, mixed types) becomes text.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd

from geo.upload.errors import UploadError
from geo.upload.findings import Finding

RESERVED = ("geometry", "geom", "the_geom", "wkt", "fid")
"""Names a user column cannot keep: the geometry is stored under them."""

_INT64 = 2**63
_EXACT_FLOAT_INT = 2**53


def unique_names(names: list[object]) -> tuple[list[str], Finding | None]:
    """Names made non-empty, unique regardless of case and not reserved; a finding lists
    each renamed column (``None`` when every name was kept)."""
    taken: set[str] = set()
    out: list[str] = []
    renames: list[str] = []
    for number, raw in enumerate(names, start=1):
        name = "" if raw is None else str(raw)
        candidate = name if name.strip() else f"column_{number}"
        suffix = 2
        base = candidate
        while candidate.lower() in taken or candidate.lower() in RESERVED:
            candidate = f"{base}_{suffix}"
            suffix += 1
        taken.add(candidate.lower())
        out.append(candidate)
        if candidate != name:
            renames.append(f"'{name}' → '{candidate}'")
    if not renames:
        return out, None
    return out, Finding("column_renamed", "warning", params={"renames": ", ".join(renames)})


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def canonical_column(values: list[object]) -> pd.Series:
    """One column in canonical form (see the module docstring)."""
    present = [v for v in values if not _is_missing(v)]
    if present and all(isinstance(v, (bool, np.bool_)) for v in present):
        return pd.Series([None if _is_missing(v) else bool(v) for v in values], dtype="boolean")
    numbers = all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
        for v in present
    )
    if present and numbers:
        if all(isinstance(v, (int, np.integer)) and -_INT64 <= v < _INT64 for v in present):
            return pd.Series([None if _is_missing(v) else int(v) for v in values], dtype="Int64")
        floats = [np.nan if _is_missing(v) else float(v) for v in values]
        exact = all(
            not isinstance(v, (int, np.integer)) or abs(v) <= _EXACT_FLOAT_INT for v in present
        )
        if exact and all(math.isfinite(f) or math.isnan(f) for f in floats):
            return pd.Series(floats, dtype="float64")
    return pd.Series([None if _is_missing(v) else _as_text(v) for v in values], dtype=object)


def _storable(text: str) -> bool:
    """Whether every format can store ``text``: no NUL, no unpaired surrogate."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def canonical_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of ``frame`` in canonical form, on a fresh 0-based index.

    Raises
    ------
    UploadError
        ``text_invalid`` when a name or a text value holds NUL or an unpaired surrogate.
    """
    data = {name: canonical_column(frame[name].tolist()) for name in frame.columns}
    for name, column in data.items():
        texts = [name] + [v for v in column if isinstance(v, str)]
        if not all(_storable(text) for text in texts):
            raise UploadError("text_invalid", {"column": name})
    out = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    out.columns = list(frame.columns)
    return out


def text_frame(header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """A frame of text cells (``str``, empty cells ``""``), one column per header name."""
    columns = {i: pd.Series([row[i] for row in rows], dtype=object) for i in range(len(header))}
    out = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    out.columns = header
    return out
