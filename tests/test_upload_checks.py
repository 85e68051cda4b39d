"""Checks of users' layers, their fixes, and the bilingual finding messages."""

from __future__ import annotations

import string

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, Point, Polygon

from geo.gcj02 import wgs84_to_gcj02
from geo.upload.checks import (
    check_frame,
    gcj02_to_wgs84_frame,
    repair_geometries,
    swap_lon_lat,
)
from geo.upload.findings import MESSAGES, Finding

ZHONGSHAN = (113.3926, 22.5176)  # 中山 city centre
QINGYUAN = (113.0560, 23.6818)  # 清远 city centre
BEIJING = (116.4074, 39.9042)
SHAOGUAN = (113.5972, 24.8104)  # Guangdong, but outside the GBA and Qingyuan


def layer(geoms, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=list(geoms), crs="EPSG:4326")


def points(lonlat) -> list[Point]:
    return [Point(x, y) for x, y in lonlat]


def codes(findings) -> dict[str, Finding]:
    return {f.code: f for f in findings}


@pytest.fixture(scope="module")
def region_places(gz):
    """Gazetteer points (distinct) in the region: real WGS84 coordinates."""
    p = gz.places
    inside = p[p["lon"].between(111.3, 114.7) & p["lat"].between(21.4, 24.9)]
    return inside.drop_duplicates(["lon", "lat"])[["lon", "lat"]].to_numpy()


# ---- messages ----------------------------------------------------------------------------


def test_every_message_has_zh_and_en_with_the_same_fields():
    fields = string.Formatter()
    for code, text in MESSAGES.items():
        zh, en = text.zh, text.en
        # a field may come in a zh and an en version: source_zh / source_en
        names_zh = {f.removesuffix("_zh") for _, f, _, _ in fields.parse(zh) if f}
        names_en = {f.removesuffix("_en") for _, f, _, _ in fields.parse(en) if f}
        assert names_zh == names_en, code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code
        assert en[0].isascii() and en[0].isalpha(), code  # an English sentence
    assert list(MESSAGES) == sorted(MESSAGES)


def test_message_counts_rows_from_one_and_shortens_user_text():
    finding = Finding("not_found", "warning", (0, 4, 5, 6, 7, 8), {"name": "x\n" + "长" * 200})
    zh, en = finding.message("zh"), finding.message("en")
    assert zh.startswith("第 1, 5, 6, 7, 8 … 行")
    assert "Row(s) 1, 5, 6, 7, 8 …" in en
    assert "\n" not in en and len(en) < 400


def test_unknown_code_or_severity_is_refused():
    with pytest.raises(ValueError):
        Finding("no_such_code", "warning")
    with pytest.raises(ValueError):
        Finding("swapped", "fatal")


# ---- range and swap ------------------------------------------------------------------------


def test_out_of_range_rows(gz):
    frame = layer(
        points([ZHONGSHAN, (200.0, 23.0), (113.0, -95.0), (0.0, 0.0), (float("nan"), 1.0)])
    )
    found = codes(check_frame(frame, gz))
    assert found["out_of_range"].rows == (1, 2, 3, 4)
    assert found["out_of_range"].severity == "error"
    assert "swapped" not in found


def test_swapped_rows_are_found_and_fixed(gz):
    frame = layer(
        [
            Point(ZHONGSHAN),
            Point(QINGYUAN[1], QINGYUAN[0]),
            LineString([(22.5, 113.3), (22.6, 113.4)]),
        ],
        code=["007", "008", "009"],
    )
    found = codes(check_frame(frame, gz))
    assert found["swapped"].rows == (1, 2)
    assert "out_of_range" not in found
    fixed = swap_lon_lat(frame, rows=found["swapped"].rows)
    assert fixed.geometry.iloc[0].equals(Point(ZHONGSHAN))  # untouched
    assert fixed.geometry.iloc[1].equals(Point(QINGYUAN))
    assert list(fixed.geometry.iloc[2].coords) == [(113.3, 22.5), (113.4, 22.6)]
    assert list(fixed["code"]) == ["007", "008", "009"]
    assert fixed.crs == frame.crs
    assert "swapped" not in codes(check_frame(fixed, gz))


# ---- region ----------------------------------------------------------------------------------


def test_points_outside_the_region(gz):
    frame = layer(points([ZHONGSHAN, QINGYUAN, BEIJING, SHAOGUAN]))
    assert codes(check_frame(frame, gz))["outside_region"].rows == (2, 3)


# ---- GCJ-02 -------------------------------------------------------------------------------------


def test_offset_of_gcj02_here_is_east_and_south():
    lon, lat = wgs84_to_gcj02(113.0, 23.0)
    assert 0.004 < lon - 113.0 < 0.006
    assert -0.004 < lat - 23.0 < -0.002


def test_real_points_in_wgs84_are_not_gcj02(gz, region_places):
    frame = layer(points(region_places))
    assert "gcj02_suspected" not in codes(check_frame(frame, gz))


def test_real_points_shifted_to_gcj02_are_flagged_and_converted_back(gz, region_places):
    assert len(region_places) >= 20
    lon, lat = wgs84_to_gcj02(region_places[:, 0], region_places[:, 1])
    shifted = layer(points(zip(lon, lat, strict=True)))
    finding = codes(check_frame(shifted, gz))["gcj02_suspected"]
    assert len(finding.rows) >= 0.9 * len(region_places)
    assert 400 <= finding.params["offset_m"] <= 800
    back = gcj02_to_wgs84_frame(shifted)
    assert np.allclose(shapely.get_coordinates(back.geometry.values), region_places, atol=1e-9)
    assert "gcj02_suspected" not in codes(check_frame(back, gz))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_points_are_not_gcj02(gz, seed):
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(112.3, 114.4, 400), rng.uniform(21.9, 24.2, 400)
    assert "gcj02_suspected" not in codes(
        check_frame(layer(points(zip(lon, lat, strict=True))), gz)
    )


def test_gcj02_conversion_of_lines_polygons_and_z():
    ring = [(113.0, 23.0), (113.1, 23.0), (113.1, 23.1), (113.0, 23.0)]
    frame = layer([LineString(ring[:3]), Polygon(ring), Point(113.2, 23.2, 42.0), None])
    out = gcj02_to_wgs84_frame(frame)
    for before, after in zip(frame.geometry.iloc[:3], out.geometry.iloc[:3], strict=True):
        xy = shapely.get_coordinates(after)
        forward = np.column_stack(wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
        assert np.allclose(forward, shapely.get_coordinates(before), atol=1e-9)
        assert after.geom_type == before.geom_type
    assert out.geometry.iloc[2].has_z and out.geometry.iloc[2].z == 42.0
    assert out.geometry.iloc[3] is None


# ---- invalid, missing and empty geometries ---------------------------------------------------


def test_bow_tie_is_repaired_and_counted():
    x, y = ZHONGSHAN
    bow_tie = Polygon([(x, y), (x + 0.02, y + 0.02), (x + 0.02, y), (x, y + 0.02), (x, y)])
    square = Polygon([(x, y), (x + 0.01, y), (x + 0.01, y + 0.01), (x, y + 0.01)])
    assert not bow_tie.is_valid
    frame = layer([square, bow_tie, None], name=["a", "b", "c"])
    fixed, finding = repair_geometries(frame)
    assert finding is not None and finding.code == "repaired" and finding.rows == (1,)
    repaired = fixed.geometry.iloc[1]
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"
    assert repaired.area == pytest.approx(2 * 0.5 * 0.02 * 0.01)  # two triangles
    assert fixed.geometry.iloc[0].equals(square) and fixed.geometry.iloc[2] is None
    assert list(fixed["name"]) == ["a", "b", "c"]
    assert repair_geometries(fixed)[1] is None


def test_missing_and_empty_geometries_never_crash(gz):
    geoms = [None, Point(), Polygon(), GeometryCollection(), Point(ZHONGSHAN)]
    frame = layer(geoms, name=["江门翠山湖高新技术产业开发区", None, "", "x", "中山"])
    findings = check_frame(frame, gz)
    for finding in findings:
        assert finding.code == "duplicate" or not set(finding.rows) & {0, 1, 2, 3}
    assert repair_geometries(frame)[1] is None
    for fix in (swap_lon_lat, gcj02_to_wgs84_frame):
        out = fix(frame)
        assert out.geometry.iloc[0] is None and out.geometry.iloc[1].is_empty
    assert check_frame(layer([]), gz) == []


# ---- duplicates ---------------------------------------------------------------------------------


def test_duplicates_of_gazetteer_places(gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    near = Point(place.lon + 0.005, place.lat)  # ≈ 500 m east
    far = Point(place.lon + 0.5, place.lat)  # ≈ 50 km east
    frame = layer(
        [near, far, None, near, near],
        名称=[
            "翠山湖",
            "翠山湖",
            "江门翠山湖高新技术产业开发区",
            "某某科技有限公司",
            "翠山湖高新区",
        ],
    )
    finding = codes(check_frame(frame, gz))["duplicate"]
    assert finding.rows == (0, 2, 4)
    assert finding.severity == "info"
    assert {pid for row, pid in finding.params["pairs"] if row == 0} == {"cuishanhu_hitech_zone"}
    assert place["name_zh"] in finding.message("en")  # named as planners know it


def test_duplicates_use_the_named_column(gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    frame = layer([Point(place.lon, place.lat)], label=["翠山湖"], other=["无关"])
    assert "duplicate" not in codes(check_frame(frame, gz))
    assert codes(check_frame(frame, gz, name_column="label"))["duplicate"].rows == (0,)
