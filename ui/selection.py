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
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.gazetteer import Gazetteer
from geo.upload.layer import UserLayer
from ui.session import update_view
from viewmodel.view import FeatureRef, ObjectRef, Ref, View, parse_ref

RETURNED = ["last_active_drawing", "last_object_clicked_count", "center", "zoom", "bounds"]
"""What the map sends back: the clicked feature and its count, and the map's extent."""
SEARCH_ZOOM = 13
CLICKS, FLY_TO = "clicks", "fly_to"
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
    return view, True


def feature_point(layer: UserLayer, row: int) -> tuple[float, float] | None:
    """(lat, lon) of an uploaded feature's representative point, if it has a geometry."""
    geometry = layer.frame.geometry.iloc[row]
    if geometry is None or geometry.is_empty:
        return None
    point = geometry.representative_point()
    return point.y, point.x


def fly_to(lat: float, lon: float, zoom: int = SEARCH_ZOOM) -> None:
    """Move the map to (lat, lon) at ``zoom`` on its next drawing."""
    st.session_state[FLY_TO] = (lat, lon, zoom)


def take_fly_to() -> tuple[float, float, int] | None:
    """The pending move of the map, if any (taken: it happens once)."""
    return st.session_state.pop(FLY_TO, None)


def select(ref: ObjectRef | FeatureRef) -> None:
    """Open ``ref`` (for buttons' ``on_click``)."""
    update_view(lambda view: view.select(ref))
