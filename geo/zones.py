"""Schematic extents of zones made of towns (中山科学城 = 南区 + 大涌 + 板芙 …).

No offline source has town polygons, so each town gets a *schematic cell*: the Voronoi cell
of its seat among the seats of all towns of its county (or of 中山/东莞, which have no
counties), clipped to that county's outline. A zone's extent is the union of its member
towns' cells. Cells are drawn and exported as derived, schematic geometry, never as
boundaries.
"""

from __future__ import annotations

from functools import lru_cache

import shapely
from shapely.geometry import MultiPolygon, Point
from shapely.geometry.base import BaseGeometry

from geo.anchors import region_seats, strip_suffix
from geo.geocode import area_polygon, areas_table, published_seats, town_anchor
from geo.location_checks import split_member
from geo.tables import split_list

EXTENT_GRID_DEGREES = 1e-7
"""Derived extents are snapped to this grid (≈ 1 cm): near-coincident vertices of merged
outlines would otherwise self-intersect once reprojected (EPSG:4547, 3857)."""
EXTENT_METHOD = (
    "schematic: union of the member towns' Voronoi cells (GeoNames and seats.csv town seats) "
    "clipped to the county outline; not a boundary"
)
"""How every zone extent is made; exported with it."""


SAME_SEAT_DEGREES = 0.01
"""Seats closer than this (≈ 1 km) are one town listed twice (英城 and 英城街道)."""


@lru_cache(maxsize=1)
def _area_names() -> frozenset[str]:
    return frozenset(strip_suffix(n) for n in areas_table()["name_zh"])


def _town_seat_points(city: str, county: str, polygon) -> list[Point]:
    """Seats of the towns of one county (or city): the GeoNames places inside it that are
    not the seat of a city or county (town-named ones first, near-duplicates dropped), and
    the published town seats of ``seats.csv``."""
    inside = [s for s in region_seats() if polygon.covers(s.point)]
    inside = [
        s for s in inside if s.is_town or not _area_names() & {*map(strip_suffix, s.names_zh)}
    ]
    points: list[Point] = []
    for seat in sorted(inside, key=lambda s: not s.is_town):
        if all(seat.point.distance(p) >= SAME_SEAT_DEGREES for p in points):
            points.append(seat.point)
    seats = published_seats().reset_index()
    rows = seats[(seats["city"] == city) & (seats["county"] == county) & (seats["town"] != "")]
    for row in rows.itertuples():
        anchor = town_anchor(city, county, row.town, polygon)
        if anchor is not None:
            points.append(Point(anchor.lon, anchor.lat))
    return points


@lru_cache(maxsize=64)
def town_cells(city: str, county: str = "") -> tuple[tuple[Point, BaseGeometry], ...]:
    """``(seat, cell)`` of every town of a county (or of a city without counties).

    Parameters
    ----------
    city, county : str
        Chinese names as in ``places.csv`` (county empty for 中山市/东莞市).

    Returns
    -------
    tuple of (Point, geometry)
        Each town seat with its Voronoi cell clipped to the area's outline.
    """
    polygon = area_polygon(city, county)
    if polygon is None:
        return ()
    seats = list({(p.x, p.y): p for p in _town_seat_points(city, county, polygon)}.values())
    if len(seats) < 2:
        return tuple((p, polygon) for p in seats)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seats), extend_to=polygon.envelope)
    out = []
    for seat in seats:
        cell = next(c for c in cells.geoms if c.covers(seat))
        out.append((seat, shapely.make_valid(cell.intersection(polygon))))
    return tuple(out)


def town_cell(city: str, county: str, town: str) -> BaseGeometry | None:
    """The schematic cell of one town, or ``None`` when its seat is unknown."""
    anchor = town_anchor(city, county, town)
    if anchor is None:
        return None
    seat = Point(anchor.lon, anchor.lat)
    return next((cell for _, cell in town_cells(city, county) if cell.covers(seat)), None)


def multipolygon(geometry: BaseGeometry) -> MultiPolygon:
    """The polygons of a derived extent as one MultiPolygon snapped to
    :data:`EXTENT_GRID_DEGREES` (lines and points left by a union are dropped)."""
    snapped = shapely.set_precision(geometry, EXTENT_GRID_DEGREES)
    parts = getattr(snapped, "geoms", [snapped])
    polygons = [p for g in parts for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon"]
    return MultiPolygon(polygons)


def zone_extent(city: str, county: str, members: str) -> MultiPolygon | None:
    """Schematic extent of a zone: the union of its member towns' cells.

    Parameters
    ----------
    city, county : str
        The zone's city and county (members without ``县区/`` lie in this county).
    members : str
        The ``member_towns`` cell: ``;``-separated towns, each optionally ``县区/镇街``.

    Returns
    -------
    MultiPolygon or None
        ``None`` when no member town's cell is known.
    """
    cells = []
    for member in split_list(members):
        member_county, town = split_member(member)
        cell = town_cell(city, member_county or county, town)
        if cell is not None:
            cells.append(cell)
    if not cells:
        return None
    return multipolygon(shapely.union_all(cells))
