"""The one style table: colours, shapes and sizes of every kind of feature.

The map, the legend, the static print and the uploaded layers all read these tables, so
they never disagree; names of the kinds are in the text catalogue (:mod:`geo.texts`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PointStyle:
    """How a kind of place is drawn."""

    color: str
    shape: str  # circle | square | diamond | triangle
    radius: int


@dataclass(frozen=True)
class LineStyle:
    """How a kind of link is drawn."""

    color: str
    dash: str | None
    weight: float


PLACE_STYLES: dict[str, PointStyle] = {
    "hitech_zone": PointStyle("#c0392b", "square", 8),
    "new_town": PointStyle("#e67e22", "square", 8),
    "science_city": PointStyle("#d35400", "square", 8),
    "economic_zone": PointStyle("#a0522d", "square", 7),
    "cooperation_zone": PointStyle("#8e44ad", "square", 7),
    "lab_facility": PointStyle("#1f4e9e", "diamond", 8),
    "research_institute": PointStyle("#2e86c1", "circle", 6),
    "university": PointStyle("#17a589", "circle", 6),
    "hospital": PointStyle("#48c9b0", "circle", 5),
    "culture_science_site": PointStyle("#7d3c98", "circle", 5),
    "incubator": PointStyle("#f1c40f", "circle", 5),
    "industrial_park": PointStyle("#6e2c00", "triangle", 7),
    "industrial_cluster": PointStyle("#935116", "triangle", 6),
    "agri_park": PointStyle("#27ae60", "triangle", 6),
    "logistics_hub": PointStyle("#5d6d7e", "triangle", 6),
    "energy_site": PointStyle("#e74c3c", "diamond", 7),
    "company": PointStyle("#839192", "circle", 4),
    "project": PointStyle("#ca6f1e", "circle", 5),
    "town": PointStyle("#566573", "circle", 4),
}
"""Place kind -> style. Every kind of :data:`geo.schema.PLACE_KINDS` has one."""

TIER_RADIUS_BONUS = {"national": 3, "provincial": 1}
"""Extra marker radius by tier: national places read first."""

COARSE_PRECISIONS = ("town", "county", "city")
"""Precision classes drawn with a dashed halo: the point stands for an area, not a site."""
HALO_COLOR = "#4d4d4d"
HIGHLIGHT_COLOR = "#111111"

LINK_STYLES: dict[str, LineStyle] = {
    "innovation_corridor": LineStyle("#c0392b", None, 4.0),
    "rd_transfer": LineStyle("#1f4e9e", "8 6", 3.0),
    "cooperation": LineStyle("#7f8c8d", "4 6", 2.0),
    "industrial_relocation": LineStyle("#935116", "10 4 2 4", 2.5),
    "platform_tie": LineStyle("#16a085", "2 5", 2.0),
    "transport": LineStyle("#34495e", None, 2.0),
}
"""Link kind -> style."""

STRUCTURE_COLOR = "#8e44ad"
"""Extents of the named strategies."""
PROJECT_COLOR = "#ca6f1e"
"""Major projects (circles sized by investment)."""

BOUNDARY_COLORS = {"land": "#f7f4ee", "sea": "#dbe8f1", "city": "#7b7d7d", "county": "#b3b6b7"}
"""Colours of the offline vector basemap."""

INDICATOR_PALETTE = ("#edf8b1", "#7fcdbb", "#2c7fb8", "#253494", "#081d58")
"""Classes of a plan-target choropleth, low to high."""
INDICATOR_TEXT_FILL = "#bdbdbd"
"""Plan areas whose target is printed as text, not a number."""

USER_RADIUS = 6
USER_STYLES: tuple[tuple[str, str], ...] = (
    ("#d81b60", "circle"),
    ("#00838f", "square"),
    ("#6a1b9a", "diamond"),
    ("#2e7d32", "triangle"),
    ("#ef6c00", "circle"),
    ("#283593", "square"),
)
"""(colour, shape) of the n-th uploaded layer; none is used by a plan layer."""


def marker_radius(kind: str, tier: str) -> int:
    """Marker radius in pixels for a place of ``kind`` and ``tier``."""
    return PLACE_STYLES[kind].radius + TIER_RADIUS_BONUS.get(tier, 0)


def user_style(index: int) -> tuple[str, str]:
    """(colour, shape) of the ``index``-th uploaded layer (0-based), cycling."""
    return USER_STYLES[index % len(USER_STYLES)]
