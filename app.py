"""GBA Innovation Layout Map (粤港澳大湾区创新布局地图): the Streamlit page.

The page is View → scene → renderers: the sidebar, the URL and the map's clicks make the
session's :class:`~viewmodel.view.View`; :func:`viewmodel.scene.scene` says what it draws;
the map, legend, card, table and exports draw that scene.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import streamlit as st

from geo.csv_safe import csv_bytes
from geo.db.errors import DatabaseError
from geo.diskcache import cached, files_digest
from geo.formats import flat
from geo.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from geo.search import SearchIndex
from geo.tables import DEFAULT_DATA_DIR
from geo.texts import t
from layers.legend import LEGEND_CSS
from ui.cards import CARD_CSS
from ui.compare import compare_panel
from ui.detail import card_panel
from ui.export_panel import export_panel
from ui.map_panel import drawn_scene, legend_panel, map_panel
from ui.presentation import presentation_page
from ui.selection import apply_map_result
from ui.session import current_view, set_view, start_view
from ui.sidebar import sidebar
from ui.team import (
    Team,
    connect_team,
    local_time,
    set_active,
    team_gazetteer,
    team_overlays,
    view_extent,
)
from ui.timeline import timeline_panel
from ui.upload_panel import user_layers
from viewmodel.basemaps import BY_ID, DEFAULT_BASEMAP, Basemap
from viewmodel.scene import scene
from viewmodel.url import Options, from_query, ignored_messages, to_query
from viewmodel.view import View

PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container { padding: 0.5rem 0.5rem 0 0.5rem !important; max-width: 100% !important; }
</style>"""

st.set_page_config(
    page_title="粤港澳大湾区创新布局地图 · GBA Innovation Layout Map",
    page_icon="🗺️",
    layout="wide",
)


@st.cache_resource(show_spinner=False)
def gazetteer(data_dir: str) -> Gazetteer:
    """The validated gazetteer of ``data_dir``, loaded once per server process."""
    return load_gazetteer(Path(data_dir))


@st.cache_resource(show_spinner=False)
def search_index(source: str, _gz: Gazetteer) -> SearchIndex:
    """The search index of the gazetteer of ``source``, built once per server process;
    disk-cached when ``source`` is the data folder."""
    if source != DATA_DIR:  # a team database: no files to key the cache by
        return SearchIndex.build(_gz.places)
    return cached("search", files_digest([Path(source)]), lambda: SearchIndex.build(_gz.places))


@st.cache_resource(show_spinner=False)
def url_options(source: str, _gz: Gazetteer) -> Options:
    """The ids a link may name, from the gazetteer of ``source``."""
    return Options.of(_gz)


def first_view() -> View:
    """The view of the link the session was opened with; ignored values are kept to say so."""
    params = {name: st.query_params[name] for name in st.query_params}
    view, ignored = from_query(params, url_options(SOURCE, GZ))
    st.session_state.ignored = ignored
    return view


def tile_key(basemap_id: str) -> str:
    """The key of a basemap that needs one (Tianditu), from the environment or st.secrets."""
    if not BY_ID[basemap_id].needs_key:
        return ""
    try:
        return os.environ.get("TIANDITU_KEY", "") or st.secrets.get("TIANDITU_KEY", "")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return ""


DATA_DIR = os.environ.get("GBA_DATA_DIR", str(DEFAULT_DATA_DIR))
TEAM, SOURCE, GZ, LOADED = connect_team(), DATA_DIR, None, None
if TEAM.db is not None:  # team mode: the gazetteer as last loaded into the database
    try:
        SOURCE, GZ, LOADED = team_gazetteer(TEAM.db)
    except DatabaseError as exc:
        TEAM = Team(problem=exc)
set_active(TEAM)
try:
    GZ = gazetteer(DATA_DIR) if GZ is None else GZ
except GazetteerError as exc:
    st.error(f"{t('data_invalid', 'zh')}\n\n{t('data_invalid', 'en')}")
    st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.stop()

start_view(first_view)
view = sidebar(GZ, lambda: search_index(SOURCE, GZ))
lang, layers = view.lang, user_layers()

# ---- messages about the link and the basemap ----------------------------------------
for message in ignored_messages(st.session_state.ignored, lang):
    st.warning(message)
if TEAM.problem is not None:
    st.warning(t("team_offline", lang, reason=TEAM.problem.message(lang)))
basemap, key = BY_ID[view.basemap], tile_key(view.basemap)
if basemap.needs_key and not key:
    st.warning(t("tianditu_missing", lang))
    basemap = BY_ID[DEFAULT_BASEMAP]
SCENE, DRAWN = drawn_scene(GZ, layers, view, basemap)
TEAM_GROUPS, TEAM_NOTES = team_overlays(view, basemap)
TEAM_EXTENT = view_extent(view)  # where the team's layers were queried for

# ---- page ---------------------------------------------------------------------------
st.markdown(f"<style>{LEGEND_CSS}</style>{CARD_CSS}", unsafe_allow_html=True)


@st.fragment
def map_fragment(basemap: Basemap, key: str, team_groups: list) -> None:
    """The map (the same call in both modes). A pan or zoom reruns only this fragment: it
    keeps the map's extent in the view and the URL; a click, or a move while team layers are
    drawn (they are queried by extent), reruns the page.
    The scene and overlays come from the session's memo, the team's groups as copies
    (drawing a folium group changes it; a fragment rerun gets the same arguments)."""
    made, drawn = drawn_scene(GZ, layers, current_view(), basemap)
    drawn.groups.extend(copy.deepcopy(team_groups))
    result = map_panel(made, drawn, basemap, key)
    after, clicked = apply_map_result(result, current_view(), GZ, {x.key: x for x in layers})
    set_view(after)
    moved = team_groups and view_extent(after) != TEAM_EXTENT
    if clicked or moved:  # a pan or zoom asks the database again for the team's layers
        st.rerun()
    st.query_params.from_dict(to_query(after))


def show_map() -> View:
    """The map fragment; the view after the map's answer."""
    map_fragment(basemap, key, TEAM_GROUPS)
    return current_view()


@st.fragment
def show_exports() -> None:
    """The export tab; its own widgets rerun only this fragment. Its scene is made from
    the session's view when it runs, so a print takes the map's latest extent."""
    export_panel(scene(GZ, user_layers(), current_view()))
    st.query_params.from_dict(to_query(current_view()))


if view.present:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    view = presentation_page(SCENE, show_map)
    st.query_params.from_dict(to_query(view))
    st.stop()

st.title(t("title", lang), anchor=False)
st.caption(t("subtitle", lang))
if basemap.datum == "GCJ-02":
    st.warning(t("gcj_badge", lang))
elif not basemap.offline:
    st.caption(t("online_basemap", lang))

# The page's sections, by text key. A switcher keyed by these ids keeps its identity in every
# language (``st.tabs`` takes its labels into its identity, so a language switch would rebuild
# the tabs and the map's frame in them); only the open section is built and sent.
SECTIONS = ("tab_map", "tab_table", "tab_compare", "tab_timeline", "tab_export")
section = st.segmented_control(
    t("sections", lang),
    SECTIONS,
    format_func=lambda key: t(key, lang),
    key="tab",
    default=SECTIONS[0],
    required=True,
    label_visibility="collapsed",
)
if section == "tab_map":
    map_col, side_col = st.columns([3, 1.3])
    with map_col:
        st.caption(t("shown", lang, n=len(SCENE.places), total=len(GZ.places)))
        if SCENE.places.empty:
            st.info(t("empty_filter", lang))
        view = show_map()
    with side_col:  # the card beside the map, where the eye is, then the legend
        card_panel(GZ, view)
        legend_panel(SCENE, DRAWN)
        for note in TEAM_NOTES:
            st.caption(note)
        if LOADED is not None:
            st.caption(t("team_source", lang, time=local_time(LOADED)))
elif section == "tab_compare":
    compare_panel(GZ, lang)
elif section == "tab_timeline":
    timeline_panel(GZ, lang, view.filters.year)
elif section == "tab_table":
    table = SCENE.place_table()
    st.caption(t("shown", lang, n=len(table), total=len(GZ.places)))
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        t("download_csv", lang),
        csv_bytes(table),
        file_name="gba-places.csv",
        mime="text/csv",
    )
    for layer in layers:
        st.subheader(t("user_heading", lang, name=layer.name), anchor=False)
        frame = flat(layer.frame.drop(columns=layer.frame.geometry.name))
        st.dataframe(frame, hide_index=True, width="stretch")
else:
    show_exports()

st.query_params.from_dict(to_query(view))
