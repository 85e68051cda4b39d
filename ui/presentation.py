"""Presentation mode for a meeting: the map with an editable title and subtitle, buttons
that take the map to each city, plan and strategy or fit the current filter or selection,
the legend of what the map shows, a link to copy and the slide of the current view."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from geo import boundaries
from geo.texts import column, t
from layers.grouping import project
from layers.legend import legend_html
from ui.export_panel import title_inputs
from ui.selection import fly_to
from ui.session import update_view
from viewmodel.framing import data_bounds
from viewmodel.legend import legend_in_frame
from viewmodel.scene import Scene, scene
from viewmodel.url import to_query
from viewmodel.view import View

MAP_PX = (1400, 860)
"""Pixel size of the presentation map the “go to” buttons fit their extent into."""


def fit_zoom(bounds, width: float = MAP_PX[0], height: float = MAP_PX[1]) -> float:
    """The largest half-step web-map zoom at which ``bounds`` fits ``width`` × ``height``."""
    x0, y1 = project(bounds[0], bounds[1], 0)
    x1, y0 = project(bounds[2], bounds[3], 0)
    zoom = min(math.log2(width / max(x1 - x0, 1e-9)), math.log2(height / max(y1 - y0, 1e-9)))
    return max(3.0, min(18.0, math.floor(zoom * 2) / 2))


def go_to(bounds) -> None:
    """Move the map to show ``bounds`` (min lon, min lat, max lon, max lat)."""
    if bounds is not None:
        centre = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
        fly_to(*centre, fit_zoom(bounds))


def _fit(gz, layers, change: Callable[[View], View]) -> Callable[[View], View]:
    """A view change that also moves the map to the data the changed view frames."""

    def apply(view: View) -> View:
        after = change(view)
        go_to(data_bounds(scene(gz, layers, after)))
        return after

    return apply


def _city_bounds(name: str):
    cities = boundaries.region_cities()
    rows = cities[cities["name_zh"] == name]
    return tuple(rows.total_bounds) if len(rows) else None


def _picked(col, label: str, options, key: str, lang: str) -> str | None:
    """A “go to” box: the option just picked in it, once (a rerun with the same pick, or the
    placeholder, gives ``None``). ``options`` are ids, or a dict id -> display name."""
    pick = t("present_pick", lang)
    names = options if isinstance(options, dict) else {}
    choice = col.selectbox(
        label, [pick, *options], format_func=lambda o: names.get(o, o), key=f"{key}.{lang}"
    )
    if choice == pick or st.session_state.get(f"{key}_done") == choice:
        return None
    st.session_state[f"{key}_done"] = choice
    return choice


def _goto_row(drawn: Scene) -> None:
    gz, view, lang = drawn.gz, drawn.view, drawn.lang
    layers = drawn.user_layers
    cols = st.columns(5)
    cities = sorted(c for c in set(gz.places["city"]) if _city_bounds(c) is not None)
    if city := _picked(cols[0], t("present_goto_city", lang), cities, "p_city", lang):
        go_to(_city_bounds(city))
    plans = {p: gz.plans.at[p, column("title", lang)] for p in gz.plans.index}
    if plan := _picked(cols[1], t("present_goto_plan", lang), plans, "p_plan", lang):
        update_view(_fit(gz, layers, lambda v: v.with_filters(plans=(plan,))))
        st.rerun()
    names = {s: gz.structures.at[s, column("name", lang)] for s in gz.structures.index}
    if strategy := _picked(cols[2], t("present_goto_strategy", lang), names, "p_strategy", lang):
        update_view(_fit(gz, layers, lambda v: v.replace(strategy=strategy, selected=None)))
        st.rerun()
    cols[3].button(
        t("present_fit_filter", lang),
        on_click=lambda: go_to(
            data_bounds(scene(gz, layers, view.replace(strategy="", selected=None)))
        ),
    )
    cols[4].button(
        t("present_fit_selection", lang),
        on_click=lambda: go_to(data_bounds(drawn)),
        disabled=not (view.strategy or view.selected_object("place")),
    )


def visible_legend(drawn: Scene) -> str:
    """The legend rows of what the map's extent shows (all of the scene's before the map
    has reported its extent)."""
    groups = legend_in_frame(
        drawn.legend, drawn.places, set(drawn.links["kind"]), drawn.view.bounds
    )
    return legend_html(groups, None, drawn.lang)


def _slide(drawn: Scene) -> None:
    lang = drawn.lang
    theme = st.radio(
        t("present_theme", lang),
        ("light", "dark"),
        horizontal=True,
        key=f"p_theme.{lang}",
        format_func=lambda name: t(f"theme_{name}", lang),
    )
    if st.button(t("present_slide", lang), key="p_slide"):
        from layers.printing.furniture import PrintError  # matplotlib: only to print
        from layers.printing.render import PrintOptions, render_print

        labels = drawn.view.labels if drawn.view.labels != "off" else lang
        shown = replace(drawn, view=drawn.view.replace(labels=labels))
        options = PrintOptions("1920x1080", 1.0, True, date.today().isoformat(), theme)
        with st.spinner("…"), tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "gba-slide.png"
            try:
                render_print(shown, options, out)
                st.session_state.slide_file = out.read_bytes()
            except PrintError as exc:
                st.error(str(exc))
    if "slide_file" in st.session_state:
        st.download_button(
            t("download", lang, name="gba-slide.png"),
            st.session_state.slide_file,
            file_name="gba-slide.png",
            mime="image/png",
            key="p_slide_dl",
        )


def presentation_page(drawn: Scene, show_map: Callable[[], View]) -> View:
    """The presentation page of ``drawn``; the view after the map's answer."""
    view, lang = drawn.view, drawn.lang
    title_cols = st.columns(2)
    with title_cols[0]:
        title_inputs(lang, view.title, view.subtitle)
    with title_cols[1]:
        st.caption(t("present_link", lang))
        base = getattr(st.context, "url", "") or ""
        st.code(f"{base.split('?')[0]}?{urlencode(to_query(view))}", language=None)
    _goto_row(drawn)
    map_col, side = st.columns([5, 1])
    with map_col:
        after = show_map()
    with side:
        st.markdown(f"**{t('legend', lang)}**")
        st.markdown(visible_legend(drawn), unsafe_allow_html=True)
        _slide(drawn)
        st.button(
            t("presentation_exit", lang),
            on_click=update_view,
            args=(lambda v: v.replace(present=False),),
        )
    return after
