"""Every attribute of every layer, read back from each format by GDAL, against what the
export set out to write (:func:`geo.export.export_frames`): nothing changes silently.

What a format cannot carry is listed in :data:`CANNOT_CARRY` with the reason, and the test
undoes exactly that (and nothing else) before comparing. The export frames themselves are
checked against the gazetteer first.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.crs import GCJ02, from_output_crs
from geo.export import export_frames
from geo.kml import KML_FIELDS
from geo.layers_out import LAYERS
from geo.schema import LIST_SEPARATOR

CANNOT_CARRY: dict[str, dict[str, str]] = {
    "geojson": {},
    "gpkg": {"lists": "no list type: items joined with ';' into text"},
    "shp": {
        "lists": "no list type: items joined with ';' into text",
        "names": "field names of at most 10 bytes: renamed, <layer>_fields.csv in the zip",
        "long text": "values over 254 bytes cut visibly; whole in <layer>_long_values.csv",
    },
    "kml": {
        "lists": "no list type: items joined with ';' into text",
        "own fields": "KML readers add id, Name, description, timestamp, begin, end, "
        "altitudeMode, tessellate, extrude, visibility, drawOrder, icon",
        "names": "the data column description is description_text (description is the "
        "placemark's balloon)",
    },
    "csv": {
        "lists": "no list type: items joined with ';' into text",
        "types": "every cell is text: numbers and yes/no as their text",
        "null": "a missing value is an empty cell",
        "formulas": "text a spreadsheet would run (starting with = + - @ tab CR, not a "
        "number nor a lone sign) starts with ' (OWASP CSV injection)",
        "geometry": "points as lon_wgs84/lat_wgs84 (+ x/y in the CRS), others as WKT; "
        "WKT over Excel's cell limit simplified (wkt_simplified_m says by how much)",
    },
}
"""Format -> what it cannot carry -> why. The comparison below undoes exactly these."""

KML_OWN = {
    "id",
    "Name",
    "description",
    "timestamp",
    "begin",
    "end",
    "altitudeMode",
    "tessellate",
    "extrude",
    "visibility",
    "drawOrder",
    "icon",
}
CSV_GEOMETRY = {"lon_wgs84", "lat_wgs84", "x", "y", "WKT", "wkt_simplified_m"}
ISSUE = "geometry_issue"
COMBINATIONS = [
    ("geojson", "EPSG:4326"),
    *[(fmt, crs) for fmt in ("gpkg", "shp", "kml", "csv") for crs in ("EPSG:4326", GCJ02)],
    ("gpkg", "EPSG:4547"),
    ("csv", "EPSG:3857"),
]
TOLERANCE_DEGREES = 1e-6
"""≈ 10 cm: coordinates are rounded to 7 decimals (GeoJSON, KML, CSV) or 1 mm (CSV
metres), and GCJ-02 is undone by an iterative inverse."""


@pytest.fixture(scope="module")
def frames(gz) -> dict[str, pd.DataFrame]:
    return export_frames(gz, list(LAYERS))


def canon(value):
    """One Python value per meaning: ``None`` for missing, plain int/float/bool/str/tuple."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(str(v) for v in value) or None
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


NUMBER = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"


def as_text(value) -> str | None:
    """How the CSV writes a value: lists joined, numbers and booleans as their text."""
    value = canon(value)
    if value is None:
        return None
    if isinstance(value, tuple):
        value = LIST_SEPARATOR.join(value)
    text = str(value)
    if len(text) > 1 and text[0] in "=+-@\t\r" and not re.fullmatch(NUMBER, text):
        return "'" + text  # CANNOT_CARRY["csv"]["formulas"]
    return text


def test_export_frames_carry_the_gazetteer_with_citations_and_nulls(gz, frames):
    places = frames["places"]
    firsts = gz.mentions.groupby("place_id", sort=False).first()
    assert list(places["cite_plan"]) == list(firsts.loc[places["place_id"], "plan_id"])
    assert list(places["cite_quote"]) == list(firsts.loc[places["place_id"], "quote"])
    assert places["cite_quote"].notna().all() and places["cite_plan"].notna().all()
    assert np.allclose(places["lon_wgs84"], gz.places["lon"]) and "lon" not in places
    for name, frame in frames.items():
        source = LAYERS[name](gz)
        for column in source.columns.drop("geometry", errors="ignore"):
            ours = frame[WGS84.get(column, column)]
            for before, after in zip(source[column], ours, strict=True):
                if isinstance(before, (str, list)) and len(before) == 0:
                    assert after is None, (name, column)
                else:
                    assert canon(after) == canon(before), (name, column)


WGS84 = {"lon": "lon_wgs84", "lat": "lat_wgs84"}


def _read_shapefile(path: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """A zipped Shapefile with long names restored from its crosswalk and cut values from
    its side table; also returns the side table."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shp = next(n for n in names if n.endswith(".shp"))
        crosswalk = pd.read_csv(
            io.BytesIO(archive.read(next(n for n in names if n.endswith("_fields.csv")))),
            encoding="utf-8-sig",
        )
        long_name = next((n for n in names if n.endswith("_long_values.csv")), None)
        long = (
            pd.read_csv(io.BytesIO(archive.read(long_name)), encoding="utf-8-sig", dtype=str)
            if long_name
            else pd.DataFrame(columns=["field", "shapefile_field", "value"])
        )
    frame = pyogrio.read_dataframe(f"/vsizip/{path}/{shp}")
    frame = frame.rename(
        columns=dict(zip(crosswalk["shapefile_field"], crosswalk["field"], strict=True))
    )
    key = frame.columns[0]
    for row in long.itertuples(index=False):
        cut = frame.loc[frame[key] == row[0], row.field].iloc[0]
        assert cut.endswith("…") and len(cut.encode()) <= 254  # visibly cut, never passed off
        frame.loc[frame[key] == row[0], row.field] = row.value
    return frame, long


def read_back(path: Path, fmt: str, layer: str, crs: str) -> gpd.GeoDataFrame:
    """The layer as GDAL reads it, with only the format's documented limits undone."""
    if fmt == "shp":
        frame, _ = _read_shapefile(path)
    elif fmt == "gpkg":
        name = layer + ("_gcj02" if crs == GCJ02 and layer != "indicators" else "")
        frame = pyogrio.read_dataframe(path, layer=name)
    else:
        frame = pyogrio.read_dataframe(path)
    if fmt == "kml":
        assert list(frame["Name"]) == list(frame["name_zh"] + " " + frame["name_en"])
        frame = frame.drop(columns=[c for c in KML_OWN if c in frame.columns])
        frame = frame.rename(columns={v: k for k, v in KML_FIELDS.items()})
    return frame


def _comparable(geom) -> np.ndarray:
    """Coordinates in writing order, rings oriented alike (formats orient them differently)."""
    if geom.geom_type == "Polygon":
        geom = shapely.MultiPolygon([geom])
    return shapely.get_coordinates(shapely.orient_polygons(geom, exterior_cw=False))


def check_geometry(before: gpd.GeoDataFrame, after: pd.DataFrame, fmt: str, crs: str) -> None:
    """Same geometries back in WGS84 (to :data:`TOLERANCE_DEGREES`); a missing one only
    where the export says why."""
    code = "EPSG:4326" if crs == GCJ02 else crs  # GCJ-02 files are read as lon/lat
    if fmt == "csv":
        if "WKT" not in after.columns:
            x, y = ("lon_wgs84", "lat_wgs84") if crs == "EPSG:4326" else ("x", "y")
            points = gpd.points_from_xy(after[x].astype(float), after[y].astype(float))
            after = gpd.GeoDataFrame(after, geometry=points, crs=code)
        else:
            keep = after.get("wkt_simplified_m", pd.Series("", index=after.index)).fillna("")
            simplified = keep != ""
            geoms = [shapely.from_wkt(w) if w else None for w in after["WKT"].fillna("")]
            after = gpd.GeoDataFrame(after, geometry=geoms, crs=code).loc[~simplified]
            before = before.loc[~simplified.to_numpy()]
    wgs = from_output_crs(
        gpd.GeoDataFrame(after, geometry=after.geometry).set_crs(code, allow_override=True), crs
    )
    issue = "geometry_issue" if "geometry_issue" in after.columns else None
    for b, a, (_, row) in zip(before.geometry, wgs.geometry, after.iterrows(), strict=True):
        if a is None and b is None:  # none in the data either: a local link, which says why
            assert str(row["local"]).lower() in ("true", "1"), row.iloc[0]
            assert isinstance(row["local_reason"], str), row.iloc[0]
            continue
        if a is None:
            assert issue and isinstance(row[issue], str), row.iloc[0]
            assert not b.is_valid or b.is_empty
            continue
        ours, theirs = _comparable(b), _comparable(a)
        assert ours.shape == theirs.shape, row.iloc[0]
        assert np.abs(ours - theirs).max() < TOLERANCE_DEGREES, row.iloc[0]


@pytest.mark.parametrize(("fmt", "crs"), COMBINATIONS)
def test_every_attribute_survives_each_format(gis_export, frames, fmt, crs):
    limits = CANNOT_CARRY[fmt]
    paths = gis_export(fmt, crs)
    if fmt == "gpkg":
        pairs = [(paths[0], layer) for layer in LAYERS]
    else:
        pairs = [(p, next(n for n in LAYERS if p.name.startswith(n))) for p in paths]
    assert sorted(layer for _, layer in pairs) == sorted(LAYERS)
    for path, layer in pairs:
        own_fmt = "csv" if path.suffix == ".csv" else fmt  # tables go to CSV
        before = frames[layer]
        after = read_back(path, own_fmt, layer, crs)
        assert len(after) == len(before), (fmt, layer)
        columns = [c for c in before.columns if c != "geometry"]
        extra = set(after.columns) - set(columns) - {"geometry", ISSUE}
        if own_fmt == "csv":
            extra -= CSV_GEOMETRY
        assert not extra, (fmt, layer, extra)
        lists = {c for c in columns if before[c].map(lambda v: isinstance(v, list)).any()}
        for column in columns:
            assert column in after.columns, (fmt, layer, column)
            for i, (b, a) in enumerate(zip(before[column], after[column], strict=True)):
                if own_fmt == "csv":
                    a = None if a == "" else a  # CANNOT_CARRY["csv"]["null"]
                    assert as_text(b) == canon(a) or _same_number(b, a), (fmt, layer, column, i)
                    continue
                if column in lists and "lists" in limits and isinstance(a, str):
                    a = a.split(LIST_SEPARATOR)
                assert canon(a) == canon(b), (fmt, layer, column, i, a, b)
                assert type(canon(a)) is type(canon(b)), (fmt, layer, column, i)
        if isinstance(before, gpd.GeoDataFrame):
            check_geometry(before, after, own_fmt, crs)


def _same_number(before, text) -> bool:
    """CSV text of a float that Python prints differently (``1.0`` vs ``1``)."""
    before = canon(before)
    return isinstance(before, float) and text is not None and float(text) == before
