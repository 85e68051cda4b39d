"""Format readers: pick the reader by file name and hand back a :class:`RawLayer`.

GeoJSON is parsed with the standard library (floats exactly as written, NaN/Infinity
refused); GeoPackage and Shapefile go through pyogrio inside a temporary folder; tables and
KML have their own modules.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely
import shapely.geometry
from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import GEOSException, ShapelyError

from geo.upload.errors import UploadError
from geo.upload.findings import Finding
from geo.upload.kml import read_kml
from geo.upload.raw import RawLayer
from geo.upload.safety import Limits, check_count, extract_zip, open_zip
from geo.upload.tabular import read_csv, read_xlsx
from geo.upload.text import codec_name, decode, detect_encoding, encoding_finding

FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".zip": "shp",
    ".kml": "kml",
    ".kmz": "kml",
}
"""File extension → the format read (a ``.zip`` holds a shapefile, or a KML)."""

_GDAL_ERRORS = (
    DataSourceError,
    DataLayerError,
    FieldError,
    GeometryError,
    GEOSException,
    CRSError,
    pa.ArrowException,
    OSError,
    ValueError,
    TypeError,
    RuntimeError,
)
_GEOMETRY_ERRORS = (
    ShapelyError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    RecursionError,
)
_GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
_ARROW_TYPES = {
    pa.int8(): pd.Int64Dtype(),
    pa.int16(): pd.Int64Dtype(),
    pa.int32(): pd.Int64Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def source_format(filename: str) -> str:
    """The format of a file from its name.

    Raises
    ------
    UploadError
        ``xls_old`` for ``.xls``, ``unknown_format`` for anything not in :data:`FORMATS`.
    """
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix == ".xls":
        raise UploadError("xls_old")
    if suffix not in FORMATS:
        raise UploadError("unknown_format", {"name": filename})
    return FORMATS[suffix]


def read_file(
    data: bytes,
    filename: str,
    *,
    encoding: str | None,
    layer: str | None,
    limits: Limits,
) -> tuple[str, RawLayer]:
    """``(format, raw layer)`` of a user's file.

    Raises
    ------
    UploadError
        Whatever the reader of that format refuses.
    """
    fmt = source_format(filename)
    if fmt == "csv":
        return fmt, read_csv(data, encoding, limits)
    if fmt == "xlsx":
        return fmt, read_xlsx(data, layer, limits)
    if fmt == "geojson":
        return fmt, read_geojson(data, encoding, limits)
    if fmt == "gpkg":
        return fmt, read_gpkg(data, layer, limits)
    if fmt == "kml":
        is_kmz = filename.lower().endswith(".kmz")
        return fmt, read_kml(_kml_in_zip(data, limits) if is_kmz else data, limits)
    return _read_zip(data, encoding, layer, limits)


class _NotJson(ValueError):
    """NaN, Infinity or a number too large for a double."""


def _refuse_constant(text: str) -> float:
    raise _NotJson(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(text)
    return value


def _features(document: object) -> list[object]:
    if not isinstance(document, dict):
        raise UploadError("bad_geojson", {"problem": "(root)"})
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise UploadError("bad_geojson", {"problem": "features"})
        return features
    if kind == "Feature":
        return [document]
    if kind in _GEOMETRY_TYPES:
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    raise UploadError("bad_geojson", {"problem": "type"})


def _geojson_crs(document: dict) -> CRS | None:
    member = document.get("crs")
    if member is None:
        return None
    try:
        name = member["properties"]["name"]
        return CRS.from_user_input(name)
    except (KeyError, TypeError, CRSError) as exc:
        raise UploadError("crs_unknown", {"crs": json.dumps(member)[:60]}) from exc


def read_geojson(data: bytes, encoding: str | None, limits: Limits) -> RawLayer:
    """A GeoJSON FeatureCollection, Feature or bare geometry; properties keep their JSON
    types; a legacy ``crs`` member is honoured.

    Raises
    ------
    UploadError
        ``bad_json``, ``bad_geojson``, ``crs_unknown``, ``no_features``,
        ``too_many_features`` or ``too_many_columns``.
    """
    text, _ = decode(data, encoding)
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise UploadError("bad_json", {"line": exc.lineno, "column": exc.colno}) from exc
    except (_NotJson, RecursionError, ValueError) as exc:
        raise UploadError("bad_json", {"line": "?", "column": "?"}) from exc
    features = _features(document)
    if not features:
        raise UploadError("no_features")
    check_count(len(features), limits)
    records: list[dict] = []
    geoms: list[shapely.Geometry | None] = []
    unreadable: list[int] = []
    for row, feature in enumerate(features):
        if not isinstance(feature, dict):
            raise UploadError("bad_geojson", {"problem": f"features[{row}]"})
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise UploadError("bad_geojson", {"problem": f"features[{row}].properties"})
        records.append(properties)
        geometry = feature.get("geometry")
        try:
            geoms.append(None if geometry is None else shapely.geometry.shape(geometry))
        except _GEOMETRY_ERRORS:
            geoms.append(None)
            unreadable.append(row)
    header = list(dict.fromkeys(key for record in records for key in record))
    if len(header) > limits.max_columns:
        n = len(header)
        raise UploadError("too_many_columns", {"n_columns": n, "limit": limits.max_columns})
    columns = {
        i: pd.Series([r.get(k) for r in records], dtype=object) for i, k in enumerate(header)
    }
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(records)))
    findings = [Finding("geometry_unreadable", "warning", tuple(unreadable))] if unreadable else []
    return RawLayer(header, frame, np.array(geoms, dtype=object), _geojson_crs(document), findings)


def _read_ogr(path: Path, layer: str | None, encoding: str | None, limits: Limits) -> RawLayer:
    """A layer through pyogrio: integers as ``Int64``, booleans as ``boolean``."""
    try:
        names = [str(name) for name in pyogrio.list_layers(path)[:, 0]]
        if layer is not None and layer not in names:
            raise UploadError("layer_missing", {"layer": layer, "layers": ", ".join(names)})
        if not names:
            raise UploadError("no_features")
        chosen = layer or names[0]
        check_count(pyogrio.read_info(path, layer=chosen, encoding=encoding)["features"], limits)
        frame = pyogrio.read_dataframe(
            path,
            layer=chosen,
            encoding=encoding,
            use_arrow=True,
            arrow_to_pandas_kwargs={"types_mapper": _ARROW_TYPES.get},
        )
    except _GDAL_ERRORS as exc:
        raise UploadError("cannot_read", {"format": path.suffix.lstrip(".").upper()}) from exc
    if frame.empty:
        raise UploadError("no_features")
    check_count(len(frame), limits)
    findings = []
    if len(names) > 1:
        params = {"layer": chosen, "layers": ", ".join(names)}
        findings.append(Finding("layer_chosen", "info", params=params))
    header = [str(c) for c in frame.columns if c != "geometry"]
    if len(header) > limits.max_columns:
        n = len(header)
        raise UploadError("too_many_columns", {"n_columns": n, "limit": limits.max_columns})
    values = pd.DataFrame(
        {i: frame[name] for i, name in enumerate(header)}, index=pd.RangeIndex(len(frame))
    )
    geoms = np.asarray(frame.geometry.values if "geometry" in frame else [None] * len(frame))
    return RawLayer(header, values, np.asarray(geoms, dtype=object), frame.crs, findings)


def read_gpkg(data: bytes, layer: str | None, limits: Limits) -> RawLayer:
    """The first (or the named) layer of a GeoPackage.

    Raises
    ------
    UploadError
        ``cannot_read``, ``layer_missing``, ``no_features``, ``too_many_features`` or
        ``too_many_columns``.
    """
    with tempfile.TemporaryDirectory(prefix="gba-upload-") as folder:
        path = Path(folder) / "upload.gpkg"
        path.write_bytes(data)
        return _read_ogr(path, layer, None, limits)


def _kml_in_zip(data: bytes, limits: Limits) -> bytes:
    with open_zip(data, limits) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
        if not names:
            raise UploadError("zip_no_data")
        name = "doc.kml" if "doc.kml" in names else names[0]
        with tempfile.TemporaryDirectory(prefix="gba-upload-") as folder:
            for path in extract_zip(archive, Path(folder)):
                if path.name == PurePosixPath(name).name:
                    return path.read_bytes()
    raise UploadError("zip_no_data")


def _dbf_text(dbf: bytes) -> bytes:
    """The bytes of a dBASE file that hold text: its field names and its records."""
    if len(dbf) < 12:
        return b""
    header_length = int.from_bytes(dbf[8:10], "little")
    names = [
        dbf[start : start + 11].split(b"\x00", 1)[0]
        for start in range(32, min(header_length, len(dbf)) - 31, 32)
        if dbf[start] != 0x0D
    ]
    return b"\n".join(names) + b"\n" + dbf[header_length:]


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _shapefile_encoding(shp: Path, declared: str | None) -> tuple[str, Finding]:
    """Encoding of a shapefile's text: declared, else its ``.cpg`` (when the ``.dbf``
    records decode with it), else UTF-8/GBK detection on the ``.dbf`` records.

    Raises
    ------
    UploadError
        ``decode_failed_declared`` when the declared encoding does not decode the records;
        ``decode_failed`` when nothing does.
    """
    records = _dbf_text(shp.with_suffix(".dbf").read_bytes())
    if declared:
        codec = codec_name(declared)
        if not _decodes(records, codec):
            raise UploadError("decode_failed_declared", {"encoding": declared})
        return codec, encoding_finding(codec, "declared")
    cpg = shp.with_suffix(".cpg")
    if cpg.exists():
        name = cpg.read_bytes()[:40].decode("ascii", errors="replace").strip()
        codec = codec_name(name)
        if _decodes(records, codec):
            return codec, encoding_finding(codec, ".cpg")
        found, _ = detect_encoding(records)
        params = {"cpg": name, "encoding": found.upper()}
        return found, Finding("encoding_cpg_wrong", "warning", params=params)
    codec, source = detect_encoding(records)
    return codec, encoding_finding(codec, source)


def _prj_finding(shp: Path, crs: CRS | None) -> list[Finding]:
    """A ``prj_unreadable`` warning when the shapefile has a ``.prj`` that gave no CRS."""
    prj = shp.with_suffix(".prj")
    if crs is not None or not prj.exists():
        return []
    text = prj.read_bytes()[:60].decode("utf-8", errors="replace")
    return [Finding("prj_unreadable", "warning", params={"prj": text})]


def _read_zip(
    data: bytes, encoding: str | None, layer: str | None, limits: Limits
) -> tuple[str, RawLayer]:
    """A zipped shapefile (``.shp``, ``.shx``, ``.dbf``, optional ``.prj``/``.cpg``), or a
    zipped KML."""
    with open_zip(data, limits) as archive, tempfile.TemporaryDirectory(prefix="gba-") as tmp:
        files = extract_zip(archive, Path(tmp))
        by_stem = {f.name.lower(): f for f in files}
        shps = sorted(f for f in files if f.suffix.lower() == ".shp")
        if not shps:
            kmls = [f for f in files if f.suffix.lower() == ".kml"]
            if kmls:
                return "kml", read_kml(kmls[0].read_bytes(), limits)
            raise UploadError("zip_no_data")
        stems = [f.stem for f in shps]
        if layer is None and len(shps) > 1:
            raise UploadError("several_shapefiles", {"layers": ", ".join(stems)})
        if layer is not None and layer not in stems:
            raise UploadError("layer_missing", {"layer": layer, "layers": ", ".join(stems)})
        shp = shps[stems.index(layer)] if layer else shps[0]
        for suffix in (".shx", ".dbf"):
            twin = by_stem.get(shp.stem.lower() + suffix)
            if twin is None:
                raise UploadError("shp_incomplete", {"missing": suffix})
            twin.rename(shp.with_suffix(suffix))
        cpg = by_stem.get(shp.stem.lower() + ".cpg")
        if cpg is not None:
            cpg.rename(shp.with_suffix(".cpg"))
        prj = by_stem.get(shp.stem.lower() + ".prj")
        if prj is not None:
            prj.rename(shp.with_suffix(".prj"))
        codec, found = _shapefile_encoding(shp, encoding)
        raw = _read_ogr(shp, None, codec.upper(), limits)
        raw.findings[:0] = [found, *_prj_finding(shp, raw.crs)]
        return "shp", raw
