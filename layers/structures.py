"""Named spatial strategies (“1+4”, “3+4”, “三园一城” …) drawn as their derived extent."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import folium
import geopandas as gpd

from geo.formats import geojson_document
from geo.texts import column
from layers.datum import Shift, identity, shift_coordinates
from viewmodel.style import STRUCTURE_COLOR

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

EXTENT_DECIMALS = 4


def structure_extents(
    structures: gpd.GeoDataFrame,
    lang: str,
    selected: str | None = None,
    shift: Shift = identity,
) -> folium.GeoJson:
    """A GeoJson layer of structure extents; the selected one is drawn strong. A click on
    one carries ``ref`` ``structure:<id>``."""
    layer = structures[["structure_id", "geometry"]].copy()
    layer["title"] = [escape(name) for name in structures[column("name", lang)]]
    layer["ref"] = "structure:" + layer["structure_id"]
    layer["selected"] = layer["structure_id"] == selected
    layer = layer.sort_values("selected")  # the selected extent on top
    document = geojson_document(
        layer[["ref", "title", "selected", "geometry"]], decimals=EXTENT_DECIMALS
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


def draw_structures(scene: Scene, unit: DrawUnit, shift: Shift) -> list[folium.GeoJson]:
    """The scene's strategy extents, the view's strategy drawn strong."""
    return [structure_extents(scene.structures, scene.lang, scene.view.strategy or None, shift)]
