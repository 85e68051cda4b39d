"""Writing a user's layer back as GeoJSON, GeoPackage or CSV, losslessly: reading the bytes
with :func:`geo.upload.layer.load_user_file` gives the same columns, values and geometry.

CSV holds text only, so it is exact for text columns (every CSV/XLSX/KML layer) except that
text a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) gets a leading
``'`` (:mod:`geo.csv_safe`); numbers and yes/no values of other layers are written as their
text. A CSV gets a ``WKT`` column (exact coordinates) unless its lon/lat columns already
give every point exactly.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyogrio
import shapely
import shapely.geometry

from geo.csv_safe import neutralised
from geo.upload import locate
from geo.upload.wkt import to_wkt

if TYPE_CHECKING:
    from geo.upload.layer import UserLayer

WRITE_FORMATS = ("geojson", "gpkg", "csv")


def _value(value: object) -> object:
    """A cell as a JSON value: ``None`` for missing, Python ``int``/``float``/``bool``/``str``."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def _geojson(layer: UserLayer) -> bytes:
    frame = layer.frame
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for row, geom in enumerate(frame.geometry):
        properties = {c: _value(frame[c].iloc[row]) for c in columns}
        geometry = None if geom is None else shapely.geometry.mapping(geom)
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    document = {"type": "FeatureCollection", "name": layer.name, "features": features}
    return json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _gpkg(layer: UserLayer) -> bytes:
    with tempfile.TemporaryDirectory(prefix="gba-write-") as folder:
        path = Path(folder) / "layer.gpkg"
        pyogrio.write_dataframe(
            layer.frame,
            path,
            layer=layer.name,
            driver="GPKG",
            geometry_type="Unknown",
            promote_to_multi=False,
        )
        return path.read_bytes()


def _text(value: object) -> str:
    value = _value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _same_point(built: shapely.Point | None, geom: shapely.Geometry | None) -> bool:
    if built is None or geom is None:
        return built is None and geom is None
    if geom.geom_type != "Point":
        return False
    return (built.x.hex(), built.y.hex()) == (geom.x.hex(), geom.y.hex())


def _points_match(frame: pd.DataFrame, geoms: np.ndarray) -> bool:
    """Whether the frame's lon/lat text columns give exactly its geometries."""
    pair = locate.lonlat_columns(list(frame.columns))
    if pair is None or not all(isinstance(v, str) for c in pair for v in frame[c]):
        return False
    points, _ = locate.points(frame, *pair)
    return all(_same_point(a, b) for a, b in zip(points, geoms, strict=True))


def _csv(layer: UserLayer) -> bytes:
    frame = pd.DataFrame(layer.frame.drop(columns=layer.frame.geometry.name))
    geoms = np.asarray(layer.frame.geometry.values, dtype=object)
    header = [str(c) for c in frame.columns]
    rows = [[neutralised(_text(v)) for v in record] for record in frame.itertuples(index=False)]
    if not _points_match(frame, geoms):
        header.append(locate.WKT_COLUMN)
        for record, geom in zip(rows, geoms, strict=True):
            record.append("" if geom is None else to_wkt(geom))
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def write_user_layer(layer: UserLayer, fmt: str) -> bytes:
    """The layer as a file of format ``fmt`` (``geojson``, ``gpkg`` or ``csv``), in WGS84.

    Raises
    ------
    ValueError
        For any other format.
    """
    writers = {"geojson": _geojson, "gpkg": _gpkg, "csv": _csv}
    if fmt not in writers:
        raise ValueError(f"cannot write {fmt!r}; choose one of {', '.join(WRITE_FORMATS)}")
    return writers[fmt](layer)
