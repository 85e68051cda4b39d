"""Exact WKT: coordinates written as Python's shortest round-tripping decimals, so reading
the text back gives bit-identical doubles (GEOS's own writer rounds)."""

from __future__ import annotations

import shapely


def _coords(coords) -> str:
    return ", ".join(" ".join(repr(float(value)) for value in xy) for xy in coords)


def _body(geom: shapely.Geometry) -> str:
    kind = geom.geom_type
    if geom.is_empty:
        return "EMPTY"
    if kind == "Point":
        return f"({_coords(geom.coords)})"
    if kind in ("LineString", "LinearRing"):
        return f"({_coords(geom.coords)})"
    if kind == "Polygon":
        rings = [geom.exterior, *geom.interiors]
        return "(" + ", ".join(f"({_coords(r.coords)})" for r in rings) + ")"
    if kind == "GeometryCollection":
        return "(" + ", ".join(to_wkt(part) for part in geom.geoms) + ")"
    return "(" + ", ".join(_body(part) for part in geom.geoms) + ")"


def to_wkt(geom: shapely.Geometry) -> str:
    """WKT of a 2-D geometry with exact coordinates (``POINT (113.1 22.5)``)."""
    name = "LINESTRING" if geom.geom_type == "LinearRing" else geom.geom_type.upper()
    return f"{name} {_body(geom)}"
