"""The pile-up rule (layers/grouping.py): overlapping markers become one badge, badges
never overlap anything, shared anchors fan out from FAN_ZOOM, a click zooms to a split."""

from __future__ import annotations

import math
import random

import pytest

from layers.grouping import (
    FAN_ZOOM,
    GAP_PX,
    badge_radius,
    fan_offsets,
    group_circles,
    group_places,
    place_pixels,
    project,
    split_zoom,
)


def drawn(x, y, r, groups):
    """(x, y, radius) of what is drawn: markers, and badges at their members' mean."""
    out = []
    for g in groups:
        if len(g) == 1:
            out.append((x[g[0]], y[g[0]], r[g[0]]))
        else:
            out.append(
                (sum(x[i] for i in g) / len(g), sum(y[i] for i in g) / len(g), badge_radius(len(g)))
            )
    return out


def assert_no_overlap(circles):
    for i, (ax, ay, ar) in enumerate(circles):
        for bx, by, br in circles[i + 1 :]:
            assert math.hypot(ax - bx, ay - by) >= ar + br + GAP_PX - 1e-9


def test_apart_and_overlapping():
    assert group_circles([0, 100], [0, 0], [5, 5]) == [[0], [1]]
    assert group_circles([0, 11], [0, 0], [5, 5]) == [[0, 1]]
    assert group_circles([0, 12], [0, 0], [5, 5]) == [[0], [1]]  # 12 = 5 + 5 + gap


def test_a_badge_swallows_what_it_covers():
    # two touching markers make a badge at x=5.5; a third marker just within its reach joins
    reach = 5.5 + badge_radius(2) + 5 + GAP_PX
    assert group_circles([0, 11, reach - 0.5], [0, 0, 0], [5, 5, 5]) == [[0, 1, 2]]
    assert group_circles([0, 11, reach + 0.5], [0, 0, 0], [5, 5, 5]) == [[0, 1], [2]]


@pytest.mark.parametrize("seed", range(20))
def test_nothing_drawn_overlaps(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 120)
    x = [rng.uniform(0, 400) for _ in range(n)]
    y = [rng.uniform(0, 300) for _ in range(n)]
    r = [rng.choice([4, 5, 6, 9]) for _ in range(n)]
    groups = group_circles(x, y, r)
    assert sorted(i for g in groups for i in g) == list(range(n))
    assert_no_overlap(drawn(x, y, r, groups))


@pytest.mark.parametrize("seed", range(5))
def test_binned_cloud_is_also_overlap_free(seed):
    rng = random.Random(seed)
    n = 3000
    x = [rng.gauss(500, 80) for _ in range(n)]
    y = [rng.gauss(400, 60) for _ in range(n)]
    r = [4.0] * n
    groups = group_circles(x, y, r, cell=8.0)
    assert sorted(i for g in groups for i in g) == list(range(n))
    assert_no_overlap(drawn(x, y, r, groups))


def test_fan_offsets_keep_markers_apart():
    for n in (2, 3, 7, 18, 40):
        offsets = fan_offsets(n, 9)
        assert len(offsets) == n
        assert_no_overlap([(dx, dy, 9) for dx, dy in offsets])


def test_shared_seat_is_a_badge_when_zoomed_out_and_fans_out_when_zoomed_in():
    lon, lat, r = [113.08333] * 18, [22.58333] * 18, [5, 6, 9] * 6  # 18 places on 江门's seat
    assert group_places(lon, lat, r, 8) == [list(range(18))]
    assert group_places(lon, lat, r, FAN_ZOOM) == [[i] for i in range(18)]
    assert 8 < split_zoom(lon, lat, r, 8) <= FAN_ZOOM


def test_pixels_match_web_mercator():
    # Leaflet: zoom 0 maps (0, 0) to (128, 128) and the map is 256 px wide
    assert project(0, 0, 0) == pytest.approx((128, 128))
    assert project(180, 0, 1)[0] == pytest.approx(512)
    x, y = place_pixels([113.0, 113.0], [22.5, 22.5], [5, 5], 13)
    assert math.hypot(x[0] - x[1], y[0] - y[1]) >= 10 + GAP_PX - 1e-6
