"""GIS export: every format and CRS read back and compared with the source; RFC 7946;
clear refusals with nothing left behind."""

from __future__ import annotations

import io
import json
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geo.cli import main
from geo.crs import CRSS, GCJ02, from_output_crs, zone_warning
from geo.export import ExportError, export, export_frames, export_to_bytes
from geo.formats import EXTENSIONS
from geo.geometry_guard import guard_geometries
from geo.kml import kml_color
from geo.layers_out import LAYERS, places_layer
from geo.select import Filters, select
from geo.shapefile import SHAPEFILE_FIELDS, cut_value, shapefile_name
from geo.texts import EXPORT_LAYERS
from viewmodel.scene import scene
from viewmodel.style import LINK_STYLES, PLACE_STYLES, ZONE_COLOR
from viewmodel.view import View

METRES_PER_DEGREE = 111_320.0


def check_rfc7946(document: dict) -> None:
    """Assert the RFC 7946 rules a consumer relies on."""
    assert document["type"] == "FeatureCollection" and "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature" and {"geometry", "properties"} <= set(feature)
        if feature["geometry"] is None:  # allowed by RFC 7946; the export says why
            props = feature["properties"]
            assert props.get("geometry_issue") or props.get("local") is True
            continue
        geom = shape(feature["geometry"])
        coords = shapely.get_coordinates(geom)
        assert (np.abs(coords[:, 0]) <= 180).all() and (np.abs(coords[:, 1]) <= 90).all()
        assert np.allclose(coords, np.round(coords, 7), atol=0, rtol=0)
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
                assert all(not ring.is_ccw for ring in polygon.interiors)


def assert_same_points(source: gpd.GeoDataFrame, back: gpd.GeoDataFrame, crs: str) -> None:
    wgs = from_output_crs(back, crs)
    a = shapely.get_coordinates(source.geometry.values)
    b = shapely.get_coordinates(wgs.geometry.values)
    assert a.shape == b.shape
    tolerance = 0.01 / METRES_PER_DEGREE if crs == GCJ02 else 1e-6
    assert np.abs(a - b).max() < tolerance


def test_places_geojson(tmp_path, gz):
    out = tmp_path / "places.geojson"
    assert main(["export", "--layer", "places", "--format", "geojson", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    check_rfc7946(document)
    assert len(document["features"]) == len(gz.places)
    props = {f["properties"]["place_id"]: f["properties"] for f in document["features"]}
    juno = props["jiangmen_neutrino_lab"]
    assert juno["name_zh"] == gz.places.at["jiangmen_neutrino_lab", "name_zh"]
    assert isinstance(juno["aliases"], list) and isinstance(juno["plans"], list)
    assert set(juno) >= {
        "place_id",
        "name_zh",
        "name_en",
        "aliases",
        "kind",
        "city",
        "county",
        "town",
        "precision",
        "geocode_source",
        "plans",
        "lon_wgs84",
        "lat_wgs84",
        "cite_plan",
        "cite_section",
        "cite_quote",
    }
    assert juno["cite_plan"] in juno["plans"] and juno["cite_quote"]
    assert all(f["properties"]["cite_quote"] for f in document["features"])
    meta = json.loads((tmp_path / "places.geojson.meta.json").read_text(encoding="utf-8"))
    assert meta["crs"]["code"] == "EPSG:4326" and len(meta["plans"]) == 5
    assert {"exported_at", "data_sources", "precision_classes", "filter"} <= set(meta)


def test_all_layers_geojson(tmp_path, gz):
    out = tmp_path / "all"
    assert main(["export", "--layer", "all", "--format", "geojson", "--out", str(out)]) == 0
    for name in ("places", "links", "structures", "projects", "boundaries"):
        document = json.loads((out / f"{name}.geojson").read_text(encoding="utf-8"))
        check_rfc7946(document)
        assert len(document["features"]) == len(LAYERS[name](gz))
    links = json.loads((out / "links.geojson").read_text(encoding="utf-8"))
    assert {f["geometry"]["type"] for f in links["features"] if f["geometry"]} == {"LineString"}
    zones = json.loads((out / "zones.geojson").read_text(encoding="utf-8"))
    assert {f["geometry"]["type"] for f in zones["features"]} <= {"Polygon", "MultiPolygon"}
    indicators = pd.read_csv(
        out / "indicators.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert list(indicators["value_text"]) == list(gz.indicators["value_text"])


@pytest.mark.parametrize("crs", list(CRSS))
def test_geopackage_round_trip_in_every_crs(tmp_path, gz, crs):
    result = export(gz, "all", "gpkg", crs, tmp_path / "layout.gpkg")
    path = result.files[0]
    assert (crs == GCJ02) == ("GCJ-02" in path.name)
    suffix = "_gcj02" if crs == GCJ02 else ""
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {n if n == "indicators" else n + suffix for n in LAYERS}
    for name in ("places", "links", "structures", "boundaries", "projects"):
        source = LAYERS[name](gz)
        back = gpd.read_file(path, layer=name + suffix)
        assert len(back) == len(source)
        assert list(back["name_zh"]) == list(source["name_zh"])
        if crs not in (GCJ02,):
            assert back.crs.equals(crs)
        if name in ("places", "projects"):
            assert_same_points(source, back, crs)
    indicators = pyogrio.read_dataframe(path, layer="indicators")
    assert len(indicators) == len(gz.indicators)
    back_text = [v if isinstance(v, str) else None for v in indicators["value_text"]]
    assert back_text == [v or None for v in gz.indicators["value_text"]]  # "" is NULL
    if crs == GCJ02:
        assert pyogrio.read_info(path, layer="places_gcj02")["crs"].startswith('GEOGCS["GCJ-02')
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
        assert "GCJ-02" in meta["crs"]["note"]


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:4547", GCJ02])
def test_shapefile_zip_round_trip(tmp_path, gz, crs):
    result = export(gz, "places", "shp", crs, tmp_path / "places.zip")
    path = result.files[0]
    stem = "places_gcj02" if crs == GCJ02 else "places"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {f"{stem}{ext}" for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg")} <= names
        assert {f"{stem}_fields.csv", "metadata.json"} <= names
        assert archive.read(f"{stem}.cpg").decode() == "UTF-8"
        crosswalk = archive.read(f"{stem}_fields.csv").decode("utf-8-sig")
    assert "geocode_source,geo_source" in crosswalk
    back = gpd.read_file(f"zip://{path}!{stem}.shp")
    source = places_layer(gz)
    assert len(back) == len(source)
    assert all(len(c.encode()) <= 10 for c in back.columns)
    assert list(back["name_zh"]) == list(source["name_zh"])  # Chinese survives
    assert list(back["geo_source"]) == list(source["geocode_source"])
    assert_same_points(source, back.set_crs(back.crs, allow_override=True), crs)


def test_every_long_field_has_a_shapefile_name(gz):
    for frame in export_frames(gz, list(LAYERS)).values():
        for column in [*frame.columns, "geometry_issue"]:
            if column != "geometry":
                assert len(shapefile_name(column).encode()) <= 10
    assert len(set(SHAPEFILE_FIELDS.values())) == len(SHAPEFILE_FIELDS)


def test_kml_has_names_and_descriptions(tmp_path, gz):
    result = export(gz, "places", "kml", "EPSG:4326", tmp_path / "places.kml")
    back = gpd.read_file(result.files[0])
    assert len(back) == len(gz.places)
    source = places_layer(gz)
    assert set(back["Name"]) == set(source["name_zh"] + " " + source["name_en"])
    assert back["description"].str.contains("类型 Kind").all()
    assert_same_points(source, back, "EPSG:4326")


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3857", GCJ02])
def test_csv_has_lonlat_and_projected_xy(tmp_path, gz, crs):
    result = export(gz, "places", "csv", crs, tmp_path / "places.csv")
    back = pd.read_csv(result.files[0], encoding="utf-8-sig", keep_default_na=False)
    assert len(back) == len(gz.places)
    assert np.allclose(back["lon_wgs84"], gz.places["lon"].values)
    if crs != "EPSG:4326":
        points = gpd.GeoDataFrame(
            geometry=gpd.points_from_xy(back["x"], back["y"]),
            crs="EPSG:4326" if crs == GCJ02 else crs,
        )
        assert_same_points(places_layer(gz), points, crs)


def test_zone_warning_names_4546(tmp_path, gz, capsys):
    assert (
        main(
            [
                "export",
                "--layer",
                "places",
                "--format",
                "gpkg",
                "--crs",
                "EPSG:4547",
                "--out",
                str(tmp_path / "p.gpkg"),
            ]
        )
        == 0
    )
    assert "EPSG:4546" in capsys.readouterr().err


def test_filters_narrow_the_export(tmp_path, gz):
    result = export(
        gz,
        "places",
        "geojson",
        "EPSG:4326",
        tmp_path / "p.geojson",
        select(gz, Filters(plans=("000",), kinds=("town",))),
    )
    features = json.loads(result.files[0].read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["kind"] == "town" for f in features)
    assert all("000" in f["properties"]["plans"] for f in features)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "places", "--format", "geojson", "--crs", "EPSG:4547"], "gpkg"),
        (["--layer", "places", "--format", "kml", "--crs", "EPSG:3857"], "KML is WGS84"),
        (["--layer", "indicators", "--format", "shp"], "table without geometry"),
        (["--layer", "places", "--plan", "999"], "unknown plan '999'; known: 000, 001"),
        (["--layer", "places", "--plan", "000", "--kind", "hospital"], "selection is empty"),
        (["--layer", "places", "--out", "/nonexistent/dir/x.geojson"], "does not exist"),
    ],
)
def test_bad_requests_fail_cleanly(tmp_path, capsys, args, message):
    if "--out" not in args:
        fmt = args[args.index("--format") + 1] if "--format" in args else "geojson"
        args = [*args, "--out", str(tmp_path / f"x{EXTENSIONS[fmt]}")]
    assert main(["export", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "gpkg", "--out", "x.shp"],
            "--out x.shp does not fit --format gpkg: end it in .gpkg",
        ),
        (
            ["--format", "shp", "--out", "x.shp"],
            "a zipped Shapefile (.shp, .dbf … inside): end it in .zip",
        ),
        (["--format", "kml", "--out", "x.geojson"], "end it in .kml"),
        (["--layer", "all", "--format", "csv", "--out", "x.csv"], "writes a folder"),
    ],
)
def test_output_name_must_fit_the_format(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["export", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_unknown_layer_and_crs_are_usage_errors(tmp_path, capsys):
    for args in (["--layer", "nope"], ["--crs", "EPSG:9999"]):
        with pytest.raises(SystemExit) as exc:
            main(["export", *args, "--out", str(tmp_path / "x")])
        assert exc.value.code == 2
    with pytest.raises(ExportError, match="unknown layer"):
        export(None, "nope", "gpkg", "EPSG:4326", tmp_path / "x.gpkg")


def test_download_bundle_carries_metadata(gz):
    name, data, _ = export_to_bytes(gz, "places", "gpkg", GCJ02)
    assert name.endswith(".zip") and "GCJ-02" in name
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert any(n.endswith(".gpkg") for n in names) and any(n.endswith(".meta.json") for n in names)


def test_validate_cli_reports_counts(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("OK:")
    for plan_id in ("000", "001", "002", "003", "004"):
        assert any(line.startswith(plan_id) for line in out.splitlines())


def test_validate_cli_fails_on_bad_data(data_copy, capsys):
    data_copy.set("places.csv", 0, "kind", "spaceport")
    assert main(["--data", str(data_copy.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "places.csv:2: kind: unknown value 'spaceport'" in err and "Traceback" not in err


def test_shapefile_cuts_are_visible_whole_in_the_zip_and_reported_everywhere(tmp_path, gz, capsys):
    out = tmp_path / "structures.zip"
    assert main(["export", "--layer", "structures", "--format", "shp", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    with zipfile.ZipFile(out) as archive:
        inside = json.loads(archive.read("metadata.json"))
        long = pd.read_csv(
            io.BytesIO(archive.read("structures_long_values.csv")), encoding="utf-8-sig"
        )
    sidecar = json.loads((tmp_path / "structures.zip.meta.json").read_text(encoding="utf-8"))
    cut_notes = [w for w in sidecar["warnings"] if "254 bytes" in w]
    assert {n.split(":")[0] for n in cut_notes} == {"structures.members", "structures.description"}
    assert inside["warnings"] == sidecar["warnings"]
    assert all(f"warning: {note}" in err for note in cut_notes)
    back = pyogrio.read_dataframe(f"/vsizip/{out}/structures.shp").set_index("struct_id")
    members = gz.structures["members"]
    known = set(gz.places.index) | set(gz.areas.index)
    for row in long.itertuples(index=False):
        whole = gz.structures.at[row.structure_id, row.field]
        assert row.value == (";".join(whole) if row.field == "members" else whole)
        cut = back.at[row.structure_id, row.shapefile_field]
        assert len(cut.encode()) <= 254 and cut.endswith("…")
        if row.field == "members":  # whole ids only, then a marker no one takes for an id
            *items, mark = cut.split(";")
            assert mark == "…" and set(items) <= known
            assert items == members[row.structure_id][: len(items)]


def test_zone_warning_never_names_the_zone_itself(gz):
    places = places_layer(gz)
    for code in ("EPSG:4547", "EPSG:4546"):
        warning = zone_warning(places, code)
        assert f"use {code}" not in warning and f"{code} (" not in warning
    inside_4546 = places[places.geometry.x.between(109.6, 112.4)]
    assert "use EPSG:4546" in zone_warning(inside_4546, "EPSG:4547")
    assert zone_warning(inside_4546, "EPSG:4546") is None


def test_geometry_guard_repairs_polygons_and_explains_what_it_leaves_out():
    frame = gpd.GeoDataFrame(
        {"id": ["bowtie", "dot", "fine", "none"]},
        geometry=[
            shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]),
            shapely.LineString([(2, 2), (2, 2)]),
            shapely.LineString([(0, 0), (1, 1)]),
            None,
        ],
        crs="EPSG:4326",
    )
    out, notes = guard_geometries(frame, "test")
    assert shapely.is_valid(out.geometry.dropna().values).all()
    assert out.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")
    assert out.geometry.iloc[1] is None and out.geometry.iloc[2] == frame.geometry.iloc[2]
    issues = list(out["geometry_issue"])
    assert issues[0].startswith("invalid geometry repaired: Self-intersection")
    assert issues[1].startswith("invalid geometry left out: zero-length line")
    assert pd.isna(issues[2]) and pd.isna(issues[3])
    assert any("dot" in n and "without geometry" in n for n in notes)
    assert any("bowtie" in n and "repaired" in n for n in notes)
    same, none = guard_geometries(frame.iloc[2:], "test")
    assert same is not None and none == [] and "geometry_issue" not in same


def test_cut_value_keeps_whole_items_and_utf8_characters():
    items = ";".join(f"city_{i:03d}" for i in range(40))
    cut = cut_value(items, is_list=True)
    assert len(cut.encode()) <= 254 and cut.endswith(";…")
    assert all(item in items.split(";") for item in cut.split(";")[:-1])
    text = "中" * 200
    cut = cut_value(text, is_list=False)
    assert len(cut.encode()) <= 254 and cut == "中" * 83 + "…"


def test_kml_styles_types_and_bilingual_descriptions(tmp_path, gz):
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    result = export(gz, "all", "kml", "EPSG:4326", tmp_path / "kml")
    documents = {p.stem: ET.parse(p).getroot() for p in result.files if p.suffix == ".kml"}
    places = documents["places"]
    styles = {s.get("id"): s for s in places.iter(f"{{{ns['k']}}}Style")}
    for kind in set(gz.places["kind"]):
        color = styles[f"place-{kind}"].findtext("k:IconStyle/k:color", namespaces=ns)
        assert color == kml_color(PLACE_STYLES[kind].color)
    links = documents["links"]
    for kind in set(gz.links["kind"]):
        style = links.find(f".//k:Style[@id='link-{kind}']", ns)
        assert style.findtext("k:LineStyle/k:color", namespaces=ns) == kml_color(
            LINK_STYLES[kind].color
        )
    marks = places.findall(".//k:Placemark", ns)
    assert len(marks) == len(gz.places)
    for mark in marks:
        text = mark.findtext("k:description", namespaces=ns)
        assert "类型 Kind" in text and "定位精度 Precision" in text and "规划 Plan" in text
        assert "规划原文 Plan text" in text and mark.findtext("k:styleUrl", namespaces=ns)
    juno = next(m for m in marks if "江门中微子" in m.findtext("k:name", namespaces=ns))
    assert "实验室与大科学装置 Lab / big-science facility" in juno.findtext(
        "k:description", namespaces=ns
    )
    fields = {
        f.get("name"): f.get("type")
        for f in documents["boundaries"].iter(f"{{{ns['k']}}}SimpleField")
    }
    assert fields["adcode"] == "int"
    assert {f.get("name"): f.get("type") for f in links.iter(f"{{{ns['k']}}}SimpleField")}[
        "name_derived"
    ] == "bool"
    for name in ("links", "structures", "projects", "boundaries"):
        for mark in documents[name].findall(".//k:Placemark", ns):
            assert re.search(
                r"<b>[^<]+ [A-Z][^<]*</b>", mark.findtext("k:description", namespaces=ns)
            )


def test_unknown_plan_says_the_same_in_export_and_print(tmp_path, capsys):
    assert main(["export", "--plan", "999", "--out", str(tmp_path / "x.geojson")]) == 1
    export_err = capsys.readouterr().err
    assert main(["print", "--plan", "999", "--out", str(tmp_path / "x.png")]) == 1
    print_err = capsys.readouterr().err
    assert export_err == print_err == "error: unknown plan '999'; known: 000, 001, 002, 003, 004\n"


def test_exports_write_without_runtime_warnings(tmp_path, gz):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fmt in ("gpkg", "shp", "kml", "csv"):
            export(gz, "all", fmt, GCJ02, tmp_path / (f"a.{fmt}" if fmt == "gpkg" else fmt))


def assert_valid_geometries(name: str, geometries) -> None:
    """Every geometry valid for GEOS (the engine of PostGIS and GDAL's checks), none empty,
    no zero-length line; null only for local links."""
    for geom in geometries:
        if geom is None:
            assert name == "links", f"{name}: a feature without geometry"
            continue
        assert not geom.is_empty, name
        assert shapely.is_valid(geom), (name, shapely.is_valid_reason(geom))
        if geom.geom_type in ("LineString", "MultiLineString"):
            assert geom.length > 0, name


def test_every_exported_geometry_is_valid(gz):
    for name, build in LAYERS.items():
        layer = build(gz)
        if isinstance(layer, gpd.GeoDataFrame):
            assert_valid_geometries(name, layer.geometry)
    links = LAYERS["links"](gz)
    assert links.geometry.isna().sum() == links["local"].sum()  # null exactly where local


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:4547"])
def test_geopackage_geometries_read_back_valid(tmp_path, gz, crs):
    path = export(gz, "all", "gpkg", crs, tmp_path / "layout.gpkg").files[0]
    for name in ("places", "links", "structures", "zones", "projects", "boundaries"):
        back = gpd.read_file(path, layer=name)
        assert_valid_geometries(name, [g if g is not None else None for g in back.geometry])
        if name == "links":
            assert list(back.geometry.isna()) == list(back["local"].astype(bool))


def test_the_current_filter_exports_the_zones_of_the_places_it_keeps(tmp_path, gz):
    view = View(filters=Filters(plans=("003",)))
    selection = scene(gz, (), view).selection
    result = export(gz, "zones", "geojson", "EPSG:4326", tmp_path / "z.geojson", selection)
    features = json.loads(result.files[0].read_text(encoding="utf-8"))["features"]
    ids = {f["properties"]["place_id"] for f in features}
    assert ids == {z for z in gz.zones.index if "003" in gz.places.at[z, "plans"]}
    assert "zhongshan_science_city" in ids and "taishan_industrial_new_town" not in ids
    assert all(f["properties"]["geometry_derived"] for f in features)
    meta = json.loads((tmp_path / "z.geojson.meta.json").read_text(encoding="utf-8"))
    assert "plans=003" in json.dumps(meta, ensure_ascii=False)
    hidden = scene(gz, (), view.replace(layers=("labs",))).selection
    with pytest.raises(ExportError, match="selection is empty"):
        export(gz, "zones", "geojson", "EPSG:4326", tmp_path / "none.geojson", hidden)


def test_the_cli_exports_zones_with_the_filters(tmp_path, gz, capsys):
    out = tmp_path / "zones.geojson"
    assert main(["export", "--layer", "zones", "--plan", "002", "--out", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    ids = {f["properties"]["place_id"] for f in features}
    assert ids == {z for z in gz.zones.index if "002" in gz.places.at[z, "plans"]}
    # 台山's two zones: 工业新城 (台城+水步+大江) and 广海湾经济开发区 (广海+赤溪)
    assert {"taishan_industrial_new_town", "guanghaiwan_economic_zone"} <= ids
    assert "zhongshan_science_city" not in ids


def test_kml_names_the_zones_folder_and_describes_zones_and_local_links(tmp_path, gz):
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    result = export(gz, "all", "kml", "EPSG:4326", tmp_path / "kml")
    documents = {p.stem: ET.parse(p).getroot() for p in result.files if p.suffix == ".kml"}
    zones = documents["zones"]
    assert zones.findtext(".//k:Folder/k:name", namespaces=ns) == EXPORT_LAYERS["zones"]("both")
    style = zones.find(".//k:Style[@id='zone']", ns)
    assert style.findtext("k:PolyStyle/k:color", namespaces=ns) == kml_color(ZONE_COLOR, "33")
    science = next(
        m
        for m in zones.findall(".//k:Placemark", ns)
        if "中山科学城" in m.findtext("k:name", namespaces=ns)
    )
    text = science.findtext("k:description", namespaces=ns)
    assert "组成镇街 Member towns" in text and "南区街道" in text and "schematic" in text
    local = gz.links.index[gz.links["local"]][0]
    mark = next(
        m
        for m in documents["links"].findall(".//k:Placemark", ns)
        if m.find(".//k:SimpleData[@name='link_id']", ns).text == local
    )
    assert "同点联系 Local link" in mark.findtext("k:description", namespaces=ns)
    assert mark.find("k:LineString", ns) is None
