"""The extent a web map (Web Mercator, 256-pixel tiles) shows around a centre at a zoom,
for the first drawing of a page, before the map has reported its own bounds."""

from __future__ import annotations

import math

TILE_PX = 256
MAX_LAT = 85.05112878
"""Latitude limit of Web Mercator."""


def _mercator_y(lat: float) -> float:
    phi = math.radians(max(-MAX_LAT, min(MAX_LAT, lat)))
    return math.log(math.tan(math.pi / 4 + phi / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def map_extent(
    centre: tuple[float, float], zoom: float, width_px: int, height_px: int
) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a ``width_px`` × ``height_px`` map centred on
    ``centre`` (lat, lon) at ``zoom``."""
    lat, lon = centre
    world_px = TILE_PX * 2.0**zoom
    half_lon = 180.0 * width_px / world_px
    half_y = math.pi * height_px / world_px
    y = _mercator_y(lat)
    return (lon - half_lon, _latitude(y - half_y), lon + half_lon, _latitude(y + half_y))
