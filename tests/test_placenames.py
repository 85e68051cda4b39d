"""Every name of the basemap (geo/placenames.py), checked one by one in the manner of
xyzservices' provider tests: inside the region, on land (or on water for seas), both names,
a valid level and zoom, a stated source; and the names a planner looks for are there."""

from __future__ import annotations

import re

import pytest
import shapely
from shapely.geometry import Point

from geo import boundaries
from geo.placenames import LEVELS, REGION_BOUNDS, english_short, label, names_at, placenames

HAN = re.compile(r"[\u4e00-\u9fff]")
NAMES = placenames()
COAST_TOLERANCE = 0.02
"""Degrees (≈ 2 km) a seat may lie off the outline (a GeoNames point on a reclaimed shore)."""


def _id(name) -> str:
    return f"{name.level}-{name.name_en}"


@pytest.fixture(scope="module")
def land():
    outline = boundaries.region_outline().buffer(COAST_TOLERANCE)
    shapely.prepare(outline)
    return outline


@pytest.fixture(scope="module")
def any_land():
    outline = shapely.union_all(boundaries.simplified("land", 0.003).geometry.values)
    shapely.prepare(outline)
    return outline


@pytest.mark.parametrize("name", NAMES, ids=_id)
def test_entry_is_complete_and_in_region(name, land, any_land):
    west, south, east, north = REGION_BOUNDS
    assert west <= name.lon <= east and south <= name.lat <= north
    assert name.level in LEVELS
    assert HAN.search(name.name_zh) and not HAN.search(name.name_en)
    assert name.name_en.strip() == name.name_en and name.name_en
    assert 0 <= name.min_zoom <= 18
    assert name.source
    point = Point(name.lon, name.lat)
    if name.level == "water":
        assert not any_land.covers(point), f"{name.name_zh} is on land"
    else:
        assert land.covers(point), f"{name.name_zh} is outside Guangdong, Hong Kong and Macau"


def test_priority_order_and_no_duplicates():
    levels = [LEVELS.index(n.level) for n in NAMES]
    assert levels == sorted(levels)
    keys = [(n.name_zh, n.level, round(n.lon, 2), round(n.lat, 2)) for n in NAMES]
    assert len(keys) == len(set(keys))


def test_the_cities_a_planner_looks_for_are_named_at_regional_zoom():
    cities = {n.name_zh: n for n in names_at(8, ("city",))}
    # seats typed from GeoNames (广州 1809858 23.11667 N 113.25 E; 香港 1819729)
    assert abs(cities["广州"].lat - 23.11667) < 0.01 and abs(cities["广州"].lon - 113.25) < 0.01
    assert abs(cities["香港"].lat - 22.27832) < 0.01
    for zh, en in [
        ("深圳", "Shenzhen"),
        ("中山", "Zhongshan"),
        ("江门", "Jiangmen"),
        ("清远", "Qingyuan"),
        ("澳门", "Macau"),
        ("香港", "Hong Kong"),
    ]:
        assert label(cities[zh], "en") == en and label(cities[zh], "zh") == zh


def test_tiers_by_zoom():
    assert not names_at(8, ("town",)) and not names_at(8, ("county",))
    towns = {n.name_zh for n in names_at(11, ("town",))}
    assert {"水口镇", "板芙", "南朗镇", "荃湾"} <= towns
    counties = {n.name_zh: n for n in names_at(9.5, ("county",))}
    assert counties["台山市"].name_en == "Taishan" and "香洲区" in counties
    assert {"南海", "伶仃洋"} <= {n.name_zh for n in names_at(9, ("water",))}


def test_english_short():
    assert english_short("Liwan District") == "Liwan"
    assert english_short("Hong Kong SAR") == "Hong Kong"
    assert english_short("Lianshan Autonomous County") == "Lianshan"
    assert english_short("City") == "City"
