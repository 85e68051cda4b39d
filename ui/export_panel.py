"""The export tab: slide images, the offline HTML map and GIS files of the current view."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st

from geo.crs import CRSS, GCJ02
from geo.export import FORMATS, ExportError, export_to_bytes
from geo.formats import FormatError
from geo.gazetteer import Gazetteer
from geo.layers_out import ALL_LAYERS, LAYERS, Scope
from geo.select import PlaceFilter
from geo.upload.export import USER_FORMATS, export_user_layer
from layers.user import UserLayerView
from ui.i18n import t
from ui.state import ViewState
from ui.upload_panel import SessionLayer, plain

SIZES = ("1920x1080", "2560x1440", "A4", "A3")
MIME = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}


def _bbox(bounds: dict | None) -> tuple[float, float, float, float] | None:
    if not bounds or not bounds.get("_southWest"):
        return None
    sw, ne = bounds["_southWest"], bounds["_northEast"]
    return (sw["lng"], sw["lat"], ne["lng"], ne["lat"])


def _print_section(
    gz: Gazetteer,
    lang: str,
    criteria: PlaceFilter,
    layers: list[str],
    labels: str,
    view: ViewState,
    bounds: dict | None,
    user_layers: tuple[UserLayerView, ...],
) -> None:
    st.subheader(t("print_heading", lang), anchor=False)
    cols = st.columns(4)
    fmt = cols[0].selectbox(t("print_format", lang), ("png", "pdf", "svg"), key="p_fmt")
    size = cols[1].selectbox(t("print_size", lang), SIZES, key="p_size")
    scale = cols[2].selectbox(t("print_scale", lang), (2, 3, 1), key="p_scale")
    label_lang = cols[3].selectbox(
        t("print_lang", lang),
        ("zh", "en", "both"),
        index=("zh", "en", "both").index(lang),
        key="p_lang",
        format_func=lambda m: t(f"labels_{m}", lang),
    )
    title = st.text_input(t("print_title", lang), key="p_title", max_chars=60)
    subtitle = st.text_input(t("print_subtitle", lang), key="p_subtitle", max_chars=100)
    inset = st.checkbox(t("print_inset", lang), value=True, key="p_inset")
    st.caption(t("print_extent", lang))
    if st.button(t("make_file", lang), key="p_make"):
        from layers.static_print import PrintError, PrintSpec, render_print  # matplotlib: 1 s

        spec = PrintSpec(
            title=title,
            subtitle=subtitle,
            lang=label_lang,
            size=size,
            scale=float(scale),
            layers=list(layers),
            criteria=criteria,
            bbox=_bbox(bounds),
            labels=labels != "off",
            inset=inset,
            structure=view.structure,
            date=date.today().isoformat(),
            indicator=view.ind,
            indicator_year=view.iyear,
            user_layers=list(user_layers),
        )
        with st.spinner("…"), tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"gba-layout.{fmt}"
            try:
                render_print(gz, spec, out)
                st.session_state.print_file = (out.name, out.read_bytes(), fmt)
            except PrintError as exc:
                st.error(str(exc))
    if "print_file" in st.session_state:
        name, data, kind = st.session_state.print_file
        st.download_button(t("download", lang, name=name), data, file_name=name, mime=MIME[kind])


def _html_section(lang: str, make_html: Callable[[], bytes]) -> None:
    st.subheader(t("html_heading", lang), anchor=False)
    st.caption(t("html_help", lang))
    st.download_button(
        t("download", lang, name="gba-layout-map.html"),
        make_html,
        file_name="gba-layout-map.html",
        mime="text/html",
        key="html_dl",
    )


def _gis_section(gz: Gazetteer, lang: str, criteria: PlaceFilter) -> None:
    st.subheader(t("gis_heading", lang), anchor=False)
    cols = st.columns(4)
    layer = cols[0].selectbox(t("gis_layer", lang), [ALL_LAYERS, *LAYERS], key="g_layer")
    fmt = cols[1].selectbox(
        t("gis_format", lang), FORMATS, index=FORMATS.index("gpkg"), key="g_fmt"
    )
    crs = cols[2].selectbox(
        t("gis_crs", lang), list(CRSS), key="g_crs", format_func=lambda c: f"{c} · {CRSS[c].title}"
    )
    scope_choice = cols[3].radio(
        t("gis_scope", lang),
        ("filter", "all"),
        key="g_scope",
        format_func=lambda s: t(f"gis_scope_{s}", lang),
    )
    if crs == GCJ02:
        st.caption(t("gis_gcj_note", lang))
    scope = Scope(criteria.plans, criteria.kinds) if scope_choice == "filter" else Scope()
    if st.button(t("make_file", lang), key="g_make"):
        try:
            st.session_state.gis_file = export_to_bytes(gz, layer, fmt, crs, scope)
        except ExportError as exc:
            st.session_state.pop("gis_file", None)
            st.error(str(exc))
    if "gis_file" in st.session_state:
        name, data, warnings = st.session_state.gis_file
        for warning in warnings:
            st.warning(warning)
        st.download_button(
            t("download", lang, name=name), data, file_name=name, mime="application/zip", key="g_dl"
        )


def _user_section(uploads: list[SessionLayer], lang: str) -> None:
    st.subheader(t("user_export_heading", lang), anchor=False)
    st.caption(t("user_export_help", lang))
    cols = st.columns(3)
    keys = [entry.key for entry in uploads]
    names = {entry.key: entry.layer.name for entry in uploads}
    key = cols[0].selectbox(t("gis_layer", lang), keys, key="u_layer", format_func=names.get)
    fmt = cols[1].selectbox(t("gis_format", lang), USER_FORMATS, key="u_fmt")
    crs = cols[2].selectbox(
        t("gis_crs", lang), list(CRSS), key="u_crs", format_func=lambda c: f"{c} · {CRSS[c].title}"
    )
    entry = next(e for e in uploads if e.key == key)
    try:
        name, data = export_user_layer(entry.layer, fmt, crs)
    except FormatError as exc:
        st.error(plain(str(exc)))
        return
    st.download_button(t("download", lang, name=name), data, file_name=name, key="u_dl")


def export_panel(
    gz: Gazetteer,
    lang: str,
    criteria: PlaceFilter,
    layers: list[str],
    labels: str,
    view: ViewState,
    bounds: dict | None,
    make_html: Callable[[], bytes],
    uploads: list[SessionLayer],
    user_layers: tuple[UserLayerView, ...],
) -> None:
    """Slide images, offline HTML and GIS downloads of what the map shows, and the
    user's uploaded layers."""
    _print_section(gz, lang, criteria, layers, labels, view, bounds, user_layers)
    st.divider()
    _html_section(lang, make_html)
    st.divider()
    _gis_section(gz, lang, criteria)
    if uploads:
        st.divider()
        _user_section(uploads, lang)
