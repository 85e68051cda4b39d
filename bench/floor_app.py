"""The floor: one marker in ``st_folium``, with the app's inlined Leaflet and nothing else.

What Streamlit, the component and Leaflet cost before any data is drawn.
"""

import sys
from pathlib import Path

import folium
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from layers.assets import offline_map  # noqa: E402

m = offline_map("#dbe8f1", location=[23.25, 113.1], zoom_start=8)
folium.CircleMarker([22.5, 113.4], radius=6).add_to(m)
st_folium(m, height=640, returned_objects=[])
