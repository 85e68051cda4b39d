"""The comparison tab: one plan target across cities, and every target of each plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.csv_safe import csv_bytes
from geo.gazetteer import Gazetteer
from geo.indicators import comparison, comparison_gaps, key_years, shared_keys
from geo.texts import column, t


def _key_label(gz: Gazetteer, key: str, lang: str) -> str:
    row = gz.indicator_keys.loc[key]
    plans = gz.indicators.loc[gz.indicators["indicator_key"] == key, "plan_id"].nunique()
    return t("compare_key", lang, name=row[column("key", lang)], n=plans)


def _plans(gz: Gazetteer, plan_ids, lang: str) -> str:
    """Plan ids with the name of their area: ``000 Kaiping City, 003 Zhongshan``."""
    names = gz.areas[column("name", lang)]
    return t("report_list_separator", lang).join(
        f"{p} {names[gz.plans.at[p, 'area_id']]}" for p in plan_ids
    )


def gaps_note(gz: Gazetteer, key: str, lang: str) -> str:
    """Which plans the chart of ``key`` shows, and why each other plan has no bar."""
    years = key_years(gz, key)
    gaps = comparison_gaps(gz, key)
    shown = sorted(p for p in comparison(gz, key)["plan_id"] if p not in gaps["words"])
    parts = [t("compare_shown", lang, year=years[-1], plans=_plans(gz, shown, lang))]
    for reason in ("unset", "other_year", "words"):
        if gaps[reason]:
            plans = _plans(gz, gaps[reason], lang)
            parts.append(t(f"compare_{reason}", lang, year=years[-1], plans=plans))
    return t("sentence_gap", lang).join(parts)


def compare_panel(gz: Gazetteer, lang: str) -> None:
    """Chart and table of a shared target, downloads, and each plan's full target table."""
    import altair as alt  # charts only when this tab is open

    from layers.charts import comparison_png

    keys = shared_keys(gz)
    key = st.selectbox(
        t("compare_pick", lang), keys, key="c_key", format_func=lambda k: _key_label(gz, k, lang)
    )
    table = comparison(gz, key)
    city = column("area", lang)
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "city": table[city],
                    "kind": t("baseline", lang),
                    "year": table["baseline_year"],
                    "value": table["baseline"],
                }
            ),
            pd.DataFrame(
                {
                    "city": table[city],
                    "kind": t("target", lang),
                    "year": table["target_year"],
                    "value": table["target"],
                }
            ),
        ]
    ).dropna(subset=["value"])
    unit = table["unit"].iloc[0] if len(table) else ""
    st.markdown(f"**{t('compare_chart', lang)}** · {unit}")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("city:N", title=None),
            xOffset="kind:N",
            y=alt.Y("value:Q", title=unit),
            color=alt.Color("kind:N", title=None),
            tooltip=["city", "kind", "year", "value"],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(gaps_note(gz, key, lang))
    shown = pd.DataFrame(
        {
            t("city", lang): table[city],
            t("baseline", lang): table["baseline_year"].astype("Int64").astype(str)
            + ": "
            + table["baseline_text"],
            t("target", lang): table["target_year"].astype("Int64").astype(str)
            + ": "
            + table["target_text"],
            t("growth", lang): [
                f"{g:.1f}" if pd.notna(g) else c
                for g, c in zip(table["growth_pct"], table["change_text"], strict=True)
            ],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    labels = {"baseline": t("baseline", lang), "target": t("target", lang)}
    title = _key_label(gz, key, lang)
    cols = st.columns(2)
    cols[0].download_button(
        t("download_csv", lang),
        csv_bytes(table),
        file_name=f"compare-{key}.csv",
        mime="text/csv",
        key="c_csv",
    )
    cols[1].download_button(
        t("download_png", lang),
        lambda: comparison_png(table, title, labels, lang),
        file_name=f"compare-{key}.png",
        mime="image/png",
        key="c_png",
    )
    st.divider()
    st.markdown(f"**{t('compare_table', lang)}**")
    plan = st.selectbox(
        t("plan", lang),
        list(gz.plans.index),
        key="c_plan",
        format_func=lambda p: gz.plans.at[p, column("title", lang)],
    )
    rows = gz.indicators[gz.indicators["plan_id"] == plan]
    name = column("indicator", lang)
    st.dataframe(
        rows[["seq", name, "unit", "year", "value_kind", "value_text", "change_text"]].rename(
            columns={"value_text": t("as_printed", lang)}
        ),
        hide_index=True,
        width="stretch",
    )
