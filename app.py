"""GBA Innovation Layout Map (粤港澳大湾区创新布局地图): the Streamlit app."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from branca.element import Element
from streamlit_folium import st_folium

from geo.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from geo.tables import DEFAULT_DATA_DIR
from layers.assets import assert_offline, offline_map
from layers.basemap import SEA_CSS, basemap_layers
from layers.places import places_layer

# Initial view: the five plans' cities, from Qingyuan in the north to Taishan in the south.
REGION_CENTER = (23.25, 113.1)
REGION_ZOOM = 8

st.set_page_config(page_title="粤港澳大湾区创新布局地图 · GBA Innovation Layout Map", layout="wide")


@st.cache_resource(show_spinner=False)
def gazetteer(data_dir: str) -> Gazetteer:
    """The validated gazetteer of ``data_dir``, loaded once per server process."""
    return load_gazetteer(Path(data_dir))


def build_map(gz: Gazetteer, lang: str):
    """The offline map with basemap and all places."""
    fmap = offline_map(
        location=REGION_CENTER, zoom_start=REGION_ZOOM, prefer_canvas=True, control_scale=True
    )
    fmap.get_root().header.add_child(Element(SEA_CSS))
    for layer in basemap_layers():
        layer.add_to(fmap)
    places_layer(gz, gz.places, lang).add_to(fmap)
    assert_offline(fmap)
    return fmap


try:
    GZ = gazetteer(os.environ.get("GBA_DATA_DIR", str(DEFAULT_DATA_DIR)))
except GazetteerError as exc:
    st.error("数据校验未通过，应用无法启动 · The data did not validate; the app cannot start.")
    st.code(str(exc), language=None)
    st.stop()

st.title("粤港澳大湾区创新布局地图")
st.caption(
    f"GBA Innovation Layout Map · {len(GZ.places)} 处地点 places · {len(GZ.plans)} 部规划 plans"
)
st_folium(build_map(GZ, "zh"), height=680, use_container_width=True, returned_objects=[])
