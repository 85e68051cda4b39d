"""Export from the command line: RFC 7946 GeoJSON, CSV, clear errors, no partial files."""

from __future__ import annotations

import json

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geo.cli import main


def check_rfc7946(document: dict) -> None:
    """Assert the RFC 7946 rules a consumer relies on."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature" and set(feature) >= {"geometry", "properties"}
        geom = shape(feature["geometry"])
        assert geom.is_valid or geom.geom_type == "LineString"
        xs, ys = zip(*shapely.get_coordinates(geom).tolist(), strict=True)
        assert all(-180 <= x <= 180 for x in xs) and all(-90 <= y <= 90 for y in ys)
        text = json.dumps(feature["geometry"]["coordinates"])
        assert all(
            len(n.split(".")[1]) <= 7
            for n in text.replace("[", "").replace("]", "").split(", ")
            if "." in n
        )
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
                assert all(not ring.is_ccw for ring in polygon.interiors)


def test_places_geojson(tmp_path, gz, capsys):
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
    read_back = pyogrio.read_dataframe(out)
    assert len(read_back) == len(gz.places)
    assert set(read_back["name_zh"]) == set(gz.places["name_zh"])


def test_all_layers(tmp_path, gz):
    out = tmp_path / "all"
    assert main(["export", "--layer", "all", "--format", "geojson", "--out", str(out)]) == 0
    for name, expected in [
        ("places", gz.places),
        ("links", gz.links),
        ("structures", gz.structures),
        ("projects", gz.projects),
    ]:
        document = json.loads((out / f"{name}.geojson").read_text(encoding="utf-8"))
        check_rfc7946(document)
        assert len(document["features"]) == len(expected)
    links = json.loads((out / "links.geojson").read_text(encoding="utf-8"))
    assert {f["geometry"]["type"] for f in links["features"]} == {"LineString"}
    assert all({"from_id", "to_id"} <= set(f["properties"]) for f in links["features"])
    indicators = (out / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(indicators) == len(gz.indicators) + 1


def test_csv_keeps_printed_text(tmp_path, gz):
    import pandas as pd

    out = tmp_path / "indicators.csv"
    assert main(["export", "--layer", "indicators", "--format", "csv", "--out", str(out)]) == 0
    back = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back["value_text"]) == list(gz.indicators["value_text"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "indicators", "--format", "geojson"], "export it as csv"),
        (
            ["--layer", "places", "--format", "geojson", "--out", "/nonexistent/dir/x.geojson"],
            "does not exist",
        ),
    ],
)
def test_bad_requests_fail_cleanly(tmp_path, capsys, args, message):
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "x.geojson")]
    assert main(["export", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_unknown_layer_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--layer", "nope", "--out", str(tmp_path / "x")])
    assert exc.value.code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err


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
    assert "places.csv:2: kind: unknown value 'spaceport'" in err
    assert "Traceback" not in err
