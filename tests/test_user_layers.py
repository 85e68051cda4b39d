"""Uploaded layers as the map, legend, search and print draw them: rows without geometry
kept but not drawn, text left raw for textContent, escaped in the legend, shifted with the
basemap's datum, labelled and drawn in prints."""

from __future__ import annotations

from html import escape

import geopandas as gpd
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import LineString, Point, Polygon

from geo.gcj02 import wgs84_to_gcj02
from geo.search import search_texts
from layers.datum import SHIFTS
from layers.legend import legend_html
from layers.static_print import PrintSpec, render_print
from layers.user import (
    UserLayerView,
    label_column,
    user_features,
    user_legend_entries,
    user_points,
)

XSS = "<img src=x onerror=alert(1)>"


def view(
    rows: list[dict], geometries: list, key: str = "u1", title: str = "企业名单"
) -> UserLayerView:
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    return UserLayerView(key, title, frame, "#d81b60", "circle")


def test_label_column_prefers_a_name_column_then_the_first_text_column():
    named = gpd.GeoDataFrame({"code": ["a"], "名称": ["甲"]}, geometry=[Point(113, 22)])
    assert label_column(named) == "名称"
    unnamed = gpd.GeoDataFrame({"n": [1], "remark": ["x"]}, geometry=[Point(113, 22)])
    assert label_column(unnamed) == "remark"
    numbers = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(113, 22)])
    assert label_column(numbers) is None


def test_points_keep_raw_text_skip_missing_geometry_and_name_blank_rows():
    layer = view(
        [{"name": XSS}, {"name": "无坐标"}, {"name": ""}],
        [Point(113.123456789, 22.5), None, Point(113.2, 22.6)],
    )
    data = user_points(layer, labels=True, selected="u1:2")
    assert data["key"] == "u" and data["id"] == ["u1:0", "u1:2"]
    assert data["t"] == [XSS, "企业名单 #3"] == data["n"]  # the script inserts it as text
    assert data["h"] == [1]
    assert (data["x"][0], data["y"][0]) == (11312346, 2250000)  # 1e-5 degree integers
    assert user_points(layer, labels=False)["n"] == []
    assert user_features(layer, labels=True)["features"] == []  # points are not shapes


def test_template_syntax_in_names_reaches_the_page_as_text(gz):
    from layers.basemaps import BY_ID, DEFAULT_BASEMAP
    from layers.compose import MapView, standalone_html

    name = "{{ 7*7 }} {% if 1 %}x{% endif %} feature_group_1"
    layer = view(
        [{"name": name}, {"name": name}],
        [Point(113.1, 22.6), LineString([(113.0, 22.0), (113.2, 22.3)])],
    )
    page = standalone_html(
        gz, MapView(BY_ID[DEFAULT_BASEMAP], labels="zh", user_layers=(layer,)), ("t", "s")
    ).decode()
    encoded = name.replace("_", "\\u005f")
    assert page.count(encoded) == 4  # tooltip and label of the point and of the line
    assert "49 x" not in page


def test_lines_and_areas_are_shifted_like_points_on_gcj02_tiles():
    ring = [(113.0, 22.0), (113.1, 22.0), (113.1, 22.1), (113.0, 22.0)]
    layer = view(
        [{"name": "a"}, {"name": "b"}],
        [Polygon(ring), LineString([(113.0, 22.0), (113.2, 22.3)])],
    )
    features = user_features(layer, False, shift=SHIFTS["GCJ-02"])["features"]
    lon, lat = wgs84_to_gcj02(113.1, 22.1)
    assert features[0]["geometry"]["type"] == "Polygon"
    assert features[0]["geometry"]["coordinates"][0][2] == [
        round(float(lon), 6),
        round(float(lat), 6),
    ]
    lon, lat = wgs84_to_gcj02(113.2, 22.3)
    assert features[1]["geometry"]["coordinates"][1] == [round(float(lon), 6), round(float(lat), 6)]


def test_legend_rows_follow_geometry_and_escape_the_layer_name():
    points = view([{"name": "a"}], [Point(113, 22)], title=XSS)
    lines = view([{"name": "a"}], [LineString([(113, 22), (114, 23)])], key="u2")
    entries = user_legend_entries([points, lines])
    assert [e.symbol for e in entries] == ["circle", "line"]
    html = legend_html([("我的数据", entries)], [])
    assert XSS not in html and escape(XSS) in html


def test_search_texts_ranks_exact_then_prefix_then_substring_and_matches_pinyin():
    texts = ["中山翠亨新区管委会", "翠亨", "翠亨新区", "开平"]
    assert search_texts(texts, "翠亨") == [1, 2, 0]
    assert search_texts(texts, "kaiping") == [3]
    assert search_texts(texts, "   ") == []


def test_print_draws_labels_and_legend_for_uploaded_layers(gz, tmp_path):
    layer = view(
        [{"name": "上传测试企业"}, {"name": "$x$ 园区"}],
        [Point(113.08, 22.58), Point(113.39, 22.52)],
    )
    spec = PrintSpec(date="2026-11-29", user_layers=[layer], title="上传图层")
    result = render_print(gz, spec, tmp_path / "map.pdf")
    assert result["user_points"] == 2
    text = PdfReader(tmp_path / "map.pdf").pages[0].extract_text()
    assert "上传测试企业" in text and "企业名单" in text and "我的数据" in text
    assert "$x$ 园区" in text  # drawn literally, not as mathtext
    png = render_print(
        gz, PrintSpec(size="1920x1080", scale=1, user_layers=[layer]), tmp_path / "m.png"
    )
    with Image.open(tmp_path / "m.png") as image:
        assert image.size == (png["width_px"], png["height_px"])
