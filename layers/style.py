"""The one style table: colours, shapes, groups and labels of every kind of feature.

The map, the legend, the static print and the export attributes all read these tables,
so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.schema import PLACE_KINDS


@dataclass(frozen=True)
class PointStyle:
    """How a kind of place is drawn."""

    group: str
    color: str
    shape: str  # circle | square | diamond | triangle
    radius: int


@dataclass(frozen=True)
class LineStyle:
    """How a kind of link is drawn."""

    color: str
    dash: str | None
    weight: float


GROUPS: dict[str, tuple[str, str]] = {
    "platforms": ("创新平台", "Innovation platforms"),
    "science": ("科学与研发", "Science & R&D"),
    "incubation": ("孵化载体", "Incubation"),
    "industry": ("产业载体", "Industry"),
    "strategy": ("空间战略", "Strategy"),
    "context": ("行政区划", "Context"),
}
"""Layer groups: id -> (Chinese, English)."""

PLACE_STYLES: dict[str, PointStyle] = {
    "hitech_zone": PointStyle("platforms", "#c0392b", "square", 8),
    "new_town": PointStyle("platforms", "#e67e22", "square", 8),
    "science_city": PointStyle("platforms", "#d35400", "square", 8),
    "economic_zone": PointStyle("platforms", "#a0522d", "square", 7),
    "cooperation_zone": PointStyle("platforms", "#8e44ad", "square", 7),
    "lab_facility": PointStyle("science", "#1f4e9e", "diamond", 8),
    "research_institute": PointStyle("science", "#2e86c1", "circle", 6),
    "university": PointStyle("science", "#17a589", "circle", 6),
    "hospital": PointStyle("science", "#48c9b0", "circle", 5),
    "culture_science_site": PointStyle("science", "#7d3c98", "circle", 5),
    "incubator": PointStyle("incubation", "#f1c40f", "circle", 5),
    "industrial_park": PointStyle("industry", "#6e2c00", "triangle", 7),
    "industrial_cluster": PointStyle("industry", "#935116", "triangle", 6),
    "agri_park": PointStyle("industry", "#27ae60", "triangle", 6),
    "logistics_hub": PointStyle("industry", "#5d6d7e", "triangle", 6),
    "energy_site": PointStyle("industry", "#e74c3c", "diamond", 7),
    "company": PointStyle("industry", "#839192", "circle", 4),
    "project": PointStyle("industry", "#ca6f1e", "circle", 5),
    "town": PointStyle("context", "#566573", "circle", 4),
}
"""Place kind -> style. Every kind of :data:`geo.schema.PLACE_KINDS` has one."""

TIER_RADIUS_BONUS = {"national": 3, "provincial": 1}
"""Extra marker radius by tier: national places read first."""

COARSE_PRECISIONS = ("town", "county", "city")
"""Precision classes drawn with a dashed halo: the point stands for an area, not a site."""

LINK_STYLES: dict[str, LineStyle] = {
    "innovation_corridor": LineStyle("#c0392b", None, 4.0),
    "rd_transfer": LineStyle("#1f4e9e", "8 6", 3.0),
    "cooperation": LineStyle("#7f8c8d", "4 6", 2.0),
    "industrial_relocation": LineStyle("#935116", "10 4 2 4", 2.5),
    "platform_tie": LineStyle("#16a085", "2 5", 2.0),
    "transport": LineStyle("#34495e", None, 2.0),
}
"""Link kind -> style."""

BOUNDARY_COLORS = {"land": "#f7f4ee", "sea": "#dbe8f1", "city": "#7b7d7d", "county": "#b3b6b7"}
"""Colours of the offline vector basemap."""


def kind_label(kind: str, lang: str) -> str:
    """Label of a place kind in ``zh`` or ``en``."""
    zh, en = PLACE_KINDS[kind]
    return zh if lang == "zh" else en


def marker_radius(kind: str, tier: str) -> int:
    """Marker radius in pixels for a place of ``kind`` and ``tier``."""
    return PLACE_STYLES[kind].radius + TIER_RADIUS_BONUS.get(tier, 0)
