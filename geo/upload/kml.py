"""KML reader: placemarks with name, description and extended data, parsed without DTDs."""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.errors import GEOSException

from geo.upload.errors import UploadError
from geo.upload.findings import Finding
from geo.upload.raw import RawLayer
from geo.upload.safety import Limits, check_count, parse_xml

_SIMPLE = ("Point", "LineString", "LinearRing", "Polygon")


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _first(element: Element, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _coordinates(element: Element) -> list[tuple[float, float]]:
    """``lon,lat[,alt]`` tuples of the ``coordinates`` child; altitude is left out."""
    out = []
    for token in _text(_first(element, "coordinates")).split():
        parts = token.split(",")
        lon, lat = float(parts[0]), float(parts[1])
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise ValueError("non-finite coordinate")
        out.append((lon, lat))
    return out


def _ring(boundary: Element | None) -> list[tuple[float, float]]:
    ring = None if boundary is None else _first(boundary, "LinearRing")
    if ring is None:
        raise ValueError("polygon boundary without a LinearRing")
    return _coordinates(ring)


def _simple(element: Element) -> shapely.Geometry:
    kind = _local(element.tag)
    if kind == "Point":
        return shapely.Point(_coordinates(element)[0])
    if kind in ("LineString", "LinearRing"):
        return shapely.LineString(_coordinates(element))
    shell = _ring(_first(element, "outerBoundaryIs"))
    holes = [_ring(inner) for inner in _children(element, "innerBoundaryIs")]
    return shapely.Polygon(shell, holes)


def _geometry(element: Element) -> shapely.Geometry | None:
    """The geometry of a placemark or multi-geometry; ``None`` when it has none we read."""
    parts: list[shapely.Geometry] = []
    for child in element:
        kind = _local(child.tag)
        if kind in _SIMPLE:
            parts.append(_simple(child))
        elif kind == "MultiGeometry":
            inner = _geometry(child)
            if inner is not None:
                parts.append(inner)
    if not parts:
        return None
    if len(parts) == 1 and _local(element.tag) == "Placemark":
        return parts[0]
    kinds = {part.geom_type for part in parts}
    multi = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString}
    if len(kinds) == 1 and (kind := kinds.pop()) in multi:
        return multi[kind](parts)
    if {part.geom_type for part in parts} == {"Polygon"}:
        return shapely.MultiPolygon(parts)
    return shapely.GeometryCollection(parts)


def _attributes(placemark: Element) -> dict[str, str]:
    values = {
        "name": _text(_first(placemark, "name")),
        "description": _text(_first(placemark, "description")),
    }
    for extended in _children(placemark, "ExtendedData"):
        for data in _children(extended, "Data"):
            values[data.get("name", "")] = _text(_first(data, "value"))
        for schema_data in _children(extended, "SchemaData"):
            for simple in _children(schema_data, "SimpleData"):
                values[simple.get("name", "")] = _text(simple)
    return values


def read_kml(data: bytes, limits: Limits) -> RawLayer:
    """Every ``Placemark`` of a KML document: ``name``, ``description`` and its
    ``ExtendedData`` as text columns ("" where absent), Point/LineString/Polygon/
    MultiGeometry as geometry (WGS84 by the KML standard).

    Raises
    ------
    UploadError
        ``unsafe_xml``, ``bad_kml``, ``no_features`` or ``too_many_features``.
    """
    root = parse_xml(data)
    placemarks = [e for e in root.iter() if _local(e.tag) == "Placemark"]
    if not placemarks:
        raise UploadError("no_features")
    check_count(len(placemarks), limits)
    records = [_attributes(placemark) for placemark in placemarks]
    header = list(dict.fromkeys(key for record in records for key in record))
    if len(header) > limits.max_columns:
        n = len(header)
        raise UploadError("too_many_columns", {"n_columns": n, "limit": limits.max_columns})
    geoms: list[shapely.Geometry | None] = []
    unreadable: list[int] = []
    for row, placemark in enumerate(placemarks):
        try:
            geoms.append(_geometry(placemark))
        except (ValueError, IndexError, GEOSException, RecursionError):
            geoms.append(None)
            unreadable.append(row)
    columns = {
        i: pd.Series([r.get(k, "") for r in records], dtype=object) for i, k in enumerate(header)
    }
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(records)))
    findings = []
    if unreadable:
        findings.append(Finding("geometry_unreadable", "warning", tuple(unreadable)))
    return RawLayer(header, frame, np.array(geoms, dtype=object), CRS.from_epsg(4326), findings)
