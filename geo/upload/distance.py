"""Distances on the WGS84 ellipsoid (pyproj geodesics), vectorized."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

_GEOD = Geod(ellps="WGS84")


def distance_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distance in metres between points (scalars or broadcastable arrays, degrees)."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    _, _, metres = _GEOD.inv(*(a.ravel() for a in arrays))
    return np.asarray(metres, dtype=float).reshape(arrays[0].shape)
