"""Anchoring places to town, county and city seats."""

import pandas as pd
from shapely.geometry import Point

from geo import boundaries
from geo.anchors import find_seats, strip_suffix
from geo.geocode import anchor_for, area_row


def polygon_of(city, county=""):
    row = area_row(city, county)
    level = "county" if county else "city"
    return boundaries.polygons_for(pd.Series([int(row["adcode"])]), pd.Series([level])).iloc[0]


def test_strip_suffix():
    assert strip_suffix("水口镇") == "水口"
    assert strip_suffix("石岐街道") == "石岐"
    assert strip_suffix("南区") == "南区"  # two characters: the suffix is part of the name


def test_same_town_name_in_two_counties_is_told_apart():
    qingcheng = anchor_for("清远市", "清城区", "石角镇")
    fogang = anchor_for("清远市", "佛冈县", "石角镇")
    assert qingcheng.precision == fogang.precision == "town"
    assert (qingcheng.lon, qingcheng.lat) != (fogang.lon, fogang.lat)
    assert polygon_of("清远市", "清城区").covers(Point(qingcheng.lon, qingcheng.lat))
    assert polygon_of("清远市", "佛冈县").covers(Point(fogang.lon, fogang.lat))


def test_town_seat_is_inside_its_county():
    hit = anchor_for("江门市", "开平市", "水口镇")
    assert hit.precision == "town" and "GeoNames" in hit.source
    assert polygon_of("江门市", "开平市").covers(Point(hit.lon, hit.lat))


def test_unknown_town_falls_back_to_county_not_to_a_namesake_elsewhere():
    hit = anchor_for("江门市", "开平市", "南朗街道")  # a Zhongshan subdistrict
    assert hit.precision == "county"
    assert polygon_of("江门市", "开平市").covers(Point(hit.lon, hit.lat))


def test_city_without_counties():
    hit = anchor_for("中山市")
    assert hit.precision == "city"
    assert polygon_of("中山市").covers(Point(hit.lon, hit.lat))


def test_unknown_city_gives_none():
    assert anchor_for("不存在市") is None


def test_find_seats_within_polygon_filters_namesakes():
    everywhere = find_seats("水口镇")
    in_kaiping = find_seats("水口镇", within=polygon_of("江门市", "开平市"))
    assert len(everywhere) > 1 and len(in_kaiping) == 1
