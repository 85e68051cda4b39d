"""The one style table: colours, shapes, groups and labels of every kind of feature.

The map, the legend, the static print and the export attributes all read these tables,
so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.palette import BOUNDARY_COLORS as BOUNDARY_COLORS
from geo.palette import LINK_COLORS, PLACE_COLORS
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
    "hitech_zone": PointStyle("platforms", PLACE_COLORS["hitech_zone"], "square", 8),
    "new_town": PointStyle("platforms", PLACE_COLORS["new_town"], "square", 8),
    "science_city": PointStyle("platforms", PLACE_COLORS["science_city"], "square", 8),
    "economic_zone": PointStyle("platforms", PLACE_COLORS["economic_zone"], "square", 7),
    "cooperation_zone": PointStyle("platforms", PLACE_COLORS["cooperation_zone"], "square", 7),
    "lab_facility": PointStyle("science", PLACE_COLORS["lab_facility"], "diamond", 8),
    "research_institute": PointStyle("science", PLACE_COLORS["research_institute"], "circle", 6),
    "university": PointStyle("science", PLACE_COLORS["university"], "circle", 6),
    "hospital": PointStyle("science", PLACE_COLORS["hospital"], "circle", 5),
    "culture_science_site": PointStyle(
        "science", PLACE_COLORS["culture_science_site"], "circle", 5
    ),
    "incubator": PointStyle("incubation", PLACE_COLORS["incubator"], "circle", 5),
    "industrial_park": PointStyle("industry", PLACE_COLORS["industrial_park"], "triangle", 7),
    "industrial_cluster": PointStyle("industry", PLACE_COLORS["industrial_cluster"], "triangle", 6),
    "agri_park": PointStyle("industry", PLACE_COLORS["agri_park"], "triangle", 6),
    "logistics_hub": PointStyle("industry", PLACE_COLORS["logistics_hub"], "triangle", 6),
    "energy_site": PointStyle("industry", PLACE_COLORS["energy_site"], "diamond", 7),
    "company": PointStyle("industry", PLACE_COLORS["company"], "circle", 4),
    "project": PointStyle("industry", PLACE_COLORS["project"], "circle", 5),
    "town": PointStyle("context", PLACE_COLORS["town"], "circle", 4),
}
"""Place kind -> style. Every kind of :data:`geo.schema.PLACE_KINDS` has one."""

TIER_RADIUS_BONUS = {"national": 3, "provincial": 1}
"""Extra marker radius by tier: national places read first."""

COARSE_PRECISIONS = ("town", "county", "city")
"""Precision classes drawn with a dashed halo: the point stands for an area, not a site."""

LINK_STYLES: dict[str, LineStyle] = {
    "innovation_corridor": LineStyle(LINK_COLORS["innovation_corridor"], None, 4.0),
    "rd_transfer": LineStyle(LINK_COLORS["rd_transfer"], "8 6", 3.0),
    "cooperation": LineStyle(LINK_COLORS["cooperation"], "4 6", 2.0),
    "industrial_relocation": LineStyle(LINK_COLORS["industrial_relocation"], "10 4 2 4", 2.5),
    "platform_tie": LineStyle(LINK_COLORS["platform_tie"], "2 5", 2.0),
    "transport": LineStyle(LINK_COLORS["transport"], None, 2.0),
}
"""Link kind -> style."""


def kind_label(kind: str, lang: str) -> str:
    """Label of a place kind in ``zh`` or ``en``."""
    zh, en = PLACE_KINDS[kind]
    return zh if lang == "zh" else en


def marker_radius(kind: str, tier: str) -> int:
    """Marker radius in pixels for a place of ``kind`` and ``tier``."""
    return PLACE_STYLES[kind].radius + TIER_RADIUS_BONUS.get(tier, 0)
