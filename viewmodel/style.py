"""The one style table: shapes, sizes and dashes of every kind of feature.

The map, the legend, the static print and the uploaded layers all read these tables, so
they never disagree. Colours have one home, :mod:`geo.palette` (the KML export reads it
too); names of the kinds are in the text catalogue (:mod:`geo.texts`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.palette import BOUNDARY_COLORS as BOUNDARY_COLORS
from geo.palette import LINK_COLORS, PLACE_COLORS
from geo.palette import PROJECT_COLOR as PROJECT_COLOR
from geo.palette import STRUCTURE_COLOR as STRUCTURE_COLOR
from geo.palette import TILE_BACKGROUND as TILE_BACKGROUND
from geo.palette import ZONE_COLOR as ZONE_COLOR


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
    "hitech_zone": PointStyle(PLACE_COLORS["hitech_zone"], "square", 8),
    "new_town": PointStyle(PLACE_COLORS["new_town"], "square", 8),
    "science_city": PointStyle(PLACE_COLORS["science_city"], "square", 8),
    "economic_zone": PointStyle(PLACE_COLORS["economic_zone"], "square", 7),
    "cooperation_zone": PointStyle(PLACE_COLORS["cooperation_zone"], "square", 7),
    "lab_facility": PointStyle(PLACE_COLORS["lab_facility"], "diamond", 8),
    "research_institute": PointStyle(PLACE_COLORS["research_institute"], "circle", 6),
    "university": PointStyle(PLACE_COLORS["university"], "circle", 6),
    "hospital": PointStyle(PLACE_COLORS["hospital"], "circle", 5),
    "culture_science_site": PointStyle(PLACE_COLORS["culture_science_site"], "circle", 5),
    "incubator": PointStyle(PLACE_COLORS["incubator"], "circle", 5),
    "industrial_park": PointStyle(PLACE_COLORS["industrial_park"], "triangle", 7),
    "industrial_cluster": PointStyle(PLACE_COLORS["industrial_cluster"], "triangle", 6),
    "agri_park": PointStyle(PLACE_COLORS["agri_park"], "triangle", 6),
    "logistics_hub": PointStyle(PLACE_COLORS["logistics_hub"], "triangle", 6),
    "energy_site": PointStyle(PLACE_COLORS["energy_site"], "diamond", 7),
    "company": PointStyle(PLACE_COLORS["company"], "circle", 4),
    "project": PointStyle(PLACE_COLORS["project"], "circle", 5),
    "town": PointStyle(PLACE_COLORS["town"], "circle", 4),
}
"""Place kind -> style. Every kind of :data:`geo.schema.PLACE_KINDS` has one."""

TIER_RADIUS_BONUS = {"national": 3, "provincial": 1}
"""Extra marker radius by tier: national places read first."""
LABEL_MIN_ZOOM = {"national": 0.0, "provincial": 9.5}
"""Zoom from which a place's name label shows, by tier: national places are named at the
regional zoom, provincial ones from city zoom, the others from :data:`LABEL_MIN_ZOOM_OTHER`."""
LABEL_MIN_ZOOM_OTHER = 10.5

COARSE_PRECISIONS = ("town", "county", "city")
"""Precision classes drawn with a dashed halo: the point stands for an area, not a site."""
HALO_COLOR = "#4d4d4d"
HIGHLIGHT_COLOR = "#111111"

LINK_STYLES: dict[str, LineStyle] = {
    "innovation_corridor": LineStyle(LINK_COLORS["innovation_corridor"], None, 4.0),
    "rd_transfer": LineStyle(LINK_COLORS["rd_transfer"], "8 6", 3.0),
    "cooperation": LineStyle(LINK_COLORS["cooperation"], "4 6", 2.0),
    "industrial_relocation": LineStyle(LINK_COLORS["industrial_relocation"], "10 4 2 4", 2.5),
    "platform_tie": LineStyle(LINK_COLORS["platform_tie"], "2 5", 2.0),
    "transport": LineStyle(LINK_COLORS["transport"], None, 2.0),
}
"""Link kind -> style."""
LOCAL_LINK_RADIUS = 10
"""Pixel radius of the ring that marks a local link (all its ends on one point); each
further local link at the same point gets a ring :data:`LOCAL_LINK_STEP` pixels wider."""
LOCAL_LINK_STEP = 3
ZONE_FILL_OPACITY = 0.12
"""Zones are light: the basemap and the points above read through them."""
ZONE_DASH = "3 3"
"""Outline of a zone's schematic extent: dotted, as it is not a boundary."""

INDICATOR_PALETTE = ("#edf8b1", "#7fcdbb", "#2c7fb8", "#253494", "#081d58")
"""Classes of a plan-target choropleth, low to high."""
INDICATOR_TEXT_FILL = "#bdbdbd"
"""Plan areas whose target is printed as text, not a number."""
INDICATOR_FILL_OPACITY = 0.7
"""Fill opacity of a plan-target area: the map, its legend swatches and the print."""
DIMMED_PLACE_OPACITY = 0.3
DIMMED_COLOR = "#c4c4c4"
"""Places while a plan target is shown: faint and not hoverable, so the area reads (the
legend's swatch of them)."""
PROJECT_FILL_OPACITY = 0.55
PROJECT_MIN_RADIUS, PROJECT_MAX_RADIUS = 5.0, 26.0
"""Major projects: half-transparent circles whose area is proportional to the investment."""

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


def label_min_zoom(tier: str) -> float:
    """Zoom from which the name label of a place of ``tier`` is drawn."""
    return LABEL_MIN_ZOOM.get(tier, LABEL_MIN_ZOOM_OTHER)


def marker_radius(kind: str, tier: str) -> int:
    """Marker radius in pixels for a place of ``kind`` and ``tier``."""
    return PLACE_STYLES[kind].radius + TIER_RADIUS_BONUS.get(tier, 0)


def project_radius(investment_yi: float, largest_yi: float) -> float:
    """Circle radius in pixels whose area is proportional to the investment."""
    if largest_yi <= 0:
        return PROJECT_MIN_RADIUS
    return max(
        PROJECT_MIN_RADIUS, PROJECT_MAX_RADIUS * math.sqrt(max(investment_yi, 0) / largest_yi)
    )


def user_style(index: int) -> tuple[str, str]:
    """(colour, shape) of the ``index``-th uploaded layer (0-based), cycling."""
    return USER_STYLES[index % len(USER_STYLES)]
