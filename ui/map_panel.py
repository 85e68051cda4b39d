"""The map on the page — one call for the normal page and presentation mode — and the
legend beside it."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.texts import t
from layers.compose import Overlays, base_map, legend_markup
from ui.selection import RETURNED, take_fly_to
from ui.session import map_start
from viewmodel.basemaps import Basemap
from viewmodel.scene import Scene

MAP_HEIGHT = 640
PRESENTATION_HEIGHT = 860


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
        legend=False,  # presentation mode shows the legend of the visible kinds beside it
    )
    return (
        st_folium(
            fmap,
            key="map",
            height=PRESENTATION_HEIGHT if scene.view.present else MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=drawn.groups,
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
