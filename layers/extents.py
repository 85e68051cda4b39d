"""Areas drawn on the web map as GeoJSON polygons, each with a tooltip and a click payload
(``properties.ref``, see :mod:`ui.selection`): the strategy extents and the zones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import folium
import geopandas as gpd

from geo.formats import geojson_document
from layers.datum import Shift, shift_coordinates

EXTENT_DECIMALS = 4


def extent_layer(
    frame: gpd.GeoDataFrame,
    refs: Sequence[str],
    titles: Sequence[str],
    selected: Sequence[bool],
    style: Callable[[bool], dict],
    name: str,
    shift: Shift,
) -> folium.GeoJson:
    """The polygons of ``frame`` with a ``ref`` and a tooltip ``title`` each (escaped), styled
    by ``style(selected)``; the selected ones are drawn on top."""
    layer = gpd.GeoDataFrame(
        {"ref": list(refs), "title": [escape(t) for t in titles], "selected": list(selected)},
        geometry=list(frame.geometry),
        crs=frame.crs,
    ).sort_values("selected", kind="stable")
    document = geojson_document(layer, decimals=EXTENT_DECIMALS, keep=True)
    for feature in document["features"]:
        feature["geometry"]["coordinates"] = shift_coordinates(
            feature["geometry"]["coordinates"], shift
        )
    return folium.GeoJson(
        document,
        name=name,
        style_function=lambda feature: style(feature["properties"]["selected"]),
        tooltip=folium.GeoJsonTooltip(fields=["title"], labels=False),
    )
