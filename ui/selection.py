"""Selecting on the map: the one click payload, and the map's moves, into the view.

**The click payload.** ``st_folium`` returns the last clicked feature as
``last_active_drawing`` (GeoJSON). Every clickable feature the map draws carries
``properties.ref`` = ``"<kind>:<id>"`` (:func:`viewmodel.view.ref_text`):

=============================  =================================================
``place:<place_id>``           a place marker (``layers.places``) or a zone's area
                               (``layers.zones``: it opens the zone's place)
``project:<project_id>``       a major project circle (``layers.projects``)
``link:<link_id>``             a corridor or link arc, or a local link's ring
                               (``layers.links``)
``structure:<structure_id>``   a strategy extent (``layers.structures``)
``user:<layer key>:<row>``     a feature of an uploaded layer (``layers.user``)
=============================  =================================================

Anything else (the plan-target areas, outlines) carries no ``ref`` and selects nothing; a
ref to a row that no longer exists (a removed upload) is ignored too.

**Going there.** Whatever is picked other than by a click on the map (the sidebar's strategy,
a search hit, a card's button, a new upload) is fitted on the map's next drawing: each new
target gets a new token, and the map script fits once per token (:func:`focus_target`).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.gazetteer import Gazetteer
from geo.upload.layer import UserLayer
from ui.session import update_view
from viewmodel.view import FeatureRef, ObjectRef, Ref, View, parse_ref, ref_text

RETURNED = ["last_active_drawing", "last_object_clicked_count", "center", "zoom", "bounds"]
"""What the map sends back: the clicked feature and its count, and the map's extent."""
CLICKS, CLICKED, FOCUS, LAYERS = "clicks", "clicked", "focus", "focus_layers"
FLY_TO = "fly_to"
TABLES = {"place": "places", "link": "links", "structure": "structures", "project": "projects"}


def clicked_ref(result: Mapping | None) -> Ref | None:
    """The reference in the click payload of a map result, if any."""
    feature = (result or {}).get("last_active_drawing") or {}
    return parse_ref((feature.get("properties") or {}).get("ref"))


def exists(ref: Ref, gz: Gazetteer, layers: Mapping[str, UserLayer]) -> bool:
    """Whether ``ref`` names a row of the gazetteer or of a current uploaded layer."""
    if isinstance(ref, FeatureRef):
        layer = layers.get(ref.layer)
        return layer is not None and 0 <= ref.row < len(layer.frame)
    return ref.id in getattr(gz, TABLES[ref.kind]).index


def _bounds(bounds: Mapping | None) -> tuple[float, float, float, float] | None:
    if not bounds or not bounds.get("_southWest") or not bounds.get("_northEast"):
        return None
    sw, ne = bounds["_southWest"], bounds["_northEast"]
    return (sw["lng"], sw["lat"], ne["lng"], ne["lat"])


def apply_map_result(
    result: Mapping | None, view: View, gz: Gazetteer, layers: Mapping[str, UserLayer]
) -> tuple[View, bool]:
    """The view after the map's answer: a new click selects what it names; the map's centre,
    zoom and bounds are kept. The flag says whether the page must rerun (a click)."""
    result = result or {}
    if result.get("center"):
        view = view.replace(
            centre=(result["center"]["lat"], result["center"]["lng"]),
            zoom=int(result.get("zoom") or view.zoom),
        )
    bounds = _bounds(result.get("bounds"))
    if bounds is not None:
        view = view.replace(bounds=bounds)
    clicks = result.get("last_object_clicked_count") or 0
    if clicks == st.session_state.get(CLICKS, 0):
        return view, False
    st.session_state[CLICKS] = clicks
    ref = clicked_ref(result)
    if ref is not None and exists(ref, gz, layers):
        view = view.select(ref)
        st.session_state[CLICKED] = focus_key(view)  # the user is looking at it already
    return view, True


def focus_key(view: View) -> str:
    """What the map would go to for ``view``: its selection, else its strategy, or ``""``."""
    if view.selected is not None:
        return ref_text(view.selected)
    return f"structure:{view.strategy}" if view.strategy else ""


def focus_target(view: View, layer_keys: list[str]) -> tuple[str, int]:
    """What the map fits to on this drawing and its token: a new token when an uploaded
    layer appeared (target ``layer:<key>``) or when the view's :func:`focus_key` changed
    other than by a click on the map. On the session's first drawing the token is 0 (a
    shared link keeps its own extent)."""
    key = focus_key(view)
    last_key, token, target = st.session_state.get(FOCUS, (key, 0, ""))
    layers_before = st.session_state.get(LAYERS, layer_keys)
    clicked = st.session_state.pop(CLICKED, None)
    fresh = next((k for k in layer_keys if k not in layers_before), "")
    if fresh:
        token, target = token + 1, f"layer:{fresh}"
    elif key and key != last_key and key != clicked:
        token, target = token + 1, key
    st.session_state[FOCUS] = (key, token, target)
    st.session_state[LAYERS] = layer_keys
    return target, token


def fly_to(lat: float, lon: float, zoom: float) -> None:
    """Move the map to (lat, lon) at ``zoom`` on its next drawing (presentation mode's
    “go to” buttons)."""
    st.session_state[FLY_TO] = (lat, lon, zoom)


def take_fly_to() -> tuple[float, float, float] | None:
    """The pending move of the map, if any (taken: it happens once)."""
    return st.session_state.pop(FLY_TO, None)


def select(ref: ObjectRef | FeatureRef) -> None:
    """Open ``ref`` (for buttons' ``on_click``)."""
    update_view(lambda view: view.select(ref))
