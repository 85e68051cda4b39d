"""The place layers: canvas markers shaped and coloured by kind, sized by tier, with a
dashed halo when the point stands for a town, county or city rather than the site.

Places travel to the browser as columns (integer coordinates, one style table, short
keys) rather than one GeoJSON feature each: 100k places are a few MB of JSON and are
built without a Python loop over rows.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
from jinja2 import Template

from geo.texts import Text, column
from layers.datum import Shift, identity
from layers.indicators import DimmedPlaces
from layers.verbatim import VerbatimMacro
from viewmodel.style import COARSE_PRECISIONS, PLACE_STYLES, label_min_zoom, marker_radius

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

MAP_DECIMALS = 5
COORD_SCALE = 10**MAP_DECIMALS
"""Coordinates are sent as integers: degrees × ``COORD_SCALE`` (≈ 1 m)."""
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("'", "\\u0027"),
    ("_", "\\u005f"),
)


def place_label(name_zh: str, name_en: str, mode: str) -> str:
    """Permanent label text of a place for a label mode (``off`` gives ``""``)."""
    return "" if mode == "off" else Text(name_zh, name_en)(mode)


def script_json(data: dict) -> str:
    """Compact JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&``, ``'``)
    and has no ``_``, so streamlit-folium's variable renaming (a regex over the whole
    script) finds nothing to rewrite in the data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:
        text = text.replace(char, escaped)
    return text


def point_columns(
    ids: list[str], lon: np.ndarray, lat: np.ndarray, styles: pd.DataFrame, kind: str = "place"
) -> dict:
    """The column format the map script draws: ``x``/``y`` integer coordinates, ``id``,
    ``kind`` (what the ids are: the click payload is ``kind:id``, see
    :mod:`ui.selection`), ``s`` index into the style table ``S`` of distinct
    ``[colour, shape, radius, coarse]`` rows of ``styles``.
    """
    codes, table = pd.MultiIndex.from_frame(styles).factorize()
    return {
        "kind": kind,
        "x": np.round(np.asarray(lon, dtype=float) * COORD_SCALE).astype(np.int64).tolist(),
        "y": np.round(np.asarray(lat, dtype=float) * COORD_SCALE).astype(np.int64).tolist(),
        "id": ids,
        "s": codes.tolist(),
        "S": [[c, s, float(r), bool(k)] for c, s, r, k in table],
    }


def place_features(
    places: gpd.GeoDataFrame,
    lang: str,
    labels: str = "off",
    highlight: frozenset[str] = frozenset(),
    shift: Shift = identity,
) -> dict:
    """Columns the map script draws: id, style (colour, shape, radius, coarse flag),
    tooltip ``t`` (in ``lang``), label ``n`` (per ``labels``, empty when off), the zoom ``z``
    from which each label shows (by tier) and the positions ``h`` of highlighted places.

    Text stays raw here; the script only ever inserts it with ``textContent``.
    """
    lon, lat = shift(places["lon"].to_numpy(), places["lat"].to_numpy())
    kinds, tiers = places["kind"].tolist(), places["tier"].tolist()
    styles = pd.DataFrame(
        {
            "c": [PLACE_STYLES[k].color for k in kinds],
            "s": [PLACE_STYLES[k].shape for k in kinds],
            "r": [marker_radius(k, t) for k, t in zip(kinds, tiers, strict=True)],
            "k": places["precision"].isin(COARSE_PRECISIONS).to_numpy(),
        }
    )
    ids = places.index.tolist()
    data = point_columns(ids, lon, lat, styles)
    data["t"] = places[column("name", lang)].tolist()
    data["n"] = (
        []
        if labels == "off"
        else [
            place_label(zh, en, labels)
            for zh, en in zip(places["name_zh"].tolist(), places["name_en"].tolist(), strict=True)
        ]
    )
    data["z"] = [] if labels == "off" else [label_min_zoom(t) for t in tiers]
    data["h"] = np.flatnonzero(places.index.isin(list(highlight))).tolist()
    return data


def draw_places(scene: Scene, unit: DrawUnit, shift: Shift) -> list[VerbatimMacro]:
    """The scene's places, labelled as the view says, highlights drawn strong; dimmed and
    not hoverable while a plan target colours the areas (the area's value reads on hover)."""
    labels = scene.view.labels
    data = place_features(scene.places, scene.lang, labels, scene.highlights, shift)
    drawn: list[VerbatimMacro] = [PlacesOverlay(data, labels != "off")]
    if scene.choropleth is not None:
        drawn.append(DimmedPlaces())
    return drawn


class PlacesOverlay(VerbatimMacro):
    """Draws place columns (see :func:`place_features`) into its parent group with
    ``GBA.addPlaces``; large sets are drawn by one canvas layer."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addPlaces({{ this._parent.get_name() }}, {{ this.json }},"
        " {{ this.labels|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, data: dict, labels: bool):
        super().__init__()
        self._name = "PlacesOverlay"
        self.json = script_json(data)  # only the text is kept: 100k rows of lists are not
        self.labels = labels
