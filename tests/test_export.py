"""GIS export: every format and CRS read back and compared with the source; RFC 7946;
clear refusals with nothing left behind."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geo.cli import main
from geo.crs import CRSS, GCJ02, from_output_crs
from geo.export import ExportError, export, export_to_bytes
from geo.formats import SHAPEFILE_FIELDS, shapefile_name
from geo.layers_out import LAYERS, places_layer
from geo.select import Filters, select

METRES_PER_DEGREE = 111_320.0


def check_rfc7946(document: dict) -> None:
    """Assert the RFC 7946 rules a consumer relies on."""
    assert document["type"] == "FeatureCollection" and "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature" and {"geometry", "properties"} <= set(feature)
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
    }
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
    assert {f["geometry"]["type"] for f in links["features"]} == {"LineString"}
    indicators = pd.read_csv(
        out / "indicators.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert list(indicators["value_text"]) == list(gz.indicators["value_text"])


@pytest.mark.parametrize("crs", list(CRSS))
def test_geopackage_round_trip_in_every_crs(tmp_path, gz, crs):
    result = export(gz, "all", "gpkg", crs, tmp_path / "layout.gpkg")
    path = result.files[0]
    assert (crs == GCJ02) == ("GCJ-02" in path.name)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == set(LAYERS)
    for name in ("places", "links", "structures", "boundaries", "projects"):
        source = LAYERS[name](gz)
        back = gpd.read_file(path, layer=name)
        assert len(back) == len(source)
        assert list(back["name_zh"]) == list(source["name_zh"])
        if crs not in (GCJ02,):
            assert back.crs.equals(crs)
        if name in ("places", "links", "projects"):
            assert_same_points(source, back, crs)
    indicators = pyogrio.read_dataframe(path, layer="indicators")
    assert len(indicators) == len(gz.indicators)
    assert list(indicators["value_text"]) == list(gz.indicators["value_text"])
    if crs == GCJ02:
        assert pyogrio.read_info(path, layer="places")["crs"].startswith('GEOGCS["GCJ-02')
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
        assert "GCJ-02" in meta["crs"]["note"]


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:4547", GCJ02])
def test_shapefile_zip_round_trip(tmp_path, gz, crs):
    result = export(gz, "places", "shp", crs, tmp_path / "places.zip")
    path = result.files[0]
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {
            "places.shp",
            "places.shx",
            "places.dbf",
            "places.prj",
            "places.cpg",
            "places_fields.csv",
            "metadata.json",
        } <= names
        assert archive.read("places.cpg").decode() == "UTF-8"
        crosswalk = archive.read("places_fields.csv").decode()
    assert "geocode_source,geo_source" in crosswalk
    back = gpd.read_file(f"zip://{path}!places.shp")
    source = places_layer(gz)
    assert len(back) == len(source)
    assert all(len(c.encode()) <= 10 for c in back.columns)
    assert list(back["name_zh"]) == list(source["name_zh"])  # Chinese survives
    assert list(back["geo_source"]) == list(source["geocode_source"])
    assert_same_points(source, back.set_crs(back.crs, allow_override=True), crs)


def test_every_long_field_has_a_shapefile_name(gz):
    for build in LAYERS.values():
        for column in build(gz).columns:
            if column != "geometry":
                assert len(shapefile_name(column).encode()) <= 10
    assert len(set(SHAPEFILE_FIELDS.values())) == len(SHAPEFILE_FIELDS)


def test_kml_has_names_and_descriptions(tmp_path, gz):
    result = export(gz, "places", "kml", "EPSG:4326", tmp_path / "places.kml")
    back = gpd.read_file(result.files[0])
    assert len(back) == len(gz.places)
    source = places_layer(gz)
    assert set(back["Name"]) == set(source["name_zh"] + " " + source["name_en"])
    assert back["description"].str.len().min() > 0
    assert_same_points(source, back, "EPSG:4326")


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3857", GCJ02])
def test_csv_has_lonlat_and_projected_xy(tmp_path, gz, crs):
    result = export(gz, "places", "csv", crs, tmp_path / "places.csv")
    back = pd.read_csv(result.files[0], encoding="utf-8-sig", keep_default_na=False)
    assert len(back) == len(gz.places)
    assert np.allclose(back["lon"], gz.places["lon"].values)
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
        (["--layer", "places", "--plan", "999"], "selection is empty"),
        (["--layer", "places", "--out", "/nonexistent/dir/x.geojson"], "does not exist"),
    ],
)
def test_bad_requests_fail_cleanly(tmp_path, capsys, args, message):
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "x.out")]
    assert main(["export", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
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
