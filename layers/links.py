"""Corridors and directed links as curved arcs with arrowheads, styled by link kind; a
*local* link (all its ends on one point, no line geometry) as a ring at that point."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from geo.gazetteer import Gazetteer
from geo.texts import column, t
from layers.datum import Shift, identity
from viewmodel.style import HIGHLIGHT_COLOR, LINK_STYLES, LOCAL_LINK_RADIUS, LOCAL_LINK_STEP

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

ARC_DECIMALS = 4


def _points(gz: Gazetteer, refs: list[str], shift: Shift) -> list[list[float]]:
    """[lat, lon] of each end, shifted and rounded as the map draws them."""
    ends = [gz.anchor(ref) for ref in refs]
    lon, lat = shift([p.x for p in ends], [p.y for p in ends])
    return [
        [round(float(y), ARC_DECIMALS), round(float(x), ARC_DECIMALS)]
        for x, y in zip(lon, lat, strict=True)
    ]


def _line_style(kind: str, chosen: bool) -> dict:
    style = LINK_STYLES[kind]
    return {
        "color": HIGHLIGHT_COLOR if chosen else style.color,
        "weight": style.weight + (2 if chosen else 0),
        "dashArray": style.dash,
        "opacity": 0.85,
    }


def link_marks(
    gz: Gazetteer,
    links: gpd.GeoDataFrame,
    lang: str,
    selected: str | None = None,
    shift: Shift = identity,
) -> tuple[list[dict], list[dict]]:
    """What the map script draws of ``links``: (arcs, rings).

    Arcs: one per leg (from → via … → to) with style, label, the names of the leg's ends
    (``from``, ``to``: drawn at the map's edge when that end is out of view) and arrowhead
    on the last leg; legs whose two ends share a point have none. Rings: one per local link
    (all ends on one point) at that point, named in its tooltip; rings at one point widen
    one by one and come widest first, so that each stays clickable.
    """
    local = links["local"].to_numpy(dtype=bool)
    return (
        _arcs(gz, links[~local], lang, selected, shift),
        _rings(gz, links[local], lang, selected, shift),
    )


def _arcs(gz: Gazetteer, links, lang: str, selected: str | None, shift: Shift) -> list[dict]:
    arcs, drawn, labelled = [], set(), set()
    name = column("name", lang)
    for link in links.itertuples():  # not iterrows: a Series per row costs a rerun ~10 ms
        link_id = link.Index
        refs = [link.from_id, *link.via, link.to_id]
        points = _points(gz, refs, shift)
        legs = [
            (a, b, ends)
            for (a, b), ends in zip(pairwise(points), pairwise(refs), strict=True)
            if a != b
        ]
        chosen = link_id == selected
        label = getattr(link, name)
        for i, (a, b, ends) in enumerate(legs):
            key = (tuple(a), tuple(b), link.kind, chosen)
            if key in drawn:
                continue  # several plans name the same corridor: draw it once
            drawn.add(key)
            arcs.append(
                {
                    "id": link_id,
                    "a": a,
                    "b": b,
                    "style": _line_style(link.kind, chosen),
                    "label": label,
                    "arrow": i == len(legs) - 1,
                    "from": _end_name(gz, ends[0], lang),
                    "to": _end_name(gz, ends[1], lang),
                    "chosen": chosen,
                    "permanent": chosen
                    or (link.kind == "innovation_corridor" and link.name_zh not in labelled),
                }
            )
            if arcs[-1]["permanent"]:
                labelled.add(link.name_zh)  # one permanent label per corridor name
    return arcs


def _end_name(gz: Gazetteer, ref: str, lang: str) -> str:
    """Name of a link's end (a place or an area) in ``lang``: shown at the map's edge when
    the end is out of view."""
    table = gz.places if ref in gz.places.index else gz.areas
    return str(table.at[ref, column("name", lang)])


def _rings(gz: Gazetteer, links, lang: str, selected: str | None, shift: Shift) -> list[dict]:
    rings, at_point = [], {}
    for link in links.itertuples():
        link_id = link.Index
        (point,) = _points(gz, [link.from_id], shift)
        n = at_point[tuple(point)] = at_point.get(tuple(point), -1) + 1
        chosen = link_id == selected
        rings.append(
            {
                "id": link_id,
                "p": point,
                "r": LOCAL_LINK_RADIUS + n * LOCAL_LINK_STEP,
                "style": {**_line_style(link.kind, chosen), "dashArray": None},  # solid
                "label": t("local_link_tooltip", lang, name=getattr(link, column("name", lang))),
                "permanent": chosen,
            }
        )
    return sorted(rings, key=lambda ring: -ring["r"])


def draw_links(scene: Scene, unit: DrawUnit, shift: Shift) -> list[MacroElement]:
    """The scene's links as arcs and rings, the selected one drawn strong and labelled."""
    selected = scene.view.selected_object("link") or None
    return [LinksOverlay(*link_marks(scene.gz, scene.links, scene.lang, selected, shift))]


class LinksOverlay(MacroElement):
    """Draws arcs and rings into its parent group with ``GBA.addArcs`` and ``GBA.addRings``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addArcs({{ this._parent.get_name() }}, {{ this.arcs|tojson }});"
        "GBA.addRings({{ this._parent.get_name() }}, {{ this.rings|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, arcs: list[dict], rings: list[dict] | None = None):
        super().__init__()
        self._name = "LinksOverlay"
        self.arcs = arcs
        self.rings = rings or []
