"""Output coordinate systems: real datums through pyproj, GCJ-02 through its formula."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

GCJ02 = "GCJ-02"
GCJ02_WKT = (
    'GEOGCRS["GCJ-02 (obfuscated WGS 84 used by AMap/Gaode; not an EPSG datum)",'
    'DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],'
    'CS[ellipsoidal,2],AXIS["longitude",east],AXIS["latitude",north],'
    'ANGLEUNIT["degree",0.0174532925199433]]'
)
"""How GCJ-02 files describe their CRS: WGS 84 geometry, named for what it is."""


@dataclass(frozen=True)
class OutputCrs:
    """A coordinate system the export offers."""

    code: str
    title: str
    lon_range: tuple[float, float] | None = None  # where a projected zone is valid
    geographic: bool = True


CRSS: dict[str, OutputCrs] = {
    "EPSG:4326": OutputCrs("EPSG:4326", "WGS 84 (lon/lat)"),
    "EPSG:4490": OutputCrs("EPSG:4490", "CGCS2000 (lon/lat)"),
    "EPSG:4547": OutputCrs(
        "EPSG:4547", "CGCS2000 / 3-degree Gauss-Kruger CM 114E", (112.5, 115.5), geographic=False
    ),
    "EPSG:4546": OutputCrs(
        "EPSG:4546", "CGCS2000 / 3-degree Gauss-Kruger CM 111E", (109.5, 112.5), geographic=False
    ),
    "EPSG:3857": OutputCrs("EPSG:3857", "WGS 84 / Pseudo-Mercator (web maps)", geographic=False),
    GCJ02: OutputCrs(GCJ02, "GCJ-02 (AMap/Gaode; obfuscated, for AMap users only)"),
}
"""Every output CRS, by code."""


def _gcj(geoms, forward: bool):
    convert = wgs84_to_gcj02 if forward else gcj02_to_wgs84

    def transform(coords):
        lon, lat = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geoms, transform)


def to_output_crs(gdf: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """Reproject a WGS84 layer to ``code``; GCJ-02 frames carry :data:`GCJ02_WKT`, so files
    name their CRS for what it is."""
    if code == GCJ02:
        out = gdf.copy()
        out["geometry"] = _gcj(gdf.geometry.values, forward=True)
        return out.set_crs(GCJ02_WKT, allow_override=True)
    return gdf.to_crs(code)


def from_output_crs(gdf: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """Inverse of :func:`to_output_crs`, back to WGS84 (used to check round trips)."""
    if code == GCJ02:
        out = gdf.copy()
        out["geometry"] = _gcj(gdf.geometry.values, forward=False)
        return out.set_crs("EPSG:4326", allow_override=True)
    return gdf.to_crs("EPSG:4326")


def zone_warning(gdf: gpd.GeoDataFrame, code: str) -> str | None:
    """A warning when features lie outside the longitude band of a Gauss-Kruger zone,
    naming the zone that fits them; ``None`` when all is well."""
    band = CRSS[code].lon_range
    if band is None or gdf.empty:
        return None
    xs = shapely.get_coordinates(gdf.geometry.values)[:, 0]
    outside = int(((xs < band[0]) | (xs > band[1])).sum())
    if not outside:
        return None
    better = [
        c
        for c, crs in CRSS.items()
        if crs.lon_range
        and c != code
        and crs.lon_range[0] <= xs.min()
        and xs.max() <= crs.lon_range[1]
    ]
    hint = f"; use {better[0]}" if better else "; EPSG:4546 (CM 111E) covers 109.5–112.5°E"
    return (
        f"{outside} vertices lie outside {code}'s zone ({band[0]}–{band[1]}°E), where its "
        f"distortion grows{hint}"
    )
