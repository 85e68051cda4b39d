"""The detail card under the map: a place, a structure or a link, with every citation and
buttons that select related objects."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import streamlit as st

from geo.gazetteer import Gazetteer
from geo.schema import LINK_KINDS, PRECISIONS
from geo.select import links_of, structures_of
from layers.style import kind_label
from ui.cards import citation_html
from ui.i18n import enum_label, t

Select = Callable[[str, str], None]
"""Callback ``select(kind, id)`` with kind ``place``, ``structure`` or ``link``."""


def _name(row, lang: str) -> str:
    return row["name_zh"] if lang == "zh" else row["name_en"]


def _ref_name(gz: Gazetteer, ref: str, lang: str) -> str:
    table = gz.places if ref in gz.places.index else gz.areas
    return _name(table.loc[ref], lang)


def _plan_title(gz: Gazetteer, plan_id: str, lang: str) -> str:
    return gz.plans.at[plan_id, "title_zh" if lang == "zh" else "title_en"]


def _labels(lang: str) -> dict:
    colon = "：" if lang == "zh" else ": "
    return {"section": t("section", lang) + colon, "role": t("role", lang) + colon}


def _row_citation(gz: Gazetteer, row, lang: str) -> None:
    """The quote of a structure or link row, with its plan and description."""
    html = citation_html(
        _plan_title(gz, row["plan_id"], lang), "", row["quote"], row["description"], _labels(lang)
    )
    st.markdown(html, unsafe_allow_html=True)


def _buttons(items: list[tuple[str, str, str]], select: Select, key: str) -> None:
    """One button per (kind, id, label) that selects that object."""
    for i, (kind, ref, label) in enumerate(items):
        st.button(label, key=f"{key}_{i}_{ref}", on_click=select, args=(kind, ref))


def place_card(gz: Gazetteer, place_id: str, lang: str, select: Select) -> None:
    """Names, kind, tier, status, location and precision, industries, every citation, and
    the structures and links the place takes part in."""
    place = gz.places.loc[place_id]
    other = place["name_en"] if lang == "zh" else place["name_zh"]
    st.subheader(_name(place, lang), anchor=False)
    precision = PRECISIONS[place["precision"]]
    location = " · ".join(p for p in (place["city"], place["county"], place["town"]) if p)
    facts = [
        (t("names", lang), other),
        (t("aliases", lang), "；".join(place["aliases"]) or "—"),
        (t("kind", lang), kind_label(place["kind"], lang)),
        (t("tier", lang), enum_label("tier", place["tier"], lang)),
        (t("status", lang), enum_label("status", place["status"], lang)),
        (t("location", lang), f"{location}（{place['lon']:.5f}, {place['lat']:.5f}）"),
        (
            t("precision", lang),
            f"{precision[0] if lang == 'zh' else precision[1]} — {precision[2]}",
        ),
        (t("source", lang), place["geocode_source"]),
        (t("industries", lang), "；".join(place["industries"]) or "—"),
    ]
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:12px'>{escape(k)}</th>"
        f"<td>{escape(str(v))}</td></tr>"
        for k, v in facts
    )
    st.markdown(f"<table class='gba-facts'>{rows}</table>", unsafe_allow_html=True)
    st.markdown(f"**{t('citations', lang)}**")
    mentions = gz.mentions[gz.mentions["place_id"] == place_id]
    st.markdown(
        "".join(
            citation_html(
                _plan_title(gz, m.plan_id, lang), m.section, m.quote, m.role, _labels(lang)
            )
            for m in mentions.itertuples()
        ),
        unsafe_allow_html=True,
    )
    structures = structures_of(gz, place_id)
    if len(structures):
        st.markdown(f"**{t('structures_of', lang)}**")
        _buttons(
            [("structure", sid, _name(row, lang)) for sid, row in structures.iterrows()],
            select,
            "ps",
        )
    links = links_of(gz, place_id)
    if len(links):
        st.markdown(f"**{t('links_of', lang)}**")
        _buttons([("link", lid, _name(row, lang)) for lid, row in links.iterrows()], select, "pl")


def structure_card(gz: Gazetteer, structure_id: str, lang: str, select: Select) -> None:
    """A named strategy: plan, quote, description and its members (clickable places)."""
    row = gz.structures.loc[structure_id]
    st.subheader(_name(row, lang), anchor=False)
    _row_citation(gz, row, lang)
    st.markdown(f"**{t('members', lang)}**")
    members = row["members"]
    places = [("place", m, _ref_name(gz, m, lang)) for m in members if m in gz.places.index]
    areas = [_ref_name(gz, m, lang) for m in members if m not in gz.places.index]
    if areas:
        st.markdown(escape("、".join(areas)))
    _buttons(places, select, "sm")


def link_card(gz: Gazetteer, link_id: str, lang: str, select: Select) -> None:
    """A corridor or directed link: kind, ends, plan and quote."""
    row = gz.links.loc[link_id]
    st.subheader(_name(row, lang), anchor=False)
    kind = LINK_KINDS[row["kind"]][0 if lang == "zh" else 1]
    ends = [row["from_id"], *row["via"], row["to_id"]]
    path = " → ".join(_ref_name(gz, ref, lang) for ref in ends)
    st.markdown(
        f"<div class='gba-meta'>{escape(kind)} · {escape(path)}</div>", unsafe_allow_html=True
    )
    _row_citation(gz, row, lang)
    places = [("place", ref, _ref_name(gz, ref, lang)) for ref in ends if ref in gz.places.index]
    if places:
        st.markdown(f"**{t('link_ends', lang)}**")
        _buttons(places, select, "le")


def project_card(gz: Gazetteer, project_id: str, lang: str, select: Select) -> None:
    """A major project: years, investment, area, content and the place it builds."""
    row = gz.projects.loc[project_id]
    st.subheader(_name(row, lang), anchor=False)
    facts = [
        (t("years", lang), row["years"]),
        (
            t("investment", lang),
            f"{row['investment_yi']:g} 亿元"
            if lang == "zh"
            else f"CNY {row['investment_yi']:g} × 100 million",
        ),
        (t("area_mu", lang), "—" if row["area_mu"] != row["area_mu"] else f"{row['area_mu']:g} 亩"),
        (t("content", lang), row["content"]),
    ]
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:12px'>{escape(k)}</th>"
        f"<td>{escape(str(v))}</td></tr>"
        for k, v in facts
    )
    st.markdown(f"<table class='gba-facts'>{rows}</table>", unsafe_allow_html=True)
    st.caption(_plan_title(gz, row["plan_id"], lang))
    place = row["place_id"]
    st.markdown(f"**{t('builds', lang)}**")
    _buttons([("place", place, _ref_name(gz, place, lang))], select, "pp")
