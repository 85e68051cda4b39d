"""Downloads of an uploaded layer: lossless in WGS84, or GeoPackage/CSV in any output CRS."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from geo.crs import CRSS, GCJ02
from geo.formats import EXTENSIONS, FormatError, prepare, write_csv, write_gpkg
from geo.upload.layer import UserLayer
from geo.upload.write import write_user_layer

USER_FORMATS = ("geojson", "gpkg", "csv")
_UNSAFE = re.compile(r"[^\w\-]+")


def user_file_name(layer: UserLayer, fmt: str, crs: str) -> str:
    """Download name: the layer's name, the CRS unless WGS84, the format's extension."""
    stem = _UNSAFE.sub("_", layer.name).strip("_") or "layer"
    label = "" if crs == "EPSG:4326" else "-" + ("GCJ-02" if crs == GCJ02 else crs.replace(":", ""))
    return f"{stem}{label}{EXTENSIONS[fmt]}"


def export_user_layer(layer: UserLayer, fmt: str, crs: str = "EPSG:4326") -> tuple[str, bytes]:
    """An uploaded layer as a file: (file name, bytes).

    In EPSG:4326 the file is written by :func:`geo.upload.layer.write_user_layer`, so it
    reads back with the user's columns, values and coordinates unchanged. Other CRSs are
    GeoPackage or CSV (x/y or WKT in that CRS) through the gazetteer's own writers.

    Raises
    ------
    geo.formats.FormatError
        Unknown format or CRS, or GeoJSON in a CRS other than WGS84.
    """
    if fmt not in USER_FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose from {', '.join(USER_FORMATS)}")
    if crs not in CRSS:
        raise FormatError(f"unknown CRS {crs!r}; choose from {', '.join(CRSS)}")
    name = user_file_name(layer, fmt, crs)
    if crs == "EPSG:4326":
        return name, write_user_layer(layer, fmt)
    if fmt == "geojson":
        raise FormatError(f"GeoJSON (RFC 7946) is WGS84 lon/lat only; for {crs} choose gpkg or csv")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        prepared = prepare(layer.frame, Path(name).stem, fmt, crs)
        if fmt == "gpkg":
            write_gpkg([prepared], path, crs)
        else:
            write_csv(prepared, path)
        return name, path.read_bytes()
