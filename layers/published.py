"""Layers published to the team, drawn in the current view: their features like an uploaded
layer's (:mod:`layers.user`), or, when the view holds more than can be drawn one by one,
one circle per grid cell sized by its count (:class:`DensityOverlay`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from jinja2 import Template

from layers.datum import Shift
from layers.places import script_json
from layers.verbatim import VerbatimMacro

MIN_RADIUS, MAX_RADIUS = 3.0, 16.0
"""Pixel radius of the emptiest and the fullest grid cell."""


def density_columns(cells: pd.DataFrame, texts: list[str], shift: Shift) -> dict:
    """Columns the map script draws: ``x``, ``y`` (shifted to the basemap's datum, 5
    decimals), ``r`` (radius by the square root of the count) and ``t`` (tooltip)."""
    lon, lat = shift(cells["lon"].to_numpy(float), cells["lat"].to_numpy(float))
    counts = cells["count"].to_numpy(float)
    share = np.sqrt(counts / counts.max()) if len(counts) else counts
    radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share
    return {
        "x": np.round(lon, 5).tolist(),
        "y": np.round(lat, 5).tolist(),
        "r": np.round(radius, 1).tolist(),
        "t": list(texts),
    }


class DensityOverlay(VerbatimMacro):
    """Counts per grid cell as circles in the layer's colour, with the count as tooltip
    (inserted as text, never as HTML)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (group, d, color) {"
        " for (var i = 0; i < d.x.length; i++) {"
        "  L.circleMarker([d.y[i], d.x[i]], {radius: d.r[i], color: color, weight: 1,"
        "   fillColor: color, fillOpacity: 0.45})"
        "   .bindTooltip(document.createTextNode(d.t[i])).addTo(group); }"
        "})({{ this._parent.get_name() }}, {{ this.json }}, {{ this.color|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, columns: dict, color: str):
        super().__init__()
        self._name = "DensityOverlay"
        self.json = script_json(columns)
        self.color = color
