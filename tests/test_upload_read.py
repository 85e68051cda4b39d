"""Reading users' files: every format, encodings, CRSs, limits, unsafe archives and XML,
and the lossless write-back. Expected values are written out here or come from pyproj /
prcoords directly, never from the reader."""

from __future__ import annotations

import io
import json
import random
import re
import stat
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import prcoords
import pyogrio
import pytest
import shapely
from pyproj import Transformer

from geo.upload.errors import UploadError
from geo.upload.findings import MESSAGES
from geo.upload.layer import load_user_file, write_user_layer
from geo.upload.report import format_report
from geo.upload.safety import Limits
from geo.upload.wkt import to_wkt

JUNO = (112.51867, 22.11827)  # published site coordinates (README)


def codes(layer) -> set[str]:
    return {f.code for f in layer.findings}


def refused(data: bytes, name: str, gz, **kwargs) -> UploadError:
    with pytest.raises(UploadError) as caught:
        load_user_file(data, name, gz, **kwargs)
    error = caught.value
    assert error.message("zh") and error.message("en")
    assert "\n" not in error.message("zh") + error.message("en")
    return error


def same_frame(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> None:
    pd.testing.assert_frame_equal(
        pd.DataFrame(a).drop(columns="geometry"), pd.DataFrame(b).drop(columns="geometry")
    )
    for g, h in zip(a.geometry, b.geometry, strict=True):
        assert (g is None) == (h is None)
        if g is not None:
            assert g.geom_type == h.geom_type
            assert shapely.get_coordinates(g).tobytes() == shapely.get_coordinates(h).tobytes()


def spreadsheet_safe(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` as its CSV export reads back: text a spreadsheet would run as a formula
    (first character = + - @ tab CR, and neither a number nor a lone sign) starts with '
    (OWASP)."""
    out = frame.copy()
    number = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
    for column in out.columns:
        if column != out.geometry.name and out[column].dtype == object:
            values = [
                "'" + v
                if isinstance(v, str)
                and len(v) > 1
                and v[0] in "=+-@\t\r"
                and not number.fullmatch(v)
                else v
                for v in out[column]
            ]
            out[column] = pd.Series(values, index=out.index, dtype=object)
    return out


def round_trips(layer, gz, formats=("geojson", "gpkg", "csv")) -> None:
    for fmt in formats:
        again = load_user_file(write_user_layer(layer, fmt), f"back.{fmt}", gz)
        same_frame(spreadsheet_safe(layer.frame) if fmt == "csv" else layer.frame, again.frame)


def shapefile_zip(tmp_path: Path, frame: gpd.GeoDataFrame, encoding: str, keep_cpg: bool) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    pyogrio.write_dataframe(frame, folder / "sites.shp", encoding=encoding)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(folder.iterdir()):
            if path.suffix == ".cpg" and not keep_cpg:
                continue
            data = path.read_bytes()
            if path.suffix == ".dbf" and not keep_cpg:
                data = data[:29] + b"\x00" + data[30:]  # no language driver id either
            archive.writestr(f"data/{path.name}", data)
    return out.getvalue()


# --- CSV ---------------------------------------------------------------------------------


def test_csv_gbk_keeps_text_verbatim_and_rows_without_coordinates(gz):
    data = "编号,名称,经度,纬度\n007,翠山湖,112.68,22.38\n008,无坐标,,\n009,坏值,abc,22\n".encode(
        "gbk"
    )
    layer = load_user_file(data, "名单.csv", gz)
    assert layer.source_format == "csv"
    assert list(layer.frame.columns) == ["编号", "名称", "经度", "纬度", "geometry"]
    assert layer.frame["编号"].tolist() == ["007", "008", "009"]
    assert layer.frame["名称"].tolist() == ["翠山湖", "无坐标", "坏值"]
    assert layer.frame.geometry.iloc[0].equals(shapely.Point(112.68, 22.38))
    assert layer.frame.geometry.iloc[1] is None and layer.frame.geometry.iloc[2] is None
    missing = next(f for f in layer.findings if f.code == "coords_missing")
    assert missing.rows == (1, 2)
    assert {"encoding_guessed", "crs_assumed", "coords_from_columns"} <= codes(layer)
    round_trips(layer, gz)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("name;lng;lat\n台山核电;112.98194;21.91778\n", "utf-8-sig"),
        ("name\tlongitude\tlatitude\n台山核电\t112.98194\t21.91778\n", "utf-8"),
        ("name|X|Y\n台山核电|112.98194|21.91778\n", "utf-16"),
    ],
)
def test_csv_delimiters_and_bom(text, encoding, gz):
    layer = load_user_file(text.encode(encoding), "t.csv", gz)
    assert layer.frame["name"].tolist() == ["台山核电"]
    assert layer.frame.geometry.iloc[0].equals(shapely.Point(112.98194, 21.91778))


def test_csv_declared_encoding_wins(gz):
    data = "name,lon,lat\n臺山,112.8,22.2\n".encode("big5")
    layer = load_user_file(data, "b.csv", gz, encoding="big5")
    assert layer.frame["name"].tolist() == ["臺山"]
    assert refused(data, "b.csv", gz, encoding="no-such-codec").code == "encoding_unknown"


def test_csv_columns_renamed_not_lost(gz):
    data = b"lon,lat,,name,NAME,geometry\n112.5,22.5,a,b,c,d\n"
    layer = load_user_file(data, "c.csv", gz)
    assert list(layer.frame.columns)[:-1] == [
        "lon",
        "lat",
        "column_3",
        "name",
        "NAME_2",
        "geometry_2",
    ]
    assert layer.frame.iloc[0, :6].tolist() == ["112.5", "22.5", "a", "b", "c", "d"]
    assert "column_renamed" in codes(layer)
    round_trips(layer, gz)


def test_csv_wkt_column_is_the_geometry(gz):
    data = b'id,WKT\n1,"LINESTRING (113 22.5, 113.1 22.6)"\n2,\n'
    layer = load_user_file(data, "w.csv", gz)
    assert list(layer.frame.columns) == ["id", "geometry"]
    assert layer.frame.geometry.iloc[0].equals(shapely.LineString([(113, 22.5), (113.1, 22.6)]))
    assert next(f for f in layer.findings if f.code == "geometry_empty").rows == (1,)
    round_trips(layer, gz)


def test_csv_names_are_geocoded(gz):
    data = "名称,备注\n翠山湖高新区,x\n不存在的地方甲乙丙,y\n".encode()
    layer = load_user_file(data, "g.csv", gz)
    assert layer.geocoded is not None and len(layer.geocoded) == 2
    assert layer.geocoded["gba_status"].tolist()[1] == "not_found"
    assert layer.frame.geometry.iloc[1] is None
    assert {"geocoded", "not_found"} <= codes(layer)
    round_trips(layer, gz)


def test_csv_without_location_or_rows_is_refused(gz):
    assert refused(b"a,b\n1,2\n", "x.csv", gz).code == "no_location"
    assert refused(b"lon,lat\n", "x.csv", gz).code == "no_features"
    assert refused(b"a,b\n1,2\n", "x.csv", gz, name_column="z").code == "name_column_missing"
    assert refused(b"lon,lat\n1,2\n", "x.csv", gz, crs="EPSG:999999").code == "crs_unknown"
    assert refused(b"name,lon\ncaf\xe9,1\n", "x.csv", gz).code == "decode_failed"
    assert refused(b'lon,lat\n1,"2\n', "x.csv", gz).code == "bad_csv"


# --- XLSX --------------------------------------------------------------------------------


def test_xlsx_first_sheet_cells_as_text(gz):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "企业"
    sheet.append(["编号", "名称", "经度", "纬度", "投资"])
    sheet.append(["007", "甲公司", 113.25, 22.5, 12.0])
    sheet.append([8, "乙公司", 113.5, 22.75, None])
    other = book.create_sheet("其他")
    other.append(["name", "x", "y"])
    other.append(["丙", "113", "22"])
    out = io.BytesIO()
    book.save(out)
    layer = load_user_file(out.getvalue(), "list.xlsx", gz)
    assert layer.frame["编号"].tolist() == ["007", "8"]
    assert layer.frame["投资"].tolist() == ["12", ""]
    assert layer.frame.geometry.iloc[1].equals(shapely.Point(113.5, 22.75))
    assert "layer_chosen" in codes(layer)
    round_trips(layer, gz)
    other = load_user_file(out.getvalue(), "list.xlsx", gz, layer="其他")
    assert other.frame["name"].tolist() == ["丙"] and other.frame["x"].tolist() == ["113"]
    assert refused(out.getvalue(), "list.xlsx", gz, layer="无").code == "layer_missing"
    assert refused(b"PK\x03\x04garbage", "bad.xlsx", gz).code in ("bad_zip", "bad_xlsx")
    assert refused(b"x", "old.xls", gz).code == "xls_old"


# --- GeoJSON -----------------------------------------------------------------------------


def test_geojson_types_kept_and_round_trip(gz):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"n": 1, "f": 0.1, "s": "007", "b": True, "o": {"k": [1]}},
                "geometry": {"type": "Point", "coordinates": [JUNO[0], JUNO[1], 5.0]},
            },
            {
                "type": "Feature",
                "properties": {"n": None, "f": 2, "s": None, "b": False, "o": "t"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[113, 22], [113.1, 22], [113.1, 22.1], [113, 22]]],
                },
            },
            {"type": "Feature", "properties": None, "geometry": None},
        ],
    }
    layer = load_user_file(json.dumps(doc).encode(), "g.geojson", gz)
    frame = layer.frame
    assert str(frame["n"].dtype) == "Int64" and frame["n"].tolist()[:1] == [1]
    assert frame["f"].dtype == np.float64 and frame["f"].tolist()[:2] == [0.1, 2.0]
    assert frame["s"].tolist() == ["007", None, None]
    assert str(frame["b"].dtype) == "boolean"
    assert frame["o"].tolist() == ['{"k": [1]}', "t", None]
    assert frame.geometry.iloc[0].equals(shapely.Point(JUNO)) and not frame.geometry.iloc[0].has_z
    assert {"z_dropped", "geometry_empty", "crs_assumed"} <= codes(layer)
    round_trips(layer, gz, ("geojson", "gpkg"))


def test_geojson_projected_crs_member_is_transformed(gz):
    to_4547 = Transformer.from_crs(4326, 4547, always_xy=True)
    x, y = to_4547.transform(113.3, 22.6)
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
        ],
    }
    layer = load_user_file(json.dumps(doc).encode(), "p.geojson", gz)
    assert layer.source_crs == "EPSG:4547"
    point = layer.frame.geometry.iloc[0]
    assert point.x == pytest.approx(113.3, abs=1e-8) and point.y == pytest.approx(22.6, abs=1e-8)
    assert "crs_from_file" in codes(layer)


def test_geojson_refusals(gz):
    assert refused(b'{"type": "Point", "coordinates": [NaN, 1]}', "a.json", gz).code == "bad_json"
    assert refused(b'{"type": "Point", "coordinates": [1e999, 1]}', "a.json", gz).code == "bad_json"
    assert refused(b'{"type": "Topology"}', "a.json", gz).code == "bad_geojson"
    assert refused(b'{"type": "FeatureCollection", "features": []}', "a.json", gz).code == (
        "no_features"
    )
    assert refused(b'{"type": "Feat', "a.json", gz).code == "bad_json"


def test_geojson_unreadable_geometry_keeps_row(gz):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"a": "x"},
                "geometry": {"type": "Point", "coordinates": "?"},
            },
            {
                "type": "Feature",
                "properties": {"a": "y"},
                "geometry": {"type": "Point", "coordinates": [113, 22]},
            },
        ],
    }
    layer = load_user_file(json.dumps(doc).encode(), "u.geojson", gz)
    assert layer.frame["a"].tolist() == ["x", "y"]
    assert next(f for f in layer.findings if f.code == "geometry_unreadable").rows == (0,)


def test_declared_crs_far_outside_china_is_reported(gz):
    layer = load_user_file(b"lon,lat\n113.3,22.6\n", "d.csv", gz, crs="EPSG:4547")
    assert "crs_far" in codes(layer) and "crs_declared" in codes(layer)


def test_declared_gcj02_is_converted(gz):
    gcj = prcoords.wgs_gcj(prcoords.Coords(JUNO[1], JUNO[0]))
    layer = load_user_file(
        f"lon,lat\n{gcj.lon!r},{gcj.lat!r}\n".encode(), "a.csv", gz, crs="GCJ-02"
    )
    point = layer.frame.geometry.iloc[0]
    assert point.x == pytest.approx(JUNO[0], abs=1e-7) and point.y == pytest.approx(
        JUNO[1], abs=1e-7
    )
    round_trips(layer, gz)


# --- GeoPackage --------------------------------------------------------------------------


def test_gpkg_named_layer_projected(tmp_path, gz):
    to_4547 = Transformer.from_crs(4326, 4547, always_xy=True)
    x, y = to_4547.transform(113.3, 22.6)
    path = tmp_path / "two.gpkg"
    first = gpd.GeoDataFrame({"a": ["first"]}, geometry=[shapely.Point(x, y)], crs=4547)
    second = gpd.GeoDataFrame(
        {"n": pd.array([3, None], dtype="Int64"), "t": ["x", ""]},
        geometry=[shapely.Point(113, 22), None],
        crs=4326,
    )
    pyogrio.write_dataframe(first, path, layer="first")
    pyogrio.write_dataframe(second, path, layer="second", append=True)
    data = path.read_bytes()
    layer = load_user_file(data, "two.gpkg", gz)
    assert layer.frame["a"].tolist() == ["first"] and layer.source_crs == "EPSG:4547"
    assert layer.frame.geometry.iloc[0].x == pytest.approx(113.3, abs=1e-8)
    assert "layer_chosen" in codes(layer)
    named = load_user_file(data, "two.gpkg", gz, layer="second")
    assert named.frame["n"].tolist()[0] == 3 and named.frame["n"].isna().tolist() == [False, True]
    assert named.frame["t"].tolist() == ["x", ""]
    round_trips(named, gz, ("geojson", "gpkg"))
    assert refused(b"SQLite format 3\x00broken", "b.gpkg", gz).code == "cannot_read"


# --- Shapefile ---------------------------------------------------------------------------


SITES = gpd.GeoDataFrame(
    {"名称": ["江门中微子实验站", "台山核电站"], "level": [1, 2]},
    geometry=[shapely.Point(JUNO), shapely.Point(112.98194, 21.91778)],
    crs=4326,
)


def test_shapefile_with_cpg(tmp_path, gz):
    data = shapefile_zip(tmp_path, SITES, "UTF-8", keep_cpg=True)
    layer = load_user_file(data, "sites.zip", gz)
    assert layer.source_format == "shp" and layer.source_crs == "EPSG:4326"
    assert layer.frame["名称"].tolist() == ["江门中微子实验站", "台山核电站"]
    assert layer.frame["level"].tolist() == [1, 2]
    assert any(
        f.code == "encoding" and f.params["source_en"] == ".cpg file" for f in layer.findings
    )
    round_trips(layer, gz, ("geojson", "gpkg"))


def test_shapefile_gbk_without_cpg_is_detected(tmp_path, gz):
    data = shapefile_zip(tmp_path, SITES, "GBK", keep_cpg=False)
    layer = load_user_file(data, "sites.zip", gz)
    assert layer.frame["名称"].tolist() == ["江门中微子实验站", "台山核电站"]
    assert any(f.code == "encoding_guessed" for f in layer.findings)


def test_shapefile_projected_prj(tmp_path, gz):
    data = shapefile_zip(tmp_path, SITES.to_crs(4547), "UTF-8", keep_cpg=True)
    layer = load_user_file(data, "sites.zip", gz)
    assert layer.source_crs == "EPSG:4547"
    point = layer.frame.geometry.iloc[0]
    assert point.x == pytest.approx(JUNO[0], abs=1e-8) and point.y == pytest.approx(
        JUNO[1], abs=1e-8
    )


def test_shapefile_missing_parts(tmp_path, gz):
    full = zipfile.ZipFile(io.BytesIO(shapefile_zip(tmp_path, SITES, "UTF-8", True)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in full.namelist():
            if not name.endswith(".dbf"):
                archive.writestr(name, full.read(name))
    assert refused(out.getvalue(), "s.zip", gz).code == "shp_incomplete"
    assert refused(b"not a zip", "s.zip", gz).code == "bad_zip"


# --- unsafe archives ---------------------------------------------------------------------


def zip_of(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "member", ["../evil.shp", "/tmp/evil.shp", "a/../../evil.shp", "C:/evil.shp"]
)
def test_zip_slip_is_refused(member, tmp_path, gz, monkeypatch):
    monkeypatch.chdir(tmp_path)
    error = refused(zip_of([(member, b"x"), ("ok.shp", b"x")]), "z.zip", gz)
    assert error.code == "zip_unsafe"
    assert not (tmp_path.parent / "evil.shp").exists() and not Path("/tmp/evil.shp").exists()


def test_zip_symlink_and_nested_and_bomb(gz):
    link = zipfile.ZipInfo("link.shp")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert refused(zip_of([(link, b"/etc/passwd")]), "z.zip", gz).code == "zip_unsafe"
    inner = zip_of([("a.shp", b"x")])
    assert refused(zip_of([("inner.zip", inner)]), "z.zip", gz).code == "zip_nested"
    many = zip_of([(f"f{i}.txt", b"") for i in range(60)])
    assert refused(many, "z.zip", gz).code == "zip_too_big"
    big = zip_of([("a.shp", b"\x00" * 2_000_000)])
    error = refused(big, "z.zip", gz, limits=Limits(max_unzipped_bytes=1_000_000))
    assert error.code == "zip_too_big"


# --- KML ---------------------------------------------------------------------------------

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>
<Placemark><name>中微子</name><description>&lt;b&gt;site&lt;/b&gt;</description>
<ExtendedData><Data name="编号"><value>007</value></Data></ExtendedData>
<Point><coordinates>112.51867,22.11827,0</coordinates></Point></Placemark>
<Placemark><name>走廊</name><MultiGeometry>
<LineString><coordinates>113,22 113.1,22.1</coordinates></LineString>
<LineString><coordinates>113.2,22.2 113.3,22.3</coordinates></LineString>
</MultiGeometry></Placemark>
<Placemark><name>园区</name><Polygon><outerBoundaryIs><LinearRing>
<coordinates>113,22 113.1,22 113.1,22.1 113,22</coordinates></LinearRing>
</outerBoundaryIs></Polygon>
</Placemark>
<Placemark><name>坏</name><Point><coordinates>abc</coordinates></Point></Placemark>
</Folder></Document></kml>"""


def test_kml_placemarks(gz):
    layer = load_user_file(KML.encode(), "sites.kml", gz)
    frame = layer.frame
    assert list(frame.columns) == ["name", "description", "编号", "geometry"]
    assert frame["name"].tolist() == ["中微子", "走廊", "园区", "坏"]
    assert frame["description"].tolist()[0] == "<b>site</b>"
    assert frame["编号"].tolist() == ["007", "", "", ""]
    geoms = frame.geometry.tolist()
    assert geoms[0].equals(shapely.Point(JUNO))
    assert geoms[1].geom_type == "MultiLineString" and geoms[2].geom_type == "Polygon"
    assert geoms[3] is None
    assert next(f for f in layer.findings if f.code == "geometry_unreadable").rows == (3,)
    round_trips(layer, gz)
    kmz = zip_of([("doc.kml", KML.encode())])
    assert load_user_file(kmz, "sites.kmz", gz).frame["name"].tolist()[0] == "中微子"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<kml><Placemark><name>&lol3;</name></Placemark></kml>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<kml><Placemark><name>&xxe;</name></Placemark></kml>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL])
def test_kml_entities_are_refused(text, gz):
    error = refused(text.encode(), "evil.kml", gz)
    assert error.code == "unsafe_xml"
    assert "root:" not in error.message("en")


def test_kml_malformed(gz):
    assert refused(b"<kml><Placemark>", "b.kml", gz).code == "bad_kml"
    assert refused(b"<kml></kml>", "b.kml", gz).code == "no_features"


def test_kml_declaring_an_unknown_encoding(gz):
    import fontTools.encodings.codecs  # noqa: F401  (matplotlib registers it: LookupError)

    data = b'<?xml version="1.0" encoding="UTFA8"?><kml><Placemark/></kml>'
    assert refused(data, "b.kml", gz).code == "bad_kml"


# --- limits and format -------------------------------------------------------------------


def test_size_and_feature_limits(gz):
    assert refused(b"x" * (50 * 2**20 + 1), "big.csv", gz).code == "too_large"
    small = Limits(max_bytes=100)
    assert refused(b"lon,lat\n" + b"1,2\n" * 30, "a.csv", gz, limits=small).code == "too_large"
    rows = b"lon,lat\n" + b"113,22\n" * 11
    assert refused(rows, "a.csv", gz, limits=Limits(max_features=10)).code == "too_many_features"
    assert len(load_user_file(rows, "a.csv", gz, limits=Limits(max_features=11)).frame) == 11
    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": None}] * 11,
    }
    error = refused(json.dumps(doc).encode(), "a.geojson", gz, limits=Limits(max_features=10))
    assert error.code == "too_many_features"
    wide = ",".join(f"c{i}" for i in range(12)).encode() + b"\n" + b"1," * 11 + b"1\n"
    assert refused(wide, "w.csv", gz, limits=Limits(max_columns=10)).code == "too_many_columns"
    assert refused(b"", "e.csv", gz).code == "empty_file"
    assert refused(b"x", "e.docx", gz).code == "unknown_format"


def test_messages_of_rejections_name_their_values(gz):
    error = refused(b"x" * 200, "big.csv", gz, limits=Limits(max_bytes=100))
    assert "0.0 MB" in error.message("en") and "MB" in error.message("zh")
    error = UploadError("zip_unsafe", {"member": "../a\n../b" + "x" * 200})
    assert "\n" not in error.message("zh") and len(error.message("en")) < 300
    for code, text in MESSAGES.items():
        assert text.zh.strip() and text.en.strip(), code


# --- exact WKT and report ----------------------------------------------------------------


def test_wkt_is_exact():
    rng = random.Random(7)
    values = [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 12) for _ in range(2000)]
    values += [0.1 + 0.2, 1 / 3, -0.0, 5e-324, 1.7976931348623157e308]
    coords = np.array(values).reshape(-1, 1).repeat(2, axis=1)
    line = shapely.LineString(coords)
    back = shapely.from_wkt(to_wkt(line))
    assert shapely.get_coordinates(back).tobytes() == coords.tobytes()
    multi = shapely.MultiPolygon([shapely.box(0.1, 0.2, 0.3, 0.7)])
    collection = shapely.GeometryCollection([multi, shapely.Point(1 / 3, 2 / 3)])
    assert shapely.from_wkt(to_wkt(collection)).equals_exact(collection, 0)


def test_report_lists_format_crs_counts_columns_and_findings(gz):
    layer = load_user_file(b"name,lon,lat\na,113,22.5\nb,,\n", "r.csv", gz)
    zh, en = format_report(layer, "zh"), format_report(layer, "en")
    assert "CSV" in zh and "EPSG:4326" in zh and "要素：2" in zh and "name，lon，lat" in zh
    assert "警告 (1)" in zh and "第 2 行" in zh
    assert "Features: 2" in en and "Point 1" in en and "no geometry 1" in en
    assert "Row(s) 2 (1 in all)" in en


def test_declared_name_column_wins_and_keeps_every_column(gz):
    data = 'name,WKT\n翠山湖高新区,"POINT (1 2)"\n'.encode()
    layer = load_user_file(data, "n.csv", gz, name_column="name")
    assert list(layer.frame.columns) == ["name", "WKT_2", "geometry"]
    assert layer.frame["WKT_2"].tolist() == ["POINT (1 2)"]
    assert layer.geocoded["gba_status"].tolist() == ["ok"]
    assert not layer.frame.geometry.iloc[0].equals(shapely.Point(1, 2))
    round_trips(layer, gz)
