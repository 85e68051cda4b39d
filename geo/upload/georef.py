"""Georeferencing a user's geometries: which CRS they are in, bringing them to WGS84, and
turning empty, 3-D or non-finite geometries into something every format writes back alike."""

from __future__ import annotations

import functools

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from geo.crs import GCJ02
from geo.gcj02 import gcj02_to_wgs84
from geo.upload.errors import UploadError
from geo.upload.findings import Finding

WGS84 = CRS.from_epsg(4326)
CHINA_BOUNDS = (73.0, 3.0, 136.0, 54.0)
"""lon/lat box around China; a CRS that puts features far outside it is probably wrong."""
_GCJ_NAMES = ("gcj-02", "gcj02", "gcj")


def parse_crs(text: str) -> CRS | str:
    """A user-declared CRS: a pyproj CRS, or :data:`geo.crs.GCJ02` for AMap coordinates.

    Raises
    ------
    UploadError
        ``crs_unknown``.
    """
    if text.strip().lower() in _GCJ_NAMES:
        return GCJ02
    try:
        return CRS.from_user_input(text.strip())
    except (CRSError, ValueError, TypeError) as exc:
        raise UploadError("crs_unknown", {"crs": text}) from exc


def crs_label(crs: CRS | str) -> str:
    """``EPSG:nnnn`` when the CRS has an EPSG code, else its name."""
    if isinstance(crs, str):
        return crs
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def resolve_crs(file_crs: CRS | None, declared: str | None) -> tuple[CRS | str, str, Finding]:
    """The CRS to read in: the declared one wins, else the file's, else EPSG:4326.

    Returns
    -------
    tuple
        The CRS, its label for :attr:`UserLayer.source_crs`, and an info finding saying
        where it came from.
    """
    file_label = crs_label(file_crs) if file_crs is not None else "—"
    if declared:
        crs = parse_crs(declared)
        label = crs_label(crs)
        return (
            crs,
            label,
            Finding("crs_declared", "info", params={"crs": label, "file_crs": file_label}),
        )
    if file_crs is not None:
        return file_crs, file_label, Finding("crs_from_file", "info", params={"crs": file_label})
    return WGS84, "EPSG:4326", Finding("crs_assumed", "info")


def is_wgs84(crs: CRS | str) -> bool:
    """Whether ``crs`` is WGS84 lon/lat (axis order aside)."""
    return not isinstance(crs, str) and crs.equals(WGS84, ignore_axis_order=True)


@functools.lru_cache(maxsize=32)
def _transformer(crs: CRS) -> Transformer:
    """Building a transformer takes pyproj about 0.2 s; users' files use few CRSs."""
    return Transformer.from_crs(crs, WGS84, always_xy=True)


def to_wgs84(geoms: np.ndarray, crs: CRS | str) -> np.ndarray:
    """Geometries (object array, may hold ``None``) moved from ``crs`` to WGS84 lon/lat.

    Raises
    ------
    UploadError
        ``crs_unknown`` when pyproj cannot transform from ``crs``.
    """
    if is_wgs84(crs):
        return geoms
    if isinstance(crs, str):  # GCJ02; comparing a pyproj CRS with a string is slow

        def convert(coords: np.ndarray) -> np.ndarray:
            return np.column_stack(gcj02_to_wgs84(coords[:, 0], coords[:, 1]))

    else:
        try:
            transformer = _transformer(crs)
        except (CRSError, ProjError) as exc:
            raise UploadError("crs_unknown", {"crs": crs_label(crs)}) from exc

        def convert(coords: np.ndarray) -> np.ndarray:
            return np.column_stack(
                transformer.transform(coords[:, 0], coords[:, 1], errcheck=False)
            )

    with np.errstate(all="ignore"):
        return shapely.transform(geoms, convert)


def far_from_china(geoms: np.ndarray, crs_text: str) -> Finding | None:
    """A ``crs_far`` warning for rows whose bounds lie outside :data:`CHINA_BOUNDS`."""
    bounds = shapely.bounds(geoms)
    west, south, east, north = CHINA_BOUNDS
    with np.errstate(invalid="ignore"):
        outside = (
            (bounds[:, 0] < west)
            | (bounds[:, 2] > east)
            | (bounds[:, 1] < south)
            | (bounds[:, 3] > north)
        )
    rows = tuple(int(row) for row in np.flatnonzero(outside))
    return Finding("crs_far", "warning", rows, {"crs": crs_text}) if rows else None


def _is_nested(geom: object) -> bool:
    return isinstance(geom, shapely.GeometryCollection) and any(
        part.geom_type == "GeometryCollection" for part in geom.geoms
    )


def _atoms(geom: shapely.Geometry) -> list[shapely.Geometry]:
    """The parts of a collection, collections inside it opened (iteratively: no recursion
    limit for deep nesting); multi-part geometries are kept whole."""
    out, stack = [], [geom]
    while stack:
        item = stack.pop()
        if item.geom_type == "GeometryCollection":
            stack.extend(reversed(list(item.geoms)))
        else:
            out.append(item)
    return out


def flatten(
    geoms: np.ndarray, report_empty: bool = True, skip: set[int] | frozenset[int] = frozenset()
) -> tuple[np.ndarray, list[Finding]]:
    """2-D geometries with ``None`` for empty ones and collections one level deep, and
    findings: ``collection_flattened`` for collections that held collections (GeoJSON allows
    them, the map's drawing and most GIS formats do not), ``z_dropped`` when Z values were
    dropped, ``geometry_empty`` counting rows without geometry except those in ``skip``
    (none when ``report_empty`` is false: the caller reported them already)."""
    findings: list[Finding] = []
    geoms = np.asarray(geoms, dtype=object)
    nested = [row for row, g in enumerate(geoms) if _is_nested(g)]
    if nested:
        geoms = geoms.copy()
        for row in nested:
            geoms[row] = shapely.GeometryCollection(_atoms(geoms[row]))
        findings.append(Finding("collection_flattened", "info", tuple(nested)))
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
        findings.append(Finding("z_dropped", "info"))
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    geoms = np.where(empty, None, geoms)
    rows = tuple(int(r) for r in np.flatnonzero(empty) if int(r) not in skip)
    if report_empty and rows:
        findings.append(Finding("geometry_empty", "warning", rows))
    return geoms, findings


def drop_non_finite(geoms: np.ndarray) -> tuple[np.ndarray, Finding | None]:
    """Geometries with an infinite or NaN coordinate replaced by ``None``, and a
    ``geometry_unreadable`` warning counting them (``None`` when there are none)."""
    geoms = np.asarray(geoms, dtype=object)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    bad = np.zeros(len(geoms), dtype=bool)
    bad[index[~np.isfinite(coords).all(axis=1)]] = True
    if not bad.any():
        return geoms, None
    rows = tuple(int(r) for r in np.flatnonzero(bad))
    return np.where(bad, None, geoms), Finding("geometry_unreadable", "warning", rows)
