"""The sidebar: language, search, “my data”, filters, layers, labels, basemap, presentation
mode, strategy, plan target and year — every widget bound to a field of the session's
:class:`~viewmodel.view.View` (see :mod:`ui.session`); :func:`sidebar` returns the view."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo import texts
from geo.gazetteer import Gazetteer
from geo.indicators import key_years, keys_by_coverage
from geo.schema import PLACE_KINDS, PRECISIONS, STATUSES
from geo.search import SearchIndex, search_texts
from geo.select import industry_terms, place_cities
from geo.texts import LABEL_MODES, LANGS, LANGUAGE_NAMES, Text, column, industry, t
from geo.upload.layer import UserLayer
from ui.detail import area_names
from ui.session import bind, current_view, on_change, set_view
from ui.team import team_panel
from ui.upload_panel import upload_panel, user_layers
from viewmodel import basemaps
from viewmodel.registry import LAYERS
from viewmodel.view import FeatureRef, ObjectRef, View, parse_ref, ref_text

YEARS = (0, *range(2018, 2036))
"""Choices of the year slider (0: every year)."""


def _filter(view: View, name: str, label: str, options, format_func) -> None:
    """A multiselect bound to one of the view's filters."""
    key = bind(name, list(getattr(view.filters, name)), view.lang)
    st.multiselect(
        t(label, view.lang),
        list(options),
        placeholder=t("any", view.lang),
        format_func=format_func,
        **on_change(key, lambda v, value: v.with_filters(**{name: tuple(value)})),
    )


def _filters(gz: Gazetteer, view: View) -> None:
    lang = view.lang
    st.subheader(t("filters", lang), anchor=False)
    city_names = area_names(gz, lang)
    for name, label, options, format_func in (
        ("plans", "plan", gz.plans.index, lambda p: _plan_label(gz, p, lang)),
        ("cities", "city", place_cities(gz), lambda c: city_names.get(c, c)),
        ("kinds", "kind", PLACE_KINDS, lambda k: texts.KINDS[k](lang)),
        ("industries", "industry", industry_terms(gz), lambda i: industry(i)(lang)),
        ("statuses", "status", STATUSES, lambda s: texts.STATUSES[s](lang)),
        ("precisions", "precision", PRECISIONS, lambda p: texts.PRECISIONS[p].name(lang)),
    ):
        _filter(view, name, label, options, format_func)


def _plan_label(gz: Gazetteer, plan_id: str, lang: str) -> str:
    """Plan id with its city (zh) or the start of its title (en)."""
    plan = gz.plans.loc[plan_id]
    return f"{plan_id} {Text(plan['city'], plan['title_en'])(lang)[:24]}"


def _hit_label(gz: Gazetteer, layers: dict[str, UserLayer], text: str, lang: str) -> str:
    ref = parse_ref(text)
    if isinstance(ref, FeatureRef):
        return f"{layers[ref.layer].label(ref.row)} · {layers[ref.layer].name}"
    place = gz.places.loc[ref.id]
    city = area_names(gz, lang).get(place["city"], place["city"])
    return f"{place[column('name', lang)]} · {city}"


def _open_hit(text: str) -> None:
    """Select a search hit (the map goes to it: see :mod:`ui.selection`)."""
    set_view(current_view().select(parse_ref(text)))


def _search(
    gz: Gazetteer, index: Callable[[], SearchIndex], view: View, layers: dict[str, UserLayer]
) -> View:
    """Hits of the search box: a new search opens its best hit, picking another opens that
    one; the map goes to what is opened."""
    lang, query = view.lang, view.query.strip()
    if not query:
        return view
    hits = [ref_text(ObjectRef("place", p)) for p in index().search(query)]
    for layer in layers.values():
        hits += [
            ref_text(FeatureRef(layer.key, r)) for r in search_texts(list(layer.labels), query)
        ]
    if not hits:
        st.info(t("search_no_hit", lang, q=query))
        return view
    if st.session_state.get("searched") != query:
        st.session_state.searched = query
        _open_hit(hits[0])
        view = current_view()
    chosen = ref_text(view.selected) if view.selected is not None else ""
    key = bind(f"hit.{query}", chosen if chosen in hits else hits[0], lang)
    st.radio(
        t("search_hits", lang, n=len(hits)),
        hits,
        key=key,
        format_func=lambda text: _hit_label(gz, layers, text, lang),
        on_change=lambda: _open_hit(st.session_state[key]),
    )
    return view


def _display(gz: Gazetteer, view: View) -> None:
    """Layers, labels, basemap and presentation mode."""
    lang = view.lang
    st.subheader(t("layers", lang), anchor=False)
    st.multiselect(
        t("layers", lang),
        [spec.id for spec in LAYERS],
        format_func=lambda i: next(s for s in LAYERS if s.id == i).title(lang),
        label_visibility="collapsed",
        **on_change(
            bind("layers", list(view.layers), lang),
            lambda v, value: v.replace(layers=tuple(s.id for s in LAYERS if s.id in value)),
        ),
    )
    st.radio(
        t("labels", lang),
        list(LABEL_MODES),
        horizontal=True,
        format_func=lambda m: LABEL_MODES[m](lang),
        **on_change(bind("labels", view.labels, lang), lambda v, value: v.replace(labels=value)),
    )
    st.selectbox(
        t("basemap", lang),
        [b.id for b in basemaps.BASEMAPS],
        format_func=lambda b: basemaps.BY_ID[b].title(lang),
        **on_change(bind("basemap", view.basemap, lang), lambda v, value: v.replace(basemap=value)),
    )
    st.toggle(
        t("presentation", lang),
        help=t("presentation_help", lang),
        **on_change(bind("present", view.present, lang), lambda v, value: v.replace(present=value)),
    )


def _strategy_and_targets(gz: Gazetteer, view: View) -> View:
    """Strategy, plan target (and its year) and the year slider."""
    lang = view.lang
    names = gz.structures[column("name", lang)]
    st.selectbox(
        t("structure", lang),
        ["", *gz.structures.index],
        format_func=lambda s: names[s] if s else t("none", lang),
        **on_change(
            bind("strategy", view.strategy, lang),
            lambda v, value: (
                v.select(ObjectRef("structure", value)) if value else v.replace(strategy="")
            ),
        ),
    )
    keys = gz.indicator_keys[column("key", lang)]
    st.selectbox(
        t("indicator", lang),
        ["", *keys_by_coverage(gz)],
        format_func=lambda k: keys[k] if k else t("none", lang),
        **on_change(
            bind("indicator", view.indicator, lang),
            lambda v, value: v.replace(
                indicator=value, indicator_year=key_years(gz, value)[-1] if value else 0
            ),
        ),
    )
    if view.indicator:
        years = key_years(gz, view.indicator)
        if view.indicator_year not in years:
            view = view.replace(indicator_year=years[-1])
            set_view(view)
        st.selectbox(
            t("indicator_year", lang),
            years,
            **on_change(
                bind("indicator_year", view.indicator_year, lang),
                lambda v, value: v.replace(indicator_year=value),
            ),
        )
    st.select_slider(
        t("year_filter", lang),
        sorted({*YEARS, view.filters.year}),
        format_func=lambda y: t("all_years", lang) if y == 0 else str(y),
        **on_change(
            bind("year", view.filters.year, lang), lambda v, value: v.with_filters(year=value)
        ),
    )
    return view


def sidebar(gz: Gazetteer, index: Callable[[], SearchIndex]) -> View:
    """Draw the sidebar; the session's view as it leaves it. ``index`` gives the search
    index, asked for only once something is searched (it is not needed to first paint)."""
    view = current_view()
    with st.sidebar:
        st.radio(
            t("language", "zh"),
            LANGS,
            horizontal=True,
            format_func=LANGUAGE_NAMES.get,
            **on_change(bind("lang", view.lang, "any"), lambda v, value: v.replace(lang=value)),
        )
        lang = view.lang
        st.text_input(
            t("search", lang),
            max_chars=100,
            **on_change(bind("query", view.query, lang), lambda v, value: v.replace(query=value)),
        )
        with st.expander(t("my_data", lang), expanded=bool(user_layers())):
            upload_panel(gz, lang)
        team_panel(lang)
        view = _search(gz, index, view, {layer.key: layer for layer in user_layers()})
        _filters(gz, view)
        _display(gz, view)
        view = _strategy_and_targets(gz, view)
    return current_view()
