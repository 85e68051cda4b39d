"""Corridors and directed links as curved arcs with arrowheads, styled by link kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from geo.gazetteer import Gazetteer
from geo.texts import column
from layers.datum import Shift, identity
from viewmodel.style import HIGHLIGHT_COLOR, LINK_STYLES

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

ARC_DECIMALS = 4


def link_arcs(
    gz: Gazetteer,
    links: gpd.GeoDataFrame,
    lang: str,
    selected: str | None = None,
    shift: Shift = identity,
) -> list[dict]:
    """One arc per leg (from → via … → to) with style, label and arrowhead on the last leg."""
    arcs, drawn, labelled = [], set(), set()
    for link_id, link in links.iterrows():
        style = LINK_STYLES[link["kind"]]
        ends = [gz.anchor(ref) for ref in [link["from_id"], *link["via"], link["to_id"]]]
        lon, lat = shift([p.x for p in ends], [p.y for p in ends])
        points = [
            [round(float(y), ARC_DECIMALS), round(float(x), ARC_DECIMALS)]
            for x, y in zip(lon, lat, strict=True)
        ]
        chosen = link_id == selected
        label = link[column("name", lang)]
        for i in range(len(points) - 1):
            key = (tuple(points[i]), tuple(points[i + 1]), link["kind"], chosen)
            if key in drawn:
                continue  # several plans name the same corridor: draw it once
            drawn.add(key)
            arcs.append(
                {
                    "id": link_id,
                    "a": points[i],
                    "b": points[i + 1],
                    "style": {
                        "color": HIGHLIGHT_COLOR if chosen else style.color,
                        "weight": style.weight + (2 if chosen else 0),
                        "dashArray": style.dash,
                        "opacity": 0.85,
                    },
                    "label": label,
                    "arrow": i == len(points) - 2,
                    "permanent": chosen
                    or (link["kind"] == "innovation_corridor" and link["name_zh"] not in labelled),
                }
            )
            if arcs[-1]["permanent"]:
                labelled.add(link["name_zh"])  # one permanent label per corridor name
    return arcs


def draw_links(scene: Scene, unit: DrawUnit, shift: Shift) -> list[MacroElement]:
    """The scene's links as arcs, the selected one drawn strong and labelled."""
    selected = scene.view.selected_object("link") or None
    return [LinksOverlay(link_arcs(scene.gz, scene.links, scene.lang, selected, shift))]


class LinksOverlay(MacroElement):
    """Draws arcs into its parent group with ``GBA.addArcs``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addArcs({{ this._parent.get_name() }}, {{ this.arcs|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, arcs: list[dict]):
        super().__init__()
        self._name = "LinksOverlay"
        self.arcs = arcs
