"""What the map draws of a published layer in one view (real database, tests/pg.py): the
features when they fit under the cap, else counts per grid cell; and the extent of a map
before it reports its own."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from geo.db.layer_view import grid_cell, layer_view
from geo.db.published import delete_layer, publish_layer
from layers.datum import identity
from layers.published import MAX_RADIUS, MIN_RADIUS, density_columns
from tests.strict_frames import assert_frames_identical
from tests.test_db_published import ZHONGSHAN, points_frame
from viewmodel.extent import map_extent

WIDE = (111.5, 21.5, 114.5, 24.5)


def test_map_extent_matches_web_mercator_tiles():
    # zoom 2: the tile row y=1 spans 0°..66.51326044311186° (slippy-map tile bounds)
    west, south, east, north = map_extent((33.2566, 45.0), 2, 256, 2)
    assert (west, east) == pytest.approx((0.0, 90.0))
    whole = map_extent((0.0, 0.0), 0, 256, 256)
    assert whole == pytest.approx((-180.0, -85.0511287798, 180.0, 85.0511287798))
    tile = map_extent((0.0, 0.0), 1, 512, 256)
    assert tile[1] == pytest.approx(-66.51326044311186) and tile[3] == pytest.approx(
        66.51326044311186
    )


def test_grid_cells_are_powers_of_two_48_to_96_across():
    assert grid_cell((113.15, 22.2, 113.65, 22.8)) == 2**-7  # 0.6° / 48 = 0.0125 > 2**-7
    assert grid_cell((0, 0, 48, 1)) == 1.0
    assert grid_cell((0, 0, 47.9, 1)) == 0.5


@pytest.fixture(scope="module")
def layer(app_db):
    frame = points_frame(2_000, seed=31)
    published = publish_layer(
        app_db,
        frame,
        name="视图测试",
        owner="视图测试",
        source_format="csv",
        source_crs="EPSG:4326",
        report={},
    )
    yield published, frame
    delete_layer(app_db, published.layer_id, "视图测试")


def test_features_when_they_fit_under_the_cap(app_db, layer):
    published, frame = layer
    expected = frame[shapely.intersects(frame.geometry.values, shapely.box(*ZHONGSHAN))]
    part = layer_view(app_db, published, ZHONGSHAN, cap=100)
    assert part.cells is None and part.total == len(expected) > 0
    assert_frames_identical(part.features, expected)
    whole = layer_view(app_db, published, WIDE, cap=2_000)
    assert whole.total == 2_000 and len(whole.features) == 2_000


def test_counts_per_cell_when_over_the_cap(app_db, layer):
    published, frame = layer
    part = layer_view(app_db, published, WIDE, cap=100)
    assert part.features is None and part.total == 2_000
    cells = part.cells
    assert int(cells["count"].sum()) == 2_000
    size = grid_cell(WIDE)
    x, y = frame.geometry.x, frame.geometry.y
    occupied = {(round(a / size), round(b / size)) for a, b in zip(x, y, strict=True)}
    assert len(cells) == len(occupied)  # ST_SnapToGrid rounds to the nearest multiple


def test_density_circles_grow_with_the_count():
    cells = pd.DataFrame({"lon": [113.0, 113.5], "lat": [22.0, 22.5], "count": [100, 1]})
    columns = density_columns(cells, ["100", "1"], identity)
    assert columns["r"][0] == MAX_RADIUS
    assert columns["r"][1] == pytest.approx(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * 0.1, abs=0.05)
    assert columns["x"] == [113.0, 113.5] and columns["t"] == ["100", "1"]
