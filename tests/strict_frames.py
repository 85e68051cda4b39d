"""Strict frame equality for read-back tests: same type, columns, dtypes, index, values,
CRS and geometry column, and geometries equal coordinate for coordinate (not merely
topologically, which is also slow on big polygons)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely


def _geometric(values) -> bool:
    return any(isinstance(v, shapely.Geometry) for v in values)


def assert_frames_identical(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Raise ``AssertionError`` unless ``left`` and ``right`` are the same frame."""
    assert type(left) is type(right), f"{type(left).__name__} != {type(right).__name__}"
    if isinstance(left, gpd.GeoDataFrame):
        assert left.geometry.name == right.geometry.name
        assert left.crs == right.crs, f"{left.crs} != {right.crs}"
    shapes = [c for c in left.columns if _geometric(left[c].to_numpy())]
    plain = lambda frame: pd.DataFrame(frame).assign(**{c: 0 for c in shapes})  # noqa: E731
    pd.testing.assert_frame_equal(plain(left), plain(right), check_exact=True)
    for column in shapes:
        assert str(left[column].dtype) == str(right[column].dtype), column
        a, b = left[column].to_numpy(), right[column].to_numpy()
        same = shapely.equals_exact(a, b, tolerance=0)
        same |= shapely.is_empty(a) & shapely.is_empty(b)
        same |= shapely.is_missing(a) & shapely.is_missing(b)
        assert bool(same.all()), f"column {column}: geometries differ"
