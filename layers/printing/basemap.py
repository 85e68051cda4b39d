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
