"""Major projects as proportional circles: area ∝ investment (亿元)."""

from __future__ import annotations

import math

import geopandas as gpd

from layers.datum import Shift, identity

PROJECT_COLOR = "#ca6f1e"
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
    """FeatureCollection in the map script's marker format, sized by investment."""
    largest = float(projects["investment_yi"].max()) if len(projects) else 0.0
    lon, lat = shift(projects.geometry.x.to_numpy(), projects.geometry.y.to_numpy())
    features = []
    for (pid, row), x, y in zip(projects.iterrows(), lon, lat, strict=True):
        name = row["name_zh"] if lang == "zh" else row["name_en"]
        money = (
            f"{row['investment_yi']:g} 亿元"
            if lang == "zh"
            else f"CNY {row['investment_yi'] / 10:g} bn"
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(x), 5), round(float(y), 5)],
                },
                "properties": {
                    "project_id": pid,
                    "c": PROJECT_COLOR,
                    "s": "circle",
                    "r": round(project_radius(row["investment_yi"], largest), 1),
                    "k": False,
                    "t": f"{name} · {money} · {row['years']}",
                    "n": "",
                    "h": pid == selected,
                    "o": 0.55,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
