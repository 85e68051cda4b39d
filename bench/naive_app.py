"""The naive baseline: the same places and boundaries drawn the textbook folium way.

One ``folium.Marker`` with a popup and tooltip per place, the city and land polygons as
unsimplified GeoJSON, and ``st_folium(m)`` with its defaults (every object returned, the
whole map rebuilt on every rerun). Only the kind filter of the real app is offered, with
the same labels, so the benchmark can change it the same way. No tiles: like the app's
default view, it draws boundaries on a plain background (tile servers are unreachable).
"""

import os
import sys
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo import boundaries  # noqa: E402
from geo.schema import PLACE_KINDS  # noqa: E402
from geo.tables import DEFAULT_DATA_DIR  # noqa: E402
from geo.texts import KINDS  # noqa: E402

DATA_DIR = Path(os.environ.get("GBA_DATA_DIR", str(DEFAULT_DATA_DIR)))

st.set_page_config(page_title="naive baseline", layout="wide")
places = pd.read_csv(DATA_DIR / "places.csv", dtype=str, keep_default_na=False)
kinds = st.sidebar.multiselect(
    "类型", list(PLACE_KINDS), format_func=lambda k: KINDS[k]("zh"), placeholder="不限"
)
if kinds:
    places = places[places["kind"].isin(kinds)]

m = folium.Map(location=[23.25, 113.1], zoom_start=8, tiles=None)
land = boundaries.provinces().loc[list(boundaries.BASEMAP_PROVINCES)]
folium.GeoJson(land[["name_zh", "geometry"]].to_json(), name="land").add_to(m)
region = boundaries.cities()
region = region[region["province_adcode"].isin(boundaries.REGION_PROVINCE_ADCODES)]
folium.GeoJson(region[["name_zh", "geometry"]].to_json(), name="cities").add_to(m)
for row in places.itertuples():
    folium.Marker([float(row.lat), float(row.lon)], popup=row.name_zh, tooltip=row.name_zh).add_to(
        m
    )
st.caption(f"{len(places)} places")
st_folium(m, width=1100, height=640)
