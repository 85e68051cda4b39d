"""The pile-up rule: which markers are drawn together as one count badge at a zoom.

The web map (``layers/static/gba_groups.js``) and the prints apply the same rule, so a
badge on the screen is a badge on paper:

1. **Fan-out.** Points that share one anchor (many places sit on one town or city seat)
   are spread on a sunflower spiral around it (:func:`fan_offsets`), spaced so that their
   markers do not touch; the spread is scaled by :func:`fan_scale` (full from
   :data:`FAN_ZOOM`, tighter when zoomed out).
2. **Grouping.** Every drawn point is a circle (pixel ``x``, ``y``, radius ``r``). Two
   circles closer than ``r1 + r2 + GAP_PX`` are merged into one group, drawn as a badge at
   the mean of its members' points, of radius :func:`badge_radius` (its count); merging is
   repeated, badges included, until no two circles overlap (:func:`group_circles`).
   Candidates are compared in input order, so the result is the same in Python and in the
   browser.
3. **Expansion.** A click on a badge zooms to the first zoom at which its members are no
   longer one group (:func:`split_zoom`); a zoom-in has the same effect.

Above ``CLOUD_MIN`` points the browser first bins points into cells of
:data:`CLOUD_CELL_PX` (one circle per non-empty cell, at the cell's mean point) and then
applies step 2 to the cells; ``group_circles(..., cell=CLOUD_CELL_PX)`` does the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GAP_PX = 2.0
"""Free pixels kept between two drawn circles."""
FAN_ZOOM = 11.0
"""Zoom from which points sharing an anchor are fanned out fully."""
FAN_MIN_SPACING = 1.546
"""Least distance between two points of the unit sunflower spiral (n ≥ 5), in steps."""
BADGE_BASE_PX = 8.0
BADGE_STEP_PX = 1.5
"""Badge radius: ``BADGE_BASE_PX + BADGE_STEP_PX * log2(count)`` pixels."""
CLOUD_CELL_PX = 8.0
"""Cell size of the pre-binning of large point sets (the canvas point cloud)."""
TILE_PX = 256.0
MAX_ZOOM = 18.0
_GOLDEN = math.pi * (3 - math.sqrt(5))


def badge_radius(count: int) -> float:
    """Radius in pixels of the badge of ``count`` members (a single marker keeps its own)."""
    return BADGE_BASE_PX + BADGE_STEP_PX * math.log2(max(count, 1))


def fan_scale(zoom: float) -> float:
    """Share of the full fan-out drawn at ``zoom``: 1 from :data:`FAN_ZOOM`, halving every
    two zoom levels below it."""
    return min(1.0, 2.0 ** ((zoom - FAN_ZOOM) / 2))


def fan_offsets(count: int, radius: float) -> list[tuple[float, float]]:
    """Pixel offsets of ``count`` points sharing one anchor, on a sunflower spiral whose
    points are ``2 * radius + GAP_PX`` apart at least (``radius``: the largest marker's)."""
    if count < 2:
        return [(0.0, 0.0)] * count
    step = (2 * radius + GAP_PX) / FAN_MIN_SPACING
    out = []
    for i in range(count):
        d, a = step * math.sqrt(i + 0.5), i * _GOLDEN
        out.append((round(d * math.cos(a), 2), round(d * math.sin(a), 2)))
    return out


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of (lon, lat) at ``zoom`` (as Leaflet's EPSG:3857)."""
    scale = TILE_PX * 2.0**zoom
    lat = max(min(lat, 85.0511287798), -85.0511287798)
    s = math.sin(math.radians(lat))
    x = scale * (0.5 + lon / 360.0)
    y = scale * (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi))
    return x, y


def _bins(x: Sequence[float], y: Sequence[float], cell: float) -> list[list[int]]:
    """Indices binned by the ``cell``-pixel grid cell they fall in, in order of first index."""
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (px, py) in enumerate(zip(x, y, strict=True)):
        cells.setdefault((math.floor(px / cell), math.floor(py / cell)), []).append(i)
    return list(cells.values())


def group_circles(
    x: Sequence[float],
    y: Sequence[float],
    r: Sequence[float],
    gap: float = GAP_PX,
    cell: float | None = None,
) -> list[list[int]]:
    """Groups of overlapping circles (step 2 of the rule in this module's docstring).

    Parameters
    ----------
    x, y, r : sequences of float
        Pixel centre and radius of each drawn point, in priority order.
    gap : float
        Pixels that must stay free between two circles.
    cell : float, optional
        Bin points into cells of this many pixels first (large point sets).

    Returns
    -------
    list of list of int
        Member indices of each group, in input order; a group of one is a plain marker.
    """
    seeds = _bins(x, y, cell) if cell else [[i] for i in range(len(x))]
    members = [list(s) for s in seeds]
    gx = [sum(x[i] for i in m) / len(m) for m in members]
    gy = [sum(y[i] for i in m) / len(m) for m in members]
    gr = [r[m[0]] if len(m) == 1 else badge_radius(len(m)) for m in members]
    alive = [True] * len(members)
    changed = True
    while changed:
        changed = False
        size = 2 * max((gr[k] for k in range(len(members)) if alive[k]), default=1) + gap
        grid: dict[tuple[int, int], list[int]] = {}
        for k in range(len(members)):
            if alive[k]:
                grid.setdefault((math.floor(gx[k] / size), math.floor(gy[k] / size)), []).append(k)
        for a in range(len(members)):
            if not alive[a]:
                continue
            cx, cy = math.floor(gx[a] / size), math.floor(gy[a] / size)
            near = sorted(
                b
                for u in (cx - 1, cx, cx + 1)
                for v in (cy - 1, cy, cy + 1)
                for b in grid.get((u, v), ())
                if b > a
            )
            for b in near:
                if not alive[b]:
                    continue
                dx, dy = gx[a] - gx[b], gy[a] - gy[b]
                if math.sqrt(dx * dx + dy * dy) < gr[a] + gr[b] + gap:
                    members[a] += members[b]
                    alive[b] = False
                    m = members[a]
                    gx[a] = sum(x[i] for i in m) / len(m)
                    gy[a] = sum(y[i] for i in m) / len(m)
                    gr[a] = badge_radius(len(m))
                    changed = True
    return [sorted(members[k]) for k in range(len(members)) if alive[k]]


def place_pixels(
    lon: Sequence[float], lat: Sequence[float], radius: Sequence[float], zoom: float
) -> tuple[list[float], list[float]]:
    """Pixel positions of points at ``zoom`` with points sharing an anchor fanned out
    (step 1): the positions the web map draws its markers at."""
    at: dict[tuple[float, float], list[int]] = {}
    for i, key in enumerate(zip(lon, lat, strict=True)):
        at.setdefault(key, []).append(i)
    x, y = [0.0] * len(lon), [0.0] * len(lon)
    f = fan_scale(zoom)
    for (px_lon, px_lat), idx in at.items():
        cx, cy = project(px_lon, px_lat, zoom)
        offsets = fan_offsets(len(idx), max(radius[i] for i in idx))
        for i, (dx, dy) in zip(idx, offsets, strict=True):
            x[i], y[i] = cx + dx * f, cy + dy * f
    return x, y


def group_places(
    lon: Sequence[float], lat: Sequence[float], radius: Sequence[float], zoom: float
) -> list[list[int]]:
    """Groups of places drawn as one badge at ``zoom`` (fan-out, then grouping).

    Parameters
    ----------
    lon, lat : sequences of float
        WGS84 points, in priority order.
    radius : sequence of float
        Marker radius of each point in pixels (:func:`viewmodel.style.marker_radius`).
    zoom : float
        Web map zoom (a print can pass the zoom whose scale matches its page).
    """
    x, y = place_pixels(lon, lat, radius, zoom)
    return group_circles(x, y, radius)


def split_zoom(
    lon: Sequence[float], lat: Sequence[float], radius: Sequence[float], zoom: float
) -> float:
    """The first zoom above ``zoom`` (in half steps, at most :data:`MAX_ZOOM`) at which the
    points are no longer one group: where a click on their badge takes the map."""
    z = zoom
    while z < MAX_ZOOM:
        z += 0.5
        if len(group_places(lon, lat, radius, z)) > 1:
            return z
    return MAX_ZOOM
