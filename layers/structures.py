"""Named spatial strategies (“1+4”, “3+4”, “三园一城” …) drawn as their derived extent."""

from __future__ import annotations

from typing import TYPE_CHECKING

import folium
import geopandas as gpd

from geo.texts import column
from layers.datum import Shift, identity
from layers.extents import extent_layer
from viewmodel.style import STRUCTURE_COLOR

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene


def _style(chosen: bool) -> dict:
    return {
        "color": "#4a235a" if chosen else STRUCTURE_COLOR,
        "weight": 3 if chosen else 1.2,
        "dashArray": None if chosen else "6 4",
        "fillColor": STRUCTURE_COLOR,
        "fillOpacity": 0.12 if chosen else 0.03,
    }


def structure_extents(
    structures: gpd.GeoDataFrame,
    lang: str,
    selected: str | None = None,
    shift: Shift = identity,
) -> folium.GeoJson:
    """A GeoJson layer of structure extents; the selected one is drawn strong. A click on
    one carries ``ref`` ``structure:<id>``."""
    return extent_layer(
        structures,
        ("structure:" + structures["structure_id"]).tolist(),
        structures[column("name", lang)].tolist(),
        (structures["structure_id"] == selected).tolist(),
        _style,
        "structures",
        shift,
    )


def draw_structures(scene: Scene, unit: DrawUnit, shift: Shift) -> list[folium.GeoJson]:
    """The scene's strategy extents, the view's strategy drawn strong."""
    return [structure_extents(scene.structures, scene.lang, scene.view.strategy or None, shift)]
