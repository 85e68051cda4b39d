"""Zones made of towns (中山科学城 = 南区 + 大涌 + 板芙 …) drawn as light, dotted areas under
the points: their extent is schematic (the union of the member towns' cells, see
:mod:`geo.zones`), and the tooltip says so. A click opens the zone's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

import folium
import geopandas as gpd
import numpy as np
import shapely

from geo.texts import column, t
from layers.datum import Shift, identity
from layers.extents import extent_layer
from viewmodel.style import HIGHLIGHT_COLOR, ZONE_COLOR, ZONE_DASH, ZONE_FILL_OPACITY

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene


def _style(chosen: bool) -> dict:
    return {
        "color": HIGHLIGHT_COLOR if chosen else ZONE_COLOR,
        "weight": 2 if chosen else 1,
        "dashArray": None if chosen else ZONE_DASH,
        "fillColor": ZONE_COLOR,
        "fillOpacity": ZONE_FILL_OPACITY * (2 if chosen else 1),
    }


def zone_tooltip(zone, lang: str) -> str:
    """“name · schematic extent (member towns), not a boundary” in ``lang``."""
    towns = t("list_separator", lang).join(zone["member_towns"])
    return t("zone_tooltip", lang, name=zone[column("name", lang)], towns=towns)


def zone_areas(
    zones: gpd.GeoDataFrame,
    lang: str,
    highlights: frozenset[str] = frozenset(),
    shift: Shift = identity,
) -> folium.GeoJson:
    """A GeoJson layer of zone extents, smaller ones on top (a zone inside another stays
    clickable); zones of highlighted places are drawn strong. A click on one carries ``ref``
    ``place:<place_id>``."""
    largest_first = np.argsort(-shapely.area(zones.geometry.values), kind="stable")  # deg²
    zones = zones.iloc[largest_first]
    return extent_layer(
        zones,
        ("place:" + zones["place_id"]).tolist(),
        [zone_tooltip(zone, lang) for _, zone in zones.iterrows()],
        zones["place_id"].isin(list(highlights)).tolist(),
        _style,
        "zones",
        shift,
    )


def draw_zones(scene: Scene, unit: DrawUnit, shift: Shift) -> list[folium.GeoJson]:
    """The scene's zones (none when no zone's place meets the filters)."""
    if scene.zones.empty:
        return []
    return [zone_areas(scene.zones, scene.lang, scene.highlights, shift)]
