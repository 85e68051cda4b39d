"""Uploaded layers as the map, legend, search and print draw them: one model from the
reader to the page, one rule for the name column, rows without geometry kept but not drawn,
text left raw for textContent, escaped in the legend, shifted with the basemap's datum,
labelled and drawn in prints, a layer that cannot be drawn isolated, removed files
forgotten."""

from __future__ import annotations

import gc
import weakref
from html import escape

import geopandas as gpd
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import GeometryCollection, LineString, Point, Polygon

from geo.gcj02 import wgs84_to_gcj02
from geo.search import search_texts
from geo.upload import locate
from geo.upload.layer import UserLayer, load_user_file
from layers.compose import legend_markup, overlays, standalone_html
from layers.datum import SHIFTS
from layers.legend import legend_html
from layers.printing.render import PrintOptions, render_print
from layers.user import user_features, user_points
from ui.upload_panel import UploadStore
from viewmodel.scene import scene
from viewmodel.view import FeatureRef, View

XSS = "<img src=x onerror=alert(1)>"


def layer(
    rows: list[dict], geometries: list, key: str = "u1", name: str = "企业名单", **fields
) -> UserLayer:
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    names = locate.name_column(list(frame.columns))
    return UserLayer(name, "csv", frame, "EPSG:4326", [], None, names, key, "#d81b60", **fields)


def test_one_rule_names_the_rows_for_geocoding_duplicates_and_labels(gz):
    assert locate.name_column(["code", "名称", "地址"]) == "名称"
    assert locate.name_column(["code", "地址"]) is None
    assert locate.geocode_column(["code", "地址"]) == "地址"
    assert locate.name_column(["code", "名称"], declared="code") == "code"
    csv = "编号,名称,地址\n1,江门中微子实验室,江门市开平市金鸡镇\n2,某企业,江门市蓬江区\n".encode()
    read = load_user_file(csv, "list.csv", gz)
    assert read.name_column == "名称" == read.label_column
    assert read.labels == ("江门中微子实验室", "某企业")
    geocoded = next(f for f in read.findings if f.code == "geocoded")
    assert geocoded.params["column"] == "名称"
    assert any(f.code == "duplicate" for f in read.findings)  # the same column, checked


def test_labels_fall_back_to_the_first_text_column_then_the_layer_name():
    unnamed = layer([{"n": 1, "remark": "x"}], [Point(113, 22)])
    assert unnamed.name_column is None and unnamed.label_column == "remark"
    numbers = layer([{"n": 1}], [Point(113, 22)])
    assert numbers.label_column is None and numbers.labels == ("企业名单 #1",)


def test_points_keep_raw_text_skip_missing_geometry_and_name_blank_rows():
    points = layer(
        [{"name": XSS}, {"name": "无坐标"}, {"name": ""}],
        [Point(113.123456789, 22.5), None, Point(113.2, 22.6)],
    )
    data = user_points(points, labels=True, selected=2)
    assert data["kind"] == "user" and data["id"] == ["u1:0", "u1:2"]
    assert data["t"] == [XSS, "企业名单 #3"] == data["n"]  # the script inserts it as text
    assert data["h"] == [1]
    assert (data["x"][0], data["y"][0]) == (11312346, 2250000)  # 1e-5 degree integers
    assert user_points(points, labels=False)["n"] == []
    assert user_features(points, labels=True)["features"] == []  # points are not shapes


def test_template_syntax_in_names_reaches_the_page_as_text(gz):
    name = "{{ 7*7 }} {% if 1 %}x{% endif %} feature_group_1"
    mixed = layer(
        [{"name": name}, {"name": name}],
        [Point(113.1, 22.6), LineString([(113.0, 22.0), (113.2, 22.3)])],
    )
    page = standalone_html(scene(gz, (mixed,), View(labels="zh"))).decode()
    encoded = name.replace("_", "\\u005f")
    assert page.count(encoded) == 4  # tooltip and label of the point and of the line
    assert "49 x" not in page


def test_lines_and_areas_are_shifted_like_points_on_gcj02_tiles():
    ring = [(113.0, 22.0), (113.1, 22.0), (113.1, 22.1), (113.0, 22.0)]
    shapes = layer(
        [{"name": "a"}, {"name": "b"}],
        [Polygon(ring), LineString([(113.0, 22.0), (113.2, 22.3)])],
    )
    features = user_features(shapes, False, shift=SHIFTS["GCJ-02"])["features"]
    assert [f["properties"]["ref"] for f in features] == ["user:u1:0", "user:u1:1"]
    lon, lat = wgs84_to_gcj02(113.1, 22.1)
    assert features[0]["geometry"]["type"] == "Polygon"
    assert features[0]["geometry"]["coordinates"][0][2] == [
        round(float(lon), 6),
        round(float(lat), 6),
    ]
    lon, lat = wgs84_to_gcj02(113.2, 22.3)
    assert features[1]["geometry"]["coordinates"][1] == [round(float(lon), 6), round(float(lat), 6)]


def test_legend_rows_follow_geometry_and_escape_the_layer_name(gz):
    points = layer([{"name": "a"}], [Point(113, 22)], name=XSS)
    lines = layer([{"name": "a"}], [LineString([(113, 22), (114, 23)])], key="u2")
    drawn = scene(gz, (points, lines), View())
    mine = next(g for g in drawn.legend if g.title == "我的数据")
    assert [(e.symbol, e.unit) for e in mine.entries] == [
        ("circle", "user:u1"),
        ("line", "user:u2"),
    ]
    html = legend_html(drawn.legend)
    assert XSS not in html and escape(XSS) in html


def test_collections_at_any_depth_are_drawn():
    nested = GeometryCollection(
        [
            GeometryCollection([GeometryCollection([Point(113.1, 22.6)])]),
            LineString([(113, 22), (113.2, 22.3)]),
        ]
    )
    drawn = user_features(layer([{"name": "嵌套"}], [nested]), labels=False)
    geometry = drawn["features"][0]["geometry"]
    assert geometry["type"] == "GeometryCollection"
    inner = geometry["geometries"][0]["geometries"][0]["geometries"][0]
    assert inner == {"type": "Point", "coordinates": [113.1, 22.6]}
    assert geometry["geometries"][1]["coordinates"] == [[113.0, 22.0], [113.2, 22.3]]


def test_a_layer_that_cannot_be_drawn_is_isolated_and_says_so_in_its_legend_row(gz, monkeypatch):
    import layers.compose as compose

    def draw(scene_, unit, shift):
        if unit.key == "user:u1":
            raise ValueError("no drawing today")
        return compose.draw_user(scene_, unit, shift)

    monkeypatch.setitem(compose.OVERLAY_DRAWERS, "user", draw)
    broken = layer([{"name": "坏"}], [Point(113.1, 22.6)], name="broken")
    fine = layer([{"name": "好"}], [Point(113.3, 22.5)], key="u2", name="fine")
    drawn_scene = scene(gz, (broken, fine), View(lang="en"))
    drawn = overlays(drawn_scene)
    assert drawn.errors == {"user:u1": "ValueError: no drawing today"}
    groups = {g.layer_name: g for g in drawn.groups}
    assert not groups["user:u1"]._children and groups["user:u2"]._children
    assert groups["places"]._children  # the plans' layers are drawn
    legend = legend_markup(drawn_scene, drawn.errors)
    assert "broken<span class='gba-legend-error'>could not be drawn: ValueError" in legend


def test_search_texts_ranks_exact_then_prefix_then_substring_and_matches_pinyin():
    texts = ["中山翠亨新区管委会", "翠亨", "翠亨新区", "开平"]
    assert search_texts(texts, "翠亨") == [1, 2, 0]
    assert search_texts(texts, "kaiping") == [3]
    assert search_texts(texts, "   ") == []


def test_print_draws_labels_and_legend_for_uploaded_layers(gz, tmp_path):
    points = layer(
        [{"name": "上传测试企业"}, {"name": "$x$ 园区"}],
        [Point(113.08, 22.58), Point(113.39, 22.52)],
    )
    view = View(labels="zh", title="上传图层", selected=FeatureRef("u1", 0))
    printed = render_print(
        scene(gz, (points,), view), PrintOptions(date="2026-11-29"), tmp_path / "map.pdf"
    )
    assert printed.user_points == 2
    text = PdfReader(tmp_path / "map.pdf").pages[0].extract_text()
    assert "上传测试企业" in text and "企业名单" in text and "我的数据" in text
    assert "$x$ 园区" in text  # drawn literally, not as mathtext
    png = render_print(
        scene(gz, (points,), View()), PrintOptions(size="1920x1080", scale=1), tmp_path / "m.png"
    )
    with Image.open(tmp_path / "m.png") as image:
        assert image.size == (png.width_px, png.height_px)


def test_files_taken_out_of_the_uploader_are_forgotten(gz):
    store, reads = UploadStore(), []

    def read(ident):
        reads.append(ident)
        return layer([{"name": ident[1]}] * 1000, [Point(113.1, 22.6)] * 1000)

    first, second = ("id1", "a.csv", ()), ("id2", "b.csv", ())
    store.sync([first, second], read)
    assert [(u.key, u.name) for u in store.current()] == [("u1", "企业名单"), ("u2", "企业名单")]
    assert store.current()[0].color != store.current()[1].color
    gone = weakref.ref(store.current()[0].frame)
    store.sync([second], read)
    gc.collect()
    assert gone() is None  # the frame of the removed file is freed
    assert [u.key for u in store.current()] == ["u2"] and len(store.layers) == 1
    store.sync([second, ("id3", "c.csv", ())], read)
    assert reads == [first, second, ("id3", "c.csv", ())]  # files in the uploader read once
    assert [u.key for u in store.current()] == ["u2", "u3"]
