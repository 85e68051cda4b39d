"""The layer registry: what each map layer is, kept apart from how it is drawn.

Like xyzservices' provider table, this is data: adding a layer is adding a row. A row says
which drawer draws it (``drawn_by``) and which place or link kinds it holds; the map and the
print each keep one drawer per name and walk the scene's drawing units in
:data:`DRAW_ORDER`. Titles live in the text catalogue (:data:`geo.texts.LAYERS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.texts import GROUPS
from geo.texts import LAYERS as LAYER_TITLES


@dataclass(frozen=True)
class LayerSpec:
    """One toggleable map layer."""

    id: str
    group: str
    drawn_by: str  # a drawer of DRAW_ORDER
    rows: tuple[str, ...] = ()  # place kinds or link kinds it draws
    default_on: bool = True

    def title(self, lang: str) -> str:
        """Title in ``lang``."""
        return LAYER_TITLES[self.id](lang)

    def group_title(self, lang: str) -> str:
        """Title of the layer's group in ``lang``."""
        return GROUPS[self.group](lang)


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "platforms",
        "platforms",
        "places",
        ("hitech_zone", "new_town", "science_city", "economic_zone", "cooperation_zone"),
    ),
    LayerSpec("zones", "platforms", "zones"),
    LayerSpec("labs", "science", "places", ("lab_facility",)),
    LayerSpec(
        "institutes",
        "science",
        "places",
        ("research_institute", "hospital", "culture_science_site"),
    ),
    LayerSpec("universities", "science", "places", ("university",)),
    LayerSpec("incubation", "incubation", "places", ("incubator",)),
    LayerSpec(
        "industry",
        "industry",
        "places",
        (
            "industrial_park",
            "industrial_cluster",
            "agri_park",
            "logistics_hub",
            "energy_site",
            "company",
            "project",
        ),
    ),
    LayerSpec("projects", "industry", "projects", default_on=False),
    LayerSpec("structures", "strategy", "structures", default_on=False),
    LayerSpec("corridors", "strategy", "links", ("innovation_corridor", "rd_transfer")),
    LayerSpec(
        "ties",
        "strategy",
        "links",
        ("cooperation", "platform_tie", "industrial_relocation", "transport"),
        default_on=False,
    ),
    LayerSpec("towns", "context", "places", ("town",)),
    LayerSpec("counties", "context", "boundaries"),
)
"""Every map layer, in legend order."""

BY_ID = {spec.id: spec for spec in LAYERS}
DEFAULT_LAYERS = tuple(spec.id for spec in LAYERS if spec.default_on)
ALL_LAYERS = tuple(BY_ID)

DRAW_ORDER = (
    "boundaries",
    "indicator",
    "structures",
    "zones",
    "links",
    "projects",
    "places",
    "user",
)
"""Drawers, bottom to top: the light schematic zones lie under links and points, above the
wider strategy extents. ``indicator`` (the plan-target choropleth) and ``user`` (uploaded
layers) draw what the view chooses outside the registry."""


def kinds_drawn(layer_ids: tuple[str, ...] | list[str], drawn_by: str) -> set[str]:
    """Place or link kinds that the layers ``layer_ids`` drawn by ``drawn_by`` hold."""
    return {k for i in layer_ids if BY_ID[i].drawn_by == drawn_by for k in BY_ID[i].rows}
