"""The map on the page — one call for the normal page and presentation mode — and the
legend beside it."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.gazetteer import Gazetteer
from geo.texts import t
from geo.upload.layer import UserLayer
from layers.compose import Overlays, base_map, legend_markup, map_texts, overlays
from layers.datum import SHIFTS
from layers.focus import FocusMarker
from ui.selection import RETURNED, focus_target, take_fly_to
from ui.session import map_start
from viewmodel.basemaps import Basemap
from viewmodel.focus import layer_focus, selection_focus
from viewmodel.scene import Scene, scene
from viewmodel.view import View

MEMO = "drawn_scene"
"""Session key of the last scene drawn, its overlays and what they were made from."""

MAP_HEIGHT = 640
PRESENTATION_HEIGHT = 860


def drawn_scene(
    gz: Gazetteer, layers: Sequence[UserLayer], view: View, basemap: Basemap
) -> tuple[Scene, Overlays]:
    """The scene of ``view`` and its overlays drawn on ``basemap``, made again only when
    what the map draws changed: a rerun for a tab, a card or the map's own move reuses the
    session's last ones (with the current view). The overlays are handed out as copies:
    drawing a folium group into a map changes it, and the kept ones must stay unused.
    Remaking them is light: the places' columns are made once per gazetteer and datum
    (:func:`layers.places.published_places`); language, labels, highlights and filters
    only change the small view the overlays carry."""
    still = view.replace(centre=(0.0, 0.0), zoom=0, bounds=None)
    memo = st.session_state.get(MEMO)
    if (
        memo is not None
        and memo[0] == (still, basemap.id)
        and memo[4] is gz
        and len(memo[1]) == len(layers)
        and all(a is b for a, b in zip(memo[1], layers, strict=True))
    ):
        return replace(memo[2], view=view), copy.deepcopy(memo[3])
    made = scene(gz, layers, view)
    drawn = overlays(made, basemap)
    st.session_state[MEMO] = ((still, basemap.id), tuple(layers), made, drawn, gz)
    return made, copy.deepcopy(drawn)


def focus_group(scene: Scene, basemap: Basemap) -> folium.FeatureGroup:
    """The selection's name on the map, and the fit of the map to what was just picked."""
    group = folium.FeatureGroup(name="focus")
    target, token = focus_target(scene.view, [layer.key for layer in scene.user_layers])
    label = selection_focus(scene)
    if target.startswith("layer:"):
        fit = layer_focus(scene, target.removeprefix("layer:"))
    else:
        fit = label if label is not None and label.key == target else None
    if label is not None or fit is not None:
        FocusMarker(label, fit, token, SHIFTS[basemap.datum]).add_to(group)
    return group


def map_panel(scene: Scene, drawn: Overlays, basemap: Basemap, tile_key: str) -> dict:
    """Draw the map of ``scene`` (its overlays ``drawn``) on ``basemap``; the map's answer
    (click payload, centre, zoom, bounds: see :mod:`ui.selection`)."""
    fly = take_fly_to()
    fmap = base_map(
        scene,
        drawn.errors,
        basemap=basemap,
        tile_key=tile_key,
        start=map_start(),
        guard_wheel=not scene.view.present,
        legend=False,  # presentation mode shows the legend of the visible kinds beside it
        texts=False,  # sent with the overlays: a language switch keeps the base map
    )
    return (
        st_folium(
            fmap,
            key="map",
            height=PRESENTATION_HEIGHT if scene.view.present else MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=[
                *drawn.groups,
                map_texts(scene, basemap),
                focus_group(scene, basemap),
            ],
            returned_objects=RETURNED,
            center=fly[:2] if fly else None,
            zoom=fly[2] if fly else None,
        )
        or {}
    )


def legend_panel(scene: Scene, drawn: Overlays) -> None:
    """The legend of the visible layers beside the map, with any drawing failure."""
    st.markdown(f"**{t('legend', scene.lang)}**")
    st.markdown(legend_markup(scene, drawn.errors), unsafe_allow_html=True)
