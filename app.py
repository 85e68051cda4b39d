"""GBA Innovation Layout Map (粤港澳大湾区创新布局地图): the Streamlit app."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.formats import flat
from geo.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from geo.indicators import key_years, keys_by_coverage
from geo.layers_out import places_layer
from geo.schema import PLACE_KINDS, PRECISIONS, STATUSES
from geo.search import SearchIndex, search_texts
from geo.select import PlaceFilter, filter_places, industry_terms
from geo.tables import DEFAULT_DATA_DIR
from layers import registry
from layers.basemaps import BASEMAPS, BY_ID, DEFAULT_BASEMAP
from layers.compose import MapView, base_map, legend_markup, overlays, shown_places, standalone_html
from layers.legend import LEGEND_CSS
from layers.places import LABEL_MODES
from layers.style import kind_label
from layers.user import UserLayerView
from ui.cards import CARD_CSS
from ui.compare import compare_panel
from ui.detail import link_card, place_card, project_card, structure_card
from ui.export_panel import export_panel
from ui.i18n import LANGS, enum_label, t
from ui.state import ViewState, parse_query, to_query
from ui.timeline import timeline_panel
from ui.upload_panel import session_layers, upload_panel, user_card, user_views

MAP_HEIGHT = 640
SEARCH_ZOOM = 13
PRESENTATION_HEIGHT = 860
RETURNED = ["last_active_drawing", "last_object_clicked_count", "center", "zoom", "bounds"]
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
def search_index(data_dir: str) -> SearchIndex:
    """The search index of the gazetteer, built once per server process."""
    return SearchIndex.build(gazetteer(data_dir).places)


DATA_DIR = os.environ.get("GBA_DATA_DIR", str(DEFAULT_DATA_DIR))
try:
    GZ = gazetteer(DATA_DIR)
except GazetteerError as exc:
    st.error(f"{t('data_invalid', 'zh')}\n\n{t('data_invalid', 'en')}")
    st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.stop()

INDUSTRIES = industry_terms(GZ)
OPTIONS = {
    "lang": set(LANGS),
    "plans": set(GZ.plans.index),
    "cities": set(GZ.places["city"]),
    "kinds": set(PLACE_KINDS),
    "industries": set(INDUSTRIES),
    "statuses": set(STATUSES),
    "precisions": set(PRECISIONS),
    "layers": set(registry.BY_ID),
    "labels": set(LABEL_MODES),
    "basemap": {b.id for b in BASEMAPS},
    "place": set(GZ.places.index),
    "structure": set(GZ.structures.index),
    "link": set(GZ.links.index),
    "project": set(GZ.projects.index),
    "ind": set(GZ.indicator_keys.index),
}
DEFAULT_LAYERS = list(registry.DEFAULT_LAYERS)

# ---- the view: from the URL on a session's first run, from the widgets afterwards -------
if "view" not in st.session_state:
    first, ignored = parse_query(
        {k: st.query_params[k] for k in st.query_params}, OPTIONS, DEFAULT_LAYERS
    )
    st.session_state.view = first
    st.session_state.ignored = ignored
    st.session_state.initial = (first.lat, first.lng, first.zoom)
    st.session_state.clicks = 0
    for name in (
        "lang",
        "plans",
        "cities",
        "kinds",
        "industries",
        "statuses",
        "precisions",
        "layers",
        "labels",
        "basemap",
        "q",
        "present",
        "ind",
        "iyear",
        "year",
    ):
        st.session_state[f"w_{name}"] = getattr(first, name)
view: ViewState = st.session_state.view
INITIAL_VIEW = st.session_state.initial  # the map's own start view; later moves come from it


def select(kind: str, ref: str) -> None:
    """Select a place, structure, link or project (from a button or the map)."""
    clear_selection()
    setattr(view, kind, ref)


def clear_selection() -> None:
    """Forget the selected object."""
    view.place, view.structure, view.link, view.project = "", "", "", ""
    st.session_state.user_feature = ""


def select_user(ref: str) -> None:
    """Select the uploaded feature ``key:row``."""
    clear_selection()
    st.session_state.user_feature = ref


def user_hits(query: str, layers: dict[str, UserLayerView]) -> list[str]:
    """Uploaded features whose names match ``query``, as ``key:row`` refs."""
    refs = []
    for layer in layers.values():
        refs += [f"{layer.key}:{row}" for row in search_texts(list(layer.labels), query)]
    return refs


def user_point(ref: str, layers: dict[str, UserLayerView]) -> tuple[float, float] | None:
    """(lat, lon) of an uploaded feature's representative point, if it has a geometry."""
    key, _, row = ref.partition(":")
    layer = layers.get(key)
    geometry = layer.frame.geometry.iloc[int(row)] if layer is not None else None
    if geometry is None or geometry.is_empty:
        return None
    point = geometry.representative_point()
    return point.y, point.x


# ---- sidebar: language, search, filters, layers, labels, basemap, strategy --------------
with st.sidebar:
    lang = st.radio(
        t("language", "zh"),
        LANGS,
        key="w_lang",
        horizontal=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    query = st.text_input(t("search", lang), key="w_q", max_chars=100)
    with st.expander(t("my_data", lang), expanded=bool(session_layers())):
        upload_panel(GZ, lang)
    USER_LAYERS = {layer.key: layer for layer in user_views()}  # once per run
    hits = (
        [*search_index(DATA_DIR).search(query), *user_hits(query, USER_LAYERS)]
        if query.strip()
        else []
    )
    if query.strip() and not hits:
        st.info(t("search_no_hit", lang, q=query.strip()))
    elif hits:

        def _hit_label(ref: str) -> str:
            if ":" in ref:
                key, _, row = ref.partition(":")
                return f"{USER_LAYERS[key].label(int(row))} · {USER_LAYERS[key].title}"
            place = GZ.places.loc[ref]
            return f"{place['name_zh'] if lang == 'zh' else place['name_en']} · {place['city']}"

        chosen = st.radio(
            t("search_hits", lang, n=len(hits)), hits, format_func=_hit_label, key=f"w_hit_{query}"
        )
        if st.session_state.get("searched") != (query, chosen):
            st.session_state.searched = (query, chosen)
            if ":" in chosen:
                select_user(chosen)
                point = user_point(chosen, USER_LAYERS)
                if point:
                    st.session_state.fly_to = (*point, SEARCH_ZOOM)
            else:
                select("place", chosen)
                st.session_state.fly_to = (
                    GZ.places.at[chosen, "lat"],
                    GZ.places.at[chosen, "lon"],
                    SEARCH_ZOOM,
                )

    st.subheader(t("filters", lang), anchor=False)

    def plan_label(pid: str) -> str:
        """Plan id with its city (zh) or title (en)."""
        return f"{pid} {GZ.plans.at[pid, 'city' if lang == 'zh' else 'title_en'][:24]}"

    plans = st.multiselect(
        t("plan", lang),
        sorted(OPTIONS["plans"]),
        key="w_plans",
        placeholder=t("any", lang),
        format_func=plan_label,
    )
    cities = st.multiselect(
        t("city", lang), sorted(OPTIONS["cities"]), key="w_cities", placeholder=t("any", lang)
    )
    kinds = st.multiselect(
        t("kind", lang),
        list(PLACE_KINDS),
        key="w_kinds",
        placeholder=t("any", lang),
        format_func=lambda k: kind_label(k, lang),
    )
    industries = st.multiselect(
        t("industry", lang), INDUSTRIES, key="w_industries", placeholder=t("any", lang)
    )
    statuses = st.multiselect(
        t("status", lang),
        list(STATUSES),
        key="w_statuses",
        placeholder=t("any", lang),
        format_func=lambda s: enum_label("status", s, lang),
    )
    precisions = st.multiselect(
        t("precision", lang),
        list(PRECISIONS),
        key="w_precisions",
        placeholder=t("any", lang),
        format_func=lambda p: PRECISIONS[p][0 if lang == "zh" else 1],
    )

    st.subheader(t("layers", lang), anchor=False)
    layers = st.multiselect(
        t("layers", lang),
        [s.id for s in registry.LAYERS],
        key="w_layers",
        format_func=lambda i: registry.BY_ID[i].title(lang),
        label_visibility="collapsed",
    )
    labels = st.radio(
        t("labels", lang),
        LABEL_MODES,
        key="w_labels",
        horizontal=True,
        format_func=lambda m: t(f"labels_{m}", lang),
    )
    basemap_id = st.selectbox(
        t("basemap", lang),
        [b.id for b in BASEMAPS],
        key="w_basemap",
        format_func=lambda b: BY_ID[b].title(lang),
    )
    present = st.toggle(t("presentation", lang), key="w_present", help=t("presentation_help", lang))
    structure_ids = ["", *GZ.structures.index]
    chosen_structure = st.selectbox(
        t("structure", lang),
        structure_ids,
        index=structure_ids.index(view.structure) if view.structure in structure_ids else 0,
        format_func=lambda s: (
            t("none", lang)
            if not s
            else GZ.structures.at[s, "name_zh" if lang == "zh" else "name_en"]
        ),
    )
    if chosen_structure != view.structure:
        if chosen_structure:
            select("structure", chosen_structure)
        else:
            clear_selection()

    keys = ["", *keys_by_coverage(GZ)]
    indicator = st.selectbox(
        t("indicator", lang),
        keys,
        key="w_ind",
        format_func=lambda k: (
            t("none", lang)
            if not k
            else GZ.indicator_keys.at[k, "key_zh" if lang == "zh" else "key_en"]
        ),
    )
    indicator_year = 0
    if indicator:
        years = key_years(GZ, indicator)
        if st.session_state.get("w_iyear") not in years:
            st.session_state["w_iyear"] = years[-1]
        indicator_year = st.selectbox(t("indicator_year", lang), years, key="w_iyear")
    year_choices = [0, *range(2018, 2036)]
    if st.session_state.get("w_year") not in year_choices:
        st.session_state["w_year"] = 0
    year = st.select_slider(
        t("year_filter", lang),
        year_choices,
        key="w_year",
        format_func=lambda y: t("all_years", lang) if y == 0 else str(y),
    )

view.lang, view.q, view.labels, view.basemap = lang, query, labels, basemap_id
view.present, view.ind, view.iyear, view.year = present, indicator, indicator_year, year
view.plans, view.cities, view.kinds, view.industries = plans, cities, kinds, industries
view.statuses, view.precisions, view.layers = statuses, precisions, layers

# ---- messages about the URL and the basemap -------------------------------------------
for name, value in st.session_state.ignored:
    st.warning(t("unknown_param", lang, name=name, value=value))
basemap = BY_ID[basemap_id]
tianditu_key = os.environ.get("TIANDITU_KEY", "")
if basemap.needs_key and not tianditu_key:
    try:
        tianditu_key = st.secrets.get("TIANDITU_KEY", "")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        tianditu_key = ""
    if not tianditu_key:
        st.warning(t("tianditu_missing", lang))
        basemap = BY_ID[DEFAULT_BASEMAP]

# ---- what to draw ---------------------------------------------------------------------
criteria = PlaceFilter(
    tuple(plans), tuple(cities), tuple(kinds), tuple(industries), tuple(statuses), tuple(precisions)
)
MAP_VIEW = MapView(
    basemap=basemap,
    lang=lang,
    layers=list(layers),
    criteria=criteria,
    labels=labels,
    place=view.place,
    structure=view.structure,
    link=view.link,
    center=INITIAL_VIEW[:2],
    zoom=INITIAL_VIEW[2],
    tile_key=tianditu_key,
    indicator=indicator,
    indicator_year=indicator_year,
    year=year,
    project=view.project,
    user_layers=tuple(USER_LAYERS.values()),
    user_feature=st.session_state.get("user_feature", ""),
)
TITLE = (t("title", lang), t("subtitle", lang))
shown = shown_places(GZ, MAP_VIEW)
filtered = filter_places(GZ, criteria)


def standalone() -> bytes:
    """The current map as one offline HTML file (runs when the download is clicked)."""
    return standalone_html(GZ, MAP_VIEW, TITLE)


# ---- page -------------------------------------------------------------------------------
st.markdown(f"<style>{LEGEND_CSS}</style>{CARD_CSS}", unsafe_allow_html=True)
if present:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    fly = st.session_state.pop("fly_to", None)
    st_folium(
        base_map(GZ, MAP_VIEW, TITLE),
        key="map",
        height=PRESENTATION_HEIGHT,
        use_container_width=True,
        feature_group_to_add=overlays(GZ, MAP_VIEW),
        returned_objects=["center", "zoom", "bounds"],
        center=(fly[0], fly[1]) if fly else None,
        zoom=fly[2] if fly else None,
    )
    st.button(
        t("presentation_exit", lang), on_click=lambda: st.session_state.update(w_present=False)
    )
    st.query_params.from_dict(to_query(view, DEFAULT_LAYERS))
    st.stop()
st.title(t("title", lang), anchor=False)
st.caption(t("subtitle", lang))
if basemap.datum == "GCJ-02":
    st.warning(t("gcj_badge", lang))
elif not basemap.offline:
    st.caption(t("online_basemap", lang))

map_tab, table_tab, compare_tab, timeline_tab, export_tab = st.tabs(
    [
        t("tab_map", lang),
        t("tab_table", lang),
        t("tab_compare", lang),
        t("tab_timeline", lang),
        t("tab_export", lang),
    ],
    key="tab",
    on_change="rerun",  # lazy: hidden tables and charts are neither built nor sent
)
with map_tab:
    map_col, legend_col = st.columns([4, 1])
    with map_col:
        st.caption(t("shown", lang, n=len(shown), total=len(GZ.places)))
        if shown.empty:
            st.info(t("empty_filter", lang))
        fly = st.session_state.pop("fly_to", None)
        result = st_folium(
            base_map(GZ, MAP_VIEW),
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=overlays(GZ, MAP_VIEW),
            returned_objects=RETURNED,
            center=(fly[0], fly[1]) if fly else None,
            zoom=fly[2] if fly else None,
        )
    with legend_col:
        st.markdown(f"**{t('legend', lang)}**")
        st.markdown(legend_markup(GZ, MAP_VIEW), unsafe_allow_html=True)

    result = result or {}
    clicks = result.get("last_object_clicked_count") or 0
    if clicks != st.session_state.clicks:
        st.session_state.clicks = clicks
        props = (result.get("last_active_drawing") or {}).get("properties") or {}
        if props.get("id") in GZ.places.index:
            select("place", props["id"])
        elif props.get("link_id") in GZ.links.index:
            select("link", props["link_id"])
        elif props.get("structure_id") in GZ.structures.index:
            select("structure", props["structure_id"])
        elif props.get("project_id") in GZ.projects.index:
            select("project", props["project_id"])
        elif isinstance(props.get("u"), str):
            select_user(props["u"])
        st.rerun()
    if result.get("center"):
        view.lat, view.lng = result["center"]["lat"], result["center"]["lng"]
        view.zoom = int(result.get("zoom") or view.zoom)
    if result.get("bounds"):
        st.session_state.bounds = result["bounds"]

    if MAP_VIEW.user_feature:
        with st.container(border=True):
            if not user_card(MAP_VIEW.user_feature, USER_LAYERS, lang):
                clear_selection()
            st.button(t("clear_selection", lang), on_click=clear_selection)
    elif view.place or view.structure or view.link or view.project:
        with st.container(border=True):
            if view.place:
                place_card(GZ, view.place, lang, select)
            elif view.structure:
                structure_card(GZ, view.structure, lang, select)
            elif view.link:
                link_card(GZ, view.link, lang, select)
            else:
                project_card(GZ, view.project, lang, select)
            st.button(t("clear_selection", lang), on_click=clear_selection)
    else:
        st.caption(t("click_hint", lang))

with compare_tab:
    if compare_tab.open:
        compare_panel(GZ, lang)

with timeline_tab:
    if timeline_tab.open:
        timeline_panel(GZ, lang, year)

with table_tab:
    if table_tab.open:
        table = flat(places_layer(GZ).set_index("place_id", drop=False).loc[filtered.index])
        table = table.drop(columns="geometry")
        st.caption(t("shown", lang, n=len(table), total=len(GZ.places)))
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            t("download_csv", lang),
            table.to_csv(index=False).encode("utf-8-sig"),
            file_name="gba-places.csv",
            mime="text/csv",
        )
        for entry in session_layers():
            st.subheader(t("user_heading", lang, name=entry.layer.name), anchor=False)
            st.dataframe(
                flat(entry.layer.frame.drop(columns=entry.layer.frame.geometry.name)),
                hide_index=True,
                width="stretch",
            )

with export_tab:
    export_panel(
        GZ,
        lang,
        criteria,
        layers,
        labels,
        view,
        st.session_state.get("bounds"),
        standalone,
        session_layers(),
        MAP_VIEW.user_layers,
    )

st.query_params.from_dict(to_query(view, DEFAULT_LAYERS))
