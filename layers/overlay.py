"""In-map furniture for presentation mode: a title box, the legend of visible layers and a
north arrow, as Leaflet controls that are part of the map (and of screenshots of it)."""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from jinja2 import Template

NORTH_ARROW_SVG = (
    '<svg width="28" height="40" viewBox="0 0 28 40"><polygon points="14,2 24,30 14,24 4,30" '
    'fill="#222"/><text x="14" y="39" font-size="11" text-anchor="middle" '
    'font-weight="700">N</text></svg>'
)


class MapControl(MacroElement):
    """A Leaflet control holding ready-made (already escaped) HTML at ``position``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function () {"
        " var c = L.control({position: {{ this.position|tojson }}});"
        " c.onAdd = function () { var d = L.DomUtil.create('div', 'gba-control');"
        " d.innerHTML = {{ this.html|tojson }}; L.DomEvent.disableClickPropagation(d);"
        " return d; };"
        " c.addTo({{ this._parent.get_name() }});"
        "})();"
        "{% endmacro %}"
    )

    def __init__(self, html: str, position: str):
        super().__init__()
        self._name = "MapControl"
        self.html = html
        self.position = position


def title_box(title: str, subtitle: str) -> MapControl:
    """Title and subtitle at the top left."""
    html = (
        "<div style='background:rgba(255,255,255,.93);padding:8px 14px;border-radius:4px;"
        "box-shadow:0 1px 4px rgba(0,0,0,.25)'>"
        f"<div style='font-size:26px;font-weight:700;color:#1b2631'>{escape(title)}</div>"
        f"<div style='font-size:14px;color:#444'>{escape(subtitle)}</div></div>"
    )
    return MapControl(html, "topleft")


def legend_box(legend_html: str) -> MapControl:
    """The legend (HTML from :func:`ui.cards.legend_html`, already escaped) at the top right."""
    html = (
        "<div style='background:rgba(255,255,255,.93);padding:6px 10px;border-radius:4px;"
        f"box-shadow:0 1px 4px rgba(0,0,0,.25);max-height:70vh;overflow:auto'>{legend_html}</div>"
    )
    return MapControl(html, "topright")


def north_arrow() -> MapControl:
    """A north arrow at the bottom right."""
    return MapControl(f"<div style='margin:0 6px 18px 0'>{NORTH_ARROW_SVG}</div>", "bottomright")
