"""The export tab: slide images, the offline HTML map and GIS files of the current scene,
and the user's uploaded layers. “Current filter” exports exactly the rows the map shows."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import streamlit as st

from geo.crs import CRSS, GCJ02
from geo.export import FORMATS, ExportError, export_to_bytes
from geo.formats import FormatError
from geo.texts import LABEL_MODES, t
from geo.upload.export import USER_FORMATS, export_user_layer
from ui.session import bind, on_change
from ui.upload_panel import plain
from viewmodel.scene import Scene

SIZES = ("1920x1080", "2560x1440", "A4", "A3")
MIME = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}


def title_inputs(view_lang: str, title: str, subtitle: str) -> None:
    """Title and subtitle of prints and presentation mode, bound to the view."""
    st.text_input(
        t("print_title", view_lang),
        max_chars=60,
        **on_change(bind("title", title, view_lang), lambda v, value: v.replace(title=value)),
    )
    st.text_input(
        t("print_subtitle", view_lang),
        max_chars=100,
        **on_change(
            bind("subtitle", subtitle, view_lang), lambda v, value: v.replace(subtitle=value)
        ),
    )


def _print_section(scene: Scene) -> None:
    view, lang = scene.view, scene.lang
    st.subheader(t("print_heading", lang), anchor=False)
    cols = st.columns(4)
    fmt = cols[0].selectbox(t("print_format", lang), ("png", "pdf", "svg"), key="p_fmt")
    size = cols[1].selectbox(t("print_size", lang), SIZES, key="p_size")
    scale = cols[2].selectbox(t("print_scale", lang), (2, 3, 1), key="p_scale")
    modes = list(LABEL_MODES)
    labels = cols[3].selectbox(
        t("print_label_lang", lang),
        modes,
        index=modes.index(view.labels if view.labels != "off" else lang),
        key=f"p_labels.{lang}",
        format_func=lambda m: LABEL_MODES[m](lang),
    )
    title_inputs(lang, view.title, view.subtitle)
    inset = st.checkbox(t("print_inset", lang), value=True, key="p_inset")
    st.caption(t("print_extent", lang))
    if st.button(t("make_file", lang), key="p_make"):
        from layers.printing.furniture import PrintError  # matplotlib: 1 s, only to print
        from layers.printing.render import PrintOptions, render_print

        printed_scene = replace(scene, view=view.replace(labels=labels))
        options = PrintOptions(size, float(scale), inset, date.today().isoformat())
        with st.spinner("…"), tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"gba-layout.{fmt}"
            try:
                printed = render_print(printed_scene, options, out)
                st.session_state.print_file = (out.name, out.read_bytes(), fmt, printed)
            except PrintError as exc:
                st.error(str(exc))
    if "print_file" in st.session_state:
        name, data, kind, printed = st.session_state.print_file
        drawn = t("print_drawn", lang, n=len(printed.places), outside=len(printed.outside))
        st.caption(drawn)
        st.download_button(t("download", lang, name=name), data, file_name=name, mime=MIME[kind])


def _html_section(scene: Scene) -> None:
    from layers.compose import standalone_html

    lang = scene.lang
    st.subheader(t("html_heading", lang), anchor=False)
    st.caption(t("html_help", lang))
    st.download_button(
        t("download", lang, name="gba-layout-map.html"),
        lambda: standalone_html(scene),  # built when the button is clicked
        file_name="gba-layout-map.html",
        mime="text/html",
        key="html_dl",
    )


def _gis_section(scene: Scene) -> None:
    from geo.layers_out import ALL_LAYERS, LAYERS

    lang = scene.lang
    st.subheader(t("gis_heading", lang), anchor=False)
    cols = st.columns(4)
    layer = cols[0].selectbox(t("gis_layer", lang), [ALL_LAYERS, *LAYERS], key="g_layer")
    fmt = cols[1].selectbox(
        t("gis_format", lang), FORMATS, index=FORMATS.index("gpkg"), key="g_fmt"
    )
    crs = cols[2].selectbox(
        t("gis_crs", lang), list(CRSS), key="g_crs", format_func=lambda c: f"{c} · {CRSS[c].title}"
    )
    scope = cols[3].radio(
        t("gis_scope", lang),
        ("filter", "all"),
        key=f"g_scope.{lang}",
        format_func=lambda s: t(f"gis_scope_{s}", lang),
    )
    if crs == GCJ02:
        st.caption(t("gis_gcj_note", lang))
    if st.button(t("make_file", lang), key="g_make"):
        selection = scene.selection if scope == "filter" else None
        try:
            st.session_state.gis_file = export_to_bytes(scene.gz, layer, fmt, crs, selection)
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


def _user_section(scene: Scene) -> None:
    lang, layers = scene.lang, {layer.key: layer for layer in scene.user_layers}
    st.subheader(t("user_export_heading", lang), anchor=False)
    st.caption(t("user_export_help", lang))
    cols = st.columns(3)
    key = cols[0].selectbox(
        t("gis_layer", lang), list(layers), key="u_layer", format_func=lambda k: layers[k].name
    )
    fmt = cols[1].selectbox(t("gis_format", lang), USER_FORMATS, key="u_fmt")
    crs = cols[2].selectbox(
        t("gis_crs", lang), list(CRSS), key="u_crs", format_func=lambda c: f"{c} · {CRSS[c].title}"
    )
    try:
        name, data = export_user_layer(layers[key], fmt, crs)
    except FormatError as exc:
        st.error(plain(str(exc)))
        return
    st.download_button(t("download", lang, name=name), data, file_name=name, key="u_dl")


def export_panel(scene: Scene) -> None:
    """Slide images, offline HTML and GIS downloads of what the map shows, and the
    user's uploaded layers."""
    _print_section(scene)
    st.divider()
    _html_section(scene)
    st.divider()
    _gis_section(scene)
    if scene.user_layers:
        st.divider()
        _user_section(scene)
