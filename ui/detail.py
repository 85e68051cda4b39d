"""The detail card beside the map: a place, a strategy, a link or a project, with every
citation and buttons that open related objects. Every text comes from the catalogue in the
view's language (a place's precision: its name *and* meaning in that language)."""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.gazetteer import Gazetteer, per_gazetteer
from geo.select import links_of, structures_of
from geo.texts import (
    KINDS,
    LINK_KINDS,
    PRECISIONS,
    STATUSES,
    TIERS,
    column,
    industry,
    named,
    other_lang,
    t,
)
from ui.cards import Html, citation_html, location_source_html, original
from ui.selection import select
from ui.session import update_view
from ui.upload_panel import user_card
from viewmodel.view import FeatureRef, ObjectRef, View

CARD_HEIGHT = 470
"""Pixel height of the card beside the map (it scrolls inside), leaving the legend's top in
view below it."""


@per_gazetteer
def area_names(gz: Gazetteer, lang: str) -> dict[str, str]:
    """Chinese name of each city and county -> its name in ``lang`` (places name their city
    and county in Chinese)."""
    return dict(zip(gz.areas["name_zh"], gz.areas[column("name", lang)], strict=True))


def _ref_name(gz: Gazetteer, ref: str, lang: str) -> str:
    table = gz.places if ref in gz.places.index else gz.areas
    return table.at[ref, column("name", lang)]


def _plan_title(gz: Gazetteer, plan_id: str, lang: str) -> str:
    return gz.plans.at[plan_id, column("title", lang)]


def _labels(lang: str) -> dict:
    colon = t("colon", lang)
    return {
        "section": t("section", lang) + colon,
        "named_as": t("named_as", lang) + colon,
        "role": t("role", lang) + colon,
    }


def _facts(facts: list[tuple[str, str]]) -> None:
    """A table of (label, value) rows; values are escaped unless they are :class:`Html`."""
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:12px;white-space:nowrap'>{escape(k)}</th>"
        f"<td>{v if isinstance(v, Html) else escape(str(v))}</td></tr>"
        for k, v in facts
    )
    st.markdown(f"<table class='gba-facts'>{rows}</table>", unsafe_allow_html=True)


def _row_citation(gz: Gazetteer, row, lang: str) -> None:
    """The quote of a structure or link row, with its plan and description."""
    html = citation_html(
        _plan_title(gz, row["plan_id"], lang), "", row["quote"], row["description"], _labels(lang)
    )
    st.markdown(html, unsafe_allow_html=True)


def _buttons(items: list[tuple[ObjectRef, str]], key: str) -> None:
    """One button per (reference, label) that opens it."""
    for i, (ref, label) in enumerate(items):
        st.button(label, key=f"{key}_{i}_{ref.id}", on_click=select, args=(ref,))


def location_source(gz: Gazetteer, place, lang: str) -> Html:
    """The source of a place's location — its plan, or the title and page of a published
    source — and the verbatim text that gives it."""
    source = place["location_source"]
    if not source:
        return Html(escape(t("location_source_none", lang)))
    if source in gz.plans.index:
        return location_source_html(_plan_title(gz, source, lang), "", place["location_quote"])
    title, _, url = (part.strip() for part in source.partition("|"))
    return location_source_html(title, url, place["location_quote"])


def place_card(gz: Gazetteer, place_id: str, lang: str) -> None:
    """Names, kind, tier, status, location, precision and the location's source, member
    towns of a zone, industries, every citation, and the strategies and links the place
    takes part in."""
    place = gz.places.loc[place_id]
    name, other = place[column("name", lang)], place[column("name", other_lang(lang))]
    st.subheader(name, anchor=False)
    precision = PRECISIONS[place["precision"]]
    areas = area_names(gz, lang)
    parts = (areas.get(place["city"]), areas.get(place["county"]), named(place["town"], lang, {}))
    location = " · ".join(p for p in parts if p)
    coordinates = t("coordinates", lang, lon=place["lon"], lat=place["lat"])
    separator = t("list_separator", lang)
    _facts(
        [
            (t("names", lang), f"{name} · {other}"),
            (t("aliases", lang), original(separator.join(place["aliases"]) or "—")),
            (t("kind", lang), KINDS[place["kind"]](lang)),
            (t("tier", lang), TIERS.get(place["tier"], TIERS[""])(lang)),
            (t("status", lang), STATUSES[place["status"]](lang)),
            (t("location", lang), f"{location}{coordinates}"),
            (t("precision", lang), f"{precision.name(lang)} — {precision.meaning(lang)}"),
            (t("location_source", lang), location_source(gz, place, lang)),
            (t("source", lang), named(place["geocode_source"], lang, areas)),
            *(
                [(t("member_towns", lang), named(separator.join(place["member_towns"]), lang, {}))]
                if place["member_towns"]
                else []
            ),
            (
                t("industries", lang),
                separator.join(industry(i)(lang) for i in place["industries"]) or "—",
            ),
        ]
    )
    if place_id in gz.zones.index:
        st.caption(t("zone_extent_note", lang))
    st.markdown(f"**{t('citations', lang)}**")
    mentions = gz.mentions[gz.mentions["place_id"] == place_id]
    st.markdown(
        "".join(
            citation_html(
                _plan_title(gz, m.plan_id, lang),
                m.section,
                m.quote,
                m.role,
                _labels(lang),
                m.named_as,
            )
            for m in mentions.itertuples()
        ),
        unsafe_allow_html=True,
    )
    structures = structures_of(gz, place_id)
    if len(structures):
        st.markdown(f"**{t('structures_of', lang)}**")
        names = structures[column("name", lang)]
        _buttons([(ObjectRef("structure", sid), names[sid]) for sid in structures.index], "ps")
    links = links_of(gz, place_id)
    if len(links):
        st.markdown(f"**{t('links_of', lang)}**")
        names = links[column("name", lang)]
        _buttons([(ObjectRef("link", lid), names[lid]) for lid in links.index], "pl")


def structure_card(gz: Gazetteer, structure_id: str, lang: str) -> None:
    """A named strategy: plan, quote, description and its members (clickable places)."""
    row = gz.structures.loc[structure_id]
    st.subheader(row[column("name", lang)], anchor=False)
    _row_citation(gz, row, lang)
    st.markdown(f"**{t('members', lang)}**")
    members = row["members"]
    places = [
        (ObjectRef("place", m), _ref_name(gz, m, lang)) for m in members if m in gz.places.index
    ]
    areas = [_ref_name(gz, m, lang) for m in members if m not in gz.places.index]
    if areas:
        st.markdown(escape(t("list_separator", lang).join(areas)))
    _buttons(places, "sm")


def link_card(gz: Gazetteer, link_id: str, lang: str) -> None:
    """A corridor or directed link: kind, ends, plan and quote."""
    row = gz.links.loc[link_id]
    st.subheader(row[column("name", lang)], anchor=False)
    ends = [row["from_id"], *row["via"], row["to_id"]]
    path = " → ".join(_ref_name(gz, ref, lang) for ref in ends)
    kind = LINK_KINDS[row["kind"]](lang)
    st.markdown(
        f"<div class='gba-meta'>{escape(kind)} · {escape(path)}</div>", unsafe_allow_html=True
    )
    if row["local"]:
        st.caption(t("local_link", lang))
    _row_citation(gz, row, lang)
    places = [
        (ObjectRef("place", ref), _ref_name(gz, ref, lang))
        for ref in ends
        if ref in gz.places.index
    ]
    if places:
        st.markdown(f"**{t('link_ends', lang)}**")
        _buttons(places, "le")


def project_card(gz: Gazetteer, project_id: str, lang: str) -> None:
    """A major project: years, investment, area, content and the place it builds."""
    row = gz.projects.loc[project_id]
    st.subheader(row[column("name", lang)], anchor=False)
    area = row["area_mu"]
    _facts(
        [
            (t("years", lang), row["years"]),
            (t("investment", lang), t("investment_value", lang, yi=row["investment_yi"])),
            (t("area_mu", lang), "—" if area != area else t("area_mu_value", lang, mu=area)),
            (t("content", lang), original(row["content"])),
        ]
    )
    st.caption(_plan_title(gz, row["plan_id"], lang))
    place = row["place_id"]
    st.markdown(f"**{t('builds', lang)}**")
    _buttons([(ObjectRef("place", place), _ref_name(gz, place, lang))], "pp")


CARDS = {
    "place": place_card,
    "structure": structure_card,
    "link": link_card,
    "project": project_card,
}
"""Kind of a gazetteer row -> its card."""


def card_panel(gz: Gazetteer, view: View) -> None:
    """The card of the view's selection (else of its strategy) with a button that closes
    it, or a hint to click the map."""
    selected, lang = view.selected, view.lang
    if selected is None and not view.strategy:
        st.caption(t("click_hint", lang))
        return
    with st.container(border=True, height=CARD_HEIGHT):
        if isinstance(selected, FeatureRef):
            if not user_card(selected, lang):  # the upload was removed
                update_view(lambda v: v.replace(selected=None))
        elif selected is not None:
            CARDS[selected.kind](gz, selected.id, lang)
        else:
            structure_card(gz, view.strategy, lang)
        st.button(t("clear_selection", lang), on_click=update_view, args=(View.cleared,))
