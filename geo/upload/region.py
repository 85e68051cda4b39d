"""The study region of users' files: the Greater Bay Area (9 cities + Hong Kong + Macau) and
Qingyuan, i.e. every city of the five plans. Polygons come from ``geo.boundaries`` (WGS84).
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import boundaries

REGION_CITY_ADCODES = (
    440100,  # 广州
    440300,  # 深圳
    440400,  # 珠海
    440600,  # 佛山
    440700,  # 江门 (开平, 台山)
    441200,  # 肇庆
    441300,  # 惠州
    441800,  # 清远
    441900,  # 东莞
    442000,  # 中山
    810000,  # 香港
    820000,  # 澳门
)


@lru_cache(maxsize=1)
def region_districts() -> gpd.GeoDataFrame:
    """County-level polygons of the region (中山, 东莞 and the SAR districts included).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adcode``, ``name_zh``, ``city_adcode``, ``city_name``, ``geometry``.
    """
    districts = boundaries.districts()
    return districts[districts["city_adcode"].isin(REGION_CITY_ADCODES)]


@lru_cache(maxsize=1)
def region_polygon() -> BaseGeometry:
    """Union of the region's city polygons (WGS84)."""
    return shapely.union_all(region_districts().geometry.values)
