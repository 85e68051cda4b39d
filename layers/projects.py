"""Major projects as proportional circles: area ∝ investment (亿元)."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

from geo.palette import PROJECT_COLOR
from layers.datum import Shift, identity
from layers.places import point_columns

MIN_RADIUS, MAX_RADIUS = 5.0, 26.0


def project_radius(investment_yi: float, largest_yi: float) -> float:
    """Circle radius in pixels whose area is proportional to the investment."""
    if largest_yi <= 0:
        return MIN_RADIUS
    return max(MIN_RADIUS, MAX_RADIUS * math.sqrt(max(investment_yi, 0) / largest_yi))


def under_way(projects: gpd.GeoDataFrame, year: int | None) -> gpd.GeoDataFrame:
    """Projects being built in ``year`` (all of them when ``year`` is ``None``)."""
    if year is None:
        return projects
    return projects[(projects["start_year"] <= year) & (year <= projects["end_year"])]


def project_features(
    projects: gpd.GeoDataFrame, lang: str, selected: str = "", shift: Shift = identity
) -> dict:
    """Columns in the map script's marker format (see :func:`layers.places.place_features`),
    keyed ``project_id``, circles sized by investment, half transparent."""
    largest = float(projects["investment_yi"].max()) if len(projects) else 0.0
    lon, lat = shift(projects.geometry.x.to_numpy(), projects.geometry.y.to_numpy())
    styles = pd.DataFrame(
        {
            "c": PROJECT_COLOR,
            "s": "circle",
            "r": [round(project_radius(v, largest), 1) for v in projects["investment_yi"]],
            "k": False,
        }
    )
    ids = projects.index.tolist()
    data = point_columns(ids, lon, lat, styles, key="project_id")
    tips = []
    for _, row in projects.iterrows():
        name = row["name_zh"] if lang == "zh" else row["name_en"]
        money = (
            f"{row['investment_yi']:g} 亿元"
            if lang == "zh"
            else f"CNY {row['investment_yi'] / 10:g} bn"
        )
        tips.append(f"{name} · {money} · {row['years']}")
    data.update(t=tips, n=[], h=[i for i, pid in enumerate(ids) if pid == selected], o=0.55)
    return data
