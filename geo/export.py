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


LAYERS: dict[str, Callable[[Gazetteer], gpd.GeoDataFrame]] = {
    "places": places_layer,
    "links": links_layer,
    "structures": structures_layer,
}
"""Exportable layers: name -> builder."""


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


def geojson_document(layer: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection: lon/lat WGS84, no ``crs`` member, counter-clockwise
    exterior rings, at most 7 decimals.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        Features in EPSG:4326.
    """
    if layer.crs is None or not layer.crs.equals("EPSG:4326"):
        raise ExportError("GeoJSON (RFC 7946) is always WGS84 lon/lat; reproject first")
    features = []
    props = layer.drop(columns="geometry")
    oriented = shapely.orient_polygons(layer.geometry.values, exterior_cw=False)
    for geom, (_, row) in zip(oriented, props.iterrows(), strict=True):
        geometry = mapping(geom)
        geometry["coordinates"] = _round(geometry["coordinates"], GEOJSON_DECIMALS)
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


def write_geojson(layer: gpd.GeoDataFrame, path: Path) -> None:
    """Write a layer as an RFC 7946 GeoJSON file (UTF-8, Chinese kept readable)."""
    document = geojson_document(layer)

    def write(tmp: Path) -> None:
        tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    write_atomically(path, write)


FORMATS: dict[str, Callable[[gpd.GeoDataFrame, Path], None]] = {"geojson": write_geojson}
"""Output formats: name -> writer."""


def export_layer(gz: Gazetteer, layer: str, fmt: str, out: Path) -> int:
    """Export one layer to ``out`` in format ``fmt``; returns the number of features.

    Raises
    ------
    ExportError
        Unknown layer or format, or the file cannot be written.
    """
    if layer not in LAYERS:
        raise ExportError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    data = LAYERS[layer](gz)
    FORMATS[fmt](data, out)
    return len(data)
