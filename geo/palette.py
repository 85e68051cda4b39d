"""The colours of the map: one fact each, read by the map's style table (``viewmodel.style``),
the static print and the KML export, so a place looks the same on screen, on paper and in
Google Earth."""

from __future__ import annotations

PLACE_COLORS: dict[str, str] = {
    "hitech_zone": "#c0392b",
    "new_town": "#e67e22",
    "science_city": "#f4d03f",
    "economic_zone": "#4a2511",
    "cooperation_zone": "#8e44ad",
    "lab_facility": "#1f4e9e",
    "research_institute": "#2e86c1",
    "university": "#17a589",
    "hospital": "#48c9b0",
    "culture_science_site": "#7d3c98",
    "incubator": "#f1c40f",
    "industrial_park": "#6e2c00",
    "industrial_cluster": "#935116",
    "agri_park": "#27ae60",
    "logistics_hub": "#5d6d7e",
    "energy_site": "#e74c3c",
    "company": "#212f3c",
    "project": "#ca6f1e",
    "town": "#566573",
}
"""Place kind -> marker colour. Every kind of :data:`geo.schema.PLACE_KINDS` has one."""

LINK_COLORS: dict[str, str] = {
    "innovation_corridor": "#c0392b",
    "rd_transfer": "#1f4e9e",
    "cooperation": "#7f8c8d",
    "industrial_relocation": "#935116",
    "platform_tie": "#16a085",
    "transport": "#34495e",
}
"""Link kind -> line colour. Every kind of :data:`geo.schema.LINK_KINDS` has one."""

STRUCTURE_COLOR = "#8e44ad"
"""Outline and fill of the derived extents of named strategies."""

ZONE_COLOR = "#b7950b"
"""Outline and light fill of the schematic extents of zones made of towns."""

TILE_BACKGROUND = "#e6e6e6"
"""Behind online tiles while they load: neutral, so that land never reads as sea."""
PROJECT_COLOR = "#ca6f1e"
"""Circles of the major projects."""

BOUNDARY_COLORS = {
    "land": "#f7f4ee",
    "sea": "#c6dbea",
    "coast": "#5d6d7e",
    "city": "#7b7d7d",
    "county": "#c0c3c4",
}
"""Colours of the offline vector basemap: land, sea, coast and province lines, city and
county outlines."""
