"""What the map draws of a published layer in one view: every feature in the extent when
there are at most ``cap`` of them, else counts on a grid (so a layer of 10^6 points is never
read whole into a server, nor sent whole to a browser).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.db.connect import Database
from geo.db.published import PublishedLayer, layer_density, layer_in_view

DRAW_CAP = 10_000
"""Most features of one published layer drawn one by one in a view."""
GRID_CELLS = 48
"""At least this many (and fewer than twice as many) grid cells across the wider side of
the view when counts are drawn."""


@dataclass(frozen=True, eq=False)
class LayerView:
    """A published layer in one extent: ``features`` (all of them in the extent) when
    ``total`` is at most the cap, else ``cells`` (``lon``, ``lat``, ``count``)."""

    layer: PublishedLayer
    total: int
    features: gpd.GeoDataFrame | None = None
    cells: pd.DataFrame | None = None


def grid_cell(bbox: Sequence[float], cells: int = GRID_CELLS) -> float:
    """Cell size in degrees for ``bbox``: a power of two, so that the grid stays put while
    the map pans at one zoom."""
    width = max(bbox[2] - bbox[0], bbox[3] - bbox[1], 1e-9)
    return 2.0 ** math.floor(math.log2(width / cells))


def layer_view(
    db: Database, layer: PublishedLayer, bbox: Sequence[float], cap: int = DRAW_CAP
) -> LayerView:
    """The features of ``layer`` in ``bbox``, or their counts per grid cell when more than
    ``cap`` meet it. A layer of at most ``cap`` features takes one query; a larger one
    takes the grid query first and reads the features only if they fit.

    Raises
    ------
    DatabaseError
        ``no_layer`` when the layer was deleted meanwhile; ``failed`` on a refusal.
    """
    if layer.feature_count > cap:
        cells = layer_density(db, layer.layer_id, bbox, grid_cell(bbox))
        total = int(cells["count"].sum())
        if total > cap:
            return LayerView(layer, total, cells=cells)
    rows = layer_in_view(db, layer.layer_id, bbox, cap)
    return LayerView(layer, rows.total, features=rows.frame)
