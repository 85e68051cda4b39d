"""Pile-ups on a print, by the web map's rule (:mod:`layers.grouping`): places sharing an
anchor fanned out, markers that still overlap merged into count badges, at the web-map zoom
whose scale matches the print's frame — a badge on the screen is a badge on paper."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from layers.grouping import badge_radius, fan_offsets, fan_scale, group_circles
from layers.printing.layout import Bounds, Box, to_pixels
from viewmodel.style import marker_radius

SCREEN_PT = 0.8
"""Points on a print (per unit of print size) for one pixel of the web map."""


@dataclass(frozen=True)
class Piles:
    """Where the places' markers go, in figure pixels: the drawn point and radius of each
    place, whether it is drawn on its own, and the badges (centre, radius, member indices)
    of the others."""

    x: np.ndarray
    y: np.ndarray
    radius: np.ndarray
    single: np.ndarray
    badges: tuple[tuple[float, float, float, tuple[int, ...]], ...]


def print_zoom(frame: Bounds, map_box: Box, screen_px: float) -> float:
    """The web-map zoom whose scale is the print's: ``screen_px`` figure pixels per web-map
    pixel."""
    width = (map_box[2] - map_box[0]) / screen_px
    return math.log2(width * 360 / (256 * (frame[2] - frame[0])))


def piles(places: pd.DataFrame, frame: Bounds, map_box: Box, unit: float, dpi: float) -> Piles:
    """The markers of ``places`` (all inside ``frame``) on a map filling ``map_box``, for a
    print of size ``unit`` at ``dpi``."""
    screen_px = SCREEN_PT * unit * dpi / 72
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    radius = np.array(
        [marker_radius(k, t) for k, t in zip(places["kind"], places["tier"], strict=True)],
        dtype=float,
    )
    x, y = to_pixels(frame, map_box, lon, lat)
    sx, sy = x / screen_px, y / screen_px
    spread = fan_scale(print_zoom(frame, map_box, screen_px))
    shared: dict[tuple[float, float], list[int]] = {}
    for i, key in enumerate(zip(lon, lat, strict=True)):
        shared.setdefault(key, []).append(i)
    for members in shared.values():
        offsets = fan_offsets(len(members), float(radius[members].max()))
        for i, (dx, dy) in zip(members, offsets, strict=True):
            sx[i] += dx * spread
            sy[i] -= dy * spread  # screen y runs down, figure y up
    groups = group_circles(sx.tolist(), sy.tolist(), radius.tolist())
    single = np.zeros(len(lon), dtype=bool)
    badges = []
    for members in groups:
        if len(members) == 1:
            single[members[0]] = True
            continue
        badges.append(
            (
                float(sx[members].mean() * screen_px),
                float(sy[members].mean() * screen_px),
                badge_radius(len(members)) * screen_px,
                tuple(members),
            )
        )
    return Piles(sx * screen_px, sy * screen_px, radius * screen_px, single, tuple(badges))
