"""Export layers of the gazetteer to files (GeoJSON now; the layer and format registries
are where further layers and formats slot in).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping

from geo.gazetteer import Gazetteer
from geo.tables import join_list

GEOJSON_DECIMALS = 7


class ExportError(Exception):
    """An export request that cannot be carried out; the message says why."""


def places_layer(gz: Gazetteer) -> gpd.GeoDataFrame:
    """Places with the export attributes (lists as lists)."""
    columns = [
        "place_id",
        "name_zh",
        "name_en",
        "aliases",
        "kind",
        "tier",
        "status",
        "city",
        "county",
        "town",
        "lon",
        "lat",
        "precision",
        "geocode_source",
        "industries",
        "plans",
    ]
    return gz.places[columns + ["geometry"]].reset_index(drop=True)


def links_layer(gz: Gazetteer) -> gpd.GeoDataFrame:
    """Corridors and directed links as LineStrings from ``from_id`` (via ``via``) to ``to_id``."""
    columns = [
        "link_id",
        "kind",
        "from_id",
        "to_id",
        "via",
        "name_zh",
        "name_en",
        "plan_id",
        "quote",
        "description",
    ]
    return gz.links[columns + ["geometry"]].reset_index(drop=True)


def structures_layer(gz: Gazetteer) -> gpd.GeoDataFrame:
    """Named strategies with a derived extent (member areas' union + member points' hull)."""
    columns = [
        "structure_id",
        "name_zh",
        "name_en",
        "plan_id",
        "members",
        "quote",
        "description",
        "geometry_derived",
    ]
    return gz.structures[columns + ["geometry"]].reset_index(drop=True)


def indicators_layer(gz: Gazetteer) -> pd.DataFrame:
    """Plan targets, one row per (plan, indicator, year); a table without geometry."""
    return gz.indicators.reset_index(drop=True)


def projects_layer(gz: Gazetteer) -> gpd.GeoDataFrame:
    """Major projects, located at the place each one builds."""
    return gz.projects.reset_index(drop=True)


LAYERS: dict[str, Callable[[Gazetteer], pd.DataFrame]] = {
    "places": places_layer,
    "links": links_layer,
    "structures": structures_layer,
    "indicators": indicators_layer,
    "projects": projects_layer,
}
"""Exportable layers: name -> builder (a GeoDataFrame, or a DataFrame for tables)."""
ALL_LAYERS = "all"


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
    exterior rings, at most 7 decimals.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        Features in EPSG:4326.
    decimals : int
        Coordinate decimals (7 ≈ 1 cm; the map uses fewer to keep pages small).
    """
    if layer.crs is None or not layer.crs.equals("EPSG:4326"):
        raise ExportError("GeoJSON (RFC 7946) is always WGS84 lon/lat; reproject first")
    features = []
    props = layer.drop(columns="geometry")
    oriented = shapely.orient_polygons(layer.geometry.values, exterior_cw=False)
    for geom, (_, row) in zip(oriented, props.iterrows(), strict=True):
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


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the target folder, then rename: never a partial file.

    Raises
    ------
    ExportError
        When the folder does not exist or cannot be written.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".partial-", suffix=path.suffix)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror}") from exc
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_geojson(layer: pd.DataFrame, path: Path) -> None:
    """Write a layer as an RFC 7946 GeoJSON file (UTF-8, Chinese kept readable)."""
    if not isinstance(layer, gpd.GeoDataFrame):
        raise ExportError("this layer is a table without geometry; export it as csv")
    document = geojson_document(layer)

    def write(tmp: Path) -> None:
        tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    write_atomically(path, write)


def csv_frame(layer: pd.DataFrame) -> pd.DataFrame:
    """Flatten a layer for CSV: lists joined with ``;``, points as ``lon``/``lat``, other
    geometries as WKT in ``geometry_wkt``.
    """
    df = pd.DataFrame(layer).copy()
    for column in df.columns:
        if df[column].map(lambda v: isinstance(v, list)).any():
            df[column] = df[column].map(lambda v: join_list(v) if isinstance(v, list) else v)
    if isinstance(layer, gpd.GeoDataFrame):
        geoms = layer.geometry
        if (geoms.geom_type == "Point").all():
            if "lon" not in df.columns:
                df["lon"], df["lat"] = geoms.x, geoms.y
        else:
            df["geometry_wkt"] = geoms.to_wkt(rounding_precision=GEOJSON_DECIMALS)
        df = df.drop(columns="geometry")
    return df


def write_csv(layer: pd.DataFrame, path: Path) -> None:
    """Write a layer as UTF-8 CSV with a BOM, so spreadsheet programs read Chinese."""
    frame = csv_frame(layer)
    write_atomically(path, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"))


FORMATS: dict[str, Callable[[pd.DataFrame, Path], None]] = {
    "geojson": write_geojson,
    "csv": write_csv,
}
"""Output formats: name -> writer."""
EXTENSIONS = {"geojson": ".geojson", "csv": ".csv"}


def export_layer(gz: Gazetteer, layer: str, fmt: str, out: Path) -> dict[str, int]:
    """Export one layer to the file ``out``, or with ``layer="all"`` every layer into the
    folder ``out`` (tables without geometry go to CSV there).

    Returns
    -------
    dict
        Written file path -> number of rows.

    Raises
    ------
    ExportError
        Unknown layer or format, or a file cannot be written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if layer == ALL_LAYERS:
        out = Path(out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create folder {out}: {exc.strerror}") from exc
        written = {}
        for name, build in LAYERS.items():
            data = build(gz)
            layer_fmt = fmt if isinstance(data, gpd.GeoDataFrame) else "csv"
            path = out / f"{name}{EXTENSIONS[layer_fmt]}"
            FORMATS[layer_fmt](data, path)
            written[str(path)] = len(data)
        return written
    if layer not in LAYERS:
        choices = ", ".join([*LAYERS, ALL_LAYERS])
        raise ExportError(f"unknown layer {layer!r}; choose from {choices}")
    data = LAYERS[layer](gz)
    FORMATS[fmt](data, out)
    return {str(out): len(data)}
