"""Coordinates as the chosen basemap expects them: WGS84 for most, GCJ-02 for AMap tiles."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from geo.gcj02 import wgs84_to_gcj02

Shift = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def identity(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 and CGCS2000 tiles: overlays are drawn as stored."""
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


SHIFTS: dict[str, Shift] = {"WGS84": identity, "CGCS2000": identity, "GCJ-02": wgs84_to_gcj02}
"""Datum of a basemap -> how overlay coordinates are shifted onto it. CGCS2000 and WGS84
differ by centimetres, below what any web map shows."""


def shift_coordinates(coords, shift: Shift):
    """Apply ``shift`` to nested GeoJSON coordinate lists of any depth (rings of different
    lengths included); the identity returns ``coords`` untouched."""
    if shift is identity:
        return coords
    try:
        array = np.asarray(coords, dtype=float)
    except ValueError:  # ragged: polygons whose rings differ in length
        return [shift_coordinates(c, shift) for c in coords]
    lon, lat = shift(array[..., 0], array[..., 1])
    return np.stack([lon, lat], axis=-1).tolist()
