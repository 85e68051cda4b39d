"""The place layers: canvas markers shaped and coloured by kind, sized by tier, with a
dashed halo when the point stands for a town, county or city rather than the site.

Places travel to the browser as columns (integer coordinates, one style table, short
keys) rather than one GeoJSON feature each: 100k places are a few MB of JSON and are
built without a Python loop over rows. The columns of the whole gazetteer, with both
names, are a static file the map fetches once; a rerun sends only the view (which rows
are shown, language, label mode, highlights), applied in the browser.
"""

from __future__ import annotations

import json
import threading
import weakref
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
from jinja2 import Template

from geo.texts import Text
from layers.datum import Shift, identity
from layers.indicators import DimmedPlaces
from layers.points_file import DataFile, publish, shown_code
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
    return script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def script_safe(text: str) -> str:
    r"""JSON ``text`` with ``<``, ``>``, ``&``, ``'`` and ``_`` written as JSON ``\u`` escapes
    (see :func:`script_json`)."""
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


def place_columns(places: gpd.GeoDataFrame, shift: Shift = identity) -> dict:
    """Columns of every place that any view of the map needs: id, coordinates (shifted),
    style (colour, shape, radius, coarse flag), both names ``zh`` and ``en`` and the zoom
    ``z`` from which each label shows (by tier). Which of them are shown, in which
    language, labelled how and highlighted is the view's (:func:`place_view`), applied by
    the map script.

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
    data = point_columns(places.index.tolist(), lon, lat, styles)
    data["zh"] = places["name_zh"].tolist()
    data["en"] = places["name_en"].tolist()
    data["z"] = [label_min_zoom(t) for t in tiers]
    return data


_PUBLISHED: dict[tuple[int, Shift], tuple[weakref.ref, DataFile]] = {}
_PUBLISHED_MAX = 4
_PUBLISHING = threading.Lock()


def published_places(places: gpd.GeoDataFrame, shift: Shift = identity) -> DataFile:
    """:func:`place_columns` of ``places`` written once, per table and datum shift, to
    the app's static files (:func:`layers.points_file.publish`; again if it was removed);
    the map fetches it once."""
    key = (id(places), shift)
    with _PUBLISHING:
        hit = _PUBLISHED.get(key)
        if hit is not None and hit[0]() is places and hit[1].path.is_file():
            return hit[1]
        made = publish(place_columns(places, shift))
        while len(_PUBLISHED) >= _PUBLISHED_MAX:
            _PUBLISHED.pop(next(iter(_PUBLISHED)))
        _PUBLISHED[key] = (weakref.ref(places), made)
        return made


def place_view(
    everything: pd.Index,
    shown: pd.Index,
    lang: str,
    labels: str = "off",
    highlight: frozenset[str] = frozenset(),
) -> dict:
    """What one view shows of the place columns of ``everything`` (the ids, in their
    order): ``v`` the rows ``shown`` (:func:`layers.points_file.shown_code`), ``l`` the
    tooltip language, ``m`` the label mode (``off``, ``zh``, ``en``, ``both``) and ``h``
    the rows of highlighted places that are shown."""
    mask = everything.isin(shown)
    if int(mask.sum()) != len(shown):
        raise ValueError("places to draw that are not in the gazetteer")
    high = np.flatnonzero(mask & everything.isin(list(highlight))).tolist()
    return {"v": shown_code(mask), "l": lang, "m": labels, "h": high}


def draw_places(scene: Scene, unit: DrawUnit, shift: Shift) -> list[VerbatimMacro]:
    """The scene's places, labelled as the view says, highlights drawn strong; dimmed and
    not hoverable while a plan target colours the areas (the area's value reads on hover).
    The places of the whole gazetteer are sent once (:func:`published_places`); a rerun
    sends only the view (:func:`place_view`)."""
    everything = scene.gz.places
    view = place_view(
        everything.index, scene.places.index, scene.lang, scene.view.labels, scene.highlights
    )
    drawn: list[VerbatimMacro] = [PlacesView(published_places(everything, shift), view)]
    if scene.choropleth is not None:
        drawn.append(DimmedPlaces())
    return drawn


class PlacesView(VerbatimMacro):
    """Draws the places a view shows into its parent group with ``GBA.addPlaceView``, from
    the place columns the map fetches once by their key and URL (or finds put inline by
    :class:`PlacesInline`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addPlaceView({{ this._parent.get_name() }}, {{ this.source }}, {{ this.json }});"
        "{% endmacro %}"
    )

    def __init__(self, data: DataFile, view: dict):
        super().__init__()
        self._name = "PlacesView"
        self.data = data
        self.source = script_json({"k": data.key, "u": data.url})
        self.json = script_json(view)


class PlacesInline(VerbatimMacro):
    """Puts place columns (a :class:`~layers.points_file.DataFile`) into the page itself,
    for a map with no app to fetch them from (the offline HTML file)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.putPoints({{ this.key|tojson }}, {{ this.json }});"
        "{% endmacro %}"
    )

    def __init__(self, data: DataFile):
        super().__init__()
        self._name = "PlacesInline"
        self.key = data.key
        self.json = script_safe(data.text())


class PlacesOverlay(VerbatimMacro):
    """Draws point columns (see :func:`point_columns`, with tooltips ``t``, labels ``n``
    and highlighted positions ``h``) into its parent group with ``GBA.addPlaces``; large
    sets are drawn by one canvas layer."""

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
