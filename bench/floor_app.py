"""The floor: one marker in ``st_folium``, with the app's inlined Leaflet, and one radio
whose change reruns the page (the floor of a rerun); a last caption counts the runs.

What Streamlit, the component and Leaflet cost before any data is drawn.
"""

import sys
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.floor_ui import FLOOR_OPTIONS, FLOOR_RADIO, RUN_CAPTION  # noqa: E402
from layers.assets import offline_map  # noqa: E402

st.radio(FLOOR_RADIO, FLOOR_OPTIONS, horizontal=True)
m = offline_map("#dbe8f1", location=[23.25, 113.1], zoom_start=8)
folium.CircleMarker([22.5, 113.4], radius=6).add_to(m)
st_folium(m, height=640, returned_objects=[])
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.caption(f"{RUN_CAPTION} {st.session_state.runs}")  # last: it shows once the run is over
