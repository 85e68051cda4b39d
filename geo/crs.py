"""Output coordinate systems: real datums through pyproj, GCJ-02 through its formula."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

GCJ02 = "GCJ-02"
GCJ02_WKT = (
    'GEOGCRS["GCJ-02 (AMap/Gaode obfuscated lon/lat; not WGS 84, not EPSG:4326)",'
    'DATUM["GCJ-02 (WGS 84 shifted by the GCJ-02 obfuscation formula)",'
    'ELLIPSOID["WGS 84",6378137,298.257223563]],'
    'CS[ellipsoidal,2],AXIS["longitude",east],AXIS["latitude",north],'
    'ANGLEUNIT["degree",0.0174532925199433]]'
)
"""How GCJ-02 files describe their CRS: named for what it is, on a datum of its own so that
no client matches it to EPSG:4326 (PROJ finds no EPSG entry at any confidence) and overlays
it on WGS84 data as if it were the same."""

GCJ02_DESCRIPTION = (
    "GCJ-02 (火星坐标): WGS 84 longitude/latitude shifted by the published GCJ-02 "
    "obfuscation formula, as used by AMap/Gaode. Not a geodetic datum and not EPSG:4326: "
    "on WGS 84 basemaps or data it lies about 0.3-0.7 km off. Use on AMap basemaps only."
)
"""What a GCJ-02 file says about its CRS, wherever a client shows a CRS description."""


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


def labelled_layer(name: str, crs: str) -> str:
    """Name of a layer inside a file: ``places_gcj02`` in GCJ-02 (unless the name says so
    already), else ``name``."""
    return f"{name}_gcj02" if crs == GCJ02 and "gcj" not in name.lower() else name


def from_output_crs(gdf: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """Inverse of :func:`to_output_crs`, back to WGS84 (used to check round trips)."""
    if code == GCJ02:
        out = gdf.copy()
        out["geometry"] = _gcj(gdf.geometry.values, forward=False)
        return out.set_crs("EPSG:4326", allow_override=True)
    return gdf.to_crs("EPSG:4326")


def zone_warning(gdf: gpd.GeoDataFrame, code: str) -> str | None:
    """A warning when features lie outside the longitude band of a Gauss-Kruger zone,
    naming another zone that holds them all, or the zones that hold the vertices outside;
    ``None`` when all is well."""
    band = CRSS[code].lon_range
    if band is None or gdf.empty:
        return None
    xs = shapely.get_coordinates(gdf.geometry.values)[:, 0]
    outside = (xs < band[0]) | (xs > band[1])
    if not outside.any():
        return None
    zones = {c: z.lon_range for c, z in CRSS.items() if z.lon_range and c != code}
    fits_all = [c for c, (west, east) in zones.items() if west <= xs.min() and xs.max() <= east]
    if fits_all:
        hint = f"use {fits_all[0]}, whose zone holds them all"
    else:
        strays = xs[outside]
        holding = [
            f"{c} ({west}–{east}°E)"
            for c, (west, east) in zones.items()
            if ((strays >= west) & (strays <= east)).any()
        ]
        where = f"{', '.join(holding)} holds some of them; " if holding else ""
        hint = f"{where}no single zone holds them all: use EPSG:4490 (CGCS2000 lon/lat)"
    return (
        f"{int(outside.sum())} vertices lie outside {code}'s zone ({band[0]}–{band[1]}°E), "
        f"where its distortion grows; {hint}"
    )
