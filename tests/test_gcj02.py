"""GCJ-02 against an independent implementation (PyPI ``prcoords``)."""

import numpy as np
import prcoords
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.gcj02 import (
    bd09_to_wgs84,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

METRES_PER_DEGREE = 111_320.0
lons = st.floats(min_value=108.0, max_value=118.0)
lats = st.floats(min_value=18.0, max_value=27.0)


DATUMS = {
    # datum: (our forward, our inverse, oracle forward, oracle inverse, oracle inverse's
    # accuracy in metres: prcoords stops iterating at a residual of 1e-5°, which after the
    # BD-09 step leaves a few centimetres)
    "GCJ-02": (wgs84_to_gcj02, gcj02_to_wgs84, prcoords.wgs_gcj, prcoords.gcj_wgs_bored, 0.01),
    "BD-09": (wgs84_to_bd09, bd09_to_wgs84, prcoords.wgs_bd, prcoords.bd_wgs_bored, 0.1),
}


@pytest.mark.parametrize("datum", DATUMS)
@settings(max_examples=300, deadline=None)
@given(lon=lons, lat=lats)
def test_forward_matches_oracle(datum, lon, lat):
    forward, _, oracle_forward, _, _ = DATUMS[datum]
    x, y = forward(lon, lat)
    oracle = oracle_forward(prcoords.Coords(lat, lon))
    assert abs(x - oracle.lon) < 1e-9 and abs(y - oracle.lat) < 1e-9


@pytest.mark.parametrize("datum", DATUMS)
@settings(max_examples=300, deadline=None)
@given(lon=lons, lat=lats)
def test_inverse_is_exact_and_matches_oracle(datum, lon, lat):
    forward, inverse, _, oracle_inverse, oracle_metres = DATUMS[datum]
    x, y = forward(lon, lat)
    wlon, wlat = inverse(x, y)
    assert abs(wlon - lon) * METRES_PER_DEGREE < 0.01 and abs(wlat - lat) * METRES_PER_DEGREE < 0.01
    oracle = oracle_inverse(prcoords.Coords(float(y), float(x)))
    assert abs(wlon - oracle.lon) * METRES_PER_DEGREE < oracle_metres
    assert abs(wlat - oracle.lat) * METRES_PER_DEGREE < oracle_metres


def test_to_wgs84_by_datum_name():
    assert to_wgs84(113.0, 22.5, "WGS84") == (113.0, 22.5)
    glon, glat = wgs84_to_gcj02(113.0, 22.5)
    assert abs(to_wgs84(glon, glat, "GCJ-02")[0] - 113.0) < 1e-9
    blon, blat = wgs84_to_bd09(113.0, 22.5)
    # Baidu's shift is about 1 km north-east on top of GCJ-02's few hundred metres
    assert 0.009 < blon - 113.0 < 0.014 and 0.002 < blat - 22.5 < 0.006
    assert abs(to_wgs84(blon, blat, "BD-09")[1] - 22.5) < 1e-9
    with pytest.raises(ValueError, match="unknown datum"):
        to_wgs84(113.0, 22.5, "Beijing54")


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
