"""Where the rows of a table (CSV/XLSX) are: a WKT column, lon/lat columns, or names to geocode."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import shapely

from geo.upload.findings import Finding

LON_NAMES = ("lon", "lng", "long", "longitude", "lon_wgs84", "x", "经度", "东经", "point_x")
LAT_NAMES = ("lat", "latitude", "lat_wgs84", "y", "纬度", "北纬", "point_y")
GEOMETRY_NAMES = ("wkt", "geometry", "geom", "the_geom")
NAME_NAMES = (
    "name",
    "name_zh",
    "名称",
    "地名",
    "名字",
    "单位名称",
    "企业名称",
    "项目名称",
    "place",
    "place_name",
    "title",
    "标题",
)
"""Usual names of the column that names the rows, most telling first (case-insensitive)."""
ADDRESS_NAMES = ("address", "地址", "位置")
"""Usual names of an address column (geocoded when no name column is found)."""
WKT_COLUMN = "WKT"
"""Name of the geometry column a table gets when its geometry is not lon/lat columns."""


def _key(name: object) -> str:
    return str(name).strip().lower()


def _first(columns: list[str], names: tuple[str, ...]) -> str | None:
    for wanted in names:
        for column in columns:
            if _key(column) == wanted:
                return column
    return None


def lonlat_columns(columns: list[str]) -> tuple[str, str] | None:
    """The longitude and latitude columns, found by their usual zh/en names, or ``None``."""
    lon, lat = _first(columns, LON_NAMES), _first(columns, LAT_NAMES)
    return (lon, lat) if lon is not None and lat is not None else None


def name_column(columns: list[str], declared: str | None = None) -> str | None:
    """The column that names the rows — the one rule that geocoding, the duplicate check and
    the map's labels share: the column the user ``declared``, else the first column called
    like a name (:data:`NAME_NAMES`), else ``None``."""
    return declared or _first(columns, NAME_NAMES)


def geocode_column(columns: list[str], declared: str | None = None) -> str | None:
    """The column to geocode: the :func:`name_column`, else an address column."""
    return name_column(columns, declared) or _first(columns, ADDRESS_NAMES)


def _parsed(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Geometries of WKT text cells (``None`` for empty or unreadable ones) and which
    non-empty cells could not be read."""
    texts = np.array(["" if c is None else str(c) for c in cells], dtype=object)
    filled = np.array([bool(t.strip()) for t in texts], dtype=bool)
    geoms = np.full(len(texts), None, dtype=object)
    if filled.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            geoms[filled] = shapely.from_wkt(texts[filled], on_invalid="ignore")
    return geoms, filled & shapely.is_missing(geoms)


def wkt_column(header: list[str], frame: pd.DataFrame) -> int | None:
    """Position of the rightmost column named like a geometry (``WKT``, ``geometry`` …)
    with a readable WKT cell or no text at all, or ``None``; ``frame`` has positional
    column labels."""
    for position in reversed(range(len(header))):
        if _key(header[position]) not in GEOMETRY_NAMES:
            continue
        geoms, unreadable = _parsed(frame[position])
        if not shapely.is_missing(geoms).all() or not unreadable.any():
            return position
    return None


def wkt_geometries(cells: pd.Series) -> tuple[np.ndarray, Finding | None]:
    """Geometries of a column that :func:`wkt_column` accepted (empty or unreadable cells
    give ``None``) and a ``wkt_unreadable`` warning naming the unreadable ones."""
    geoms, bad = _parsed(cells)
    rows = tuple(int(r) for r in np.flatnonzero(bad))
    return geoms, Finding("wkt_unreadable", "warning", rows) if rows else None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def points(frame: pd.DataFrame, lon: str, lat: str) -> tuple[list[shapely.Point | None], Finding]:
    """Points from two text columns and a finding naming them; cells that are empty or not
    finite numbers give ``None`` (see :func:`missing_rows`)."""
    out: list[shapely.Point | None] = []
    for x_text, y_text in zip(frame[lon], frame[lat], strict=True):
        x, y = _number(x_text), _number(y_text)
        out.append(None if x is None or y is None else shapely.Point(x, y))
    return out, Finding("coords_from_columns", "info", params={"lon": lon, "lat": lat})


def missing_rows(geoms: list[shapely.Geometry | None]) -> Finding | None:
    """A ``coords_missing`` warning counting rows without a point, or ``None``."""
    rows = tuple(row for row, geom in enumerate(geoms) if geom is None)
    return Finding("coords_missing", "warning", rows) if rows else None
