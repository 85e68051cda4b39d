"""Checks of a user's layer (GeoDataFrame in EPSG:4326) and their one-click fixes.

Geometries may be missing, empty or invalid; such rows are skipped by the coordinate checks,
never dropped. Rows are reported by position (0-based).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.anchors import region_seats
from geo.gazetteer import Gazetteer
from geo.gcj02 import CHINA_BOX, gcj02_to_wgs84
from geo.search import normalize, pinyin_key
from geo.upload import locate
from geo.upload.distance import distance_m
from geo.upload.findings import Finding
from geo.upload.region import region_polygon

NEAR_REGION_DEG = 0.02
"""Points this close (≈ 2 km) to the region's outline are inside it (coast, piers, islets)."""
DUPLICATE_M = 2000.0
"""A similarly named row within this distance of a gazetteer place probably duplicates it."""
MIN_SIMILAR_CHARS = 4
"""Shortest Chinese name that counts as similar when contained in the other name."""
GCJ_TOLERANCE = 0.25
"""A point coincides with a known point when closer than this fraction of the local GCJ-02
offset (≈ 570 m in the region, so ≈ 140 m)."""
GCJ_MIN_POINTS = 3
GCJ_MIN_SHARE = 0.05
"""GCJ-02 is suspected when at least ``GCJ_MIN_POINTS`` points, and this share of all points,
coincide with known points only after the GCJ-02 → WGS84 conversion, and more than twice as
many as coincide without it."""
_PLACES_SHOWN = 3


def _geometries(frame: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(frame.geometry.values, dtype=object)


def _present(geoms: np.ndarray) -> np.ndarray:
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))


def _rows(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero(mask))


def _with_geometries(frame: gpd.GeoDataFrame, geoms: np.ndarray) -> gpd.GeoDataFrame:
    out = frame.copy()
    out[frame.geometry.name] = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
    return out


def _repair(geom: BaseGeometry) -> BaseGeometry:
    """``make_valid``; a polygon keeps only its polygonal parts (not zero-area spikes)."""
    fixed = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon") and fixed.geom_type == "GeometryCollection":
        areas = [g for g in fixed.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        if areas:
            return shapely.union_all(areas)
    return fixed


def repair_geometries(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, Finding | None]:
    """Repair invalid geometries with ``shapely.make_valid``.

    Returns
    -------
    (GeoDataFrame, Finding or None)
        A copy with valid geometries (missing/empty ones untouched) and a ``repaired``
        finding naming the rows, or ``None`` when every geometry was valid.
    """
    geoms = _geometries(frame)
    invalid = _present(geoms) & ~shapely.is_valid(geoms)
    if not invalid.any():
        return frame, None
    fixed = geoms.copy()
    fixed[invalid] = [_repair(g) for g in geoms[invalid]]
    return _with_geometries(frame, fixed), Finding("repaired", "warning", _rows(invalid))


def _transform(
    frame: gpd.GeoDataFrame,
    rows: Sequence[int] | None,
    function: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> gpd.GeoDataFrame:
    """Apply ``function(lon, lat) -> (lon, lat)`` to every vertex of the chosen rows (Z kept)."""
    geoms = _geometries(frame)
    chosen = _present(geoms)
    if rows is not None:
        picked = np.zeros(len(geoms), dtype=bool)
        picked[list(rows)] = True
        chosen &= picked

    def apply(coords: np.ndarray) -> np.ndarray:
        x, y = function(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y, coords[:, 2:]])

    out = geoms.copy()
    out[chosen] = shapely.transform(geoms[chosen], apply, include_z=None)
    return _with_geometries(frame, out)


def swap_lon_lat(frame: gpd.GeoDataFrame, rows: Sequence[int] | None = None) -> gpd.GeoDataFrame:
    """Exchange x and y of every vertex (all rows, or only ``rows`` by position)."""
    return _transform(frame, rows, lambda x, y: (y, x))


def gcj02_to_wgs84_frame(
    frame: gpd.GeoDataFrame, rows: Sequence[int] | None = None
) -> gpd.GeoDataFrame:
    """Convert every vertex from GCJ-02 to WGS84 with the exact inverse of ``geo.gcj02``."""
    return _transform(frame, rows, gcj02_to_wgs84)


def _inside(bounds: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (
            (bounds[:, 0] >= box[0])
            & (bounds[:, 1] >= box[1])
            & (bounds[:, 2] <= box[2])
            & (bounds[:, 3] <= box[3])
        )


def _known_points(gz: Gazetteer) -> np.ndarray:
    """Unique lon/lat of gazetteer places, county/city anchors and GeoNames seats."""
    areas = gz.areas[gz.areas["level"] != "province"]["anchor"]
    points = [
        *zip(gz.places["lon"], gz.places["lat"], strict=True),
        *((a.x, a.y) for a in areas if a is not None and not a.is_empty),
        *((s.lon, s.lat) for s in region_seats()),
    ]
    return np.unique(np.asarray(points, dtype=float), axis=0)


def _near_known(lon: np.ndarray, lat: np.ndarray, tree: shapely.STRtree, known: np.ndarray):
    """Distance (m) from each point to its nearest known point."""
    if len(lon) == 0:
        return np.zeros(0)
    _, nearest = tree.query_nearest(shapely.points(lon, lat), all_matches=False)
    return distance_m(lon, lat, known[nearest, 0], known[nearest, 1])


def _gcj02_finding(points: np.ndarray, rows: np.ndarray, gz: Gazetteer) -> Finding | None:
    """Flag GCJ-02 when points coincide with known WGS84 points only after conversion."""
    if len(points) < GCJ_MIN_POINTS:
        return None
    known = _known_points(gz)
    tree = shapely.STRtree(shapely.points(known))
    lon, lat = points[:, 0], points[:, 1]
    wlon, wlat = gcj02_to_wgs84(lon, lat)
    offset = distance_m(lon, lat, wlon, wlat)
    tolerance = GCJ_TOLERANCE * offset
    plain = _near_known(lon, lat, tree, known) < tolerance
    shifted = (_near_known(wlon, wlat, tree, known) < tolerance) & ~plain
    n_shifted = int(shifted.sum())
    if n_shifted < max(GCJ_MIN_POINTS, GCJ_MIN_SHARE * len(points)) or n_shifted <= 2 * plain.sum():
        return None
    params = {
        "n_matched": n_shifted + int(plain.sum()),
        "n_shifted": n_shifted,
        "offset_m": int(round(float(np.median(offset[shifted])), -1)),
    }
    return Finding("gcj02_suspected", "warning", tuple(int(r) for r in rows[shifted]), params)


def _name_keys(names: Sequence[str]) -> set[str]:
    """Normalized forms of ``names`` and the pinyin of the Chinese ones."""
    keys = {normalize(n) for n in names}
    keys |= {pinyin_key(n) for n in names if not n.isascii()}
    return keys - {""}


def _similar(user: set[str], place: set[str]) -> bool:
    """Same normalized name or pinyin, or one Chinese name contains the other."""
    if user & place:
        return True
    return any(
        min(len(u), len(p)) >= MIN_SIMILAR_CHARS and (u in p or p in u)
        for u in user
        for p in place
        if not u.isascii() and not p.isascii()
    )


@lru_cache(maxsize=4)
def _place_keys(rows: tuple[tuple[str, str, tuple[str, ...], str], ...]) -> dict[str, set[str]]:
    """Name keys of each gazetteer place (id, name, aliases, English name), computed once."""
    return {pid: _name_keys([name, *aliases, name_en]) for pid, name, aliases, name_en in rows}


def _near_places(geoms: np.ndarray, points: np.ndarray) -> dict[int, list[int]]:
    """Row -> positions of the gazetteer ``points`` within a bound of ``DUPLICATE_M`` of the
    row's geometry (one query for all rows)."""
    geoms = np.asarray(geoms, dtype=object)
    present = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    near: dict[int, list[int]] = {}
    if not len(present):
        return near
    degrees = DUPLICATE_M / 100_000  # a bound: 1° is more than 100 km in the region
    tree = shapely.STRtree(points)
    rows, found = tree.query(geoms[present], predicate="dwithin", distance=degrees)
    for row, i in sorted(zip(present[rows].tolist(), found.tolist(), strict=True)):
        near.setdefault(row, []).append(i)
    return near


def _duplicates(
    frame: gpd.GeoDataFrame, geoms: np.ndarray, gz: Gazetteer, column: str
) -> Finding | None:
    """Rows named exactly like a gazetteer place, or similarly and within ``DUPLICATE_M``."""
    places = gz.places
    keys = _place_keys(
        tuple(
            (pid, name, tuple(aliases), name_en)
            for pid, name, aliases, name_en in zip(
                places["place_id"],
                places["name_zh"],
                places["aliases"],
                places["name_en"],
                strict=True,
            )
        )
    )
    by_name: dict[str, list[str]] = {}
    for pid, name in zip(places["place_id"], places["name_zh"], strict=True):
        by_name.setdefault(normalize(name), []).append(pid)
    place_ids = places["place_id"].to_numpy()
    points = np.asarray(places.geometry.values, dtype=object)
    near = _near_places(geoms, points)
    pairs: list[tuple[int, str]] = []
    for row, value in enumerate(frame[column]):
        text = "" if value is None or pd.isna(value) else str(value)
        norm = normalize(text)
        if len(norm) < 2:
            continue
        hits = list(by_name.get(norm, []))
        if row in near:
            user = _name_keys([text])
            for i in near[row]:
                pid = place_ids[i]
                if pid in hits or not _similar(user, keys[pid]):
                    continue
                close, _ = shapely.shortest_line(geoms[row], points[i]).coords
                if distance_m(close[0], close[1], points[i].x, points[i].y) <= DUPLICATE_M:
                    hits.append(pid)
        pairs += [(row, pid) for pid in hits]
    if not pairs:
        return None
    names = dict(zip(places["place_id"], places["name_zh"], strict=True))
    shown = "; ".join(f"{row + 1}: {names[pid]}" for row, pid in pairs[:_PLACES_SHOWN])
    shown += " …" if len(pairs) > _PLACES_SHOWN else ""
    rows = tuple(sorted({row for row, _ in pairs}))
    return Finding("duplicate", "info", rows, {"places": shown, "pairs": tuple(pairs)})


CHECK_CODES = frozenset(
    {"out_of_range", "swapped", "gcj02_suspected", "outside_region", "duplicate"}
)
"""Finding codes :func:`check_frame` gives: redone whenever the coordinates change."""


def check_frame(
    frame: gpd.GeoDataFrame, gz: Gazetteer, name_column: str | None = None
) -> list[Finding]:
    """Check coordinates and names of a user's layer.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The layer in EPSG:4326; geometries may be missing, empty or invalid.
    gz : Gazetteer
        Known places, areas and (through ``geo.anchors``) GeoNames seats.
    name_column : str, optional
        Column with place names for the duplicate check; guessed by
        :func:`geo.upload.locate.name_column` when not given (no duplicate check if none is
        found).

    Returns
    -------
    list of Finding
        ``out_of_range`` (outside valid degrees or China), ``swapped`` (lat/lon exchanged),
        ``outside_region`` (outside the GBA and Qingyuan), ``gcj02_suspected`` and
        ``duplicate`` (probable duplicates of gazetteer places).
    """
    geoms = _geometries(frame)
    present = _present(geoms)
    bounds = shapely.bounds(geoms)
    in_china = present & _inside(bounds, CHINA_BOX)
    swapped = present & ~in_china & _inside(bounds[:, [1, 0, 3, 2]], CHINA_BOX)
    out_of_range = present & ~in_china & ~swapped
    region = region_polygon()
    shapely.prepare(region)
    outside = in_china.copy()
    outside[in_china] = ~shapely.dwithin(region, geoms[in_china], NEAR_REGION_DEG)
    findings = [
        Finding(code, severity, _rows(mask))
        for code, severity, mask in (
            ("out_of_range", "error", out_of_range),
            ("swapped", "warning", swapped),
            ("outside_region", "warning", outside),
        )
        if mask.any()
    ]
    is_point = in_china & (shapely.get_type_id(geoms) == 0)
    gcj = _gcj02_finding(shapely.get_coordinates(geoms[is_point]), np.flatnonzero(is_point), gz)
    column = locate.name_column(list(frame.columns), name_column)
    duplicate = _duplicates(frame, geoms, gz, column) if column in frame.columns else None
    return findings + [f for f in (gcj, duplicate) if f is not None]
