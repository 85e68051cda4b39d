"""Colour-blind readers tell the kinds apart: the kind palette (:mod:`geo.palette`) seen
with deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, severity 1, applied
in linear RGB) keeps every two kinds drawn with the same marker shape at least
:data:`MIN_DELTA_E` apart (CIEDE2000); kinds of different shapes differ by shape."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from viewmodel.style import PLACE_STYLES

MACHADO = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
}
MIN_DELTA_E = 10.0
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
WHITE = np.array([0.95047, 1.0, 1.08883])


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(hexes: list[str], vision: str) -> np.ndarray:
    """CIELAB (D65) of the colours ``hexes`` as seen with ``vision``."""
    linear = _linear(np.array([to_rgb(h) for h in hexes])) @ MACHADO[vision].T
    xyz = np.clip(linear, 0, 1) @ SRGB_TO_XYZ.T / WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack(
        [116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=-1
    )


def delta_e2000(a: np.ndarray, b: np.ndarray) -> float:
    """CIEDE2000 difference of two CIELAB colours (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = a, b
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dh = h2p - h1p
    dh = 0.0 if c1p * c2p == 0 else dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_big_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    dl, dc, dh_ = (l2 - l1) / s_l, (c2p - c1p) / s_c, d_big_h / s_h
    return float(np.sqrt(dl**2 + dc**2 + dh_**2 + r_t * dc * dh_))


def test_delta_e2000_matches_published_pairs():
    # Sharma, Wu & Dalal (2005), table 1: pairs 1 and 17
    assert delta_e2000(
        np.array([50.0, 2.6772, -79.7751]), np.array([50.0, 0.0, -82.7485])
    ) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000(np.array([50.0, 2.5, 0.0]), np.array([73.0, 25.0, -18.0])) == pytest.approx(
        27.1492, abs=1e-4
    )


def test_simulation_collapses_red_and_green_but_not_blue_and_yellow():
    red_green = lab(["#d62728", "#2ca02c"], "deuteranopia")
    blue_yellow = lab(["#1f77b4", "#f1c40f"], "deuteranopia")
    assert delta_e2000(*red_green) < 25 < delta_e2000(*blue_yellow)


@pytest.mark.parametrize("vision", list(MACHADO))
def test_kinds_of_one_shape_stay_apart(vision):
    kinds = list(PLACE_STYLES)
    colours = lab([PLACE_STYLES[k].color for k in kinds], vision)
    close = [
        (kinds[i], kinds[j], round(delta_e2000(colours[i], colours[j]), 1))
        for i, j in combinations(range(len(kinds)), 2)
        if PLACE_STYLES[kinds[i]].shape == PLACE_STYLES[kinds[j]].shape
        and delta_e2000(colours[i], colours[j]) < MIN_DELTA_E
    ]
    assert not close, close
