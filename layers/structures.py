"""Named spatial strategies (“1+4”, “3+4”, “三园一城” …) drawn as their derived extent."""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd

from geo.formats import geojson_document
from geo.palette import STRUCTURE_COLOR
from layers.datum import Shift, identity, shift_coordinates

EXTENT_DECIMALS = 4


def structure_extents(
    structures: gpd.GeoDataFrame,
    lang: str,
    selected: str | None = None,
    shift: Shift = identity,
) -> folium.GeoJson:
    """A GeoJson layer of structure extents; the selected one is drawn strong."""
    layer = structures[["structure_id", "name_zh", "name_en", "geometry"]].copy()
    layer["title"] = [
        escape(z if lang == "zh" else e)
        for z, e in zip(layer["name_zh"], layer["name_en"], strict=True)
    ]
    layer["selected"] = layer["structure_id"] == selected
    layer = layer.sort_values("selected")  # the selected extent on top
    document = geojson_document(
        layer[["structure_id", "title", "selected", "geometry"]], decimals=EXTENT_DECIMALS
    )
    for feature in document["features"]:
        feature["geometry"]["coordinates"] = shift_coordinates(
            feature["geometry"]["coordinates"], shift
        )

    def style(feature: dict) -> dict:
        chosen = feature["properties"]["selected"]
        return {
            "color": "#4a235a" if chosen else STRUCTURE_COLOR,
            "weight": 3 if chosen else 1.2,
            "dashArray": None if chosen else "6 4",
            "fillColor": STRUCTURE_COLOR,
            "fillOpacity": 0.12 if chosen else 0.03,
        }

    return folium.GeoJson(
        document,
        name="structures",
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["title"], labels=False),
    )
