"""The export's promise about geometry: every geometry written is valid (OGC simple
features, as GEOS and SpatiaLite's ``ST_IsValid`` judge it), whatever the data says.

An invalid polygon is repaired when the repair is still a polygon; anything else invalid
(a zero-length line, say) is written without geometry. Either way the feature stays, its
``geometry_issue`` says what happened, and the export's notes list it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

ISSUE_COLUMN = "geometry_issue"
"""Attribute added to a layer in which some geometry was repaired or left out."""

SHOWN_IDS = 5
"""Feature ids named in a note before it says “… and N more”."""


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    """The polygonal part of a repaired geometry, or ``None`` when it has none."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    merged = shapely.union_all(parts)
    return merged if merged.is_valid and not merged.is_empty else None


def _reason(geom: shapely.Geometry) -> str:
    if geom.geom_type in ("LineString", "MultiLineString") and geom.length == 0:
        x, y = shapely.get_coordinates(geom)[0]
        return f"zero-length line (every vertex at {x:.6f} {y:.6f})"
    return shapely.is_valid_reason(geom)


def _ids(frame: gpd.GeoDataFrame, rows: np.ndarray) -> str:
    ids = [str(v) for v in frame.iloc[rows, 0]]
    more = f" … and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
    return ", ".join(ids[:SHOWN_IDS]) + more


def guard_geometries(frame: gpd.GeoDataFrame, layer: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """``frame`` with only valid geometries, and notes on what was changed.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        A layer in its output CRS, coordinates as they will be written; its first column
        identifies features in the notes.
    layer : str
        Layer name used in the notes.

    Returns
    -------
    (frame, notes)
        The frame itself when every geometry is valid or missing; else a copy with repaired
        or removed geometries and an :data:`ISSUE_COLUMN`.
    """
    geoms = np.asarray(frame.geometry.values, dtype=object)
    present = ~shapely.is_missing(geoms)
    empty = np.zeros(len(geoms), bool)
    empty[present] = shapely.is_empty(geoms[present])
    invalid = np.zeros(len(geoms), bool)
    invalid[present & ~empty] = ~shapely.is_valid(geoms[present & ~empty])
    if not (empty | invalid).any():
        return frame, []
    issues = np.full(len(geoms), None, dtype=object)
    fixed = geoms.copy()
    repaired = np.zeros(len(geoms), bool)
    for i in np.flatnonzero(invalid):
        reason = _reason(geoms[i])
        polygon = _polygonal(shapely.make_valid(geoms[i]))
        if polygon is not None and geoms[i].geom_type in ("Polygon", "MultiPolygon"):
            fixed[i], repaired[i] = polygon, True
            issues[i] = f"invalid geometry repaired: {reason}"
        else:
            fixed[i] = None
            issues[i] = f"invalid geometry left out: {reason}"
    for i in np.flatnonzero(empty):
        fixed[i], issues[i] = None, "empty geometry left out"
    out = frame.copy()
    out[ISSUE_COLUMN] = issues
    out[frame.geometry.name] = gpd.GeoSeries(fixed, index=frame.index, crs=frame.crs)
    notes = []
    left_out = (invalid & ~repaired) | empty
    if left_out.any():
        rows = np.flatnonzero(left_out)
        notes.append(
            f"{layer}: {len(rows)} feature(s) with invalid or empty geometry written without "
            f"geometry ({ISSUE_COLUMN} says why): {_ids(frame, rows)}"
        )
    if repaired.any():
        rows = np.flatnonzero(repaired)
        notes.append(
            f"{layer}: {len(rows)} invalid polygon(s) repaired with make_valid "
            f"({ISSUE_COLUMN} says why): {_ids(frame, rows)}"
        )
    return out, notes
