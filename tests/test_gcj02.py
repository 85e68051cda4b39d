"""GCJ-02 against an independent implementation (PyPI ``prcoords``)."""

import numpy as np
import prcoords
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

METRES_PER_DEGREE = 111_320.0
lons = st.floats(min_value=108.0, max_value=118.0)
lats = st.floats(min_value=18.0, max_value=27.0)


@settings(max_examples=300, deadline=None)
@given(lons, lats)
def test_forward_matches_oracle(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    oracle = prcoords.wgs_gcj(prcoords.Coords(lat, lon))
    assert abs(glon - oracle.lon) < 1e-9 and abs(glat - oracle.lat) < 1e-9


@settings(max_examples=300, deadline=None)
@given(lons, lats)
def test_inverse_is_exact_and_matches_oracle(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert abs(wlon - lon) * METRES_PER_DEGREE < 0.01 and abs(wlat - lat) * METRES_PER_DEGREE < 0.01
    oracle = prcoords.gcj_wgs_bored(prcoords.Coords(float(glat), float(glon)))
    assert abs(wlon - oracle.lon) * METRES_PER_DEGREE < 0.01
    assert abs(wlat - oracle.lat) * METRES_PER_DEGREE < 0.01


def test_offset_size_in_guangdong():
    # The shift in the Pearl River Delta is a few hundred metres, mostly east and south.
    glon, glat = wgs84_to_gcj02(113.0, 22.5)
    assert 0.003 < glon - 113.0 < 0.007 and -0.004 < glat - 22.5 < 0.0


def test_outside_china_is_unchanged():
    lon, lat = wgs84_to_gcj02(np.array([2.35]), np.array([48.85]))
    assert lon[0] == 2.35 and lat[0] == 48.85


def test_overlay_shift_handles_ragged_polygons():
    from layers.datum import SHIFTS, shift_coordinates

    polygon = [
        [[113.0, 22.5], [113.1, 22.5], [113.1, 22.6], [113.0, 22.5]],
        [[113.02, 22.52], [113.03, 22.52], [113.02, 22.53]],
    ]
    shifted = shift_coordinates(polygon, SHIFTS["GCJ-02"])
    assert [len(r) for r in shifted] == [4, 3]
    expected = wgs84_to_gcj02(113.0, 22.5)
    assert shifted[0][0] == [float(expected[0]), float(expected[1])]
