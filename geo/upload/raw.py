"""What a format reader hands over: the file's columns and geometries as read, before
georeferencing and checks."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pyproj import CRS

from geo.upload.findings import Finding


@dataclass
class RawLayer:
    """One table or layer as read from a file.

    Parameters
    ----------
    header : list of str
        Column names exactly as in the file (may be empty, repeated or reserved).
    frame : pandas.DataFrame
        The values, with positional column labels ``0 … len(header) - 1``.
    geometry : numpy.ndarray or None
        One shapely geometry or ``None`` per row; ``None`` for a table whose location is in
        its columns (CSV, XLSX).
    crs : pyproj.CRS or None
        What the file says its coordinates are in.
    findings : list of Finding
        What the reader noticed (encoding, chosen layer, unreadable geometries …).
    """

    header: list[str]
    frame: pd.DataFrame
    geometry: np.ndarray | None = None
    crs: CRS | None = None
    findings: list[Finding] = field(default_factory=list)
