"""File formats: GeoJSON (RFC 7946), GeoPackage, zipped Shapefile, KML and CSV.

Exporting is two steps. :func:`prepare` turns a WGS84 layer into exactly what one format
will hold — output CRS, the format's coordinate rounding, valid geometry
(:mod:`geo.geometry_guard`), lists as text, Shapefile names and lengths, CSV columns — and
says in its notes every change a reader must know about. The writers then write that
frame without changing it: a GDAL warning while writing is an error (:mod:`geo.gdal_io`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from geo.crs import CRSS, GCJ02, GCJ02_DESCRIPTION, labelled_layer, to_output_crs
from geo.csv_safe import neutralised_frame
from geo.gdal_io import FormatError, write_ogr
from geo.geometry_guard import guard_geometries
from geo.shapefile import ShapefileError, fit_shapefile
from geo.tables import join_list
from geo.texts import EXPORT_LAYERS

GEOJSON_DECIMALS = 7
"""Decimals of lon/lat in GeoJSON, KML and CSV (7 ≈ 1 cm)."""
PROJECTED_DECIMALS = 3
"""Decimals of projected coordinates (metres) in CSV: millimetres."""
GPKG_VERSION = "1.2"
"""GeoPackage version written: read without a warning by every GDAL from 2.2 on (GDAL 3.6
of Debian 12 warns on 1.4 and its validator rejects it; see README)."""
EXCEL_CELL_CHARS = 32_767
"""Longest text Excel keeps in one cell; longer CSV cells are cut when opened there."""
SIMPLIFY_METRES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
"""Tolerances tried, smallest first, to bring a WKT cell under :data:`EXCEL_CELL_CHARS`
(coordinates then rounded to about a metre)."""
METRES_PER_DEGREE = 111_320.0
WKT_COLUMN = "WKT"
"""CSV geometry column: the name GDAL, QGIS and this app's upload reader pick up."""
SIMPLIFIED_COLUMN = "wkt_simplified_m"
LONLAT_COLUMNS = ("lon_wgs84", "lat_wgs84")


@dataclass
class Prepared:
    """One layer ready to write in one format."""

    layer: str
    """Export layer (``places``, ``links`` …)."""
    name: str
    """Its name (table, file) in the output; GCJ-02 layers say so."""
    frame: pd.DataFrame
    """Rows in the output CRS, with the format's columns and values."""
    notes: list[str] = field(default_factory=list)
    """Every change a reader must know about (cut values, left-out geometry …)."""
    files: dict[str, str] = field(default_factory=dict)
    """Text files that go with the layer (Shapefile crosswalk and whole long values)."""


def _round(coords, ndigits: int):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) for c in coords]
    return [_round(c, ndigits) for c in coords]


def _geojson_geometry(wkb: bytes, decimals: int) -> str:
    """The GeoJSON geometry of ``wkb`` with coordinates rounded to ``decimals``, as JSON
    text."""
    geometry = mapping(shapely.from_wkb(wkb))
    geometry["coordinates"] = _round(geometry["coordinates"], decimals)
    return json.dumps(geometry)


_kept_geojson_geometry = lru_cache(maxsize=256)(_geojson_geometry)
""":func:`_geojson_geometry` kept for the outlines the map draws on every rerun."""


def _json_value(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.ndarray):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return value


def geojson_document(
    layer: gpd.GeoDataFrame, decimals: int = GEOJSON_DECIMALS, keep: bool = False
) -> dict:
    """An RFC 7946 FeatureCollection: lon/lat WGS84, no ``crs`` member, counter-clockwise
    exterior rings, at most ``decimals`` decimals (7 ≈ 1 cm; the map uses fewer).
    ``keep``: remember each geometry's rounded coordinates (for the few outlines the map
    draws again on every rerun; not for exports).
    """
    rounded = _kept_geojson_geometry if keep else _geojson_geometry
    if layer.crs is None or not layer.crs.equals("EPSG:4326"):
        raise FormatError("GeoJSON (RFC 7946) is always WGS84 lon/lat; reproject first")
    features = []
    props = layer.drop(columns="geometry")
    oriented = shapely.orient_polygons(layer.geometry.values, exterior_cw=False)
    for geom, (_, row) in zip(oriented, props.iterrows(), strict=True):
        geometry = None if geom is None else json.loads(rounded(geom.wkb, decimals))
        features.append(
            {
                "type": "Feature",
                "properties": {k: _json_value(v) for k, v in row.items()},
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def flat(layer: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with ``;`` (for formats without list fields), booleans kept."""
    out = layer.copy()
    for column in list_columns(out):
        out[column] = out[column].map(lambda v: join_list(v) if isinstance(v, list) else v)
    return out


def list_columns(layer: pd.DataFrame) -> set[str]:
    """Columns holding lists (judged by value, whatever the dtype)."""
    return {
        c
        for c in layer.columns
        if c != "geometry" and layer[c].map(lambda v: isinstance(v, list)).any()
    }


def _rounded(layer: gpd.GeoDataFrame, decimals: int) -> gpd.GeoDataFrame:
    """Coordinates rounded as the file will store them (so validity is judged on those)."""
    out = layer.copy()
    oriented = shapely.orient_polygons(layer.geometry.values, exterior_cw=False)
    out[layer.geometry.name] = gpd.GeoSeries(
        shapely.transform(oriented, lambda xy: np.round(xy, decimals)),
        index=layer.index,
        crs=layer.crs,
    )
    return out


def _decimals(crs: str) -> int:
    return GEOJSON_DECIMALS if CRSS[crs].geographic else PROJECTED_DECIMALS


def _fit_wkt(geoms: np.ndarray, crs: str) -> tuple[list, list]:
    """WKT of each geometry, simplified just enough to fit one Excel cell where needed.

    Returns
    -------
    (wkt texts or None, tolerance in metres or None per geometry)
    """
    geographic = CRSS[crs].geographic
    decimals = _decimals(crs)
    metre_decimals = 5 if geographic else 0
    per_metre = 1.0 / METRES_PER_DEGREE if geographic else 1.0
    texts, tolerances = [], []
    for geom in geoms:
        text, used = (None, None) if geom is None else (shapely.to_wkt(geom, decimals), None)
        for metres in SIMPLIFY_METRES if text and len(text) > EXCEL_CELL_CHARS else ():
            simple = shapely.simplify(geom, metres * per_metre, preserve_topology=True)
            text, used = shapely.to_wkt(simple, metre_decimals), float(metres)
            if len(text) <= EXCEL_CELL_CHARS and shapely.from_wkt(text).is_valid:
                break
        texts.append(text)
        tolerances.append(used)
    return texts, tolerances


def _csv_prepared(source: gpd.GeoDataFrame, out: gpd.GeoDataFrame, name: str, crs: str):
    """CSV columns: points as ``lon_wgs84``/``lat_wgs84`` plus ``x``/``y`` in ``crs``;
    other geometries as :data:`WKT_COLUMN` in ``crs``, simplified where Excel would cut."""
    out, notes = guard_geometries(_rounded(out, _decimals(crs)), name)
    frame = pd.DataFrame(flat(out).drop(columns="geometry"))
    geoms = np.asarray(out.geometry.values, dtype=object)
    points = all(g is None or g.geom_type == "Point" for g in geoms)
    if points:
        wgs = np.asarray(source.geometry.values, dtype=object)
        for column, axis in zip(LONLAT_COLUMNS, (shapely.get_x, shapely.get_y), strict=True):
            if column not in frame.columns:
                frame[column] = [None if g is None else axis(g) for g in wgs]
        if crs != "EPSG:4326":
            frame["x"] = [None if g is None else g.x for g in geoms]
            frame["y"] = [None if g is None else g.y for g in geoms]
        return Prepared(name, name, frame, notes)
    frame[WKT_COLUMN], tolerances = _fit_wkt(geoms, crs)
    notes += _excel_notes(frame[[WKT_COLUMN]], name)
    simplified = [t for t in tolerances if t is not None]
    if simplified:
        frame[SIMPLIFIED_COLUMN] = tolerances
        notes.append(
            f"{name}: {len(simplified)} WKT cell(s) over Excel's {EXCEL_CELL_CHARS:,}-character "
            f"cell limit simplified (tolerance up to {max(simplified):g} m, column "
            f"{SIMPLIFIED_COLUMN}); the exact geometry is in the gpkg, geojson or shp export"
        )
    return Prepared(name, name, frame, notes)


def _excel_notes(frame: pd.DataFrame, name: str) -> list[str]:
    notes = []
    for column in frame.columns:
        long = frame[column].map(lambda v: isinstance(v, str) and len(v) > EXCEL_CELL_CHARS)
        if long.any():
            notes.append(
                f"{name}.{column}: {int(long.sum())} cell(s) over Excel's "
                f"{EXCEL_CELL_CHARS:,}-character limit (Excel cuts them; the CSV holds them whole)"
            )
    return notes


def prepare(layer: pd.DataFrame, name: str, fmt: str, crs: str) -> Prepared:
    """``layer`` (WGS84) as format ``fmt`` in ``crs`` will hold it, with notes on changes.

    Raises
    ------
    FormatError
        A table without geometry in a geometry-only format, or a field Shapefile cannot name.
    """
    if not isinstance(layer, gpd.GeoDataFrame):
        if fmt not in ("gpkg", "csv"):
            raise FormatError(
                f"this layer is a table without geometry: export it as csv or gpkg, not {fmt}"
            )
        table = flat(layer)
        return Prepared(name, name, table, _excel_notes(table, name) if fmt == "csv" else [])
    out = to_output_crs(layer, crs)
    if fmt == "csv":
        prepared = _csv_prepared(layer, out, name, crs)
        prepared.notes += _excel_notes(
            prepared.frame.drop(columns=WKT_COLUMN, errors="ignore"), name
        )
        return prepared
    if fmt in ("geojson", "kml"):
        out = _rounded(out, GEOJSON_DECIMALS)
    out, notes = guard_geometries(out, name)
    if fmt == "geojson":
        return Prepared(name, name, out, notes)
    lists = list_columns(out)
    labelled = labelled_layer(name, crs)
    if fmt == "shp":
        try:
            fitted, files, cut = fit_shapefile(flat(out), labelled, lists)
        except ShapefileError as exc:
            raise FormatError(str(exc)) from exc
        return Prepared(name, labelled, fitted, notes + cut, files)
    return Prepared(name, labelled, flat(out), notes)


def write_geojson(prepared: Prepared, path: Path) -> None:
    """RFC 7946 GeoJSON of a layer prepared in EPSG:4326."""
    document = geojson_document(prepared.frame)
    path.write_text(json.dumps(document, ensure_ascii=False, allow_nan=False), encoding="utf-8")


def _layer_description(prepared: Prepared, crs: str) -> tuple[str, str]:
    """Identifier and description of a layer in ``gpkg_contents``; layers with geometry
    name their CRS (and GCJ-02 layers say so in the identifier too)."""
    layer = prepared.layer
    title = EXPORT_LAYERS[layer]("both") if layer in EXPORT_LAYERS else layer  # uploads: own name
    if not isinstance(prepared.frame, gpd.GeoDataFrame):
        return title, f"{title} (table without geometry)"
    marker = " (GCJ-02)" if crs == GCJ02 else ""
    crs_text = GCJ02_DESCRIPTION if crs == GCJ02 else f"{crs} {CRSS[crs].title}"
    return f"{title}{marker}", f"{title}. 坐标系 Coordinate system: {crs_text}"


def write_gpkg(layers: list[Prepared], path: Path, crs: str) -> None:
    """All ``layers`` in one GeoPackage (version :data:`GPKG_VERSION`), each with its title
    and CRS in ``gpkg_contents``, and the CRS described in ``gpkg_spatial_ref_sys``."""
    for i, prepared in enumerate(layers):
        identifier, description = _layer_description(prepared, crs)
        write_ogr(
            prepared.frame,
            path,
            layer=prepared.name,
            driver="GPKG",
            append=i > 0,
            dataset_options=None if i else {"VERSION": GPKG_VERSION},
            layer_options={"IDENTIFIER": identifier, "DESCRIPTION": description},
        )
    description = GCJ02_DESCRIPTION if crs == GCJ02 else CRSS[crs].title
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE gpkg_spatial_ref_sys SET description = ? WHERE srs_id IN "
            "(SELECT srs_id FROM gpkg_geometry_columns) AND (description IS NULL "
            "OR description IN ('', 'undefined') OR organization = 'NONE')",
            (description,),
        )
    db.close()


def write_csv(prepared: Prepared, path: Path) -> None:
    """UTF-8 CSV with a BOM (spreadsheets then read Chinese); missing values empty; text a
    spreadsheet would run as a formula starts with ``'`` (:mod:`geo.csv_safe`)."""
    neutralised_frame(prepared.frame).to_csv(path, index=False, encoding="utf-8-sig")


EXTENSIONS = {"geojson": ".geojson", "gpkg": ".gpkg", "shp": ".zip", "kml": ".kml", "csv": ".csv"}
