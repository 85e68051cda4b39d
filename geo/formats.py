"""File formats: GeoJSON (RFC 7946), GeoPackage, zipped Shapefile, KML and CSV writers.

Every writer takes WGS84 layers and a target CRS code, writes to a temporary path given
by :func:`geo.export.write_atomically`, and raises :class:`FormatError` for requests the
format cannot honour.
"""

from __future__ import annotations

import json
import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping

from geo.crs import GCJ02, to_output_crs
from geo.tables import join_list

GEOJSON_DECIMALS = 7
DBF_FIELD_BYTES = 10
DBF_TEXT_BYTES = 254

SHAPEFILE_FIELDS: dict[str, str] = {
    "geocode_source": "geo_source",
    "industries": "industries",
    "description": "descriptn",
    "name_derived": "name_deriv",
    "structure_id": "struct_id",
    "geometry_derived": "geom_deriv",
    "location_zh": "location",
    "investment_yi": "invest_yi",
    "start_year": "start_year",
    "category_zh": "category",
    "indicator_zh": "indic_zh",
    "indicator_en": "indic_en",
    "value_text": "value_text",
    "value_kind": "value_kind",
    "change_text": "change_txt",
    "indicator_key": "indic_key",
    "member_towns": "mem_towns",
    "location_source": "loc_source",
    "location_quote": "loc_quote",
    "source_datum": "src_datum",
    "local_reason": "lcl_reason",
    "extent_method": "ext_method",
}
"""Crosswalk of field names longer than 10 bytes to their Shapefile (DBF) names."""


class FormatError(Exception):
    """The format cannot carry this layer or CRS; the message says what to use instead."""


def _round(coords, ndigits: int):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) for c in coords]
    return [_round(c, ndigits) for c in coords]


def _json_value(value):
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def geojson_document(layer: gpd.GeoDataFrame, decimals: int = GEOJSON_DECIMALS) -> dict:
    """An RFC 7946 FeatureCollection: lon/lat WGS84, no ``crs`` member, counter-clockwise
    exterior rings, at most ``decimals`` decimals (7 ≈ 1 cm; the map uses fewer).
    """
    if layer.crs is None or not layer.crs.equals("EPSG:4326"):
        raise FormatError("GeoJSON (RFC 7946) is always WGS84 lon/lat; reproject first")
    features = []
    props = layer.drop(columns="geometry")
    oriented = shapely.orient_polygons(layer.geometry.values, exterior_cw=False)
    for geom, (_, row) in zip(oriented, props.iterrows(), strict=True):
        geometry = None  # a feature without a location (a local link) has a null geometry
        if geom is not None:
            geometry = mapping(geom)
            geometry["coordinates"] = _round(geometry["coordinates"], decimals)
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
    for column in out.columns:
        if column != "geometry" and out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(lambda v: join_list(v) if isinstance(v, list) else v)
    return out


def _geo(layer: pd.DataFrame, fmt: str) -> gpd.GeoDataFrame:
    if not isinstance(layer, gpd.GeoDataFrame):
        raise FormatError(
            f"this layer is a table without geometry: export it as csv or gpkg, not {fmt}"
        )
    return layer


def write_geojson(layer: pd.DataFrame, path: Path, crs: str) -> None:
    """RFC 7946 GeoJSON; refuses any CRS but EPSG:4326."""
    if crs != "EPSG:4326":
        raise FormatError(
            f"GeoJSON (RFC 7946) is WGS84 lon/lat only; for {crs} export as "
            "gpkg (GeoPackage keeps any CRS)"
        )
    document = geojson_document(_geo(layer, "geojson"))
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def write_gpkg(layers: dict[str, pd.DataFrame], path: Path, crs: str) -> None:
    """All layers in one GeoPackage in ``crs``; tables without geometry as attribute tables."""
    for name, layer in layers.items():
        frame = flat(layer)
        if isinstance(layer, gpd.GeoDataFrame):
            frame = to_output_crs(frame, crs)
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
        else:
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())


def shapefile_name(field: str) -> str:
    """DBF name of a field: itself when ≤ 10 bytes, else from :data:`SHAPEFILE_FIELDS`."""
    if len(field.encode("utf-8")) <= DBF_FIELD_BYTES:
        return field
    if field not in SHAPEFILE_FIELDS:
        raise FormatError(f"no Shapefile name for field {field!r}")
    return SHAPEFILE_FIELDS[field]


def shapefile_truncations(layer: pd.DataFrame) -> list[str]:
    """Text fields with values over the DBF limit of 254 bytes (the format cuts them)."""
    frame = flat(layer)
    long = []
    for column in frame.columns:
        if column != "geometry" and frame[column].dtype == object:
            if frame[column].map(lambda v: len(str(v).encode("utf-8"))).max() > DBF_TEXT_BYTES:
                long.append(column)
    return long


def write_shapefile_zip(
    layer: pd.DataFrame, path: Path, crs: str, name: str, extra: dict[str, str]
) -> None:
    """One zipped Shapefile: .shp/.shx/.dbf/.prj/.cpg (UTF-8), the field crosswalk and any
    ``extra`` text files (metadata)."""
    frame = flat(_geo(layer, "shp"))
    renames = {c: shapefile_name(c) for c in frame.columns if c != "geometry"}
    frame = to_output_crs(frame.rename(columns=renames), crs)
    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / f"{name}.shp"
        with warnings.catch_warnings():  # truncation is reported by shapefile_truncations
            warnings.simplefilter("ignore", RuntimeWarning)
            pyogrio.write_dataframe(frame, shp, driver="ESRI Shapefile", encoding="UTF-8")
        (Path(tmp) / f"{name}.cpg").write_text("UTF-8", encoding="ascii")
        crosswalk = "field,shapefile_field\n" + "".join(f"{k},{v}\n" for k, v in renames.items())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(Path(tmp).iterdir()):
                archive.write(part, part.name)
            archive.writestr(f"{name}_fields.csv", crosswalk)
            for filename, text in extra.items():
                archive.writestr(filename, text)


def kml_frame(layer: pd.DataFrame) -> gpd.GeoDataFrame:
    """The layer with KML ``Name`` (Chinese and English) and ``Description`` fields."""
    frame = flat(_geo(layer, "kml"))
    frame.insert(0, "Name", frame["name_zh"] + " " + frame["name_en"])
    described = [
        c for c in ("kind", "precision", "quote", "description", "content") if c in frame.columns
    ]
    frame.insert(1, "Description", frame[described].astype(str).agg(" | ".join, axis=1))
    return frame


def write_kml(layer: pd.DataFrame, path: Path, crs: str, name: str = "layer") -> None:
    """KML with names and descriptions; KML is lon/lat, so only EPSG:4326 (or GCJ-02)."""
    if crs not in ("EPSG:4326", GCJ02):
        raise FormatError(f"KML is WGS84 lon/lat only; for {crs} export as gpkg or shp")
    frame = to_output_crs(kml_frame(layer), crs)
    # the KML driver takes each placemark's name and description from these two fields
    pyogrio.write_dataframe(frame, path, layer=name, driver="KML")


def write_csv(layer: pd.DataFrame, path: Path, crs: str) -> None:
    """UTF-8 CSV with a BOM (spreadsheets read Chinese): points get lon/lat (WGS84) and x/y
    in ``crs``; other geometries WKT in ``crs``."""
    frame = flat(layer)
    if isinstance(layer, gpd.GeoDataFrame):
        moved = to_output_crs(layer[["geometry"]], crs).geometry
        if (layer.geom_type == "Point").all():
            if "lon" not in frame.columns:
                frame["lon"], frame["lat"] = layer.geometry.x, layer.geometry.y
            if crs != "EPSG:4326":
                frame["x"], frame["y"] = moved.x, moved.y
        else:
            frame["geometry_wkt"] = moved.to_wkt(rounding_precision=GEOJSON_DECIMALS)
        frame = pd.DataFrame(frame.drop(columns="geometry"))
    frame.to_csv(path, index=False, encoding="utf-8-sig")


EXTENSIONS = {"geojson": ".geojson", "gpkg": ".gpkg", "shp": ".zip", "kml": ".kml", "csv": ".csv"}
