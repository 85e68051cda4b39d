"""``python -m geo export --format postgis``: tables with CRS, keys and indexes, the same
attributes as the GeoPackage export, read back with GDAL's PG driver and GeoPandas."""

from __future__ import annotations

import json
import subprocess
import warnings

import geopandas as gpd
import pandas as pd
import psycopg
import pyogrio
import pytest
import shapely

from geo.cli import main
from geo.db.cluster import DATABASE, OWNER_ROLE
from geo.layers_out import LAYERS

SCHEMA = "gis_export"


def _pg(url: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    return f"PG:host={info['host']} port={info['port']} dbname={info['dbname']} user={info['user']}"


def _read_postgis(url: str, table: str, geometric: bool) -> pd.DataFrame:
    with psycopg.connect(url) as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "pandas only supports SQLAlchemy", UserWarning)
        query = f"SELECT * FROM {SCHEMA}.{table} ORDER BY fid"
        if geometric:
            return gpd.read_postgis(query, conn, geom_col="geom")
        return pd.read_sql(query, conn)


@pytest.fixture(scope="module")
def exported(pg_cluster, tmp_path_factory):
    url = pg_cluster.url(OWNER_ROLE, DATABASE)
    args = ["export", "--format", "postgis", "--dsn", url, "--schema", SCHEMA]
    assert main([*args, "--layer", "all", "--crs", "EPSG:4547"]) == 0
    gpkg = tmp_path_factory.mktemp("gpkg") / "all.gpkg"
    assert (
        main(
            [
                "export",
                "--format",
                "gpkg",
                "--layer",
                "all",
                "--crs",
                "EPSG:4547",
                "--out",
                str(gpkg),
            ]
        )
        == 0
    )
    return url, gpkg, args


def test_same_attributes_and_geometries_as_the_geopackage(exported):
    url, gpkg, _ = exported
    for name in LAYERS:
        expected = pyogrio.read_dataframe(gpkg, layer=name)
        geometric = "geometry" in expected.columns
        back = _read_postgis(url, name, geometric).drop(columns="fid")
        if geometric:
            assert back.crs.to_epsg() == 4547
            missing = expected.geometry.isna().to_numpy()
            assert (back.geom.isna().to_numpy() == missing).all(), name  # geometry_issue rows
            same = shapely.equals_exact(
                back.geom.values[~missing], expected.geometry.values[~missing], 0
            )
            assert bool(same.all()), name
            back, expected = back.drop(columns="geom"), expected.drop(columns="geometry")
        assert list(back.columns) == list(expected.columns), name
        for column in expected.columns:
            left, right = back[column].tolist(), expected[column].tolist()
            same = [a == b or (pd.isna(a) and pd.isna(b)) for a, b in zip(left, right, strict=True)]
            assert all(same), f"{name}.{column}"


def test_ogr_reads_srs_keys_and_counts(exported, gz):
    url, _, _ = exported
    info = subprocess.run(
        ["ogrinfo", "-ro", "-so", _pg(url), f"{SCHEMA}.places"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Feature Count: {len(gz.places)}" in info
    assert "FID Column = fid" in info and "Geometry Column = geom" in info
    assert "Geometry: Point" in info
    assert 'ID["EPSG",4547]' in info
    assert "place_id: String" in info and "plans: String" in info


def test_ogr2ogr_copies_a_layer_out(exported, tmp_path, gz):
    url, _, _ = exported
    out = tmp_path / "links.geojson"
    subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", str(out), _pg(url), f"{SCHEMA}.links"],
        check=True,
        capture_output=True,
    )
    back = gpd.read_file(out)
    assert sorted(back["link_id"]) == sorted(gz.links["link_id"])


def test_constraints_and_indexes(exported):
    url, _, _ = exported
    with psycopg.connect(url) as conn:
        indexes = conn.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = %s", [SCHEMA]
        ).fetchall()
        not_null = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = 'places' AND is_nullable = 'NO'",
            [SCHEMA],
        ).fetchall()
        comment = conn.execute(
            "SELECT obj_description(%s::regclass, 'pg_class')", [f"{SCHEMA}.places"]
        ).fetchone()[0]
    for table in ("places", "links", "structures", "projects", "boundaries"):
        assert any(t == table and "USING gist (geom)" in d for t, d in indexes), table
        assert any(t == table and "pkey" in d and "(fid)" in d for t, d in indexes), table
    assert {"place_id", "name_zh", "kind"} <= {row[0] for row in not_null}
    meta = json.loads(comment.split(": ", 1)[1])
    assert meta["crs"]["code"] == "EPSG:4547" and meta["format"] == "postgis"


def test_export_again_replaces_but_never_a_foreign_table(exported, capsys):
    url, _, args = exported
    assert main([*args, "--layer", "places"]) == 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA staff")
        conn.execute("CREATE TABLE staff.places (id integer)")
        conn.execute("INSERT INTO staff.places VALUES (1)")
    staff = [a if a != SCHEMA else "staff" for a in args]
    assert main([*staff, "--layer", "all"]) == 1
    assert "staff.places exists and was not written by this program" in capsys.readouterr().err
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM staff.places").fetchone()[0] == 1
        assert conn.execute("SELECT to_regclass('staff.links')").fetchone()[0] is None


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--crs", "GCJ-02"], "GCJ-02 has none"),
        (["--dsn", "postgresql://x@127.0.0.1:1/none"], "Cannot connect to the database"),
    ],
)
def test_refusals_are_one_line(exported, capsys, extra, message):
    _, _, args = exported
    assert main([*args, "--layer", "places", *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_file_formats_still_need_out(capsys):
    assert main(["export", "--format", "gpkg", "--layer", "places"]) == 2
    assert "needs --out" in capsys.readouterr().err
