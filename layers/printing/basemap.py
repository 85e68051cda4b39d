"""The print's offline basemap: land, city and county outlines as cached matplotlib paths
(drawn as one collection each, not through geopandas)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.path import Path

from geo import boundaries


def ring_paths(geometry) -> list[Path]:
    """One closed path per ring of a (multi)polygon."""
    polygons = getattr(geometry, "geoms", [geometry])
    paths = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            codes = np.full(len(xy), Path.LINETO, dtype=np.uint8)
            codes[0], codes[-1] = Path.MOVETO, Path.CLOSEPOLY
            paths.append(Path(xy, codes))
    return paths


@lru_cache(maxsize=16)
def outline_paths(level: str, tolerance: float) -> tuple[Path, ...]:
    """The basemap's polygons of ``level`` as one matplotlib path each (cached: the print
    draws them as a collection instead of through geopandas)."""
    frame = boundaries.simplified(level, tolerance)
    return tuple(Path.make_compound_path(*ring_paths(g)) for g in frame.geometry if g)


NAME_PRIORITY = {"city": 600, "water": 550, "county": 90}
"""Label priority of the basemap's names: cities and waters before most places (they
orient the reader), counties after every place."""


def basemap_names(frame, zoom: float, lang: str) -> list[tuple[float, float, str, str]]:
    """(lon, lat, text, level) of the city, water and county names of the offline basemap
    inside ``frame`` that the web map shows at ``zoom``."""
    from geo.placenames import label, names_at

    minx, miny, maxx, maxy = frame
    return [
        (n.lon, n.lat, label(n, lang), n.level)
        for n in names_at(zoom, tuple(NAME_PRIORITY))
        if minx <= n.lon <= maxx and miny <= n.lat <= maxy
    ]
