"""GCJ-02 (the obfuscated datum of AMap/Gaode and other mainland maps) and BD-09 (Baidu's
further shift of GCJ-02) from and to WGS84.

The forward transforms are the published formulas; the inverses are solved iteratively to
machine precision (far below 1 cm), not approximated by subtracting the offset once.
"""

from __future__ import annotations

import numpy as np

_A = 6378245.0
_EE = 0.00669342162296594323
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)
"""Outside this box GCJ-02 equals WGS84 (min lon, min lat, max lon, max lat)."""


def _offsets(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = lon - 105.0, lat - 35.0
    pi = np.pi
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    rad = lat / 180.0 * pi
    magic = 1 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * pi)
    inside = (
        (lon >= CHINA_BOX[0])
        & (lon <= CHINA_BOX[2])
        & (lat >= CHINA_BOX[1])
        & (lat <= CHINA_BOX[3])
    )
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Convert WGS84 lon/lat (scalars or arrays, degrees) to GCJ-02."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offsets(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, tolerance: float = 1e-12, max_iter: int = 30):
    """Exact inverse of :func:`wgs84_to_gcj02` by fixed-point iteration.

    Parameters
    ----------
    lon, lat : float or array
        GCJ-02 coordinates in degrees.
    tolerance : float
        Stop when the forward transform of the result is within this many degrees of
        the input (1e-12° ≈ 0.1 µm).
    max_iter : int
        Upper bound on iterations (the error shrinks about 1000× per step).
    """
    glon, glat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return _invert(wgs84_to_gcj02, glon, glat, (glon, glat), tolerance, max_iter)


def _invert(forward, lon, lat, start, tolerance: float, max_iter: int):
    """Solve ``forward(x, y) == (lon, lat)`` by fixed-point iteration from ``start``: each
    step subtracts the forward transform's error, which shrinks about 1000× per step."""
    x, y = start[0].copy(), start[1].copy()
    for _ in range(max_iter):
        flon, flat = forward(x, y)
        elon, elat = flon - lon, flat - lat
        x, y = x - elon, y - elat
        if np.all(np.abs(elon) < tolerance) and np.all(np.abs(elat) < tolerance):
            break
    return x, y


_BD_X_PI = np.pi * 3000.0 / 180.0
_BD_DLON, _BD_DLAT = 0.0065, 0.006


def gcj02_to_bd09(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Convert GCJ-02 lon/lat (scalars or arrays, degrees) to BD-09 (Baidu's published formula)."""
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    z = np.hypot(x, y) + 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_X_PI)
    return z * np.cos(theta) + _BD_DLON, z * np.sin(theta) + _BD_DLAT


def bd09_to_gcj02(lon, lat, tolerance: float = 1e-12, max_iter: int = 30):
    """Exact inverse of :func:`gcj02_to_bd09` by fixed-point iteration (see
    :func:`gcj02_to_wgs84` for the parameters)."""
    blon, blat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    start = (blon - _BD_DLON, blat - _BD_DLAT)
    return _invert(gcj02_to_bd09, blon, blat, start, tolerance, max_iter)


def wgs84_to_bd09(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Convert WGS84 lon/lat to BD-09 (through GCJ-02)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Exact inverse of :func:`wgs84_to_bd09`."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def to_wgs84(lon, lat, datum: str) -> tuple[float, float]:
    """A published coordinate in ``datum`` (``WGS84``, ``GCJ-02`` or ``BD-09``) as WGS84.

    Raises
    ------
    ValueError
        For any other datum name.
    """
    convert = {"WGS84": lambda x, y: (x, y), "GCJ-02": gcj02_to_wgs84, "BD-09": bd09_to_wgs84}
    if datum not in convert:
        raise ValueError(f"unknown datum {datum!r}; expected WGS84, GCJ-02 or BD-09")
    x, y = convert[datum](float(lon), float(lat))
    return float(x), float(y)
