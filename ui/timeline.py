"""The timeline tab: dated phases and milestones of places, and the major projects' years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.gazetteer import Gazetteer
from geo.texts import STATUSES, column, t

ROW_PX, LABEL_PX = 20, 300
"""Height of one row and the widest row label, in pixels."""


def timeline_rows(gz: Gazetteer, lang: str) -> pd.DataFrame:
    """One bar per dated phase or project: name, phase, start, end (exclusive) and kind."""
    name = column("name", lang)
    phases = gz.timeline.assign(
        name=gz.places.loc[gz.timeline["place_id"], name].to_numpy(),
        phase=gz.timeline[column("phase", lang)],
        kind=gz.timeline["status"],
    )
    projects = gz.projects.assign(
        name=gz.projects[name],
        phase=gz.projects["years"],
        kind="project",
    )
    rows = pd.concat(
        [
            phases[["name", "phase", "start_year", "end_year", "kind", "quote"]],
            pd.DataFrame(
                projects[["name", "phase", "start_year", "end_year", "kind", "content"]]
            ).rename(columns={"content": "quote"}),
        ]
    )
    rows["end"] = rows["end_year"] + 1
    rows["kind"] = rows["kind"].map(lambda k: STATUSES[k](lang))
    return rows.reset_index(drop=True)


def timeline_panel(gz: Gazetteer, lang: str, year: int) -> None:
    """A Gantt-style chart; the year chosen in the sidebar is marked."""
    import altair as alt  # only when this tab is open

    st.caption(t("timeline_help", lang))
    rows = timeline_rows(gz, lang)
    bars = (
        alt.Chart(rows)
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X(
                "start_year:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(format="d")
            ),
            x2="end:Q",
            y=alt.Y(
                "name:N",
                title=None,
                sort=alt.EncodingSortField("start_year"),
                # every row labelled: never thin out labels; long names are cut with “…”
                # at LABEL_PX and read whole in the bar's tooltip
                axis=alt.Axis(labelLimit=LABEL_PX, labelOverlap=False, labelFontSize=11),
            ),
            color=alt.Color("kind:N", title=None),
            tooltip=["name", "phase", "start_year", "end_year", "quote"],
        )
    )
    layers = [bars]
    if year:
        layers.append(
            alt.Chart(pd.DataFrame({"year": [year]})).mark_rule(color="#c0392b").encode(x="year:Q")
        )
    height = max(300, ROW_PX * rows["name"].nunique())
    st.altair_chart(alt.layer(*layers).properties(height=height), width="stretch")
