"""Writing through GDAL (pyogrio) without letting it change data behind our back: any
warning GDAL raises while writing (a value cut, a field renamed, an option ignored) stops
the export with that message instead of reaching the console as a ``RuntimeWarning``."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pyogrio


class FormatError(Exception):
    """The format cannot carry this layer or CRS; the message says what to use instead."""


def write_ogr(frame: pd.DataFrame, path: Path, **options) -> None:
    """``pyogrio.write_dataframe(frame, path, **options)``, refusing any GDAL warning.

    Raises
    ------
    FormatError
        When GDAL warns: the file would not hold the data as given.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        pyogrio.write_dataframe(frame, path, **options)
    for warning in caught:
        if issubclass(warning.category, RuntimeWarning):
            raise FormatError(f"GDAL would not write the data as given: {warning.message}")
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
