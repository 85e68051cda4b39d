"""Every format × CRS the CLI offers, opened by GDAL's own command-line tools (Debian
``gdal-bin``, a different GDAL from the one pyogrio writes with) and GDAL's GeoPackage
validator: no warning on open, every geometry valid by SpatiaLite's ``ST_IsValid``,
``ogr2ogr`` round trips that keep every feature, GCJ-02 that no client takes for WGS 84.

Each export is written once per session (``gis_export`` in conftest) and shared by the
tests that read it.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyogrio
import pyproj
import pytest

from geo.crs import CRSS, GCJ02
from geo.export import FORMATS
from geo.formats import GPKG_VERSION
from geo.layers_out import LAYERS

SYSTEM_PYTHON = "/usr/bin/python3"
"""Debian's Python, which has GDAL's bindings and samples (``python3-gdal``)."""
DRIVERS = {
    "geojson": ("GeoJSON", ".geojson", []),
    "gpkg": ("GPKG", ".gpkg", []),
    "shp": ("ESRI Shapefile", ".shp", ["-lco", "ENCODING=UTF-8"]),
    "kml": ("KML", ".kml", ["-mapFieldType", "DateTime=String"]),
    "csv": ("CSV", ".csv", ["-lco", "GEOMETRY=AS_WKT"]),
}
"""GDAL driver, file ending and options to write each format back with (UTF-8 for
Shapefile, whose GDAL 3.6 default is ISO-8859-1; LIBKML's own time fields as text; GDAL's
plain KML writer, as LIBKML takes ten times longer)."""
GEO_LAYERS = [name for name in LAYERS if name != "indicators"]


def _offered(fmt: str, crs: str) -> bool:
    if fmt == "geojson":
        return crs == "EPSG:4326"
    if fmt == "kml":
        return crs in ("EPSG:4326", GCJ02)
    return True


MATRIX = [(fmt, crs) for fmt in FORMATS for crs in CRSS if _offered(fmt, crs)]


@dataclass(frozen=True)
class Source:
    """One layer of an export as GDAL opens it."""

    layer: str
    """Export layer (``places`` …)."""
    path: str
    """GDAL data source (``/vsizip/`` for a zipped Shapefile)."""
    name: str
    """Layer name inside the data source."""
    options: tuple[str, ...] = ()
    """GDAL open options (``-oo``), e.g. the x/y columns of a CSV of points."""

    def args(self) -> list[str]:
        return [arg for option in self.options for arg in ("-oo", option)]


def run(*command: str) -> subprocess.CompletedProcess:
    """Run a GDAL tool; its stderr is where GDAL and GEOS put warnings."""
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def expected(gz) -> dict[str, int]:
    """Rows of each layer in the gazetteer: what every export of everything must hold."""
    return {name: len(build(gz)) for name, build in LAYERS.items()}


def sources(paths: list[Path], fmt: str, crs: str) -> list[Source]:
    """Every layer with geometry in the files of one export."""
    found = []
    for path in paths:
        if path.name.startswith("indicators"):
            continue
        if fmt == "gpkg":
            names = {n for n, _ in pyogrio.list_layers(path)}
            for layer in GEO_LAYERS:
                found += [
                    Source(layer, str(path), n) for n in names if n.split("_gcj02")[0] == layer
                ]
            continue
        layer = next(n for n in GEO_LAYERS if path.name.startswith(n))
        source, options = str(path), ()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                shp = next(n for n in archive.namelist() if n.endswith(".shp"))
            source = f"/vsizip/{path}/{shp}"
        elif fmt == "csv" and layer in ("places", "projects"):
            x, y = ("lon_wgs84", "lat_wgs84") if crs == "EPSG:4326" else ("x", "y")
            options = (f"X_POSSIBLE_NAMES={x}", f"Y_POSSIBLE_NAMES={y}")
        (name,) = [n for n, _ in pyogrio.list_layers(source)]
        found.append(Source(layer, source, name, options))
    assert sorted(s.layer for s in found) == sorted(GEO_LAYERS)
    return found


def sql(source: Source, query: str) -> dict[str, int]:
    """Integers of a one-row query in GDAL's SQLite dialect (SpatiaLite functions), after
    asserting that opening and querying printed no warning."""
    done = run(
        "ogrinfo", "-ro", "-q", *source.args(), "-dialect", "SQLite", "-sql", query, source.path
    )
    assert done.returncode == 0 and done.stderr == "", (source, done.stderr)
    values = re.findall(r"^\s+(\w+) \(Integer\S*\) = (-?\d+)$", done.stdout, flags=re.M)
    return {key: int(value) for key, value in values}


@pytest.mark.parametrize(("fmt", "crs"), MATRIX)
def test_gdal_opens_clean_and_every_geometry_is_valid(gis_export, expected, fmt, crs):
    for source in sources(gis_export(fmt, crs), fmt, crs):
        geom = "geom" if fmt == "gpkg" else "GEOMETRY"
        counts = sql(
            source,
            f"SELECT COUNT(*) AS n, SUM({geom} IS NULL) AS missing, SUM(CASE WHEN {geom} IS "
            f"NULL THEN 0 WHEN ST_IsValid({geom}) THEN 0 ELSE 1 END) AS invalid "
            f'FROM "{source.name}"',
        )
        assert counts["n"] == expected[source.layer], source
        assert counts["invalid"] == 0, source
        if counts["missing"]:  # only features that say why they have no geometry
            frame = pyogrio.read_dataframe(source.path, layer=source.name, read_geometry=True)
            names = (
                ("geom_issue", "lcl_reason") if fmt == "shp" else ("geometry_issue", "local_reason")
            )
            reasons = frame.reindex(columns=list(names)).notna().any(axis=1)
            assert reasons[frame.geometry.isna()].all(), source  # export's or data's reason


@pytest.mark.parametrize(("fmt", "crs"), MATRIX)
def test_ogr2ogr_round_trip_keeps_every_feature(tmp_path, gis_export, expected, fmt, crs):
    driver, ending, creation = DRIVERS[fmt]
    for source in sources(gis_export(fmt, crs), fmt, crs):
        middle = tmp_path / f"{source.layer}.gpkg"
        there = run(
            "ogr2ogr",
            "-f",
            "GPKG",
            "-nlt",
            "PROMOTE_TO_MULTI",
            "-mapFieldType",
            "StringList=String",
            *source.args(),
            str(middle),
            source.path,
            source.name,
        )  # as GDAL advises: Shapefile polygons to a multi type, GeoJSON arrays to text
        assert there.returncode == 0 and there.stderr == "", (source, there.stderr)
        back = tmp_path / f"{source.layer}_back{ending}"
        again = run("ogr2ogr", "-f", driver, *creation, "-nln", "back", str(back), str(middle))
        assert again.returncode == 0 and again.stderr == "", (source, again.stderr)
        for path in (middle, back):
            (name,) = [n for n, _ in pyogrio.list_layers(path)]
            assert pyogrio.read_info(path, layer=name)["features"] == expected[source.layer]


@pytest.mark.parametrize("crs", list(CRSS))
def test_geopackage_passes_gdal_validator_at_its_version(gis_export, crs):
    (path,) = gis_export("gpkg", crs)
    done = run(
        SYSTEM_PYTHON, "-m", "osgeo_utils.samples.validate_gpkg", "--warning-as-error", str(path)
    )
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", (
        done.stdout + done.stderr
    )
    with sqlite3.connect(path) as db:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        (application,) = db.execute("PRAGMA application_id").fetchone()
    major, minor = (int(part) for part in GPKG_VERSION.split("."))
    assert version == major * 10000 + minor * 100
    assert application.to_bytes(4, "big") == b"GPKG"


def gdal_matches(source: str) -> dict[int, int]:
    """EPSG code -> confidence of every match ``gdalsrsinfo -e`` reports (0: not EPSG)."""
    done = run("gdalsrsinfo", "-e", source)
    assert done.returncode == 0, done.stderr
    found = re.findall(r"Confidence in this match: (\d+) %\s+EPSG:(-?\d+)", done.stdout)
    return {int(code): int(confidence) for confidence, code in found}


def _no_epsg_match(wkt: str, below: int = 1) -> None:
    """PROJ finds no EPSG CRS for ``wkt`` with confidence ``below`` or more."""
    crs = pyproj.CRS(wkt)
    assert "GCJ-02" in crs.name
    assert crs.list_authority(auth_name="EPSG", min_confidence=below) == []
    assert crs.to_epsg(min_confidence=below) is None


def test_gcj02_geopackage_names_its_crs_and_no_client_takes_it_for_wgs84(gis_export):
    (path,) = gis_export("gpkg", GCJ02)
    assert "GCJ-02" in path.name
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT s.srs_name, s.organization, s.description, s.definition, c.table_name, "
            "c.identifier FROM gpkg_spatial_ref_sys s JOIN gpkg_geometry_columns g "
            "USING (srs_id) JOIN gpkg_contents c USING (table_name)"
        ).fetchall()
    assert len(rows) == len(GEO_LAYERS)
    for srs_name, organization, description, definition, table, identifier in rows:
        assert "GCJ-02" in srs_name and organization == "NONE"
        assert "GCJ-02" in description and "not EPSG:4326" in description
        assert table.endswith("_gcj02") and "GCJ-02" in identifier
        _no_epsg_match(definition)
    assert 4326 not in gdal_matches(f"GPKG:{path}:places_gcj02")
    shown = run("ogrinfo", "-ro", "-so", str(path), "places_gcj02")
    assert 'GEOGCRS["GCJ-02' in shown.stdout and shown.stderr == ""


def test_gcj02_shapefile_prj_and_kml_carry_the_marker(gis_export):
    for path in gis_export("shp", GCJ02):
        assert "GCJ-02" in path.name
        if path.suffix == ".csv":  # the indicators table
            continue
        with zipfile.ZipFile(path) as archive:
            prj = next(n for n in archive.namelist() if n.endswith(".prj"))
            assert "gcj02" in prj
            # ESRI WKT has no datum codes: PROJ guesses EPSG:4326 from the ellipsoid at
            # 60 %, below the 70 % from which PROJ (to_epsg) and QGIS take a match
            _no_epsg_match(archive.read(prj).decode(), below=70)
        assert gdal_matches(f"/vsizip/{path}/{prj}").get(4326, 0) < 70
        shown = run("ogrinfo", "-ro", "-so", f"/vsizip/{path}/{prj[:-4]}.shp", prj[:-4])
        assert 'GEOGCRS["GCS_GCJ-02' in shown.stdout and shown.stderr == ""
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    for path in gis_export("kml", GCJ02):
        assert "GCJ-02" in path.name
        if path.suffix == ".csv":
            continue
        document = ET.parse(path).getroot().find("k:Document", ns)
        assert "GCJ-02" in document.findtext("k:name", namespaces=ns)
        assert "not EPSG:4326" in document.findtext("k:description", namespaces=ns)
        assert (
            document.findtext("k:ExtendedData/k:Data[@name='crs']/k:value", namespaces=ns) == GCJ02
        )
        assert "GCJ-02" in document.findtext("k:Folder/k:name", namespaces=ns)
