"""A user's file as a map layer: read it, locate its rows, bring it to WGS84, check it.

:func:`load_user_file` is the one entry point; every refusal is an :class:`UploadError`
with a bilingual one-line reason, and every row of an accepted file stays in the layer
(rows without a usable location keep ``None`` geometry and are counted in a finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
from pandas.api.types import is_object_dtype, is_string_dtype

from geo.gazetteer import Gazetteer
from geo.upload import locate
from geo.upload.checks import check_frame, repair_geometries
from geo.upload.columns import canonical_frame, unique_names
from geo.upload.errors import UploadError
from geo.upload.findings import BIDI_CONTROLS, Finding, shown
from geo.upload.geocoder import OfflineGeocoder, geocode_column, geocode_findings
from geo.upload.georef import (
    drop_non_finite,
    far_from_china,
    flatten,
    is_wgs84,
    resolve_crs,
    to_wgs84,
)
from geo.upload.raw import RawLayer
from geo.upload.read import read_file
from geo.upload.safety import DEFAULT_LIMITS, Limits, check_size
from geo.upload.write import write_user_layer

__all__ = ["UploadError", "UserLayer", "load_user_file", "write_user_layer"]

_GEOCODER: list[tuple[Gazetteer, OfflineGeocoder]] = []
"""The geocoder of the last gazetteer used (building one takes about half a second)."""
_UNSAFE_NAME = re.compile(r"[^\w\u4e00-\u9fff-]+")
_NAME_CHARS = 60
_LABEL_CHARS = 200
_UNREADABLE = ("geometry_unreadable", "wkt_unreadable")


@dataclass(frozen=True)
class UserLayer:
    """A user's file read as a layer — the one model of an uploaded layer, from the reader
    to the session, the map, the print and the downloads.

    Parameters
    ----------
    name : str
        From the file name: letters, digits, CJK, ``_`` and ``-`` only.
    source_format : str
        ``csv``, ``xlsx``, ``geojson``, ``gpkg``, ``shp`` or ``kml``.
    frame : geopandas.GeoDataFrame
        The user's columns (see :mod:`geo.upload.columns`) and geometry in EPSG:4326; rows
        without a location keep ``None`` geometry.
    source_crs : str
        The CRS the coordinates were read in (``EPSG:4547`` …).
    findings : list of Finding
        Everything noticed while reading and checking.
    geocoded : pandas.DataFrame or None
        :func:`geo.upload.geocoder.geocode_column` output when locations came from names.
    name_column : str or None
        The column that names the rows (:func:`geo.upload.locate.name_column`).
    key : str
        Session key (``u1``, ``u2`` …) once the layer is in a session; features are referred
        to as (key, row).
    color, shape : str
        Symbol on the map and in the legend, given when the layer joins a session.
    fixes : tuple of str
        One-click fixes applied since reading (``gcj02``, ``swap``, ``online``).
    """

    name: str
    source_format: str
    frame: gpd.GeoDataFrame
    source_crs: str
    findings: list[Finding]
    geocoded: pd.DataFrame | None = None
    name_column: str | None = None
    key: str = ""
    color: str = "#d81b60"
    shape: str = "circle"
    fixes: tuple[str, ...] = ()

    @cached_property
    def label_column(self) -> str | None:
        """The column labels come from: the name column, else the first text column."""
        columns = [c for c in self.frame.columns if c != self.frame.geometry.name]
        if self.name_column in columns:
            return self.name_column
        texts = (
            c for c in columns if is_object_dtype(self.frame[c]) or is_string_dtype(self.frame[c])
        )
        return next(texts, None)

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Name of each feature as shown (without direction-changing characters, at most
        200 characters): its label column, else the layer's name and row number."""
        column = self.label_column
        values = self.frame[column].tolist() if column else [None] * len(self.frame)
        texts = ("" if v is None else shown(str(v)).strip()[:_LABEL_CHARS] for v in values)
        return tuple(
            text if text and text.lower() != "nan" else f"{self.name} #{row + 1}"
            for row, text in enumerate(texts)
        )

    def label(self, row: int) -> str:
        """Name of the ``row``-th feature."""
        return self.labels[row]


def layer_name(filename: str) -> str:
    """A safe layer name from a file name (``"企业 名单(2).csv"`` → ``"企业_名单_2"``)."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    return _UNSAFE_NAME.sub("_", stem).strip("_")[:_NAME_CHARS] or "layer"


def _geocoder(gz: Gazetteer) -> OfflineGeocoder:
    if not _GEOCODER or _GEOCODER[0][0] is not gz:
        _GEOCODER[:] = [(gz, OfflineGeocoder.build(gz))]
    return _GEOCODER[0][1]


def _named(raw: RawLayer, keep: list[int]) -> tuple[pd.DataFrame, list[Finding]]:
    """The columns at positions ``keep`` under unique names, in canonical form."""
    names, renamed = unique_names([raw.header[i] for i in keep])
    frame = raw.frame[keep].copy()
    frame.columns = names
    return canonical_frame(frame), [renamed] if renamed else []


def _locate_table(
    raw: RawLayer, gz: Gazetteer, name_column: str | None
) -> tuple[pd.DataFrame, np.ndarray, list[Finding], pd.DataFrame | None, bool]:
    """Columns, geometries, findings and geocoding of a CSV/XLSX table; the last value says
    whether rows without geometry were already reported."""
    wkt = None if name_column else locate.wkt_column(raw.header, raw.frame)
    keep = [i for i in range(len(raw.header)) if i != wkt]
    frame, findings = _named(raw, keep)
    if wkt is not None:
        geoms, unreadable = locate.wkt_geometries(raw.frame[wkt])
        return frame, geoms, findings + ([unreadable] if unreadable else []), None, False
    pair = locate.lonlat_columns(list(frame.columns))
    if pair is not None and name_column is None:
        points, found = locate.points(frame, *pair)
        missing = locate.missing_rows(points)
        findings += [found] + ([missing] if missing else [])
        return frame, np.array(points, dtype=object), findings, None, True
    column = locate.geocode_column(list(frame.columns), name_column)
    if column is None:
        raise UploadError("no_location")
    if column not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        raise UploadError("name_column_missing", {"column": column, "columns": columns})
    geocoded = geocode_column(frame, column, _geocoder(gz))
    ok = geocoded["gba_status"] == "ok"
    geoms = gpd.points_from_xy(geocoded["gba_lon"], geocoded["gba_lat"]).to_numpy()
    geoms = np.where(ok.to_numpy(), geoms, None)
    params = {"column": column, "ok": int(ok.sum()), "missing": int((~ok).sum())}
    findings.append(Finding("geocoded", "info", params=params))
    findings += geocode_findings(frame, column, geocoded)
    return frame, geoms, findings, geocoded.reset_index(drop=True), True


def _bidi(frame: pd.DataFrame) -> list[Finding]:
    """A ``bidi_controls`` warning for rows with direction-changing characters."""
    rows: set[int] = set()
    for column in frame.columns:
        if is_object_dtype(frame[column]):
            found = [isinstance(v, str) and bool(BIDI_CONTROLS.search(v)) for v in frame[column]]
            rows.update(int(r) for r in np.flatnonzero(found))
    return [Finding("bidi_controls", "warning", tuple(sorted(rows)))] if rows else []


def load_user_file(
    data: bytes,
    filename: str,
    gz: Gazetteer,
    *,
    crs: str | None = None,
    encoding: str | None = None,
    name_column: str | None = None,
    layer: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> UserLayer:
    """Read, locate, georeference and check a user's file.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name; the extension picks the reader.
    gz : Gazetteer
        For geocoding names and for the checks against known places.
    crs : str, optional
        Declared CRS (``EPSG:4547``, ``GCJ-02`` …); wins over what the file says.
    encoding : str, optional
        Declared text encoding of CSV or Shapefile text.
    name_column : str, optional
        Column of names/addresses to geocode (otherwise coordinates are used when found).
    layer : str, optional
        GeoPackage layer, XLSX sheet or shapefile in a zip; the first by default.
    limits : Limits
        Size, feature, column and zip limits.

    Raises
    ------
    UploadError
        The file is refused; ``.message(lang)`` says why in one line.
    """
    check_size(len(data), limits)
    fmt, raw = read_file(data, filename, encoding=encoding, layer=layer, limits=limits)
    findings = list(raw.findings)
    geocoded = None
    if raw.geometry is None:
        frame, geoms, more, geocoded, reported = _locate_table(raw, gz, name_column)
        findings += more
    else:
        frame, more = _named(raw, list(range(len(raw.header))))
        geoms, findings = raw.geometry, findings + more
        reported = False
    already = {r for f in findings if f.code in _UNREADABLE for r in f.rows}
    geoms, flat = flatten(geoms, report_empty=not reported, skip=already)
    source, label, crs_found = resolve_crs(raw.crs, crs)
    bad_prj = any(f.code == "prj_unreadable" for f in findings)
    findings += [*([] if bad_prj and crs_found.code == "crs_assumed" else [crs_found]), *flat]
    geoms = to_wgs84(geoms, source)
    geoms, unreadable = drop_non_finite(geoms)
    far = None if is_wgs84(source) else far_from_china(geoms, label)
    findings += [f for f in (unreadable, far) if f is not None]
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))
    gdf, repaired = repair_geometries(gdf)
    names = locate.name_column(list(frame.columns), name_column)
    findings += ([repaired] if repaired else []) + check_frame(gdf, gz, names)
    findings += _bidi(frame)
    return UserLayer(layer_name(filename), fmt, gdf, label, findings, geocoded, names)
