"""The map going where the user looks (script in ``static/gba_view.js``): the picked object
fitted and named, the page's scroll wheel kept for the page, and online tiles that fail
replaced by the offline land with a notice."""

from __future__ import annotations

import numpy as np
from jinja2 import Template

from layers.boundaries import LAND_STYLE, outline_json
from layers.datum import Shift
from layers.places import script_json
from layers.verbatim import VerbatimMacro
from viewmodel.focus import Focus
from viewmodel.style import BOUNDARY_COLORS, TILE_BACKGROUND

VIEW_CSS = """
.gba-focus-label { width: max-content !important; max-width: 300px; height: auto !important;
  font-size: 14px; font-weight: 700; line-height: 18px; color: #111;
  background: rgba(255,255,255,0.94); border: 1.5px solid #111; border-radius: 3px;
  padding: 1px 6px; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.gba-wheel-hint, .gba-tile-notice { position: absolute; z-index: 1000; pointer-events: none;
  left: 50%; transform: translateX(-50%); font-size: 14px; color: #fff;
  background: rgba(27,38,49,0.82); border-radius: 4px; padding: 6px 12px; }
.gba-wheel-hint { top: 45%; opacity: 0; transition: opacity .25s; }
.gba-wheel-hint.gba-shown { opacity: 1; }
.gba-tile-notice { top: 10px; background: rgba(176,58,46,0.92); }
"""
TILE_ERRORS = 4
"""Failed tiles, with none loaded, after which the online basemap is given up."""


class FocusMarker(VerbatimMacro):
    """The focus of the selection drawn with ``GBA.focus``: its name, and a fit of the map
    the first time ``token`` is seen (0: never fit)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.focus({{ this._parent.get_name() }}, {{ this.json }});"
        "{% endmacro %}"
    )

    def __init__(self, label: Focus | None, fit: Focus | None, token: int, shift: Shift):
        super().__init__()
        self._name = "FocusMarker"
        west, south, east, north = (fit or label).bounds
        (w, e), (s, n) = shift(np.array([west, east]), np.array([south, north]))
        data = {"token": token if fit else 0, "bounds": [[s, w], [n, e]]}
        data["maxZoom"] = (fit or label).max_zoom
        if label is not None and label.label:
            (x,), (y,) = shift(np.array([label.at[0]]), np.array([label.at[1]]))
            data.update(label=label.label, at=[float(y), float(x)])
        self.json = script_json(data)


class WheelGuard(VerbatimMacro):
    """Wheel zoom only once the map was clicked or with Ctrl, with a hint otherwise (its
    text from :class:`MapTexts`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.guardWheel({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "WheelGuard"


class MapTexts(VerbatimMacro):
    """The texts the map's furniture shows, in the view's language: the ``wheel`` hint and
    the ``tiles`` notice (``GBA.mapTexts``); kept apart from the base map, so that a
    language switch changes them without rebuilding it."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.mapTexts({{ this.map_name() }}, {{ this.texts|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, wheel: str, tiles: str):
        super().__init__()
        self._name = "MapTexts"
        self.texts = {"wheel": wheel, "tiles": tiles}


class TileFallback(VerbatimMacro):
    """Watch the online tiles, on a neutral background while they load (never the sea);
    when they fail, draw the offline land in ``datum`` and say so on the map (the text from
    :class:`MapTexts`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.watchTiles({{ this._parent.get_name() }}, {sea: {{ this.sea|tojson }},"
        " wait: {{ this.wait|tojson }},"
        " minErrors: {{ this.min_errors }},"
        " style: {{ this.style|tojson }}, land: {{ this.land }}});"
        "{% endmacro %}"
    )

    def __init__(self, datum: str):
        super().__init__()
        self._name = "TileFallback"
        self.sea, self.wait = BOUNDARY_COLORS["sea"], TILE_BACKGROUND
        self.min_errors = TILE_ERRORS
        self.land, self.style = outline_json("land", datum, False), LAND_STYLE  # offline base
